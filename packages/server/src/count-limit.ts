/**
 * Caps on how many of something may exist (a project's alert rules, a user's API tokens): each
 * keeps a list, and the work done over it on every pass or page, bounded. Creating one past its
 * cap throws CountLimitError, which the API answers as 409 `limit_reached` (api/domain-errors.ts).
 */
import { numberColumn } from './store/sql.js';
import type { Sql } from './store/sql.js';

export interface CountCap {
  /** What there are too many of, as a plural ("alert rules"). */
  what: string;
  /** Whose ("a project", "a user"). */
  owner: string;
  limit: number;
  /** Where they are counted: the rows of `table` whose `ownerColumn` is the owner's id. */
  table: string;
  ownerColumn: string;
}

export class CountLimitError extends Error {
  override readonly name = 'CountLimitError';
  constructor(readonly cap: CountCap) {
    super(`${cap.owner} may have at most ${cap.limit} ${cap.what}; delete one first`);
  }
}

/**
 * Throws CountLimitError when `ownerId` has `cap.limit` already. Run it in the transaction that
 * creates the next one. (Two creations at once on PostgreSQL can both pass it: a cap may be
 * overshot by the concurrent few, never by many.)
 */
export async function refuseOverCap(sql: Sql, cap: CountCap, ownerId: number): Promise<void> {
  const row = await sql.get(`SELECT count(*) AS n FROM ${cap.table} WHERE ${cap.ownerColumn} = ?`, [
    ownerId,
  ]);
  if (numberColumn(row!, 'n') >= cap.limit) throw new CountLimitError(cap);
}

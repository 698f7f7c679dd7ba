/**
 * Issue search: the terms parse.ts reads, as one SQL query written once for both dialects
 * (store/sql.ts), sorted and paged by a keyset cursor. User text reaches SQL only as bound
 * parameters; what is spliced into the statement comes from the fixed tables below.
 */
import { rowToIssue } from '../../store/issue-row.js';
import { numberColumn, placeholders } from '../../store/sql.js';
import type { Sql, SqlValue } from '../../store/sql.js';
import type { IssueRecord } from '../../store/types.js';
import { parseQuery, SearchError } from './parse.js';
import type { Comparison, Filter, IssueState, Term, ValuePattern } from './parse.js';

export { SearchError } from './parse.js';

export type IssueSort = 'last_seen' | 'first_seen' | 'events' | 'users';

export const ISSUE_SORTS: readonly IssueSort[] = ['last_seen', 'first_seen', 'events', 'users'];

export interface IssueSearch {
  /** The projects the caller may see: nothing outside them is ever returned. */
  projectIds: readonly number[];
  query: string;
  /** One of ISSUE_SORTS (default last_seen), as the client sent it: checked here. */
  sort?: string | undefined;
  /** A `nextCursor` from the previous page of the same search. */
  cursor?: string | undefined;
  /** 1 to 100, default 25. */
  limit?: number | undefined;
  /** Unix seconds that relative times (`age:-24h`) count back from; default the clock. */
  now?: number | undefined;
}

export interface IssuePage {
  issues: IssueRecord[];
  /** Present when there may be more: pass it back as `cursor`. */
  nextCursor: string | undefined;
}

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;

const SORT_COLUMNS: Record<IssueSort, string> = {
  last_seen: 'last_seen',
  first_seen: 'first_seen',
  events: 'times_seen',
  users: 'user_count',
};

const FIELD_COLUMNS = {
  events: 'issues.times_seen',
  users: 'issues.user_count',
  firstSeen: 'issues.first_seen',
  lastSeen: 'issues.last_seen',
} as const;

/** A piece of WHERE clause and the values its markers stand for. */
interface Condition {
  sql: string;
  params: SqlValue[];
}

export async function searchIssues(sql: Sql, search: IssueSearch): Promise<IssuePage> {
  const sort = sortOf(search.sort);
  const limit = limitOf(search.limit);
  const terms = parseQuery(search.query);
  const after = search.cursor === undefined ? undefined : decodeCursor(search.cursor, sort);
  if (search.projectIds.length === 0) return { issues: [], nextCursor: undefined };

  const now = search.now ?? Date.now() / 1000;
  const column = SORT_COLUMNS[sort];
  const sorted = `issues.${column}`;
  const conditions: Condition[] = [
    {
      sql: `issues.project_id IN (${placeholders(search.projectIds.length)})`,
      params: [...search.projectIds],
    },
    ...terms.map((term) => conditionOf(term, now)),
  ];
  if (after !== undefined) {
    // Keyset paging: rows strictly after the last one shown, in (sort value, id) order, so a deep
    // page costs what the first does. Sort values only grow, so an issue that gets events while
    // the client pages moves above the cursor: it is never shown twice (nor again in this walk).
    conditions.push({
      sql: `(${sorted} < ? OR (${sorted} = ? AND issues.id < ?))`,
      params: [after.value, after.value, after.id],
    });
  }
  const rows = await sql.all(
    `SELECT issues.* FROM issues
     WHERE ${conditions.map((c) => c.sql).join('\n       AND ')}
     ORDER BY ${sorted} DESC, issues.id DESC
     LIMIT ?`,
    [...conditions.flatMap((c) => c.params), limit + 1],
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    issues: page.map(rowToIssue),
    nextCursor:
      rows.length > limit && last !== undefined
        ? encodeCursor(sort, numberColumn(last, column), numberColumn(last, 'id'))
        : undefined,
  };
}

function sortOf(sort: string | undefined): IssueSort {
  if (sort === undefined) return 'last_seen';
  const known = ISSUE_SORTS.find((candidate) => candidate === sort);
  if (known === undefined) {
    throw new SearchError(`unknown sort (expected ${ISSUE_SORTS.join(', ')})`, undefined, 'sort');
  }
  return known;
}

function limitOf(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new SearchError(`limit must be an integer from 1 to ${MAX_LIMIT}`, undefined, 'limit');
  }
  return limit;
}

function conditionOf(term: Term, now: number): Condition {
  const condition = filterCondition(term.filter, now);
  return term.negated ? { sql: `NOT ${condition.sql}`, params: condition.params } : condition;
}

/** Always parenthesized, so NOT and AND apply to the whole of it. */
function filterCondition(filter: Filter, now: number): Condition {
  switch (filter.kind) {
    case 'text': {
      // value is nullable: without COALESCE, NOT of "no match" would be NULL and drop the issue.
      const columns = ['issues.title', 'issues.culprit', "COALESCE(issues.value, '')"];
      // Lowered here rather than by lower(?), as valueCondition explains.
      const pattern = `%${escapeLike(lowerAscii(filter.text))}%`;
      return {
        sql: `(${columns.map((c) => `lower(${c}) LIKE ? ESCAPE '\\'`).join(' OR ')})`,
        params: columns.map(() => pattern),
      };
    }
    case 'is':
      return anyOf(filter.states.map(stateCondition));
    case 'level':
      return anyOf(filter.values.map((value) => valueCondition('issues.level', value)));
    case 'tag':
      return tagExists(
        filter.key,
        anyOf(filter.values.map((v) => valueCondition('issue_tags.value', v))),
      );
    case 'has':
      return tagExists(filter.key, undefined);
    case 'count':
      return comparison(FIELD_COLUMNS[filter.field], filter.op, filter.value, 0);
    case 'time': {
      const { instant } = filter;
      const at = 'ago' in instant ? now - instant.ago : instant.at;
      return comparison(
        FIELD_COLUMNS[filter.field],
        filter.op,
        at,
        'span' in instant ? instant.span : 0,
      );
    }
  }
}

function stateCondition(state: IssueState): Condition {
  return state === 'regressed'
    ? { sql: '(issues.regressed_at IS NOT NULL)', params: [] }
    : { sql: '(issues.status = ?)', params: [state] };
}

function tagExists(key: string, value: Condition | undefined): Condition {
  return {
    sql: `(EXISTS (SELECT 1 FROM issue_tags WHERE issue_tags.issue_id = issues.id
       AND issue_tags.key = ?${value === undefined ? '' : ` AND ${value.sql}`}))`,
    params: [key, ...(value?.params ?? [])],
  };
}

/**
 * An exact value compares as is; one with wildcards is a LIKE that ignores ASCII case, because
 * SQLite's LIKE always does and lower() on both dialects folds only ASCII (PostgreSQL's text
 * columns are COLLATE "C"). The pattern is lowered here, not by lower(?): a parameter has the
 * database's collation, which on PostgreSQL would also fold É while the column does not.
 */
function valueCondition(column: string, value: ValuePattern): Condition {
  if (value.length === 1) return { sql: `(${column} = ?)`, params: [value[0]!] };
  const pattern = value.map((segment) => escapeLike(lowerAscii(segment))).join('%');
  return { sql: `(lower(${column}) LIKE ? ESCAPE '\\')`, params: [pattern] };
}

/** `=` on a time covers the value's precision: `first_seen:2025-01-01` is that whole day. */
function comparison(column: string, op: Comparison, value: number, span: number): Condition {
  if (op === '=' && span > 0) {
    return { sql: `(${column} >= ? AND ${column} < ?)`, params: [value, value + span] };
  }
  return { sql: `(${column} ${op} ?)`, params: [value] };
}

function anyOf(conditions: Condition[]): Condition {
  return {
    sql: `(${conditions.map((c) => c.sql).join(' OR ')})`,
    params: conditions.flatMap((c) => c.params),
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

function lowerAscii(text: string): string {
  return text.replace(/[A-Z]/g, (ch) => ch.toLowerCase());
}

/** base64url of `[sort, value, id]`: naming the sort makes a cursor from another sort an error. */
function encodeCursor(sort: IssueSort, value: number, id: number): string {
  return Buffer.from(JSON.stringify([sort, value, id])).toString('base64url');
}

function decodeCursor(cursor: string, sort: IssueSort): { value: number; id: number } {
  const invalid = () => new SearchError('invalid cursor', undefined, 'cursor');
  // Buffer skips characters that are not base64url; a cursor that has them was not ours.
  if (cursor.length === 0 || cursor.length > 200 || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    throw invalid();
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(decoded) || decoded.length !== 3) throw invalid();
  const [cursorSort, value, id]: unknown[] = decoded;
  if (cursorSort !== sort) throw new SearchError('cursor is for another sort', undefined, 'cursor');
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid();
  // Counts are BIGINT on PostgreSQL: a fraction there would be a database error, not a page.
  if ((sort === 'events' || sort === 'users') && !Number.isSafeInteger(value)) throw invalid();
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw invalid();
  return { value, id };
}

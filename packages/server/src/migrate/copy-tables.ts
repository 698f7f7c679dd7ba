/**
 * What `faultline migrate` copies, derived from the neutral schema (store/schema/) so a table
 * added by a later migration is copied without touching this command: every table both dialects
 * have, in the schema's order (parents before the children that reference them), with the
 * columns both have, read in primary-key order.
 */
import { MAIN_MIGRATIONS } from '../store/schema/main-migrations.js';
import { QUEUE_MIGRATIONS } from '../store/schema/queue-migrations.js';
import { stepsFor } from '../store/schema/schema.js';
import type { Capability, Column, Migration } from '../store/schema/schema.js';

export interface TableCopy {
  /** The table's name in the target, and its name in migrate_progress. */
  name: string;
  /** Where the source rows are, in the source connection (queue.db is attached to it). */
  sourceTable: string;
  /** A filter on the source rows (SQL), or undefined for every row. */
  sourceWhere: string | undefined;
  /** The columns written to the target. */
  columns: readonly Column[];
  /** The source's ordering key: resuming continues after the last copied key. */
  key: readonly string[];
  /** The target hands out ids from an identity, to be moved past the copied ones. */
  identity: boolean;
}

/** The schema name queue.db is attached under in the source connection (source-snapshot.ts). */
export const QUEUE_SCHEMA = 'queue_db';

/**
 * Bookkeeping of a database itself, not data to carry over: the migration's own progress, and
 * which node sends alerts (a row the schema seeds in every database).
 */
const NOT_COPIED = new Set(['migrate_progress', 'alert_lease']);

interface SharedTable {
  name: string;
  columns: Column[];
  primaryKey: readonly string[] | undefined;
}

/**
 * The tables of the first `version` migrations that every dialect has, with the columns later
 * migrations added to them. Each capability belongs to one dialect, so the steps for no
 * capability at all are exactly the shared ones (this leaves out SQLite's digest_cursor and
 * PostgreSQL's queue.claimed_until, for example). Other steps (indexes, PostgreSQL's
 * partitioning) change no columns.
 */
function sharedTables(migrations: readonly Migration[], version: number): SharedTable[] {
  const tables = new Map<string, SharedTable>();
  const shared = (item: { only?: Capability }) => item.only === undefined;
  for (const step of migrations.slice(0, version).flatMap((m) => stepsFor(m, new Set()))) {
    if (step.kind === 'table') {
      const { name, columns, primaryKey } = step;
      tables.set(name, { name, columns: columns.filter(shared), primaryKey });
    } else if (step.kind === 'column' && shared(step.column)) {
      tables.get(step.table)?.columns.push(step.column);
    }
  }
  return [...tables.values()];
}

function keyOf(table: SharedTable): string[] {
  if (table.primaryKey) return [...table.primaryKey];
  const key = table.columns.find((c) => c.type === 'id' || c.primaryKey === true);
  if (key === undefined) throw new Error('every table to copy needs a primary key to resume by');
  return [key.name];
}

/** The main tables, copied row for row with their ids, so every reference stays valid. */
export function mainTableCopies(sourceVersion: number): TableCopy[] {
  return sharedTables(MAIN_MIGRATIONS, sourceVersion)
    .filter((table) => !NOT_COPIED.has(table.name))
    .map((table) => ({
      name: table.name,
      sourceTable: `main.${table.name}`,
      sourceWhere: undefined,
      columns: table.columns,
      key: keyOf(table),
      identity: table.columns.some((c) => c.type === 'id'),
    }));
}

/**
 * The queue entries digest has not read yet (those past SQLite's digest cursor), for a
 * PostgreSQL node to digest. They take new ids in the target's queue: nothing refers to them.
 */
export function queueCopy(sourceVersion: number): TableCopy | undefined {
  const queue = sharedTables(QUEUE_MIGRATIONS, sourceVersion).find((t) => t.name === 'queue');
  if (queue === undefined) return undefined;
  return {
    name: 'queue',
    sourceTable: `${QUEUE_SCHEMA}.queue`,
    sourceWhere: 'id > (SELECT last_queue_id FROM main.digest_cursor WHERE id = 1)',
    columns: queue.columns.filter((c) => c.type !== 'id'),
    key: ['id'],
    identity: false,
  };
}

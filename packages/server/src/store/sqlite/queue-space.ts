/**
 * Keeps queue.db's disk use near its content. A queue is a stream: a backlog grows the file, and
 * SQLite keeps a file's pages after their rows are deleted (for reuse), so after a backlog
 * queue.db stayed at its peak for good; and its WAL, which the queue's writer never checkpoints
 * (see sqlite-store.ts), grew with a backlog to the size of the queue again, since digest, which
 * checkpoints, was the part falling behind. Run by the queue's writer after each prune.
 *
 * Free pages are given back by incremental vacuum, a small step at a time, and the writer's own
 * checkpoints are PASSIVE: the queue's writer is what acknowledgements wait for, so none of its
 * housekeeping may wait. (TRUNCATE, which it used at first, waits out digest's reads through
 * busy_timeout, and digest reads all the time under load.) A PASSIVE checkpoint copies what no
 * reader still needs and returns; the next commit then starts the WAL over, cut to
 * journal_size_limit. A file made before it had auto_vacuum (which only VACUUM can switch on)
 * is rebuilt with VACUUM, but only while the queue holds little: VACUUM copies every live page.
 */
import fs from 'node:fs';
import type Database from 'better-sqlite3';

/** Free pages are kept for reuse up to this much, then given back. */
const KEEP_FREE_BYTES = 16 * 1024 * 1024;
/**
 * Given back per prune (a second): bounds one step's work and the WAL it writes, so a step
 * delays the acknowledgements behind it by a few milliseconds (a 1 GiB backlog takes ≈ 4 min).
 */
const RECLAIM_STEP_BYTES = 4 * 1024 * 1024;
/** VACUUM (to switch on incremental vacuum) only while the live queue is this small. */
const VACUUM_MAX_LIVE_BYTES = 16 * 1024 * 1024;
/** A WAL past this is checkpointed by the writer itself (digest, which does it, is stalled). */
const WAL_MAX_BYTES = 32 * 1024 * 1024;
/** A reset WAL is truncated to this (SQLite's journal_size_limit). */
export const QUEUE_WAL_SIZE_LIMIT = 4 * 1024 * 1024;

const AUTO_VACUUM_INCREMENTAL = 2;

export function reclaimQueueSpace(
  db: Database.Database,
  walFile: string,
  queueEmpty: boolean,
): void {
  const shrunk = givePagesBack(db);
  const walBytes = fs.statSync(walFile, { throwIfNoEntry: false })?.size ?? 0;
  // A shrunk file gets smaller on disk only when a checkpoint copies its last commit over; an
  // idle queue's WAL is checkpointed so that the next commit can cut it down.
  if (shrunk || walBytes > WAL_MAX_BYTES || (queueEmpty && walBytes > QUEUE_WAL_SIZE_LIMIT))
    db.pragma('wal_checkpoint(PASSIVE)');
}

/** Returns whether the file's page count went down. */
function givePagesBack(db: Database.Database): boolean {
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const freePages = db.pragma('freelist_count', { simple: true }) as number;
  const livePages = (db.pragma('page_count', { simple: true }) as number) - freePages;
  // Under steady load each prune frees about what the next second's entries take again: that
  // is reuse, not a backlog's leftovers, and giving it back would only grow the file again.
  if (freePages * pageSize <= KEEP_FREE_BYTES || freePages <= 2 * livePages) return false;
  if (db.pragma('auto_vacuum', { simple: true }) === AUTO_VACUUM_INCREMENTAL) {
    db.pragma(`incremental_vacuum(${Math.ceil(RECLAIM_STEP_BYTES / pageSize)})`);
    return true;
  }
  if (livePages * pageSize > VACUUM_MAX_LIVE_BYTES) return false;
  // auto_vacuum = INCREMENTAL is set at every open (sqlite-store.ts); VACUUM applies it.
  db.exec('VACUUM');
  return true;
}

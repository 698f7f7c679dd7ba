/**
 * Which SQLite failures mean "try again later" rather than "this data is wrong": another
 * process held the lock past busy_timeout, or the disk is full or failing.
 */
const UNAVAILABLE_CODES = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_FULL', 'SQLITE_IOERR']);

export function isSqliteUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && UNAVAILABLE_CODES.has(code.split('_').slice(0, 2).join('_'));
}

/**
 * Which PostgreSQL failures mean "the database is not there right now" (restarting, failing
 * over, out of connections) rather than "this data is wrong": callers wait and retry the same
 * work instead of giving up on it.
 */
const UNAVAILABLE_SYSTEM_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

export function isPostgresUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (UNAVAILABLE_SYSTEM_CODES.has(code)) return true;
    // SQLSTATE class 08: connection exception; 53300: too many connections; 57P01–57P03:
    // the server is shutting down, crashed, or not yet accepting connections.
    if (code.startsWith('08') || code === '53300' || /^57P0[1-3]$/.test(code)) return true;
  }
  // node-postgres reports a connection the server closed without a code.
  return /Connection terminated|Client has encountered a connection error/.test(error.message);
}

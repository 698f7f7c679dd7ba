/** Level and status as small coloured labels; unknown values (event data) still show, neutral. */
const LEVELS = new Set(['fatal', 'error', 'warning', 'info', 'debug']);
const STATUSES = new Set(['unresolved', 'resolved', 'ignored']);

export function LevelBadge({ level }: { level: string }) {
  const known = LEVELS.has(level) ? level : 'other';
  return <span className={`badge level-${known}`}>{level}</span>;
}

export function StatusBadge({ status }: { status: string }) {
  const known = STATUSES.has(status) ? status : 'other';
  return <span className={`badge status-${known}`}>{status}</span>;
}

/**
 * How long a rate-limit counter can matter, for the stores that forget them: a counter whose
 * window ended is the same as none (the next take starts a new window). The counter's own
 * window is not stored with it, so a store knows only these bounds: no limit's window is longer
 * than MAX_RATE_WINDOW_SECONDS (api/schemas.ts refuses longer), and counters whose scope starts
 * with a family's prefix never have a window longer than the family's.
 */
export const MAX_RATE_WINDOW_SECONDS = 30 * 24 * 3600;

/** The login throttle's counters (api/login-throttle.ts): a day at most. */
export const LOGIN_COUNTERS = { prefix: 'login:', longestWindowSeconds: 24 * 3600 } as const;

export const SHORT_LIVED_COUNTERS: ReadonlyArray<{ prefix: string; longestWindowSeconds: number }> =
  [LOGIN_COUNTERS];

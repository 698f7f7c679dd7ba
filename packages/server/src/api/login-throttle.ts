/**
 * Password guessing is throttled on the store's shared rate limits, so the limits hold across
 * every node. Only failures count: a successful attempt gives its units back.
 *
 * The tight limit is per account AND client address together: a stranger's failures lock out
 * the stranger, never the account's owner trying from elsewhere (counting per account alone let
 * anyone lock the only admin out, again and again). Each tier is a longer window with a higher
 * count, so repeated failures wait longer and longer (1 minute, 15 minutes, an hour, a day). A
 * looser limit per address stops one client trying many accounts; a high one per account stops
 * a crowd of addresses guessing one password at full speed, at the price that such a crowd can
 * lock its owner out (it needs a thousand failures an hour to).
 *
 * Scopes hold a hash of the email, not the email: every counter is small, whatever was typed.
 * Checks go address first, so a client over its own limit creates no counter per email it tries.
 */
import { createHash } from 'node:crypto';
import { normalizeEmail } from '../accounts/users.js';
import type { Store } from '../store/store.js';
import { LOGIN_COUNTERS } from '../store/rate-window-lifetimes.js';
import type { RateLimitSetting } from '../store/types.js';
import { clientAddressScope } from './client-address.js';
import { ApiError } from './errors.js';

const MINUTE = 60;
const HOUR = 3600;

// Longest window first: when several tiers are full, the 429's Retry-After is the longest wait.
const PER_ADDRESS: readonly RateLimitSetting[] = [
  { count: 500, windowSeconds: 24 * HOUR },
  { count: 100, windowSeconds: 15 * MINUTE },
];
const PER_ACCOUNT_AND_ADDRESS: readonly RateLimitSetting[] = [
  { count: 50, windowSeconds: 24 * HOUR },
  { count: 20, windowSeconds: HOUR },
  { count: 10, windowSeconds: 15 * MINUTE },
  { count: 5, windowSeconds: MINUTE },
];
const PER_ACCOUNT: readonly RateLimitSetting[] = [{ count: 1000, windowSeconds: HOUR }];

function accountHash(email: string): string {
  return createHash('sha256').update(normalizeEmail(email)).digest('base64url').slice(0, 22);
}

/** Each counter a login attempt for `email` from `remoteAddress` counts against, in order. */
export function loginCounters(
  email: string,
  remoteAddress: string | undefined,
): Array<{ scope: string; limit: RateLimitSetting }> {
  const address = clientAddressScope(remoteAddress);
  const account = accountHash(email);
  const tiers = (name: string, limits: readonly RateLimitSetting[]) =>
    limits.map((limit) => ({
      scope: `${LOGIN_COUNTERS.prefix}${name}:${limit.windowSeconds}`,
      limit,
    }));
  return [
    ...tiers(`address:${address}`, PER_ADDRESS),
    ...tiers(`account-address:${account}:${address}`, PER_ACCOUNT_AND_ADDRESS),
    ...tiers(`account:${account}`, PER_ACCOUNT),
  ];
}

/**
 * Runs `check` (is this `email`'s password?) as one attempt against the login limits: a wrong
 * password counts; a right one, or a check that never ran (the server too busy: it threw), does
 * not. Throws 429 when a limit is reached, before `check` runs.
 */
export async function throttledPasswordCheck(
  store: Pick<Store, 'takeRateLimit' | 'returnRateLimit'>,
  email: string,
  remoteAddress: string | undefined,
  check: () => Promise<boolean>,
): Promise<boolean> {
  const taken: string[] = [];
  for (const { scope, limit } of loginCounters(email, remoteAddress)) {
    const decision = await store.takeRateLimit(scope, limit, 1);
    if (!decision.allowed) {
      for (const earlier of taken) await store.returnRateLimit(earlier, 1);
      throw new ApiError('too_many_requests', 'too many login attempts; wait and try again', {
        retryAfter: decision.retryAfterSeconds,
      });
    }
    taken.push(scope);
  }
  let wrong = false;
  try {
    wrong = !(await check());
    return !wrong;
  } finally {
    if (!wrong) for (const scope of taken) await store.returnRateLimit(scope, 1);
  }
}

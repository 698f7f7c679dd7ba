/**
 * Password guessing is throttled per account and per client address, on the store's shared rate
 * limits, so the limit holds across every node. Only failures count: a successful login gives
 * its attempt back.
 */
import { normalizeEmail } from '../accounts/users.js';
import type { Store } from '../store/store.js';
import { ApiError } from './errors.js';

const PER_ACCOUNT = { count: 10, windowSeconds: 15 * 60 };
const PER_ADDRESS = { count: 50, windowSeconds: 15 * 60 };

export async function throttleLogin(
  store: Store,
  email: string,
  address: string | undefined,
): Promise<{ succeeded(): Promise<void> }> {
  const scopes: Array<[string, typeof PER_ACCOUNT]> = [
    [`login:account:${normalizeEmail(email)}`, PER_ACCOUNT],
    [`login:address:${address ?? 'unknown'}`, PER_ADDRESS],
  ];
  const taken: string[] = [];
  for (const [scope, limit] of scopes) {
    const decision = await store.takeRateLimit(scope, limit, 1);
    if (!decision.allowed) {
      for (const earlier of taken) await store.returnRateLimit(earlier, 1);
      throw new ApiError('too_many_requests', 'too many login attempts; wait and try again', {
        retryAfter: decision.retryAfterSeconds,
      });
    }
    taken.push(scope);
  }
  return {
    async succeeded() {
      for (const scope of taken) await store.returnRateLimit(scope, 1);
    },
  };
}

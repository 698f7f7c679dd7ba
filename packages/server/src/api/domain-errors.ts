/**
 * The errors the layers below the API throw on purpose, as the API answers them: a creation
 * past a count cap (count-limit.ts) is 409 `limit_reached`; a password check refused while
 * the server is busy with others (accounts/password-gate.ts) is a 429 to retry in a moment.
 */
import { PasswordChecksBusyError } from '../accounts/password-gate.js';
import { CountLimitError } from '../count-limit.js';
import { ApiError } from './errors.js';

export function domainApiError(error: unknown): ApiError | undefined {
  if (error instanceof CountLimitError) return new ApiError('limit_reached', error.message);
  if (error instanceof PasswordChecksBusyError) {
    return new ApiError('too_many_requests', error.message, { retryAfter: 1 });
  }
  return undefined;
}

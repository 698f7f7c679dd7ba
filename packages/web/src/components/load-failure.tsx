import { ApiClientError } from '../lib/client';
import { ErrorNotice } from './error-notice';

/**
 * A page's main load failed: a 404 (which the API also answers for another team's project, so
 * ids cannot be probed) or a 403 says so plainly; anything else is an error with a retry.
 */
export function LoadFailure({
  error,
  what,
  onRetry,
}: {
  error: Error;
  what: string;
  onRetry: () => void;
}) {
  if (error instanceof ApiClientError && (error.status === 404 || error.status === 403)) {
    return (
      <div className="notice notice-error" role="alert">
        <span>
          {error.status === 404
            ? `Not found: there is no ${what} here, or you are not a member of it.`
            : `Forbidden: you may not see this ${what}.`}
        </span>
      </div>
    );
  }
  return <ErrorNotice error={error} onRetry={onRetry} />;
}

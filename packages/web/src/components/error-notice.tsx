import { ApiClientError } from '../lib/client';

/** A failed call, said plainly: the API's message, and a retry when one can help. */
export function ErrorNotice({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const message =
    error instanceof ApiClientError && error.status === 0
      ? 'The server cannot be reached.'
      : error.message;
  return (
    <div className="notice notice-error" role="alert">
      <span>{message}</span>
      {onRetry === undefined ? null : (
        <button type="button" className="button-link" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

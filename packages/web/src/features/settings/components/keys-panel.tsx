import { ErrorNotice } from '../../../components/error-notice';
import { useClient } from '../../../lib/session';
import { useAction } from '../../../lib/use-action';
import { createKey } from '../api/create-key';
import { useKeys } from '../api/use-keys';
import { KeyCard } from './key-card';

/**
 * The project's DSN keys. Rotating makes a new key and disables the old one: SDKs still using
 * it are refused from then on, so deploy the new DSN first, or add a key and disable later.
 */
export function KeysPanel({ projectId, canWrite }: { projectId: number; canWrite: boolean }) {
  const client = useClient();
  const keys = useKeys(projectId);
  const create = useAction();
  return (
    <section className="panel" aria-label="DSN keys">
      <div className="panel-head">
        <h2>DSN keys</h2>
        <button
          type="button"
          disabled={!canWrite || create.busy}
          onClick={() =>
            void create.run(() => createKey(client, projectId)).then((ok) => ok && keys.reload())
          }
        >
          New key
        </button>
      </div>
      <p className="panel-hint">
        SDKs send events with a DSN. It is not a secret (it ships in every browser bundle): limit
        what it can do with a rate limit and allowed origins, and rotate a key that is abused.
      </p>
      {create.error === undefined ? null : <ErrorNotice error={create.error} />}
      {keys.error === undefined ? null : <ErrorNotice error={keys.error} onRetry={keys.reload} />}
      {keys.data === undefined ? (
        <p className="empty">Loading keys…</p>
      ) : (
        <ul className="key-list">
          {keys.data.map((key) => (
            <KeyCard
              key={`${key.id}:${key.active}:${JSON.stringify(key.rateLimit)}`}
              projectId={projectId}
              dsnKey={key}
              canWrite={canWrite}
              onChanged={keys.reload}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

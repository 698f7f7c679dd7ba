import { useState } from 'react';
import { CopyableText } from '../../../components/copy-button';
import { ErrorNotice } from '../../../components/error-notice';
import { TimeAgo } from '../../../components/time-ago';
import type { KeyJson } from '../../../lib/client';
import { fieldOf } from '../../../lib/field-error';
import { useClient } from '../../../lib/session';
import { useAction } from '../../../lib/use-action';
import { rotateKey } from '../api/rotate-key';
import { updateKey } from '../api/update-key';
import { describeRateLimit, rateLimitOf, rateLimitText } from './rate-limit-fields';

/** One DSN key: its DSN to copy, whether it works, its rate limit; admins change them. */
export function KeyCard({
  projectId,
  dsnKey,
  canWrite,
  onChanged,
}: {
  projectId: number;
  dsnKey: KeyJson;
  canWrite: boolean;
  onChanged: () => void;
}) {
  const client = useClient();
  const action = useAction();
  const [limit, setLimit] = useState(() => rateLimitText(dsnKey.rateLimit));
  const change = (work: () => Promise<unknown>) =>
    void action.run(work).then((ok) => ok && onChanged());
  const field = fieldOf(action.error);

  return (
    <li className={dsnKey.active ? 'key-card' : 'key-card key-disabled'}>
      <div className="key-head">
        <span className={dsnKey.active ? 'badge status-resolved' : 'badge status-other'}>
          {dsnKey.active ? 'active' : 'disabled'}
        </span>
        <code className="key-id" title="Public key">
          {dsnKey.publicKey}
        </code>
        <span className="key-meta">
          created <TimeAgo iso={dsnKey.createdAt} /> · {describeRateLimit(dsnKey.rateLimit)}
        </span>
      </div>
      <CopyableText text={dsnKey.dsn} label="DSN" />
      <fieldset className="key-actions" disabled={!canWrite || action.busy}>
        <button
          type="button"
          onClick={() =>
            change(() => updateKey(client, projectId, dsnKey.id, { active: !dsnKey.active }))
          }
        >
          {dsnKey.active ? 'Disable' : 'Enable'}
        </button>
        <button type="button" onClick={() => change(() => rotateKey(client, projectId, dsnKey.id))}>
          Rotate
        </button>
        <form
          className="key-limit"
          aria-label="Rate limit"
          onSubmit={(event) => {
            event.preventDefault();
            change(() =>
              updateKey(client, projectId, dsnKey.id, { rateLimit: rateLimitOf(limit) }),
            );
          }}
        >
          <span className="key-limit-label">Rate limit</span>
          <input
            type="number"
            min={1}
            placeholder="events"
            aria-label="Rate limit: events"
            value={limit.count}
            onChange={(event) => setLimit({ ...limit, count: event.target.value })}
          />
          <span>per</span>
          <input
            type="number"
            min={1}
            placeholder="seconds"
            aria-label="Rate limit: window in seconds"
            value={limit.windowSeconds}
            onChange={(event) => setLimit({ ...limit, windowSeconds: event.target.value })}
          />
          <span>s</span>
          <button type="submit">Save limit</button>
        </form>
      </fieldset>
      {field?.path[0] === 'rateLimit' ? (
        <p className="field-error" role="alert">
          Rate limit: {field.message} (leave both empty for none)
        </p>
      ) : action.error !== undefined ? (
        <ErrorNotice error={action.error} />
      ) : null}
    </li>
  );
}

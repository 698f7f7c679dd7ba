import { useState } from 'react';
import { ConfirmButton } from '../../../components/confirm-button';
import { ErrorNotice } from '../../../components/error-notice';
import type { AlertChannelJson } from '../../../lib/client';
import { useClient } from '../../../lib/session';
import { useAction } from '../../../lib/use-action';
import { deleteChannel } from '../api/delete-channel';
import { testChannel } from '../api/test-channel';
import { KIND_LABELS, describeChannel } from './channel-draft';
import { ChannelForm } from './channel-form';

/** One channel: where it sends (masked), a test send with its answer, edit and delete. */
export function ChannelCard({
  projectId,
  channel,
  canWrite,
  onChanged,
}: {
  projectId: number;
  channel: AlertChannelJson;
  canWrite: boolean;
  onChanged: () => void;
}) {
  const client = useClient();
  const [editing, setEditing] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; detail: string } | undefined>(undefined);
  const action = useAction();

  if (editing) {
    return (
      <li className="channel-card">
        <ChannelForm
          projectId={projectId}
          channel={channel}
          onDone={(saved) => {
            setEditing(false);
            if (saved) onChanged();
          }}
        />
      </li>
    );
  }
  return (
    <li className="channel-card" aria-label={`Channel ${channel.name}`}>
      <div className="channel-head">
        <strong className="channel-name">{channel.name}</strong>
        <span className="badge status-other">{KIND_LABELS[channel.kind]}</span>
      </div>
      <p className="channel-where">{describeChannel(channel)}</p>
      <fieldset className="row-actions" disabled={!canWrite || action.busy}>
        <button
          type="button"
          onClick={() => {
            setResult(undefined);
            void action.run(async () =>
              setResult(await testChannel(client, projectId, channel.id)),
            );
          }}
        >
          {action.busy ? 'Sending…' : 'Send test notification'}
        </button>
        <button type="button" onClick={() => setEditing(true)}>
          Edit
        </button>
        <ConfirmButton
          label="Delete"
          question={`Delete “${channel.name}” and its notifications?`}
          onConfirm={() =>
            void action
              .run(() => deleteChannel(client, projectId, channel.id))
              .then((ok) => ok && onChanged())
          }
        />
      </fieldset>
      {result === undefined ? null : (
        <p
          className={result.ok ? 'test-result result-ok' : 'test-result result-failed'}
          role="status"
        >
          {result.ok ? 'Test sent: ' : 'Test failed: '}
          {result.detail}
        </p>
      )}
      {action.error === undefined ? null : <ErrorNotice error={action.error} />}
    </li>
  );
}

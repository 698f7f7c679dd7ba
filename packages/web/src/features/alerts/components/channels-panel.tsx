import { useState } from 'react';
import { ErrorNotice } from '../../../components/error-notice';
import type { AsyncState } from '../../../lib/use-async';
import type { AlertChannelJson } from '../../../lib/client';
import { ChannelCard } from './channel-card';
import { ChannelForm } from './channel-form';

/** The project's channels; only admins add, change, test or delete them (they hold secrets). */
export function ChannelsPanel({
  projectId,
  channels,
  canWrite,
  onChanged,
}: {
  projectId: number;
  channels: AsyncState<AlertChannelJson[]>;
  canWrite: boolean;
  /** After a channel was added, changed or deleted: a deletion changes the rules too. */
  onChanged: () => void;
}) {
  const [adding, setAdding] = useState(false);
  return (
    <section className="panel" aria-label="Channels">
      <div className="panel-head">
        <h2>Channels</h2>
        <button type="button" disabled={!canWrite || adding} onClick={() => setAdding(true)}>
          Add channel
        </button>
      </div>
      <p className="panel-hint">
        {canWrite
          ? 'How people are told. Passwords, secrets and receiver URLs are never shown back in full.'
          : 'How people are told. Only an admin can add, change or test channels: you see them read-only.'}
      </p>
      {adding ? (
        <div className="channel-card">
          <ChannelForm
            projectId={projectId}
            onDone={(saved) => {
              setAdding(false);
              if (saved) onChanged();
            }}
          />
        </div>
      ) : null}
      {channels.error === undefined ? null : (
        <ErrorNotice error={channels.error} onRetry={channels.reload} />
      )}
      {channels.data === undefined ? (
        <p className="empty">Loading channels…</p>
      ) : channels.data.length === 0 ? (
        <p className="empty">No channels yet.</p>
      ) : (
        <ul className="card-list">
          {channels.data.map((channel) => (
            <ChannelCard
              key={`${channel.id}:${JSON.stringify(channel.config)}:${channel.name}`}
              projectId={projectId}
              channel={channel}
              canWrite={canWrite}
              onChanged={onChanged}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

import { useState } from 'react';
import { ConfirmButton } from '../../../components/confirm-button';
import { ErrorNotice } from '../../../components/error-notice';
import type { AlertChannelJson, AlertRuleJson } from '../../../lib/client';
import { useClient } from '../../../lib/session';
import { useAction } from '../../../lib/use-action';
import type { AsyncState } from '../../../lib/use-async';
import { deleteRule } from '../api/delete-rule';
import { describeFilters, describeTrigger } from './rule-draft';
import { RuleForm } from './rule-form';

/** The project's rules: any member may add and change them (no secrets in a rule). */
export function RulesPanel({
  projectId,
  rules,
  channels,
}: {
  projectId: number;
  rules: AsyncState<AlertRuleJson[]>;
  channels: AlertChannelJson[];
}) {
  const [editing, setEditing] = useState<number | 'new' | undefined>(undefined);
  const done = (saved: boolean) => {
    setEditing(undefined);
    if (saved) rules.reload();
  };
  return (
    <section className="panel" aria-label="Rules">
      <div className="panel-head">
        <h2>Rules</h2>
        <button type="button" disabled={editing === 'new'} onClick={() => setEditing('new')}>
          Add rule
        </button>
      </div>
      <p className="panel-hint">
        When to tell. During a storm of new issues a channel gets one summary (“and 37 more”)
        instead of a message each.
      </p>
      {editing === 'new' ? (
        <div className="channel-card">
          <RuleForm projectId={projectId} channels={channels} onDone={done} />
        </div>
      ) : null}
      {rules.error === undefined ? null : (
        <ErrorNotice error={rules.error} onRetry={rules.reload} />
      )}
      {rules.data === undefined ? (
        <p className="empty">Loading rules…</p>
      ) : rules.data.length === 0 ? (
        <p className="empty">No rules yet: nobody is told of new problems.</p>
      ) : (
        <ul className="card-list">
          {rules.data.map((rule) =>
            editing === rule.id ? (
              <li key={rule.id} className="channel-card">
                <RuleForm projectId={projectId} rule={rule} channels={channels} onDone={done} />
              </li>
            ) : (
              <RuleItem
                key={rule.id}
                projectId={projectId}
                rule={rule}
                channels={channels}
                onEdit={() => setEditing(rule.id)}
                onDeleted={rules.reload}
              />
            ),
          )}
        </ul>
      )}
    </section>
  );
}

function RuleItem({
  projectId,
  rule,
  channels,
  onEdit,
  onDeleted,
}: {
  projectId: number;
  rule: AlertRuleJson;
  channels: AlertChannelJson[];
  onEdit: () => void;
  onDeleted: () => void;
}) {
  const client = useClient();
  const remove = useAction();
  const names = rule.channelIds.map(
    (channelId) => channels.find((channel) => channel.id === channelId)?.name ?? `#${channelId}`,
  );
  return (
    <li className="channel-card" aria-label={`Rule ${rule.name}`}>
      <div className="channel-head">
        <strong className="channel-name">{rule.name}</strong>
        <span className={rule.enabled ? 'badge status-resolved' : 'badge status-other'}>
          {rule.enabled ? 'enabled' : 'disabled'}
        </span>
      </div>
      <p className="channel-where">
        On {describeTrigger(rule)} · for {describeFilters(rule)} · to{' '}
        {names.length === 0 ? 'no channel' : names.join(', ')} · at most once per issue every{' '}
        {rule.throttleMinutes} min
      </p>
      <div className="row-actions">
        <button type="button" onClick={onEdit}>
          Edit
        </button>
        <ConfirmButton
          label="Delete"
          question={`Delete the rule “${rule.name}”?`}
          disabled={remove.busy}
          onConfirm={() =>
            void remove
              .run(() => deleteRule(client, projectId, rule.id))
              .then((ok) => ok && onDeleted())
          }
        />
      </div>
      {remove.error === undefined ? null : <ErrorNotice error={remove.error} />}
    </li>
  );
}

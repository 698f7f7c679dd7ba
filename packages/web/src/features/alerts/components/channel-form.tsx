import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { ErrorNotice } from '../../../components/error-notice';
import { Field } from '../../../components/field';
import type { AlertChannelJson, AlertChannelKind } from '../../../lib/client';
import { fieldOf } from '../../../lib/field-error';
import { useClient } from '../../../lib/session';
import { useAction } from '../../../lib/use-action';
import { createChannel } from '../api/create-channel';
import { updateChannel } from '../api/update-channel';
import { EMPTY_DRAFT, KIND_LABELS, configOf, draftOfChannel, savedSecrets } from './channel-draft';
import type { ChannelDraft } from './channel-draft';

const KINDS = Object.keys(KIND_LABELS) as AlertChannelKind[];

/** Adds a channel, or edits `channel`; saved secrets stay unless a new value is typed. */
export function ChannelForm({
  projectId,
  channel,
  onDone,
}: {
  projectId: number;
  channel?: AlertChannelJson;
  onDone: (saved: boolean) => void;
}) {
  const client = useClient();
  const [draft, setDraft] = useState<ChannelDraft>(() =>
    channel === undefined ? EMPTY_DRAFT : draftOfChannel(channel),
  );
  const save = useAction();
  const set = (changes: Partial<ChannelDraft>) =>
    setDraft((previous) => ({ ...previous, ...changes }));
  const saved = savedSecrets(channel);
  const sameKind = channel?.kind === draft.kind;
  const field = fieldOf(save.error);
  // `body.config.url` → `url`; `body.name` → `name`.
  const problem = (name: string) =>
    field !== undefined && (field.path[0] === 'config' ? field.path[1] : field.path[0]) === name
      ? field.message
      : undefined;

  const shown =
    draft.kind === 'email'
      ? ['name', 'kind', 'host', 'port', 'security', 'username', 'password', 'from', 'to']
      : ['name', 'kind', 'url', ...(draft.kind === 'webhook' ? ['secret'] : [])];
  const inline = shown.some((name) => problem(name) !== undefined);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const config = configOf(draft, channel);
    const ok = await save.run(() =>
      channel === undefined
        ? createChannel(client, projectId, draft.name, config)
        : updateChannel(client, projectId, channel.id, draft.name, config),
    );
    if (ok) onDone(true);
  }

  const keepHint = (what: string, isSet: boolean) =>
    isSet && sameKind ? `A ${what} is saved (never shown). Leave empty to keep it.` : undefined;

  return (
    <form
      className="channel-form"
      aria-label={channel === undefined ? 'New channel' : `Edit ${channel.name}`}
      onSubmit={(event) => void submit(event)}
    >
      <fieldset disabled={save.busy}>
        <div className="field-row">
          <Field label="Name" problem={problem('name')}>
            <input
              type="text"
              name="name"
              required
              value={draft.name}
              onChange={(event) => set({ name: event.target.value })}
            />
          </Field>
          <Field label="Kind" problem={problem('kind')}>
            <select
              name="kind"
              value={draft.kind}
              onChange={(event) => set({ kind: event.target.value as AlertChannelKind })}
            >
              {KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {KIND_LABELS[kind]}
                </option>
              ))}
            </select>
          </Field>
        </div>
        {draft.kind === 'email' ? (
          <>
            <div className="field-row">
              <Field label="SMTP host" problem={problem('host')}>
                <input
                  type="text"
                  name="host"
                  required
                  value={draft.host}
                  onChange={(event) => set({ host: event.target.value })}
                />
              </Field>
              <Field label="Port" problem={problem('port')}>
                <input
                  type="number"
                  name="port"
                  min={1}
                  max={65535}
                  required
                  value={draft.port}
                  onChange={(event) => set({ port: event.target.value })}
                />
              </Field>
              <Field label="Security" problem={problem('security')}>
                <select
                  name="security"
                  value={draft.security}
                  onChange={(event) =>
                    set({ security: event.target.value as ChannelDraft['security'] })
                  }
                >
                  <option value="starttls">STARTTLS (587)</option>
                  <option value="tls">TLS (465)</option>
                  <option value="none">None required</option>
                </select>
              </Field>
            </div>
            <div className="field-row">
              <Field label="User name" hint="Empty: no login." problem={problem('username')}>
                <input
                  type="text"
                  name="username"
                  autoComplete="off"
                  value={draft.username}
                  onChange={(event) => set({ username: event.target.value })}
                />
              </Field>
              <Field
                label="Password"
                hint={keepHint('password', saved.passwordSet)}
                problem={problem('password')}
              >
                <SecretInput
                  name="password"
                  value={draft.password}
                  removing={draft.removePassword}
                  onChange={(password) => set({ password })}
                />
              </Field>
            </div>
            {saved.passwordSet && sameKind ? (
              <RemoveSaved
                checked={draft.removePassword}
                onChange={(removePassword) => set({ removePassword })}
              >
                Remove the saved password
              </RemoveSaved>
            ) : null}
            <div className="field-row">
              <Field label="From" problem={problem('from')}>
                <input
                  type="text"
                  name="from"
                  required
                  placeholder="alerts@example.com"
                  value={draft.from}
                  onChange={(event) => set({ from: event.target.value })}
                />
              </Field>
              <Field label="To" hint="Addresses, separated by commas." problem={problem('to')}>
                <input
                  type="text"
                  name="to"
                  required
                  value={draft.to}
                  onChange={(event) => set({ to: event.target.value })}
                />
              </Field>
            </div>
            <label className="check">
              <input
                type="checkbox"
                checked={draft.allowSelfSigned}
                onChange={(event) => set({ allowSelfSigned: event.target.checked })}
              />
              Accept a self-signed certificate (internal relays only: the password could be read by
              someone in the middle)
            </label>
          </>
        ) : (
          <>
            <Field
              label={draft.kind === 'webhook' ? 'URL' : 'Incoming webhook URL'}
              hint={
                saved.maskedUrl !== undefined && sameKind
                  ? `Saved: ${saved.maskedUrl} (shown masked). Leave empty to keep it.`
                  : undefined
              }
              problem={problem('url')}
            >
              <input
                type="url"
                name="url"
                required={!sameKind}
                placeholder="https://"
                value={draft.url}
                onChange={(event) => set({ url: event.target.value })}
              />
            </Field>
            {draft.kind === 'webhook' ? (
              <>
                <Field
                  label="Signing secret (optional)"
                  hint={
                    keepHint('secret', saved.secretSet) ??
                    'Signs each body (HMAC-SHA256, X-Faultline-Signature) so the receiver can check it.'
                  }
                  problem={problem('secret')}
                >
                  <SecretInput
                    name="secret"
                    value={draft.secret}
                    removing={draft.removeSecret}
                    onChange={(secret) => set({ secret })}
                  />
                </Field>
                {saved.secretSet && sameKind ? (
                  <RemoveSaved
                    checked={draft.removeSecret}
                    onChange={(removeSecret) => set({ removeSecret })}
                  >
                    Remove the saved secret (stop signing)
                  </RemoveSaved>
                ) : null}
              </>
            ) : null}
          </>
        )}
        {save.error !== undefined && !inline ? <ErrorNotice error={save.error} /> : null}
        <div className="form-actions">
          <button type="submit" className="button-primary">
            {save.busy ? 'Saving…' : channel === undefined ? 'Add channel' : 'Save channel'}
          </button>
          <button type="button" onClick={() => onDone(false)}>
            Cancel
          </button>
        </div>
      </fieldset>
    </form>
  );
}

/** A secret typed anew; empty keeps the saved one, and it is off while that is being removed. */
function SecretInput({
  name,
  value,
  removing,
  onChange,
}: {
  name: string;
  value: string;
  removing: boolean;
  onChange: (value: string) => void;
}) {
  return (
    <input
      type="password"
      name={name}
      autoComplete="new-password"
      disabled={removing}
      value={value}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

/** The box that removes a saved secret, shown only while one is saved. */
function RemoveSaved({
  checked,
  onChange,
  children,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  children: ReactNode;
}) {
  return (
    <label className="check">
      <input
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
      />
      {children}
    </label>
  );
}

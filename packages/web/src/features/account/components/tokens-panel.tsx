import { useState } from 'react';
import type { FormEvent } from 'react';
import { ConfirmButton } from '../../../components/confirm-button';
import { CopyableText } from '../../../components/copy-button';
import { ErrorNotice } from '../../../components/error-notice';
import { Field } from '../../../components/field';
import { TimeAgo } from '../../../components/time-ago';
import type { CreatedTokenJson, Scope, TokenJson } from '../../../lib/client';
import { useClient } from '../../../lib/session';
import { useAction } from '../../../lib/use-action';
import { createToken } from '../api/create-token';
import { revokeToken } from '../api/revoke-token';
import { useTokens } from '../api/use-tokens';

const SCOPES: Array<[Scope, string]> = [
  ['read', 'read: look only'],
  ['write', 'write: triage issues, edit alert rules'],
  ['admin', 'admin: everything your account may do'],
];

/** API tokens for the CLI and scripts; a new token's secret is shown here once, then never. */
export function TokensPanel() {
  const client = useClient();
  const tokens = useTokens();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<Scope>('read');
  const [created, setCreated] = useState<CreatedTokenJson | undefined>(undefined);
  const create = useAction();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const ok = await create.run(async () => setCreated(await createToken(client, name, scope)));
    if (ok) {
      setName('');
      tokens.reload();
    }
  }

  return (
    <section className="panel" aria-label="API tokens">
      <h2>API tokens</h2>
      <p className="panel-hint">
        For the CLI and scripts: <code>Authorization: Bearer &lt;token&gt;</code>. A token can do at
        most what your account can.
      </p>
      {created === undefined ? null : (
        <div className="token-secret" role="status" aria-label="New token">
          <p>
            <strong>{created.name}</strong>: copy the token now. It is shown only this once.
          </p>
          <CopyableText text={created.token} label="Token" />
          <button type="button" className="button-link" onClick={() => setCreated(undefined)}>
            I have copied it
          </button>
        </div>
      )}
      <form className="token-form" aria-label="New token" onSubmit={(event) => void submit(event)}>
        <fieldset disabled={create.busy} className="field-row">
          <Field label="Name">
            <input
              type="text"
              name="tokenName"
              required
              placeholder="deploy script"
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
          </Field>
          <Field label="Scope">
            <select
              name="scope"
              value={scope}
              onChange={(event) => setScope(event.target.value as Scope)}
            >
              {SCOPES.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </Field>
          <div className="token-submit">
            <button type="submit" className="button-primary">
              Create token
            </button>
          </div>
        </fieldset>
      </form>
      {create.error === undefined ? null : <ErrorNotice error={create.error} />}
      {tokens.error === undefined ? null : (
        <ErrorNotice error={tokens.error} onRetry={tokens.reload} />
      )}
      {tokens.data === undefined ? (
        <p className="empty">Loading tokens…</p>
      ) : tokens.data.length === 0 ? (
        <p className="empty">No tokens.</p>
      ) : (
        <ul className="token-list">
          {tokens.data.map((token) => (
            <TokenItem key={token.id} token={token} onRevoked={tokens.reload} />
          ))}
        </ul>
      )}
    </section>
  );
}

function TokenItem({ token, onRevoked }: { token: TokenJson; onRevoked: () => void }) {
  const client = useClient();
  const revoke = useAction();
  return (
    <li className="token-item" aria-label={`Token ${token.name}`}>
      <div className="token-about">
        <strong className="token-name">{token.name}</strong>{' '}
        <span className="badge status-other">{token.scope}</span>{' '}
        <code className="token-hint" title="How the token starts">
          {token.hint}…
        </code>
        <div className="token-meta">
          created <TimeAgo iso={token.createdAt} /> ·{' '}
          {token.lastUsedAt === null ? (
            'never used'
          ) : (
            <>
              last used <TimeAgo iso={token.lastUsedAt} />
            </>
          )}
        </div>
      </div>
      <ConfirmButton
        label="Revoke"
        question={`Revoke “${token.name}”? It stops working at once.`}
        disabled={revoke.busy}
        onConfirm={() =>
          void revoke.run(() => revokeToken(client, token.id)).then((ok) => ok && onRevoked())
        }
      />
      {revoke.error === undefined ? null : <ErrorNotice error={revoke.error} />}
    </li>
  );
}

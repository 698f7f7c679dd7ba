import { useState } from 'react';
import type { FormEvent } from 'react';
import { ErrorNotice } from '../../../components/error-notice';
import { Field } from '../../../components/field';
import { fieldOf } from '../../../lib/field-error';
import { navigate } from '../../../lib/router';
import { useClient } from '../../../lib/session';
import { reportSessionEnded } from '../../../lib/unauthorized';
import { useAction } from '../../../lib/use-action';
import { changePassword } from '../api/change-password';

/** The server's MIN_PASSWORD_LENGTH (accounts/password.ts), checked here only to say it sooner. */
const MIN_LENGTH = 8;

/** Changing the password ends every session, this one too: then the login form shows. */
export function PasswordForm() {
  const client = useClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const save = useAction();
  const mismatch = again !== '' && again !== next;
  const field = fieldOf(save.error);
  const problem = (name: string) => (field?.path[0] === name ? field.message : undefined);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mismatch) return;
    const ok = await save.run(() => changePassword(client, current, next));
    if (ok) {
      navigate('/login/', { replace: true });
      reportSessionEnded();
    }
  }

  return (
    <form
      className="panel account-form"
      aria-label="Change password"
      onSubmit={(e) => void submit(e)}
    >
      <h2>Password</h2>
      <p className="panel-hint">Changing it logs you out everywhere, here too.</p>
      <fieldset disabled={save.busy}>
        <Field
          label="Current password"
          problem={
            problem('currentPassword') === undefined ? undefined : 'The current password is wrong.'
          }
        >
          <input
            type="password"
            name="currentPassword"
            autoComplete="current-password"
            required
            value={current}
            onChange={(event) => setCurrent(event.target.value)}
          />
        </Field>
        <Field
          label="New password"
          hint={`At least ${MIN_LENGTH} characters.`}
          problem={problem('newPassword')}
        >
          <input
            type="password"
            name="newPassword"
            autoComplete="new-password"
            required
            minLength={MIN_LENGTH}
            value={next}
            onChange={(event) => setNext(event.target.value)}
          />
        </Field>
        <Field
          label="New password again"
          problem={mismatch ? 'The two new passwords differ.' : undefined}
        >
          <input
            type="password"
            name="newPasswordAgain"
            autoComplete="new-password"
            required
            value={again}
            onChange={(event) => setAgain(event.target.value)}
          />
        </Field>
        {save.error !== undefined && field === undefined ? (
          <ErrorNotice error={save.error} />
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={mismatch}>
            {save.busy ? 'Changing…' : 'Change password'}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

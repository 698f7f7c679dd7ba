import { useState } from 'react';
import type { FormEvent } from 'react';
import { ApiClientError } from '../../../lib/client';
import type { Session } from '../../../lib/session';
import { login } from '../api/login';
import './login-page.css';

export function LoginPage({ onLoggedIn }: { onLoggedIn: (session: Session) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      onLoggedIn(await login(email, password));
    } catch (error) {
      setProblem(
        error instanceof ApiClientError && error.code === 'invalid_credentials'
          ? 'Wrong email or password.'
          : error instanceof Error
            ? error.message
            : String(error),
      );
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <form className="login-form" onSubmit={(event) => void submit(event)} aria-label="Log in">
        <h1>
          <img className="brand-mark" src="/favicon.svg" alt="" />
          Faultline
        </h1>
        <label>
          Email
          <input
            name="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        {problem === undefined ? null : (
          <p className="notice notice-error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
        <p className="login-hint">
          The first admin&apos;s password is printed once when the server first starts.
        </p>
      </form>
    </main>
  );
}

import { useCallback, useEffect, useState } from 'react';
import { ErrorNotice } from '../components/error-notice';
import { getSession } from '../features/auth/api/get-session';
import { LoginPage } from '../features/auth/components/login-page';
import { ApiClientError } from '../lib/client';
import { navigate, useLocation } from '../lib/router';
import { SessionContext } from '../lib/session';
import type { Session } from '../lib/session';
import { onUnauthorized } from '../lib/unauthorized';
import { asError } from '../lib/use-async';
import { AppPages } from './app-pages';

type Boot =
  | { state: 'loading' }
  | { state: 'anonymous' }
  | { state: 'failed'; error: Error }
  | { state: 'in'; session: Session };

/** Who is here decides what shows: the login form, or the app with that session's client. */
export function App() {
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  const location = useLocation();

  const start = useCallback(() => {
    setBoot({ state: 'loading' });
    getSession().then(
      (session) => setBoot({ state: 'in', session }),
      (error: unknown) =>
        setBoot(
          error instanceof ApiClientError && error.status === 401
            ? { state: 'anonymous' }
            : { state: 'failed', error: asError(error) },
        ),
    );
  }, []);
  useEffect(start, [start]);
  useEffect(() => onUnauthorized(() => setBoot({ state: 'anonymous' })), []);

  switch (boot.state) {
    case 'loading':
      return <p className="boot">Loading…</p>;
    case 'failed':
      return (
        <main className="boot">
          <ErrorNotice error={boot.error} onRetry={start} />
        </main>
      );
    case 'anonymous':
      return (
        <LoginPage
          onLoggedIn={(session) => {
            setBoot({ state: 'in', session });
            if (location.pathname === '/login' || location.pathname === '/login/') {
              navigate('/', { replace: true });
            }
          }}
        />
      );
    case 'in':
      return (
        <SessionContext.Provider value={boot.session}>
          <AppPages location={location} onLoggedOut={() => setBoot({ state: 'anonymous' })} />
        </SessionContext.Provider>
      );
  }
}

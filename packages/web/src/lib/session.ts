import { createContext, useContext } from 'react';
import type { FaultlineClient, SessionJson } from './client';

export interface Session {
  user: SessionJson['user'];
  /** A client that sends this session's CSRF token with every write. */
  client: FaultlineClient;
}

export const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === undefined) throw new Error('useSession outside of a logged-in app');
  return session;
}

export const useClient = () => useSession().client;

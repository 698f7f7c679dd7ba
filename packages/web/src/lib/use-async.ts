import { useCallback, useEffect, useState } from 'react';
import type { DependencyList } from 'react';
import { reportUnauthorized } from './unauthorized';

export interface AsyncState<T> {
  /** The last value loaded; kept while a reload runs, so a live refresh does not flicker. */
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
}

/** Runs `load` whenever `deps` change (or on `reload()`); a stale answer is dropped. */
export function useAsync<T>(load: () => Promise<T>, deps: DependencyList): AsyncState<T> {
  const [state, setState] = useState<Omit<AsyncState<T>, 'reload'>>({
    data: undefined,
    error: undefined,
    loading: true,
  });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => {
        if (current) setState({ data, error: undefined, loading: false });
      },
      (error: unknown) => {
        reportUnauthorized(error);
        if (current) {
          setState((previous) => ({ data: previous.data, error: asError(error), loading: false }));
        }
      },
    );
    return () => {
      current = false;
    };
    // `deps` are the caller's: what `load` reads.
  }, [...deps, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { ...state, reload };
}

export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

import { useCallback, useEffect, useState } from 'react';
import type { DependencyList } from 'react';
import { reportUnauthorized } from './unauthorized';

export interface AsyncState<T> {
  /**
   * The last value loaded for these `deps`; kept while a reload() runs, so a live refresh does
   * not flicker. Undefined as soon as the deps change: another query's rows shown under the new
   * one's search box would be acted on as if they were its answer.
   */
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
}

interface Loaded<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  /** What `data` and `error` were loaded for. */
  deps: DependencyList | undefined;
}

function sameDeps(a: DependencyList | undefined, b: DependencyList): boolean {
  return a !== undefined && a.length === b.length && a.every((dep, n) => Object.is(dep, b[n]));
}

/** Runs `load` whenever `deps` change (or on `reload()`); a stale answer is dropped. */
export function useAsync<T>(load: () => Promise<T>, deps: DependencyList): AsyncState<T> {
  const [state, setState] = useState<Loaded<T>>({
    data: undefined,
    error: undefined,
    loading: true,
    deps: undefined,
  });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => {
        if (current) setState({ data, error: undefined, loading: false, deps });
      },
      (error: unknown) => {
        reportUnauthorized(error);
        if (current) {
          setState((previous) => ({
            data: sameDeps(previous.deps, deps) ? previous.data : undefined,
            error: asError(error),
            loading: false,
            deps,
          }));
        }
      },
    );
    return () => {
      current = false;
    };
    // `deps` are the caller's: what `load` reads.
  }, [...deps, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  // Checked while rendering, not in the effect: the render that follows new deps (before any
  // effect runs) must not show the old answer either.
  if (!sameDeps(state.deps, deps)) {
    return { data: undefined, error: undefined, loading: true, reload };
  }
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

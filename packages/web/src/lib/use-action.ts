import { useCallback, useState } from 'react';
import { reportUnauthorized } from './unauthorized';
import { asError } from './use-async';

export interface Action {
  busy: boolean;
  /** The last run's failure, until the next run starts. */
  error: Error | undefined;
  /** Runs `work`; true when it succeeded. A 401 ends the session as everywhere else. */
  run: (work: () => Promise<unknown>) => Promise<boolean>;
  clear: () => void;
}

/** A button's write: busy while it runs, its error kept for the form to show. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | undefined>(undefined);
  const run = useCallback(async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
      return true;
    } catch (caught) {
      reportUnauthorized(caught);
      setError(asError(caught));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => setError(undefined), []);
  return { busy, error, run, clear };
}

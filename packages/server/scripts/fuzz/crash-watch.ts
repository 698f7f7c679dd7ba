/**
 * The server runs in the fuzzer's process: an exception nothing caught would end both. While a
 * run lasts it is recorded as a violation instead (the run then reports it and fails).
 */
import type { Violation } from './violations.js';

export function watchForCrashes(): { violations(): Violation[]; stop(): void } {
  const seen: Violation[] = [];
  const onCrash = (error: unknown) => {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    seen.push({ kind: 'crash', detail });
  };
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  return {
    violations: () => [...seen],
    stop() {
      process.off('uncaughtException', onCrash);
      process.off('unhandledRejection', onCrash);
    },
  };
}

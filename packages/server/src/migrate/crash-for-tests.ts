/**
 * A test hook, for test/migrate.test.ts only: with FAULTLINE_MIGRATE_CRASH_AFTER_CHUNKS=K set,
 * the process kills itself (SIGKILL: no cleanup, like a power cut) while chunk K+1 is written
 * but not yet committed, to prove a rerun loses and duplicates nothing. Unset, it does nothing.
 */
const crashAfter = Number(process.env['FAULTLINE_MIGRATE_CRASH_AFTER_CHUNKS'] ?? Infinity);
let chunksWritten = 0;

/** Called inside each chunk's transaction, just before COMMIT. */
export async function crashIfTestAsks(): Promise<void> {
  chunksWritten++;
  if (chunksWritten <= crashAfter) return;
  process.kill(process.pid, 'SIGKILL');
  // Never resolves: the COMMIT must not be sent while the signal lands.
  await new Promise(() => {});
}

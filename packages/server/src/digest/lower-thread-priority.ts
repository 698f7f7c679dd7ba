import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Lowers the calling thread's scheduling priority (Linux: setpriority on a thread id affects only
 * that thread). Digest is throughput work; on a 2-core machine, HTTP ingest should get the CPU
 * first so acknowledgements stay fast, and digest catches up on whatever is left. Does nothing
 * where threads ids are not visible (non-Linux).
 */
export function lowerThreadPriority(niceness: number): void {
  try {
    const threadId = Number(path.basename(fs.readlinkSync('/proc/thread-self')));
    if (Number.isSafeInteger(threadId)) os.setPriority(threadId, niceness);
  } catch {
    // Not Linux, or not permitted: digest simply runs at normal priority.
  }
}

/**
 * A real filesystem of a few MiB (tmpfs), so tests can fill a disk for real and free it again.
 * Mounting needs root (or CAP_SYS_ADMIN); where it is not permitted the test skips, saying why,
 * rather than pretending. Mount inside the test (try … finally unmount): a mount made when the
 * file loads would outlive a test that a name filter left out.
 */
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { makeTempDir } from './temp-dir.js';

export interface SmallDisk {
  dir: string;
  /** Bytes free on it now. */
  free(): number;
  /** Writes a file that leaves about `leaveBytes` free; returns its path. */
  fillLeaving(leaveBytes: number): string;
  unmount(): void;
}

let probed: string | false | undefined;

/** Why small disks cannot be mounted here (a skip message), or false when they can. */
export function smallDiskSkip(): string | false {
  if (probed === undefined) {
    try {
      mountSmallDisk(1024 * 1024).unmount();
      probed = false;
    } catch (error) {
      probed = error instanceof Error ? error.message : String(error);
    }
  }
  return probed;
}

export function mountSmallDisk(sizeBytes: number): SmallDisk {
  if (process.platform !== 'linux') throw new Error('tmpfs mounts need Linux');
  const temp = makeTempDir('faultline-small-disk-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes}`, 'tmpfs', temp.dir], {
      stdio: 'pipe',
    });
  } catch (error) {
    temp.cleanup();
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim().split('\n')[0];
    throw new Error(`cannot mount a small tmpfs here (needs root): ${stderr || String(error)}`);
  }
  const free = () => {
    const stats = fs.statfsSync(temp.dir);
    return stats.bavail * stats.bsize;
  };
  let fillers = 0;
  return {
    dir: temp.dir,
    free,
    fillLeaving(leaveBytes) {
      const file = `${temp.dir}/filler-${fillers++}`;
      fs.writeFileSync(file, Buffer.alloc(Math.max(0, free() - leaveBytes)));
      return file;
    },
    unmount() {
      // Lazy: a server that failed to close must not keep the mount (and the test) alive.
      execFileSync('umount', ['-l', temp.dir], { stdio: 'pipe' });
      temp.cleanup();
    },
  };
}

/**
 * Measuring the server from outside while it is loaded: its memory from /proc/<pid>/status
 * (VmRSS sampled; VmHWM is the kernel's own peak), and the disk its data directory takes (the
 * blocks of its files, as `du` counts them), sampled on an interval.
 */
import fs from 'node:fs';
import path from 'node:path';

export function memoryOf(pid: number): { rssMb: number; peakMb: number } | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) =>
      Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return undefined; // the process is gone
  }
}

/** Bytes on disk under `dir` (allocated blocks, like du), files that vanish midway skipped. */
export function diskUsageBytes(dir: string): number {
  let total = 0;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += diskUsageBytes(full);
    else {
      try {
        total += fs.statSync(full).blocks * 512;
      } catch {
        // removed between readdir and stat (a WAL checkpointed away)
      }
    }
  }
  return total;
}

export interface Limits {
  rssMb: number;
  /** Growth of the data dir. */
  diskMb: number;
}

export interface Samples {
  peakRssMb: number;
  startDiskBytes: number;
  peakDiskBytes: number;
  endDiskBytes: number;
  /** When (performance.now()) RSS, or the data dir's growth, first went past its limit. */
  rssLimitAt: number | undefined;
  diskLimitAt: number | undefined;
}

const MB = 1024 * 1024;

/** Samples memory and disk every `intervalMs` until stopped, noting when each passed its limit. */
export function startSampling(pid: number, dataDir: string, intervalMs: number, limits: Limits) {
  const startDisk = diskUsageBytes(dataDir);
  const samples: Samples = {
    peakRssMb: memoryOf(pid)?.rssMb ?? 0,
    startDiskBytes: startDisk,
    peakDiskBytes: startDisk,
    endDiskBytes: startDisk,
    rssLimitAt: undefined,
    diskLimitAt: undefined,
  };
  const sample = () => {
    const memory = memoryOf(pid);
    if (memory !== undefined)
      samples.peakRssMb = Math.max(samples.peakRssMb, memory.rssMb, memory.peakMb);
    samples.endDiskBytes = diskUsageBytes(dataDir);
    samples.peakDiskBytes = Math.max(samples.peakDiskBytes, samples.endDiskBytes);
    if (samples.peakRssMb > limits.rssMb) samples.rssLimitAt ??= performance.now();
    if (samples.endDiskBytes - startDisk > limits.diskMb * MB)
      samples.diskLimitAt ??= performance.now();
  };
  const timer = setInterval(sample, intervalMs);
  return {
    stop(): Samples {
      clearInterval(timer);
      sample();
      return samples;
    },
  };
}

/** Free space on the filesystem holding `dir`, in GB. */
export function freeDiskGb(dir: string): number {
  const stats = fs.statfsSync(dir);
  return (stats.bavail * stats.bsize) / 1024 ** 3;
}

/**
 * The runtime, os, device, app and culture contexts @sentry/node sends. Gathered on the first
 * event rather than at init (os.cpus() reads /proc, the os context reads /etc), then only the
 * changing numbers are refreshed.
 */
import os from 'node:os';
import { osContext } from './os-context.js';

type Contexts = Record<string, Record<string, unknown>>;

let fixed: Contexts | undefined;
const appStartTime = new Date(Date.now() - process.uptime() * 1000).toISOString();

export async function runtimeContexts(): Promise<Contexts> {
  const operatingSystem = await osContext();
  fixed ??= gatherFixedContexts();
  const memory = process.memoryUsage.rss();
  const freeMemory = os.freemem();
  return {
    ...fixed,
    os: operatingSystem,
    app: { app_start_time: appStartTime, app_memory: memory, free_memory: freeMemory },
    device: { ...fixed['device'], free_memory: freeMemory },
  };
}

function gatherFixedContexts(): Contexts {
  const cpus = os.cpus();
  const options = Intl.DateTimeFormat().resolvedOptions();
  return {
    runtime: { name: 'node', version: process.version },
    device: {
      boot_time: new Date(Date.now() - os.uptime() * 1000).toISOString(),
      arch: os.arch(),
      memory_size: os.totalmem(),
      processor_count: cpus.length,
      cpu_description: cpus[0]?.model ?? 'unknown',
      processor_frequency: cpus[0]?.speed ?? 0,
    },
    culture: { locale: options.locale, timezone: options.timeZone },
  };
}

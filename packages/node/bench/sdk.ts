/**
 * `npm run bench:sdk`: what @faultline/node costs an app, next to @sentry/node 11 and to no SDK,
 * all measured in this one run (this machine is noisy: read the ratios).
 *
 *   (a) import + init: cold child processes (apps/startup-probe.mjs), median of several, and the
 *       RSS each SDK adds;
 *   (b) a hello-world Express and Fastify app (apps/hello-app.mjs) with each SDK and its error
 *       handler, loaded by autocannon from this process: requests/s closed-loop, and the app's
 *       CPU time per request at a fixed rate (steadier on a shared 2-core machine, where the
 *       load generator competes for the cores); the best of two rounds, variants interleaved
 *       so drift hits them alike;
 *   (c) the installed size of @faultline/node (with @faultline/protocol) and its third-party
 *       runtime dependencies, which must be none.
 */
import { execFile, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const execFileAsync = promisify(execFile);
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
    starts: { type: 'string', default: '7' },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const starts = Number(values.starts);
// dist/bench → the package root.
const PACKAGE_ROOT = path.join(import.meta.dirname, '../..');
const APPS = path.join(PACKAGE_ROOT, 'bench/apps');

type Sdk = 'none' | 'faultline' | 'sentry';
const SDKS: readonly Sdk[] = ['none', 'faultline', 'sentry'];
const FRAMEWORKS = ['express', 'fastify'] as const;

interface Startup {
  ms: number;
  rssMb: number;
}

async function coldStart(sdk: Sdk): Promise<Startup> {
  const { stdout } = await execFileAsync(process.execPath, [
    path.join(APPS, 'startup-probe.mjs'),
    sdk === 'none' ? 'nothing' : sdk,
  ]);
  return JSON.parse(stdout) as Startup;
}

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

interface Throughput {
  /** Closed loop: as fast as the app answers. */
  requestsPerSecond: number;
  /** The app process's CPU time per request at a fixed rate (steadier than requests/s). */
  cpuUsPerRequest: number;
}

/** User + system CPU time of a process, in µs (Linux: /proc/<pid>/stat, in clock ticks). */
async function processCpuUs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
  return (ticks * 1e6) / CLOCK_TICKS_PER_SECOND;
}
const CLOCK_TICKS_PER_SECOND = 100;

async function measureApp(framework: string, sdk: Sdk, fixedRate: number): Promise<Throughput> {
  const app = spawn(process.execPath, [path.join(APPS, 'hello-app.mjs'), framework, sdk], {
    cwd: PACKAGE_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      createInterface({ input: app.stdout }).on('line', (line) => {
        const match = /^listening (\d+)$/.exec(line);
        if (match !== null) resolve(Number(match[1]));
      });
      app.once('exit', (code) => reject(new Error(`${framework}/${sdk} exited with ${code}`)));
    });
    const url = `http://127.0.0.1:${port}/`;
    const load = async (options: { duration: number; overallRate?: number }) => {
      const result = await autocannon({ url, connections, ...options });
      if (result.non2xx > 0 || result.errors > 0)
        throw new Error(`${framework}/${sdk}: ${result.non2xx} non-2xx, ${result.errors} errors`);
      return result;
    };
    await load({ duration: 1 }); // warm-up: let the JIT settle
    const closed = await load({ duration: seconds });
    const cpuBefore = await processCpuUs(app.pid!);
    const fixed = await load({ duration: seconds, overallRate: fixedRate });
    const cpuUs = (await processCpuUs(app.pid!)) - cpuBefore;
    return {
      requestsPerSecond: closed.requests.average,
      cpuUsPerRequest: cpuUs / fixed.requests.total,
    };
  } finally {
    app.kill();
  }
}

async function installedSize(packageDir: string): Promise<number> {
  const { stdout } = await execFileAsync('npm', ['pack', '--dry-run', '--json'], {
    cwd: packageDir,
  });
  const [pack] = JSON.parse(stdout) as Array<{ unpackedSize: number }>;
  return pack!.unpackedSize;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const lines: string[] = [];

// (a) Startup, interleaved.
const startups: Record<Sdk, Startup[]> = { none: [], faultline: [], sentry: [] };
for (let run = 0; run < starts; run++)
  for (const sdk of SDKS) startups[sdk].push(await coldStart(sdk));
const startup = (sdk: Sdk) => ({
  ms: median(startups[sdk].map((start) => start.ms)),
  rssMb: median(startups[sdk].map((start) => start.rssMb)),
});
const [bare, faultline, sentry] = SDKS.map(startup) as [Startup, Startup, Startup];
lines.push(
  `import + init (median of ${starts} cold starts; target faultline <= 0.1x sentry)`,
  `  nothing             ${bare.ms.toFixed(1).padStart(7)} ms  +${bare.rssMb.toFixed(1)} MB RSS`,
  `  @faultline/node     ${faultline.ms.toFixed(1).padStart(7)} ms  +${faultline.rssMb.toFixed(1)} MB RSS   (${(faultline.ms / sentry.ms).toFixed(3)}x sentry's time, ${(faultline.rssMb / sentry.rssMb).toFixed(2)}x its RSS)`,
  `  @sentry/node 11     ${sentry.ms.toFixed(1).padStart(7)} ms  +${sentry.rssMb.toFixed(1)} MB RSS`,
);

// (b) Throughput. Each variant runs closed-loop, then at a fixed rate all variants can carry
// (half the first bare run's rate), where the app's CPU time per request is read.
for (const framework of FRAMEWORKS) {
  const best: Record<Sdk, Throughput> = {
    none: { requestsPerSecond: 0, cpuUsPerRequest: Infinity },
    faultline: { requestsPerSecond: 0, cpuUsPerRequest: Infinity },
    sentry: { requestsPerSecond: 0, cpuUsPerRequest: Infinity },
  };
  let fixedRate = 0;
  for (let round = 0; round < 2; round++)
    for (const sdk of SDKS) {
      const rate = fixedRate === 0 ? 1000 : fixedRate;
      const measured = await measureApp(framework, sdk, rate);
      if (fixedRate === 0) fixedRate = Math.round(measured.requestsPerSecond / 2);
      best[sdk] = {
        requestsPerSecond: Math.max(best[sdk].requestsPerSecond, measured.requestsPerSecond),
        cpuUsPerRequest:
          round === 0 && sdk === 'none'
            ? best[sdk].cpuUsPerRequest // measured at the placeholder rate
            : Math.min(best[sdk].cpuUsPerRequest, measured.cpuUsPerRequest),
      };
    }
  const row = (label: string, sdk: Sdk) => {
    const { requestsPerSecond, cpuUsPerRequest } = best[sdk];
    const ratio =
      sdk === 'none'
        ? ''
        : `   (${(requestsPerSecond / best.none.requestsPerSecond).toFixed(3)}x bare; CPU ${(cpuUsPerRequest / best.none.cpuUsPerRequest).toFixed(3)}x bare)`;
    return `  ${label.padEnd(18)}${fmt(requestsPerSecond).padStart(7)} req/s ${cpuUsPerRequest.toFixed(1).padStart(6)} us CPU/request${ratio}`;
  };
  lines.push(
    `${framework} hello world (${connections} connections, ${seconds} s, best of 2; CPU at ${fmt(fixedRate)} req/s; target faultline >= 0.97x bare)`,
    row('bare', 'none'),
    row('@faultline/node', 'faultline'),
    row('@sentry/node 11', 'sentry'),
  );
}

// (c) Size and dependencies.
const manifest = JSON.parse(await readFile(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
};
const thirdParty = Object.keys(manifest.dependencies ?? {}).filter(
  (name) => !name.startsWith('@faultline/'),
);
const sdkBytes = await installedSize(PACKAGE_ROOT);
const protocolBytes = await installedSize(path.join(PACKAGE_ROOT, '../protocol'));
lines.push(
  `installed size     @faultline/node ${fmt(sdkBytes / 1024)} KB + @faultline/protocol ${fmt(protocolBytes / 1024)} KB = ${fmt((sdkBytes + protocolBytes) / 1024)} KB (target <= 300 KB)`,
  `third-party runtime dependencies: ${thirdParty.length === 0 ? 'none' : thirdParty.join(', ')}`,
);
console.log(lines.join('\n'));

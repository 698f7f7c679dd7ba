// One cold start for bench:sdk: imports and initializes one SDK (argv[2]: nothing, faultline or
// sentry) and prints how long that took and how much the process's RSS grew, as JSON.
// The DSN points at a closed port: init must not need the network.
const sdk = process.argv[2];
const dsn = 'http://public@127.0.0.1:9/1';
const rssBefore = process.memoryUsage().rss;
const started = performance.now();
if (sdk === 'faultline') {
  const Faultline = await import('@faultline/node');
  Faultline.init({ dsn });
} else if (sdk === 'sentry') {
  const Sentry = await import('@sentry/node');
  Sentry.init({ dsn });
}
const ms = performance.now() - started;
const rssMb = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
process.stdout.write(`${JSON.stringify({ ms, rssMb })}\n`);
process.exit(0);

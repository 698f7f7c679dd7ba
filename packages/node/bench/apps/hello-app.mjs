// A hello-world app for bench:sdk: argv[2] is express or fastify, argv[3] the SDK (none,
// faultline or sentry), initialized as each SDK's docs say (before the framework is imported)
// with its error handler installed. Prints `listening <port>`.
const [framework, sdk] = process.argv.slice(2);
const dsn = 'http://public@127.0.0.1:9/1';
let setup = () => {};
if (sdk === 'faultline') {
  const Faultline = await import('@faultline/node');
  Faultline.init({ dsn });
  setup =
    framework === 'express'
      ? Faultline.setupExpressErrorHandler
      : Faultline.setupFastifyErrorHandler;
} else if (sdk === 'sentry') {
  const Sentry = await import('@sentry/node');
  Sentry.init({ dsn });
  setup =
    framework === 'express' ? Sentry.setupExpressErrorHandler : Sentry.setupFastifyErrorHandler;
}

async function listen() {
  if (framework === 'express') {
    const express = (await import('express')).default;
    const app = express();
    app.get('/', function hello(req, res) {
      res.json({ hello: 'world' });
    });
    setup(app);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    return server.address().port;
  }
  const Fastify = (await import('fastify')).default;
  const app = Fastify();
  setup(app);
  app.get('/', async function hello() {
    return { hello: 'world' };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app.server.address().port;
}

process.stdout.write(`listening ${await listen()}\n`);

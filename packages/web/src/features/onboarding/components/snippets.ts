/**
 * Setup code for each SDK, with the project's DSN written in. Plain text, shown in <pre> as a
 * React text node: the DSN is quoted with JSON.stringify (valid in JavaScript and Python
 * alike), never pasted into markup. The Node snippets follow packages/node/README.md.
 */
export interface Snippet {
  id: string;
  label: string;
  /** What to install, as a shell command. */
  install: string;
  code: string;
}

export function snippetsFor(dsn: string): Snippet[] {
  const quoted = JSON.stringify(dsn);
  return [
    {
      id: 'express',
      label: 'Express',
      install: 'npm install @faultline/node',
      code: `import * as Faultline from '@faultline/node';
import express from 'express';

Faultline.init({ dsn: ${quoted} });
const app = express();
app.get('/', () => {
  throw new Error('my first Faultline error');
});
Faultline.setupExpressErrorHandler(app); // after the routes, before your own error handlers
app.listen(3000);
`,
    },
    {
      id: 'fastify',
      label: 'Fastify',
      install: 'npm install @faultline/node',
      code: `import * as Faultline from '@faultline/node';
import Fastify from 'fastify';

Faultline.init({ dsn: ${quoted} });
const app = Fastify();
Faultline.setupFastifyErrorHandler(app); // an onError hook: your setErrorHandler stays as it is
app.get('/', async () => {
  throw new Error('my first Faultline error');
});
await app.listen({ port: 3000 });
`,
    },
    {
      id: 'hono',
      label: 'Hono',
      install: 'npm install @faultline/node',
      code: `import { serve } from '@hono/node-server';
import * as Faultline from '@faultline/node';
import { Hono } from 'hono';

Faultline.init({ dsn: ${quoted} });
const app = new Hono();
Faultline.setupHonoErrorHandler(app); // a middleware: add it before the routes
app.get('/', () => {
  throw new Error('my first Faultline error');
});
serve({ fetch: app.fetch, port: 3000 });
`,
    },
    {
      id: 'koa',
      label: 'Koa',
      install: 'npm install @faultline/node',
      code: `import * as Faultline from '@faultline/node';
import Koa from 'koa';

Faultline.init({ dsn: ${quoted} });
const app = new Koa();
Faultline.setupKoaErrorHandler(app); // after your error page, before the routes
app.use(() => {
  throw new Error('my first Faultline error');
});
app.listen(3000);
`,
    },
    {
      id: 'sentry-node',
      label: '@sentry/node',
      install: 'npm install @sentry/node',
      code: `// instrument.mjs: load it first, with  node --import ./instrument.mjs app.mjs
import * as Sentry from '@sentry/node';

Sentry.init({ dsn: ${quoted} });

// app.mjs (Express): after the routes
// Sentry.setupExpressErrorHandler(app);
`,
    },
    {
      id: 'python',
      label: 'Python',
      install: 'pip install sentry-sdk',
      code: `import sentry_sdk

sentry_sdk.init(dsn=${quoted})

division_by_zero = 1 / 0
`,
    },
  ];
}

export const testEventCommand = (dsn: string) => `npx faultline send-test-event --dsn ${dsn}`;

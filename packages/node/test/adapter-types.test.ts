// The adapters describe the frameworks structurally; tsc checks here that what they hand the
// frameworks fits the frameworks' own types (setup's `app` parameter alone proves little: an
// overloaded `use` or `addHook` fits almost any shape). Koa and Express ship no types.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify from 'fastify';
import Fastify4 from 'fastify4';
import { Hono } from 'hono';
import {
  fastifyErrorHandler,
  honoErrorHandler,
  setupFastifyErrorHandler,
  setupHonoErrorHandler,
} from '../src/index.js';

test('the Fastify 4/5 and Hono handlers fit the frameworks’ types, typed apps included', async () => {
  const fastify = Fastify();
  const fastify4 = Fastify4();
  fastify.addHook('onError', fastifyErrorHandler());
  fastify4.addHook('onError', fastifyErrorHandler());
  setupFastifyErrorHandler(fastify);
  setupFastifyErrorHandler(fastify4);
  const hono = new Hono<{ Variables: { user: { id: string } } }>();
  hono.use(honoErrorHandler());
  setupHonoErrorHandler(hono);
  new Hono().use(honoErrorHandler());
  assert.equal((await hono.request('/')).status, 404);
  await Promise.all([fastify.close(), fastify4.close()]);
});

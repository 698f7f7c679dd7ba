/**
 * @faultline/node: crash reporting for Node.js services over the Sentry protocol. `init` once,
 * add a framework's error handler, and every 5xx with an error is reported with its whole cause
 * chain; uncaught exceptions are reported before the process exits.
 */
export {
  addBreadcrumb,
  captureException,
  captureMessage,
  close,
  flush,
  getClient,
  getCurrentScope,
  init,
  lastEventId,
  setContext,
  setExtra,
  setTag,
  setTags,
  setUser,
  withScope,
} from './sdk.js';
export type { FaultlineOptions } from './options.js';
export type { CaptureOptions, Client } from './client.js';
export type { EventHint, EventPayload } from './event-payload.js';
export type { Scope } from './scope.js';
export { expressErrorHandler, setupExpressErrorHandler } from './integrations/express.js';
export { fastifyErrorHandler, setupFastifyErrorHandler } from './integrations/fastify.js';
export { honoErrorHandler, setupHonoErrorHandler } from './integrations/hono.js';
export { httpErrorHandler, setupHttpErrorHandler } from './integrations/http.js';
export { koaErrorHandler, setupKoaErrorHandler } from './integrations/koa.js';
export type {
  ErrorHandlerOptions,
  ResponseWithEventId,
} from './integrations/capture-request-error.js';
export { makeHttpTransport } from './transport/http-transport.js';
export type { HttpTransportOptions } from './transport/http-transport.js';
export type { Transport, TransportFactory, TransportOptions } from './transport/transport.js';
export { DsnError } from '@faultline/protocol';

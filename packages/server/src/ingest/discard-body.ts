/**
 * What follows an answer given before the body was read (a 413, a refused key, a full budget):
 * the client is most likely still uploading. Closing the socket now would make the kernel answer
 * its next bytes with a reset, which can destroy our answer before the client reads it, so an
 * SDK sees "connection reset" and never the 413. So the rest of the upload is read and thrown
 * away (nothing is kept), up to a bound in bytes and in time, and only then is the connection
 * closed: the lingering close of RFC 9112 §9.6.
 */
import type { IncomingMessage } from 'node:http';

const MAX_DISCARDED_BYTES = 64 * 1024 * 1024;
const MAX_DISCARD_MS = 15_000;

/** Reads the rest of `request` into nothing, then calls `done` once (at its end or a bound). */
export function discardRestOfBody(request: IncomingMessage, done: () => void): void {
  if (request.readableEnded || request.destroyed) {
    done();
    return;
  }
  let discarded = 0;
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    request.off('data', count);
    request.off('end', finish);
    request.off('close', finish);
    done();
  };
  const count = (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > MAX_DISCARDED_BYTES) finish();
  };
  const timer = setTimeout(finish, MAX_DISCARD_MS);
  timer.unref();
  request.on('data', count);
  request.once('end', finish);
  request.once('close', finish);
  request.resume();
}

/**
 * An upload the test drives piece by piece over node:http, reading the answer as soon as the
 * server sends it, as an SDK would (the answer may come while the body is still being sent).
 */
import http from 'node:http';
import net from 'node:net';

export interface UploadAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

export interface Upload {
  /** Resolves when the whole answer has been read. */
  answer: Promise<UploadAnswer>;
  /** Resolves once the bytes are handed to the socket (or the socket is gone). */
  write(chunk: Uint8Array | string): Promise<void>;
  end(chunk?: Uint8Array | string): Promise<void>;
  /** Destroys the connection mid-upload, as a client that gives up does. */
  abort(): void;
}

export function startUpload(url: string, headers: Record<string, string | number> = {}): Upload {
  const request = http.request(url, { method: 'POST', headers });
  // A server that closes after answering may make later writes fail: the answer is what counts.
  request.on('error', () => {});
  const answer = new Promise<UploadAnswer>((resolve, reject) => {
    request.once('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
        });
      });
      response.on('error', reject);
    });
    request.once('error', reject);
  });
  answer.catch(() => {});
  const whenWritten = (send: (done: () => void) => void) =>
    new Promise<void>((resolve) => {
      if (request.destroyed) return resolve();
      request.once('close', resolve);
      send(() => {
        request.off('close', resolve);
        resolve();
      });
    });
  return {
    answer,
    write: (chunk) => whenWritten((done) => request.write(chunk, done)),
    end: (chunk) =>
      whenWritten((done) => (chunk === undefined ? request.end(done) : request.end(chunk, done))),
    abort: () => request.destroy(),
  };
}

/**
 * A client that writes its whole request before it reads a byte of the answer, as many SDKs'
 * HTTP stacks do: the answer waits unread in the kernel meanwhile, and a server that closes the
 * connection with upload bytes unread sends a reset, which discards it. Resolves with the
 * answer, or rejects with the socket's error.
 */
export function sendWholeThenRead(
  url: string,
  headers: Record<string, string | number>,
  body: Uint8Array,
): Promise<UploadAnswer> {
  const target = new URL(url);
  const head = [
    `POST ${target.pathname}${target.search} HTTP/1.1`,
    `Host: ${target.host}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    '',
    '',
  ].join('\r\n');
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(target.port), target.hostname);
    const chunks: Buffer[] = [];
    socket.pause();
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => {
      try {
        resolve(parseAnswer(Buffer.concat(chunks)));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    socket.write(head);
    socket.write(body, () => socket.resume());
  });
}

function parseAnswer(raw: Buffer): UploadAnswer {
  const headEnd = raw.indexOf('\r\n\r\n');
  if (headEnd < 0) throw new Error(`no complete answer: ${JSON.stringify(raw.toString())}`);
  const [statusLine, ...lines] = raw.subarray(0, headEnd).toString('latin1').split('\r\n');
  const headers: http.IncomingHttpHeaders = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length']);
  const text = raw.subarray(headEnd + 4, headEnd + 4 + length).toString('utf8');
  return {
    status: Number(statusLine!.split(' ')[1]),
    headers,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

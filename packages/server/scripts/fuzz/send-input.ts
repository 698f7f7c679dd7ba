/**
 * Sends one input over real HTTP (node:http, keep-alive) and reads what came back: the status,
 * the error `code` of Faultline's JSON body, Retry-After, the acknowledged event id; or, when no
 * answer came, why (a reset, a timeout).
 */
import http from 'node:http';
import type { FuzzInput } from './generate-input.js';

export interface Answer {
  /** 0 when no answer came. */
  status: number;
  code: string | undefined;
  retryAfter: string | undefined;
  eventId: string | undefined;
  /** Why there was no answer. */
  failure: string | undefined;
}

const MAX_ANSWER_BYTES = 64 * 1024;

function noAnswer(failure: string): Answer {
  return { status: 0, code: undefined, retryAfter: undefined, eventId: undefined, failure };
}

function readAnswer(status: number, retryAfter: string | undefined, text: string): Answer {
  let body: { code?: unknown; id?: unknown } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // Not Faultline's JSON (Node's own 400/431 for a request it cannot parse): no code.
  }
  return {
    status,
    code: typeof body.code === 'string' ? body.code : undefined,
    retryAfter,
    eventId: typeof body.id === 'string' ? body.id : undefined,
    failure: undefined,
  };
}

export function sendInput(
  baseUrl: string,
  input: FuzzInput,
  agent: http.Agent,
  timeoutMs: number,
): Promise<Answer> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (answer: Answer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(answer);
    };
    const headers: Record<string, string | number> = { ...input.headers };
    if (!input.chunked) headers['content-length'] = input.body.length;
    const request = http.request(`${baseUrl}${input.path}`, { method: 'POST', headers, agent });
    const timer = setTimeout(() => {
      settle(noAnswer(`timeout after ${timeoutMs} ms`));
      request.destroy();
    }, timeoutMs);
    // Once the status line is in, the answer counts even if the connection closes after it (a
    // server may refuse a body and close while the client still uploads).
    let answered: (() => Answer) | undefined;
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      answered = () =>
        readAnswer(
          response.statusCode ?? 0,
          response.headers['retry-after'],
          Buffer.concat(chunks).toString(),
        );
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
      });
      response.on('end', () => settle(answered!()));
      response.on('close', () => settle(answered!()));
      response.on('error', () => settle(answered!()));
    });
    request.on('error', (error: NodeJS.ErrnoException) =>
      settle(answered?.() ?? noAnswer(`reset: ${error.code ?? error.message}`)),
    );
    request.end(input.body);
  });
}

/** GET /healthz: true when the server answers 200 within the timeout. */
export async function isHealthy(baseUrl: string, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

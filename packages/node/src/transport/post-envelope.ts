/**
 * One POST of an envelope body over a keep-alive agent. Resolves with the status and the rate
 * limit headers; rejects only for network failures and timeouts.
 */
import http from 'node:http';
import https from 'node:https';

export interface PostResult {
  status: number;
  rateLimitsHeader: string | null;
  retryAfterHeader: string | null;
}

export interface PostOptions {
  url: URL;
  agent: http.Agent;
  headers: Record<string, string>;
  body: Uint8Array;
  timeoutMs: number;
}

export function postEnvelope(options: PostOptions): Promise<PostResult> {
  const { url } = options;
  const request = url.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent: options.agent,
        headers: { ...options.headers, 'content-length': String(options.body.byteLength) },
        timeout: options.timeoutMs,
      },
      (res) => {
        // The body ({"id": …}) is not needed, but must be read for the socket to be reused.
        res.resume();
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            rateLimitsHeader: headerValue(res.headers['x-sentry-rate-limits']),
            retryAfterHeader: headerValue(res.headers['retry-after']),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

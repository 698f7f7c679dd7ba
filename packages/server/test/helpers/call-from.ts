/**
 * A JSON API call made from a chosen local address (any of 127.0.0.0/8 on Linux), so a test can
 * be two clients on two addresses: fetch cannot bind its socket, http.request can.
 */
import http from 'node:http';
import { credentialHeaders } from './api-client.js';
import type { ApiResponse, Credentials } from './api-client.js';

export function callFrom(
  localAddress: string,
  server: { url: string },
  method: string,
  path: string,
  options: { body?: unknown; as?: Credentials } = {},
): Promise<ApiResponse> {
  const headers = credentialHeaders(options.as);
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const request = http.request(
      server.url + path,
      { method, headers, localAddress, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const json = response.headers['content-type']?.startsWith('application/json');
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(response.headers)) {
            if (typeof value === 'string') responseHeaders.set(name, value);
          }
          resolve({
            status: response.statusCode ?? 0,
            headers: responseHeaders,
            body: json && text !== '' ? JSON.parse(text) : text,
          });
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

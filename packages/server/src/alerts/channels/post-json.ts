/**
 * One JSON POST to a receiver (webhook, Slack, Discord) and its answer as a DeliveryResult:
 * 2xx delivered; 429 and 5xx worth retrying (with the receiver's Retry-After); any other status,
 * a redirect included, is the receiver refusing for good.
 */
import { STATUS_CODES } from 'node:http';
import type { DeliveryResult } from '../types.js';
import { attemptSignal, describeAbort, type SendOptions } from './channel-sender.js';
import { httpUrl } from './http-url.js';
import { describeNetworkError } from './network-error.js';
import { oneLine } from './outline-message.js';

/** How much of a refusal's body the attempt log shows, and how much of it is read to get that. */
const SNIPPET_CHARS = 200;
const SNIPPET_BYTES = 4096;

export async function postJson(
  rawUrl: string,
  body: string,
  headers: Record<string, string>,
  options: SendOptions,
): Promise<DeliveryResult> {
  const url = httpUrl(rawUrl);
  if (url === undefined) return { ok: false, detail: 'Not an http(s) URL', retryable: false };
  // fetch refuses such URLs with the same TypeError as a network failure, which would read as
  // retryable; validate-config.ts refuses them too, this is for configs stored before that.
  if (url.username !== '' || url.password !== '') {
    return {
      ok: false,
      detail: 'The URL must not contain a user name or password',
      retryable: false,
    };
  }

  const signal = attemptSignal(options);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Faultline', ...headers },
      body: Buffer.from(body, 'utf8'),
      // A redirect could carry the body (and its signature) somewhere the admin never typed in.
      redirect: 'manual',
      signal,
    });
  } catch (error) {
    return signal.aborted ? describeAbort(options) : { ok: false, ...describeNetworkError(error) };
  }

  const status = `HTTP ${response.status}`;
  if (response.status >= 200 && response.status < 300) {
    await response.body?.cancel().catch(() => {});
    return { ok: true, detail: status };
  }

  const reason = oneLine(response.statusText || (STATUS_CODES[response.status] ?? ''), 60);
  const head = reason === '' ? status : `${status} ${reason}`;
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel().catch(() => {});
    const location = response.headers.get('location');
    const target =
      location !== null && URL.canParse(location, url.href)
        ? httpUrl(new URL(location, url).href)
        : undefined;
    const to = target === undefined ? '' : ` to ${target.origin}`;
    return { ok: false, detail: `${head}: redirect${to} not followed`, retryable: false };
  }

  const snippet = await readSnippet(response);
  const retryable = response.status === 429 || response.status >= 500;
  const retryAfterHeader = response.headers.get('retry-after');
  const retryAfterSeconds = parseRetryAfter(retryAfterHeader, options.now);
  const retryAfterNote =
    retryAfterHeader === null ? '' : ` (Retry-After: ${oneLine(retryAfterHeader, 40)})`;
  return {
    ok: false,
    detail: `${head}${retryAfterNote}${snippet === '' ? '' : `: ${snippet}`}`,
    retryable,
    ...(retryable && retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  };
}

/** The start of a refusal's body, on one line; empty if it cannot be read in time. */
async function readSnippet(response: Response): Promise<string> {
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < SNIPPET_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // Timed out or reset while reading: the status alone says enough.
  } finally {
    await reader.cancel().catch(() => {});
  }
  const text = Buffer.concat(chunks).subarray(0, SNIPPET_BYTES).toString('utf8');
  return oneLine(text, SNIPPET_CHARS);
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d{1,10}$/.test(trimmed)) return Number(trimmed);
  // An HTTP date starts with the day's name; Date.parse would also take "-5" as a year.
  const at = /^[a-z]{3},/i.test(trimmed) ? Date.parse(trimmed) : NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil(at / 1000 - now));
}

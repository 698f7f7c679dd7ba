/**
 * The JSON body of an API request, capped. Only application/json is accepted: that also keeps
 * out HTML forms, which can post cross-site but cannot send this content type.
 */
import type { IncomingMessage } from 'node:http';
import { ApiError } from './errors.js';

export const MAX_API_BODY_BYTES = 1024 * 1024;

export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const type = request.headers['content-type'] ?? '';
  const length = request.headers['content-length'];
  const hasBody =
    request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  if (!hasBody) return undefined;
  if (!/^application\/json\s*(;|$)/i.test(type)) throw new ApiError('unsupported_media_type');
  if (
    request.headers['content-encoding'] !== undefined &&
    request.headers['content-encoding'] !== 'identity'
  ) {
    throw new ApiError('unsupported_media_type', 'API bodies are not accepted compressed');
  }
  if (length !== undefined && Number(length) > MAX_API_BODY_BYTES) {
    throw new ApiError('body_too_large', `the body is over ${MAX_API_BODY_BYTES} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_API_BODY_BYTES) {
      throw new ApiError('body_too_large', `the body is over ${MAX_API_BODY_BYTES} bytes`);
    }
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ApiError(
      'invalid_json',
      `the body is not valid JSON: ${(error as Error).message.slice(0, 200)}`,
    );
  }
}

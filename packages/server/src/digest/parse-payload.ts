/** Step 1: the queued bytes become JSON. Ingest checked shape and depth; syntax is checked here. */
export class PayloadError extends Error {
  override readonly name = 'PayloadError';
}

export function parsePayload(payload: Uint8Array): unknown {
  try {
    return JSON.parse(
      Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8'),
    );
  } catch (error) {
    throw new PayloadError(`event payload is not valid JSON: ${(error as Error).message}`);
  }
}

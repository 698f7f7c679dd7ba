/**
 * Reads a Server-Sent Events stream (the live stream's wire format) from a fetch body, in Node
 * and in browsers alike. Comment lines (`: keepalive`) are skipped; `retry:` and `id:` are not
 * used by Faultline's stream and are ignored.
 */

export interface ServerSentEvent {
  event: string;
  data: string;
}

/** One message per blank-line-terminated block; ends when the stream does. */
export async function* readServerSentEvents(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<ServerSentEvent> {
  // TextDecoder rather than TextDecoderStream: the DOM's and Node's typings of pipeThrough
  // disagree, and the web UI type-checks this file against the DOM's.
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  let event = '';
  let data: string[] = [];
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffered += decoder.decode(value, { stream: true });
      let newline: number;
      while ((newline = buffered.search(/\r\n|\r|\n/)) !== -1) {
        // A CR that ends the chunk may be the first half of a CRLF: wait for the next one.
        if (newline === buffered.length - 1 && buffered.endsWith('\r')) break;
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + (buffered.startsWith('\r\n', newline) ? 2 : 1));
        if (line === '') {
          if (data.length > 0) yield { event: event || 'message', data: data.join('\n') };
          event = '';
          data = [];
          continue;
        }
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
      }
    }
  } finally {
    // Stops the download too when the caller leaves the loop early.
    await reader.cancel().catch(() => {});
  }
}

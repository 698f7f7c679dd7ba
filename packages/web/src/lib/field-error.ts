import { ApiClientError } from './client';

/**
 * The API's 400 names the input at fault (`body.allowedOrigins.2`): the form shows the message
 * beside that input. `fieldPath` is the path below `body.`, split (`['allowedOrigins', '2']`);
 * undefined when the error is not a field's.
 */
export function fieldOf(error: unknown): { path: string[]; message: string } | undefined {
  if (!(error instanceof ApiClientError) || error.field === undefined) return undefined;
  const [part, ...path] = error.field.split('.');
  if (part !== 'body' || path.length === 0) return undefined;
  // validate.ts words it `body.x.y: message`; the form already says which field.
  const message = error.message.startsWith(`${error.field}: `)
    ? error.message.slice(error.field.length + 2)
    : error.message;
  return { path, message };
}

/** Text the user typed, one entry a line, blanks dropped. */
export function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** A number input's text as an optional positive integer: '' is null (the server's default). */
export function optionalCount(text: string): number | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : Number(trimmed);
}

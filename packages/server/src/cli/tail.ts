/**
 * `faultline tail`: one line per new event, from the server's live stream (so from whichever
 * node stored it). Runs until interrupted, reconnecting by itself when the server restarts.
 * Event text is attacker-controlled: it goes through `inert` before it reaches the terminal.
 */
import { ApiClientError } from '../client/api-client.js';
import type { LiveEventJson } from '../client/api-client.js';
import { connect, serverOption } from './connect.js';
import { inert } from './inert.js';
import { parseOptions, parsePositiveInt, writeErr, writeOut } from './io.js';

const LEVEL_COLOURS: Readonly<Record<string, string>> = {
  fatal: '\u001b[1;31m',
  error: '\u001b[31m',
  warning: '\u001b[33m',
  info: '\u001b[36m',
  debug: '\u001b[2m',
};
const RESET = '\u001b[0m';
const RECONNECT_DELAY_MS = 1000;

export function liveEventLine(event: LiveEventJson, colour: boolean): string {
  const level = inert(event.level).padEnd(7);
  const parts = [
    event.receivedAt,
    colour ? `${LEVEL_COLOURS[event.level] ?? ''}${level}${RESET}` : level,
    `issue ${event.issueId}`,
    inert(event.title),
    ...(event.culprit === '' ? [] : [`(${inert(event.culprit)})`]),
    ...(event.newIssue ? ['[new issue]'] : []),
  ];
  return parts.join('  ');
}

export async function runTail(args: string[]): Promise<void> {
  const options = parseOptions(args, {
    ...serverOption,
    project: { type: 'string' },
    json: { type: 'boolean' },
  });
  const project = parsePositiveInt(options.project, '--project');
  const client = connect(options.url);
  const colour = process.stdout.isTTY === true && process.env['NO_COLOR'] === undefined;
  const format = (event: LiveEventJson) =>
    options.json === true ? JSON.stringify(event) : liveEventLine(event, colour);

  const stopping = new AbortController();
  const stop = () => stopping.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const where = `${client.baseUrl}${project === undefined ? '' : `, project ${project}`}`;
  let connectedBefore = false;
  try {
    while (!stopping.signal.aborted) {
      try {
        const events = await client.stream({
          signal: stopping.signal,
          ...(project === undefined ? {} : { project }),
        });
        await writeErr(
          connectedBefore
            ? 'faultline tail: reconnected\n'
            : `faultline tail: waiting for new events (${where}); Ctrl-C stops\n`,
        );
        connectedBefore = true;
        for await (const event of events) {
          try {
            await writeOut(`${format(event)}\n`);
          } catch {
            return; // A closed pipe (`| head`) ends the command rather than crashing it.
          }
        }
      } catch (error) {
        if (stopping.signal.aborted) return;
        if (!isPassing(error)) throw error;
      }
      if (stopping.signal.aborted) return;
      await writeErr('faultline tail: lost the stream; reconnecting\n');
      await new Promise((resolve) => setTimeout(resolve, RECONNECT_DELAY_MS));
    }
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

/** The server away or restarting is worth waiting for; a refused token is not. */
function isPassing(error: unknown): boolean {
  if (error instanceof ApiClientError) return error.status === 0 || error.status >= 500;
  // The connection dropping mid-stream surfaces as a plain network error from the body.
  return error instanceof TypeError || (error as { code?: string }).code === 'ECONNRESET';
}

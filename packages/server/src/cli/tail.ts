/**
 * `faultline tail`: one line per new event, as it is stored, from whichever node digested it
 * (Store.watchChanges). Runs until interrupted. Event text is attacker-controlled, so control
 * characters (terminal escapes among them) are replaced before anything reaches the terminal.
 */
import type { LiveEvent } from '../store/types.js';
import {
  describeStore,
  parseOptions,
  parsePositiveInt,
  resolveStoreConfig,
  storeOptions,
  writeErr,
  writeOut,
} from './io.js';
import { openForCommand } from './open-data.js';

const LEVEL_COLOURS: Readonly<Record<string, string>> = {
  fatal: '\u001b[1;31m',
  error: '\u001b[31m',
  warning: '\u001b[33m',
  info: '\u001b[36m',
  debug: '\u001b[2m',
};
const RESET = '\u001b[0m';

/** C0 and C1 controls and DEL: an escape sequence in a title must not drive the terminal. */
function inert(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}

export function liveEventLine(event: LiveEvent, colour: boolean): string {
  const level = event.level.padEnd(7);
  const parts = [
    new Date(event.receivedAt * 1000).toISOString(),
    colour ? `${LEVEL_COLOURS[event.level] ?? ''}${level}${RESET}` : level,
    `issue ${event.issueId}`,
    inert(event.title),
    ...(event.culprit === '' ? [] : [`(${inert(event.culprit)})`]),
    ...(event.newIssue ? ['[new issue]'] : []),
  ];
  return parts.join('  ');
}

export function liveEventJson(event: LiveEvent) {
  return {
    id: event.eventId,
    project_id: event.projectId,
    issue_id: event.issueId,
    level: event.level,
    title: event.title,
    culprit: event.culprit,
    new_issue: event.newIssue,
    timestamp: new Date(event.timestamp * 1000).toISOString(),
    received_at: new Date(event.receivedAt * 1000).toISOString(),
  };
}

export async function runTail(args: string[]): Promise<void> {
  const options = parseOptions(args, {
    ...storeOptions,
    project: { type: 'string' },
    json: { type: 'boolean' },
  });
  const projectId = parsePositiveInt(options.project, '--project');
  const config = resolveStoreConfig(options, 'read');
  const store = await openForCommand(config);
  const colour = process.stdout.isTTY === true && process.env['NO_COLOR'] === undefined;

  let output = Promise.resolve();
  let stop: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const watch = await store.watchChanges({
    events(events) {
      const lines = events
        .filter((event) => projectId === undefined || event.projectId === projectId)
        .map((event) =>
          options.json ? JSON.stringify(liveEventJson(event)) : liveEventLine(event, colour),
        );
      if (lines.length === 0) return;
      // A closed pipe (`| head`) ends the command rather than crashing it.
      output = output.then(() => writeOut(`${lines.join('\n')}\n`)).catch(stop);
    },
  });
  process.stdout.on('error', stop);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await writeErr(
    `faultline tail: waiting for new events (${describeStore(config)}); Ctrl-C stops\n`,
  );
  try {
    await stopped;
  } finally {
    process.stdout.off('error', stop);
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await watch.close();
    await output;
    await store.close();
  }
}

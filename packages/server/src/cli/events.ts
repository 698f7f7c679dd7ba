import type { SentryEvent } from '@faultline/protocol';
import { summarizeEvent } from '../digest/summarize.js';
import {
  CliError,
  parseOptions,
  parsePositiveInt,
  resolveStoreConfig,
  storeOptions,
  writeOut,
} from './io.js';
import { inert } from './inert.js';
import { openForCommand } from './open-data.js';

export async function runEvents(args: string[]): Promise<void> {
  const options = parseOptions(args, {
    ...storeOptions,
    issue: { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
  });
  const issueId = parsePositiveInt(options.issue, '--issue');
  if (issueId === undefined) throw new CliError('--issue ID is required');
  const limit = parsePositiveInt(options.limit, '--limit');
  const store = await openForCommand(resolveStoreConfig(options, 'read'));
  try {
    if ((await store.getIssue(issueId)) === undefined)
      throw new CliError(`issue ${issueId} does not exist`, 1);
    const events = await store.listEvents(issueId, limit === undefined ? {} : { limit });
    if (options.json) {
      // One event per write keeps memory flat for issues with many events.
      await writeOut('[');
      for (const [index, record] of events.entries()) {
        await writeOut(`${index === 0 ? '\n' : ',\n'}${JSON.stringify(record.event)}`);
      }
      await writeOut(events.length === 0 ? ']\n' : '\n]\n');
    } else {
      for (const record of events) {
        // The sender's text (a DSN is public): no escape sequence reaches the terminal.
        const title = inert(summarizeEvent(record.event as SentryEvent).title);
        await writeOut(
          `${record.eventId}  ${new Date(record.timestamp * 1000).toISOString()}  ${title}\n`,
        );
      }
    }
  } finally {
    await store.close();
  }
}

/**
 * `faultline issues` and `faultline events` print what an event's sender wrote (titles, levels),
 * and a DSN is public in every browser bundle: an escape sequence in a title must reach the
 * terminal as inert text, as it does in `faultline tail` and the API commands' tables.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { openStore } from '../src/store/open-store.js';
import { encodeEventPayload } from '../src/store/payload-codec.js';
import { CLI_PATH } from './helpers/paths.js';
import { runProcess } from './helpers/run-process.js';
import { digested, persistEvents } from './helpers/store-records.js';
import { makeTempDir } from './helpers/temp-dir.js';

const faultline = (...args: string[]) => runProcess(process.execPath, [CLI_PATH, ...args]);

// Sets the terminal's title, then clears the screen: what a hostile event would like to do.
const HOSTILE = 'boom\u001b]0;pwned\u0007\u001b[2J\u009b31m';
const CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('faultline issues and events print event text inert', () => {
  const temp = makeTempDir();
  let issueId: number;

  before(async () => {
    const store = await openStore({ kind: 'sqlite', dataDir: temp.dir });
    try {
      const { project } = await store.ensureDefaultProject();
      const event = digested(project.id, {
        title: `Error: ${HOSTILE}`,
        level: `error${HOSTILE}`,
      });
      event.payload = encodeEventPayload(
        JSON.stringify({ event_id: event.eventId, logentry: { formatted: `Error: ${HOSTILE}` } }),
      );
      await persistEvents(store, [event]);
      const [issue] = await store.listIssues({ projectId: project.id });
      issueId = issue!.id;
    } finally {
      await store.close();
    }
  });
  after(() => temp.cleanup());

  it('issues: the title and level carry no control characters', async () => {
    const result = await faultline('issues', '--data-dir', temp.dir);
    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stdout, CONTROLS);
    assert.match(result.stdout, /Error: boom \]0;pwned  \[2J 31m/);
  });

  it('events: the title carries no control characters', async () => {
    const result = await faultline('events', '--issue', String(issueId), '--data-dir', temp.dir);
    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stdout, CONTROLS);
    assert.match(result.stdout, /boom \]0;pwned  \[2J 31m/);
  });
});

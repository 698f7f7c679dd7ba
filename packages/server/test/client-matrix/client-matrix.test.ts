/**
 * The client matrix: real Sentry clients nobody here wrote, each in a real app sending over real
 * HTTP to one real Faultline server, each in its own project. Every app plays the same scenario
 * (client-case.ts); the test asserts what was stored and how it was grouped. The apps run at the
 * same time, so the matrix costs about as long as its slowest client.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SentryEvent } from '@faultline/protocol';
import { dsnFor } from '../../src/server-urls.js';
import type { EventRecord } from '../../src/store/types.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';
import {
  MATRIX_BREADCRUMB,
  MATRIX_ENVIRONMENT,
  MATRIX_MESSAGE,
  MATRIX_RELEASE,
  MATRIX_USER_ID,
  SCENARIOS,
  eventIdsOf,
} from './client-case.js';
import type { ClientCase, Scenario } from './client-case.js';
import { DEBIAN_CASES } from './debian-cases.js';
import { SENTRY_BROWSER_CASE } from './sentry-browser-case.js';
import { RAVEN_NODE_CASE, SENTRY_NODE_CASES } from './sentry-node-cases.js';

const CASES: ClientCase[] = [
  ...SENTRY_NODE_CASES,
  RAVEN_NODE_CASE,
  SENTRY_BROWSER_CASE,
  ...DEBIAN_CASES,
];

interface Outcome {
  /** How long the app ran, alongside the others. */
  seconds: number;
  events: Record<Scenario, EventRecord>;
}

describe('the client matrix', () => {
  let server: TestServer;
  const outcomes = new Map<string, Promise<Outcome>>();

  before(async () => {
    server = await startTestServer();
    for (const client of CASES) {
      if (client.skip === false) outcomes.set(client.name, playScenario(server, client));
    }
    // Every `it` awaits its own client; a failed run is reported there, not as a hook failure.
    for (const outcome of outcomes.values()) outcome.catch(() => {});
  });
  after(async () => {
    await Promise.allSettled(outcomes.values());
    await server.stop();
  });

  for (const client of CASES) {
    const outcomeOf = (): Promise<Outcome> => outcomes.get(client.name)!;

    describe(client.name, { skip: client.skip }, () => {
      it('stores each event as sent: chain, frames, message, tags, user, breadcrumbs, level, release, environment, SDK', async (t) => {
        const { events, seconds } = await outcomeOf();
        t.diagnostic(`${client.name}: the app ran in ${seconds} s, with the others at once`);
        for (const scenario of SCENARIOS) {
          assertCommonFields(client, scenario, events[scenario].event as unknown as SentryEvent);
        }
        const chained = events['chain-1'].event as unknown as SentryEvent;
        const values = chained.exception?.values ?? [];
        assert.deepEqual(
          values.map((value) => [value.type, value.value]),
          client.chain,
          'the exception chain, innermost first',
        );
        const raisedFrame = values[0]?.stacktrace?.frames.at(-1);
        assert.equal(raisedFrame?.function, client.raisedIn, 'the frame that raised is last');
        assert.equal(raisedFrame?.in_app, true, 'the frame that raised is in app');
        const message = events.message.event as unknown as SentryEvent;
        assert.equal(message.logentry?.formatted ?? message.logentry?.message, MATRIX_MESSAGE);
        assert.equal(message.level, 'warning');
      });

      it('groups the same error sent twice into one issue', async () => {
        const { events } = await outcomeOf();
        assert.equal(events['chain-1'].issueId, events['chain-2'].issueId);
        const issue = await server.store.getIssue(events['chain-1'].issueId);
        assert.equal(issue?.count, 2);
        const message = events.message.issueId;
        assert.notEqual(message, events['chain-1'].issueId, 'a message is not the error');
      });

      it('groups two different anonymous handlers into two issues', async () => {
        const { events } = await outcomeOf();
        const issues = [events['anon-a'].issueId, events['anon-b'].issueId];
        assert.notEqual(issues[0], issues[1]);
        assert.ok(!issues.includes(events['chain-1'].issueId), 'neither is the named chain');
      });
    });
  }
});

/** Runs the client's app against a project of its own and reads back what was stored. */
async function playScenario(server: TestServer, client: ClientCase): Promise<Outcome> {
  const project = await server.store.createProject(client.name);
  const key = await server.store.createKey(project.id);
  const started = Date.now();
  const run = await client.run(dsnFor(server.url, key.publicKey, project.id));
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  if (run.code !== 0) {
    throw new Error(`${client.name} exited with ${run.code}:\n${run.stderr}\n${run.stdout}`);
  }
  const ids = eventIdsOf(run);
  await server.idle();
  const events = {} as Record<Scenario, EventRecord>;
  for (const scenario of SCENARIOS) {
    const stored = await server.store.getEvent(project.id, ids[scenario]);
    if (stored === undefined) throw new Error(`${client.name}: ${scenario} was not stored`);
    events[scenario] = stored;
  }
  return { seconds, events };
}

function assertCommonFields(client: ClientCase, scenario: Scenario, event: SentryEvent): void {
  const where = `${client.name}, ${scenario}`;
  assert.equal(event.release, MATRIX_RELEASE, where);
  assert.equal(event.environment, MATRIX_ENVIRONMENT, where);
  assert.equal(event.tags?.['scenario'], scenario, where);
  assert.equal(event.user?.id, MATRIX_USER_ID, where);
  assert.deepEqual(
    event.sdk && [event.sdk.name, event.sdk.version],
    [client.sdk.name, client.sdk.version],
    `${where}: the SDK`,
  );
  if (scenario !== 'message') assert.equal(event.level, 'error', where);
  if (client.breadcrumbs) {
    assert.ok(
      event.breadcrumbs?.values.some((crumb) => crumb.message === MATRIX_BREADCRUMB),
      `${where}: the breadcrumb`,
    );
  }
}

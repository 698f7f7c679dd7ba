/**
 * A 200 means stored, even for an event whose fields name Object.prototype's members: each such
 * event goes over HTTP to a real server, through the digest worker, into SQLite, and is read
 * back with every value intact (test/helpers/prototype-strings.ts lists the fields).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { authQuery, eventEnvelope, newEventId, post } from '../helpers/envelopes.js';
import {
  assertKeptEverywhere,
  cspReportWith,
  eventWithEverywhere,
  legacyEventWithEverywhere,
  PROTOTYPE_STRINGS,
} from '../helpers/prototype-strings.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

describe('events naming Object.prototype members, over HTTP', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server?.stop();
  });

  async function send(event: Record<string, unknown>): Promise<void> {
    const url = `${server.envelopeUrl}${authQuery(server.publicKey)}`;
    const response = await post(url, eventEnvelope(event));
    assert.equal(response.status, 200, JSON.stringify(response.body));
  }

  it('stores each one, with its value in every field, its issue and its tags', async () => {
    const sent = PROTOTYPE_STRINGS.flatMap((word) => [
      { word, eventId: newEventId(), build: eventWithEverywhere },
      { word, eventId: newEventId(), build: legacyEventWithEverywhere },
    ]);
    const reports = PROTOTYPE_STRINGS.map((word) => ({ word, eventId: newEventId() }));
    for (const { word, eventId, build } of sent) await send(build(word, eventId));
    for (const { word, eventId } of reports) await send(cspReportWith(word, eventId));
    await server.idle();

    for (const { word, eventId } of sent) {
      const stored = await server.store.getEvent(server.projectId, eventId);
      assert.ok(stored !== undefined, `the event with ${word} was acknowledged but not stored`);
      assertKeptEverywhere(stored.event, word);
      const issue = await server.store.getIssue(stored.issueId);
      assert.equal(issue?.title, `${word}: ${word}`);
      const tags = await server.store.issueTagCounts(stored.issueId);
      assert.ok(
        tags.some((tag) => tag.key === word && tag.value === word),
        `tag ${word}=${word} counted: ${JSON.stringify(tags)}`,
      );
    }
    for (const { word, eventId } of reports) {
      const stored = await server.store.getEvent(server.projectId, eventId);
      assert.ok(stored !== undefined, `the CSP report with ${word} was not stored`);
      const issue = await server.store.getIssue(stored.issueId);
      assert.equal(issue?.title, `Blocked '${word}' from '${word}'`);
    }
    const invalid = (await server.store.listOutcomes(server.projectId)).filter(
      (outcome) => outcome.outcome === 'invalid',
    );
    assert.deepEqual(invalid, []);
  });
});

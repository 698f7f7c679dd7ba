/** Reading back what the real server stored, and what every request-scoped event must carry. */
import assert from 'node:assert/strict';
import type { FaultlineServer } from './faultline-server.js';

type Json = Record<string, any>;

/** The first stored event of the issue titled `title`, once digest has stored it. */
export async function storedEvent(faultline: FaultlineServer, title: string): Promise<Json> {
  const issues = await faultline.waitForIssues((list) =>
    list.some((issue) => issue['title'] === title),
  );
  const issue = issues.find((candidate) => candidate['title'] === title);
  const [event] = (await faultline.events(issue?.['id'])) as Json[];
  assert.ok(event !== undefined);
  return event;
}

/**
 * The promise `GET /orders/8/ship?express=1` forgot to await rejects after the answer went out,
 * where no middleware sees it: its event is still named by the route and carries that request,
 * and nothing another request set.
 */
export async function assertForgottenRejection(faultline: FaultlineServer): Promise<void> {
  const event = await storedEvent(faultline, 'Error: warehouse never heard of order 8');
  assert.equal(event['exception'].values.at(-1).mechanism.type, 'auto.node.onunhandledrejection');
  assert.equal(event['transaction'], 'GET /orders/:id/ship');
  assert.equal(event['request']?.['method'], 'GET');
  assert.match(String(event['request']?.['url']), /^http:\/\/127\.0\.0\.1:\d+\/orders\/8\/ship$/);
  assert.deepEqual(event['request']?.['query_string'], [['express', '1']]);
  assert.equal(event['user'], undefined);
}

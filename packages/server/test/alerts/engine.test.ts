/**
 * The alert engine and delivery queue on every dialect: which triggers queue notifications,
 * throttling, storm summaries, retries with backoff, and giving up. Delivery goes through a
 * recording `deliver` here (the channels are tested against real receivers in channels*.test).
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createChannel, deleteChannel } from '../../src/alerts/channel-store.js';
import { deliverDue } from '../../src/alerts/delivery.js';
import type { DeliveryOptions } from '../../src/alerts/delivery.js';
import { runAlertEngine } from '../../src/alerts/engine.js';
import { holdAlertLease } from '../../src/alerts/lease.js';
import { RULES_PER_PROJECT } from '../../src/alerts/limits.js';
import { CountLimitError } from '../../src/count-limit.js';
import { createRule } from '../../src/alerts/rule-store.js';
import type { RuleInput } from '../../src/alerts/rule-store.js';
import type { AlertMessage, DeliveryResult } from '../../src/alerts/types.js';
import { setIssuesStatus } from '../../src/store/issue-actions.js';
import { openStore } from '../../src/store/open-store.js';
import { numberColumn } from '../../src/store/sql.js';
import type { Store } from '../../src/store/store.js';
import { storeDialects } from '../helpers/store-dialects.js';
import { T0, digested, persistEvents } from '../helpers/store-records.js';

const hash = (label: string) => label.padEnd(32, '0');

const rule = (channelIds: number[], overrides: Partial<RuleInput> = {}): RuleInput => ({
  name: 'tell us',
  trigger: 'new_issue',
  threshold: undefined,
  windowMinutes: undefined,
  filters: {},
  channelIds,
  throttleMinutes: 60,
  enabled: true,
  ...overrides,
});

for (const dialect of await storeDialects()) {
  describe(`alert engine and delivery (${dialect.name})`, { skip: dialect.skip }, () => {
    let store: Store;
    let projectId: number;
    let channelId: number;
    let sent: AlertMessage[];
    let answer: () => DeliveryResult;
    const options: DeliveryOptions = {
      deliver: async (_config, message) => {
        sent.push(message);
        return answer();
      },
      issueUrl: (issueId) => `http://faultline.test/issues/${issueId}`,
      stormWindowSeconds: 60,
      retryBaseSeconds: 5,
      maxAttempts: 3,
    };
    /** One engine pass and one delivery pass at `now`. */
    const pass = async (now: number) => {
      const queued = await runAlertEngine(store.sql, now);
      const delivered = await deliverDue(store.sql, options, now);
      return { queued, delivered };
    };
    const anotherChannel = async () =>
      (
        await createChannel(store.sql, projectId, 'other hook', {
          kind: 'webhook',
          url: 'http://receiver.test/other',
        })
      ).id;
    const statuses = async () =>
      (
        await store.sql.all(
          'SELECT status, count(*) AS n FROM alert_notifications WHERE project_id = ? GROUP BY status ORDER BY status',
          [projectId],
        )
      ).map((row) => `${String(row['status'])}:${numberColumn(row, 'n')}`);

    before(async () => {
      store = await openStore(await dialect.config());
    });
    beforeEach(async () => {
      projectId = (await store.createProject(`alerts ${Math.random()}`)).id;
      channelId = (
        await createChannel(store.sql, projectId, 'hook', {
          kind: 'webhook',
          url: 'http://receiver.test/hook',
        })
      ).id;
      sent = [];
      answer = () => ({ ok: true, detail: 'HTTP 200' });
    });
    after(async () => {
      await store?.close();
    });

    it('a new issue is told once; its next events and the activity before rules are not', async () => {
      // Activity from before any rule existed is consumed without telling anyone.
      await persistEvents(store, [digested(projectId, { groupingHash: hash('old') })]);
      await pass(T0 + 1);
      await createRule(store.sql, projectId, rule([channelId]));
      await persistEvents(store, [
        digested(projectId, { groupingHash: hash('new'), title: 'TypeError: x' }),
      ]);
      assert.deepEqual(await pass(T0 + 2), { queued: 1, delivered: 1 });
      assert.equal(sent.length, 1);
      assert.equal(sent[0]!.issues[0]!.title, 'TypeError: x');
      assert.equal(sent[0]!.moreIssues, 0);
      assert.match(sent[0]!.issues[0]!.url, /^http:\/\/faultline\.test\/issues\/\d+$/);
      await persistEvents(store, [digested(projectId, { groupingHash: hash('new') })]);
      assert.deepEqual(await pass(T0 + 3), { queued: 0, delivered: 0 });
      assert.deepEqual(await statuses(), ['sent:1']);
      const attempt = await store.sql.get(
        'SELECT ok, detail, issues FROM alert_attempts a JOIN alert_notifications n ON n.id = a.notification_id WHERE n.project_id = ?',
        [projectId],
      );
      assert.equal(Boolean(attempt!['ok']), true);
      assert.equal(attempt!['detail'], 'HTTP 200');
    });

    it('rules matching the same trigger send one message per channel, not one per rule', async () => {
      const other = await anotherChannel();
      for (let n = 0; n < 30; n++) await createRule(store.sql, projectId, rule([channelId]));
      await createRule(store.sql, projectId, rule([channelId, other]));
      await persistEvents(store, [digested(projectId, { groupingHash: hash('many rules') })]);
      assert.deepEqual(await pass(T0 + 2), { queued: 2, delivered: 2 });
      assert.equal(sent.length, 2, 'one message each for the two channels');
    });

    it("a threshold crossed is the crossing rule's alone", async () => {
      const other = await anotherChannel();
      const low = await createRule(
        store.sql,
        projectId,
        rule([channelId], { trigger: 'frequency', threshold: 2, windowMinutes: 10 }),
      );
      await createRule(
        store.sql,
        projectId,
        rule([other], { trigger: 'frequency', threshold: 50, windowMinutes: 10 }),
      );
      const at = (offset: number) =>
        digested(projectId, {
          groupingHash: hash('crossed'),
          receivedAt: T0 + offset,
          timestamp: T0 + offset,
        });
      await persistEvents(store, [at(0), at(1), at(2)]);
      assert.deepEqual(await pass(T0 + 3), { queued: 1, delivered: 1 });
      assert.equal(sent[0]!.rule.id, low.id, "three events are not the other rule's fifty");
    });

    it('a project has at most RULES_PER_PROJECT.limit rules', async () => {
      for (let n = 0; n < RULES_PER_PROJECT.limit; n++) {
        await createRule(store.sql, projectId, rule([channelId]));
      }
      await assert.rejects(createRule(store.sql, projectId, rule([channelId])), CountLimitError);
      const otherProject = (await store.createProject(`alerts ${Math.random()}`)).id;
      await createRule(store.sql, otherProject, rule([]));
    });

    it('a regression is told; filters and disabled rules hold back what they should', async () => {
      await createRule(store.sql, projectId, rule([channelId], { trigger: 'regression' }));
      await createRule(store.sql, projectId, rule([channelId], { filters: { levels: ['fatal'] } }));
      await createRule(store.sql, projectId, rule([channelId], { enabled: false }));
      await createRule(
        store.sql,
        projectId,
        rule([channelId], { filters: { environment: 'staging' } }),
      );
      await persistEvents(store, [
        digested(projectId, { groupingHash: hash('r'), receivedAt: T0 }),
      ]);
      assert.deepEqual(
        await pass(T0 + 1),
        { queued: 0, delivered: 0 },
        'no rule matched the new issue',
      );
      const [issue] = await store.listIssues({ projectId });
      await setIssuesStatus(store.sql, [issue!.id], 'resolved', { userId: undefined, at: T0 + 10 });
      await persistEvents(store, [
        digested(projectId, { groupingHash: hash('r'), receivedAt: T0 + 20 }),
      ]);
      assert.deepEqual(await pass(T0 + 21), { queued: 1, delivered: 1 });
      assert.equal(sent[0]!.rule.trigger, 'regression');
    });

    it('frequency: told when N events fall within M minutes, then throttled', async () => {
      await createRule(
        store.sql,
        projectId,
        rule([channelId], {
          trigger: 'frequency',
          threshold: 3,
          windowMinutes: 10,
          throttleMinutes: 30,
        }),
      );
      const at = (offset: number) =>
        digested(projectId, {
          groupingHash: hash('f'),
          receivedAt: T0 + offset,
          timestamp: T0 + offset,
        });
      // Three events, but spread over more than ten minutes.
      await persistEvents(store, [at(0), at(400), at(800)]);
      assert.equal((await pass(T0 + 801)).queued, 0);
      await persistEvents(store, [at(820)]);
      assert.equal(
        (await pass(T0 + 821)).queued,
        1,
        'events at 400, 800 and 820 are within 10 min',
      );
      await persistEvents(store, [at(830), at(840)]);
      assert.equal((await pass(T0 + 841)).queued, 0, 'throttled for 30 minutes');
      await persistEvents(store, [at(2700), at(2710), at(2720)]);
      assert.equal((await pass(T0 + 2721)).queued, 1, 'told again after the throttle');
    });

    it('frequency with no throttle: one issue waiting out a storm window is one issue, not one a pass', async () => {
      await createRule(
        store.sql,
        projectId,
        rule([channelId], {
          trigger: 'frequency',
          threshold: 2,
          windowMinutes: 10,
          throttleMinutes: 0,
        }),
      );
      const at = (offset: number) =>
        digested(projectId, {
          groupingHash: hash('f0'),
          receivedAt: T0 + offset,
          timestamp: T0 + offset,
        });
      await persistEvents(store, [at(0), at(1)]);
      assert.deepEqual(await pass(T0 + 2), { queued: 1, delivered: 1 });
      // The rate holds: every pass finds the issue over its threshold again.
      for (let second = 3; second < 40; second += 1) await pass(T0 + second);
      await pass(T0 + 62);
      assert.equal(sent.length, 2, 'one message per storm window');
      assert.equal(sent[1]!.issues.length, 1);
      assert.equal(sent[1]!.moreIssues, 0, 'the same issue is not "more issues"');
      const queued = await store.sql.get(
        'SELECT count(*) AS n FROM alert_notifications WHERE project_id = ?',
        [projectId],
      );
      assert.equal(numberColumn(queued!, 'n'), 2, 'no pile of rows for one waiting issue');
      // Passes are global: left enabled, this rule would keep firing in the tests that follow.
      await store.sql.run('UPDATE alert_rules SET enabled = ? WHERE project_id = ?', [
        false,
        projectId,
      ]);
    });

    it('a deleted channel leaves its rules: a new channel does not inherit them (SQLite reuses ids)', async () => {
      const old = await createChannel(store.sql, projectId, 'ops mail', {
        kind: 'webhook',
        url: 'http://receiver.test/ops',
      });
      const created = await createRule(store.sql, projectId, rule([channelId, old.id]));
      await deleteChannel(store.sql, old.id);
      const fresh = await createChannel(store.sql, projectId, 'public chat', {
        kind: 'webhook',
        url: 'http://receiver.test/public',
      });
      const [stored] = await store.sql.all('SELECT channel_ids FROM alert_rules WHERE id = ?', [
        created.id,
      ]);
      assert.equal(stored!['channel_ids'], JSON.stringify([channelId]));
      await persistEvents(store, [digested(projectId, { groupingHash: hash('reuse') })]);
      await pass(T0);
      const told = await store.sql.all(
        'SELECT channel_id FROM alert_notifications WHERE project_id = ?',
        [projectId],
      );
      assert.deepEqual(
        told.map((row) => numberColumn(row, 'channel_id')),
        [channelId],
        `not channel ${fresh.id}, which nobody chose for the rule`,
      );
    });

    it('users: told once when an issue reaches N distinct users', async () => {
      await createRule(
        store.sql,
        projectId,
        rule([channelId], { trigger: 'users', threshold: 2, throttleMinutes: 1 }),
      );
      const by = (user: string, offset: number) =>
        digested(projectId, {
          groupingHash: hash('u'),
          userKey: `id:${user}`,
          receivedAt: T0 + offset,
          timestamp: T0 + offset,
        });
      await persistEvents(store, [by('a', 0), by('a', 1)]);
      assert.equal((await pass(T0 + 2)).queued, 0);
      await persistEvents(store, [by('b', 3)]);
      assert.equal((await pass(T0 + 4)).queued, 1);
      await persistEvents(store, [by('c', 500)]);
      assert.equal((await pass(T0 + 501)).queued, 0, 'once per issue');
    });

    it('a storm is a few summaries that together count every issue', async () => {
      await createRule(store.sql, projectId, rule([channelId]));
      let now = T0;
      for (let second = 0; second < 150; second += 1) {
        now = T0 + second;
        // Five new issues a second, for 150 seconds.
        await persistEvents(
          store,
          Array.from({ length: 5 }, (_, n) =>
            digested(projectId, { groupingHash: hash(`s${second}-${n}`), receivedAt: now }),
          ),
        );
        await pass(now);
      }
      await pass(now + 60);
      const told = sent.reduce(
        (total, message) => total + message.issues.length + message.moreIssues,
        0,
      );
      assert.equal(told, 750, 'every new issue is in some message');
      assert.ok(sent.length <= 4, `a 60 s window over 150 s: ${sent.length} messages`);
      assert.ok(
        sent.slice(1).every((message) => message.issues.length === 5 && message.moreIssues > 0),
      );
      assert.deepEqual(
        (await statuses()).map((s) => s.split(':')[0]),
        ['merged', 'sent'],
      );
    });

    it('a failing receiver is retried with backoff, then succeeds; a 4xx gives up at once', async () => {
      await createRule(store.sql, projectId, rule([channelId]));
      answer = () => ({ ok: false, detail: 'HTTP 503', retryable: true });
      await persistEvents(store, [digested(projectId, { groupingHash: hash('retry') })]);
      assert.deepEqual(await pass(T0), { queued: 1, delivered: 1 });
      assert.deepEqual(await pass(T0 + 4), { queued: 0, delivered: 0 }, 'backing off 5 s');
      assert.deepEqual(await pass(T0 + 5), { queued: 0, delivered: 1 });
      answer = () => ({ ok: true, detail: 'HTTP 200' });
      assert.deepEqual(await pass(T0 + 14), { queued: 0, delivered: 0 }, 'then 10 s');
      assert.deepEqual(await pass(T0 + 15), { queued: 0, delivered: 1 });
      assert.deepEqual(await statuses(), ['sent:1']);
      const attempts = await store.sql.all(
        'SELECT ok, detail FROM alert_attempts a JOIN alert_notifications n ON n.id = a.notification_id WHERE n.project_id = ? ORDER BY a.id',
        [projectId],
      );
      assert.deepEqual(
        attempts.map((row) => row['detail']),
        ['HTTP 503', 'HTTP 503', 'HTTP 200'],
      );

      answer = () => ({ ok: false, detail: 'HTTP 404', retryable: false });
      await persistEvents(store, [digested(projectId, { groupingHash: hash('gone') })]);
      await pass(T0 + 100);
      assert.deepEqual(await statuses(), ['failed:1', 'sent:1']);
      const failed = await store.sql.get(
        "SELECT last_error FROM alert_notifications WHERE project_id = ? AND status = 'failed'",
        [projectId],
      );
      assert.equal(failed!['last_error'], 'HTTP 404');
    });

    it('only one holder of the lease at a time, until it runs out', async () => {
      assert.equal(await holdAlertLease(store.sql, `a-${projectId}`, T0 + 10_000, 30), true);
      assert.equal(await holdAlertLease(store.sql, `b-${projectId}`, T0 + 10_010, 30), false);
      assert.equal(
        await holdAlertLease(store.sql, `a-${projectId}`, T0 + 10_020, 30),
        true,
        'renewed',
      );
      assert.equal(
        await holdAlertLease(store.sql, `b-${projectId}`, T0 + 10_051, 30),
        true,
        'expired',
      );
    });
  });
}

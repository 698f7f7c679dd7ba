/**
 * The hourly maintenance pass on every dialect: retention with the server's default, the
 * browser sessions past their expiry (all of them, in batches), while live sessions stay, and
 * the alert log's done notifications past the default retention.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createSession, findSession } from '../../src/accounts/sessions.js';
import { SESSION_LIFETIME_SECONDS } from '../../src/accounts/sessions.js';
import { createUser } from '../../src/accounts/users.js';
import { createChannel } from '../../src/alerts/channel-store.js';
import { createRule } from '../../src/alerts/rule-store.js';
import { setIssuesStatus } from '../../src/store/issue-actions.js';
import { runMaintenancePass } from '../../src/maintenance.js';
import { openStore } from '../../src/store/open-store.js';
import { RETENTION_BATCH_ROWS } from '../../src/store/retention.js';
import { numberColumn } from '../../src/store/sql.js';
import type { Store } from '../../src/store/store.js';
import { storeDialects } from '../helpers/store-dialects.js';
import { digested, persistEvents } from '../helpers/store-records.js';

const DAY = 24 * 3600;
const NOW = 1_800_000_000;

for (const dialect of await storeDialects()) {
  describe(`runMaintenancePass (${dialect.name})`, { skip: dialect.skip }, () => {
    let store: Store;
    before(async () => {
      store = await openStore(await dialect.freshConfig());
    });
    after(async () => {
      await store?.close();
    });

    it('applies the default retention and forgets expired sessions', async () => {
      const project = await store.createProject('p');
      const old = digested(project.id, { receivedAt: NOW - 31 * DAY });
      const young = digested(project.id, { receivedAt: NOW - DAY });
      await persistEvents(store, [old, young]);

      const user = await createUser(store.sql, {
        email: 'someone@example.com',
        password: 'a long enough password',
        role: 'member',
      });
      // More than a batch of expired sessions, one that expires this very second, one live.
      const expiredCount = RETENTION_BATCH_ROWS + 1;
      for (let i = 0; i < expiredCount; i++) {
        await createSession(store.sql, user.id, NOW - SESSION_LIFETIME_SECONDS - i);
      }
      await createSession(store.sql, user.id, NOW - SESSION_LIFETIME_SECONDS);
      const live = await createSession(store.sql, user.id, NOW - DAY);

      const result = await runMaintenancePass(store, 30, NOW);
      assert.deepEqual(result, {
        eventsExpired: 1,
        eventsOverCap: 0,
        attachments: 0,
        issues: 0,
        sessions: expiredCount + 1,
        notifications: 0,
        woken: 0,
        orphanAttachments: 0,
        outcomes: 0,
      });
      assert.equal(await store.getEvent(project.id, old.eventId), undefined);
      assert.ok(await store.getEvent(project.id, young.eventId));
      const left = await store.sql.get('SELECT count(*) AS n FROM sessions');
      assert.equal(numberColumn(left!, 'n'), 1);
      assert.equal((await findSession(store.sql, live.secret, NOW))?.userId, user.id);
    });
    it('prunes done alert notifications past the default retention, never pending ones', async () => {
      const project = await store.createProject('alerting');
      const channel = await createChannel(store.sql, project.id, 'hook', {
        kind: 'webhook',
        url: 'http://127.0.0.1:1/hook',
      });
      const rule = await createRule(store.sql, project.id, {
        name: 'new',
        trigger: 'new_issue',
        threshold: undefined,
        windowMinutes: undefined,
        filters: {},
        channelIds: [channel.id],
        throttleMinutes: 60,
        enabled: true,
      });
      const notify = (status: string, ageDays: number) =>
        store.sql.run(
          `INSERT INTO alert_notifications
             (project_id, rule_id, channel_id, trigger_kind, created_at, status, next_attempt_at)
           VALUES (?, ?, ?, 'new_issue', ?, ?, ?)`,
          [project.id, rule.id, channel.id, NOW - ageDays * DAY, status, NOW],
        );
      await notify('sent', 40);
      await notify('failed', 40);
      await notify('pending', 40);
      await notify('sent', 5);
      const result = await runMaintenancePass(store, 30, NOW);
      assert.equal(result.notifications, 2);
      const left = await store.sql.all(
        'SELECT status FROM alert_notifications WHERE project_id = ? ORDER BY id',
        [project.id],
      );
      assert.deepEqual(
        left.map((row) => row['status']),
        ['pending', 'sent'],
      );
    });
    it('brings back issues whose ignore ran out with no event to wake them', async () => {
      const project = await store.createProject('snoozed');
      await persistEvents(store, [
        digested(project.id, { groupingHash: 'a'.repeat(32), receivedAt: NOW - DAY }),
        digested(project.id, { groupingHash: 'b'.repeat(32), receivedAt: NOW - DAY }),
        digested(project.id, { groupingHash: 'c'.repeat(32), receivedAt: NOW - DAY }),
      ]);
      const [a, b, c] = (await store.listIssues({ projectId: project.id })).map((i) => i.id);
      const by = { userId: undefined, at: NOW - 3600 };
      await setIssuesStatus(store.sql, [a!], 'ignored', by, { minutes: 30 });
      await setIssuesStatus(store.sql, [b!], 'ignored', by, { minutes: 120 });
      await setIssuesStatus(store.sql, [c!], 'ignored', by);
      const result = await runMaintenancePass(store, 30, NOW);
      assert.equal(result.woken, 1);
      assert.equal((await store.getIssue(a!))?.status, 'unresolved');
      assert.equal((await store.getIssue(a!))?.ignoredUntil, undefined);
      assert.equal((await store.getIssue(b!))?.status, 'ignored', 'its hour is not up yet');
      assert.equal((await store.getIssue(c!))?.status, 'ignored', 'forever stays');
      const activity = await store.issueActivity(a!);
      assert.deepEqual(activity.at(-1)?.kind, 'unignored');
    });
  });
}

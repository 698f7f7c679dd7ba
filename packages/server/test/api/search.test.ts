/**
 * The issue search language, end to end on every dialect: queries against issues persisted
 * through the Store, each with the exact titles (in order) it must return; then the queries that
 * must be refused, with where they are wrong.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { issueTagsOf } from '../../src/digest/issue-tags.js';
import { userKeyOf } from '../../src/digest/user-key.js';
import { searchIssues, SearchError, ISSUE_SORTS } from '../../src/api/search/issue-search.js';
import type { IssueSearch } from '../../src/api/search/issue-search.js';
import { parseQuery } from '../../src/api/search/parse.js';
import { openStore } from '../../src/store/open-store.js';
import type { Sql } from '../../src/store/sql.js';
import type { Store } from '../../src/store/store.js';
import type { DigestedEvent } from '../../src/store/types.js';
import { eventWith } from '../helpers/event-with.js';
import { storeDialects } from '../helpers/store-dialects.js';
import { HOUR, T0, digested, persistEvents } from '../helpers/store-records.js';

const DAY = 24 * HOUR;
const NOW = T0 + 60 * DAY;
const iso = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString();

const A = 'TypeError: x is undefined';
const B = 'Disk 100% full';
const C = 'Timeout in worker_pool';
const D = 'ReferenceError: y is not defined';
const E = 'Info: Café warm';
const ELSEWHERE = 'TypeError: elsewhere';

/** `tags`, plus the user tags and user key the digest derives from `user` (issue-tags.ts). */
function tagsAndUser(
  tags: Array<[string, string]>,
  user?: { id?: string; email?: string },
): Pick<DigestedEvent, 'tags' | 'userKey'> {
  if (user === undefined) return { tags, userKey: undefined };
  const event = eventWith({ user });
  const userTags = issueTagsOf(event).filter(([key]) => key.startsWith('user'));
  return { tags: [...tags, ...userTags], userKey: userKeyOf(event) };
}

describe('issueTagsOf', () => {
  it('tags the user: the user key, and each user field the event has', () => {
    const tags = issueTagsOf(
      eventWith({
        user: { id: '42', email: 'a@b.c', username: 'ann', ip_address: '10.0.0.1', name: 'Ann' },
      }),
    );
    assert.deepEqual(
      tags.filter(([key]) => key.startsWith('user')),
      [
        ['user', 'id:42'],
        ['user.id', '42'],
        ['user.email', 'a@b.c'],
        ['user.username', 'ann'],
        ['user.ip', '10.0.0.1'],
      ],
    );
    assert.deepEqual(
      issueTagsOf(eventWith({ user: { email: 'a@b.c' } })).filter(([key]) =>
        key.startsWith('user'),
      ),
      [
        ['user', 'email:a@b.c'],
        ['user.email', 'a@b.c'],
      ],
    );
    assert.deepEqual(
      issueTagsOf(eventWith({})).filter(([key]) => key.startsWith('user')),
      [],
    );
  });
});

for (const dialect of await storeDialects()) {
  describe(`Issue search (${dialect.name})`, { skip: dialect.skip }, () => {
    let store: Store;
    let projectId: number;
    let otherProjectId: number;
    const search = async (options: Partial<IssueSearch> & { query: string }) =>
      searchIssues(store.sql, { projectIds: [projectId], now: NOW, ...options });
    const titles = async (options: Partial<IssueSearch> & { query: string }) =>
      (await search(options)).issues.map((issue) => issue.title);

    before(async () => {
      store = await openStore(await dialect.config());
      projectId = (await store.createProject('search')).id;
      otherProjectId = (await store.createProject('elsewhere')).id;
      // One issue per persist, in this order: ties in a sort fall back to id, newest first.
      const issue = (title: string, ...events: Array<Partial<DigestedEvent>>) =>
        persistEvents(
          store,
          events.map((event) =>
            digested(event.projectId ?? projectId, {
              groupingHash: title.padEnd(32, '0'),
              title,
              userKey: undefined,
              ...event,
            }),
          ),
        );
      const at = (ago: number) => ({ timestamp: NOW - ago, receivedAt: NOW - ago });
      const a = { level: 'error', culprit: 'checkout in price', value: 'x is undefined' };
      const aTags: Array<[string, string]> = [
        ['environment', 'production'],
        ['release', 'app@1.2.0'],
        ['browser', 'Chrome 120'],
        ['feature', 'aXb'],
      ];
      await issue(
        A,
        { ...a, ...at(2 * DAY), ...tagsAndUser(aTags, { id: '42' }) },
        { ...a, ...at(DAY), ...tagsAndUser(aTags, { id: '42' }) },
        { ...a, ...at(HOUR), ...tagsAndUser(aTags, { id: '43' }) },
      );
      await issue(B, {
        level: 'fatal',
        culprit: 'disk in write',
        value: 'quota 100% reached',
        ...tagsAndUser([
          ['environment', 'staging'],
          ['release', '1.2 beta'],
        ]),
        ...at(20 * DAY),
      });
      const c = {
        level: 'warning',
        culprit: 'jobs in run',
        value: 'path C:\\tmp\\x_y',
        ...tagsAndUser(
          [
            ['environment', 'production'],
            ['release', 'app@2.0.0'],
          ],
          { email: 'a@b.c' },
        ),
      };
      await issue(C, ...[8, 7, 6, 5, 3].map((days) => ({ ...c, ...at(days * DAY) })));
      const d = {
        level: 'error',
        culprit: 'app in render',
        value: undefined,
        ...tagsAndUser(
          [
            ['environment', 'dev'],
            ['release', 'app@1.2.1'],
          ],
          { id: '7' },
        ),
      };
      await issue(D, { ...d, ...at(30 * DAY) });
      await issue(E, {
        level: 'info',
        culprit: 'cache in warm',
        value: 'Éclair warm',
        release: undefined,
        tags: [
          ['environment', 'production'],
          ['feature', 'a*b'],
        ],
        ...at(5 * DAY),
      });
      await issue(ELSEWHERE, {
        ...a,
        ...tagsAndUser(aTags, { id: '42' }),
        projectId: otherProjectId,
        ...at(2 * HOUR),
      });

      const ids = new Map(
        (await store.listIssues({ projectId })).map((i) => [i.title, i.id] as const),
      );
      await store.setIssueStatus(ids.get(C)!, 'ignored', NOW - 2 * DAY);
      await store.setIssueStatus(ids.get(E)!, 'resolved', NOW - 4 * DAY);
      // D regresses: resolved, then an event received after the resolution reopens it.
      await store.setIssueStatus(ids.get(D)!, 'resolved', NOW - DAY);
      await issue(D, { ...d, ...at(10 * 60) });
    });
    after(async () => {
      await store?.close();
    });

    // Every expectation is in the default order, last seen first: D A C E B.
    const cases: Array<[query: string, expected: string[]]> = [
      ['', [D, A, C, E, B]],
      ['   ', [D, A, C, E, B]],
      // Free text: title, culprit or value; ASCII case ignored; LIKE's metacharacters literal.
      ['TypeError', [A]],
      ['typeerror', [A]],
      ['UNDEFINED', [A]],
      ['"is not defined"', [D]],
      ['checkout price', [A]],
      ['checkout render', []],
      ['100%', [B]],
      ['%', [B]],
      ['_', [C]],
      ['"C:\\tmp"', [C]],
      ['\\', [C]],
      ['café', [E]],
      // Only ASCII case is folded, the same on every dialect (in a nullable column too).
      ['CAFÉ', []],
      ['éclair', []],
      ['Éclair', [E]],
      ['-timeout', [D, A, E, B]], // D has no value: NOT must still see "no match"
      ['!"is not defined"', [A, C, E, B]],
      ["'; DROP TABLE issues; --", []],
      // is:
      ['is:unresolved', [D, A, B]],
      ['is:resolved', [E]],
      ['is:ignored', [C]],
      ['is:regressed', [D]],
      ['!is:unresolved', [C, E]],
      ['is:[resolved, ignored]', [C, E]],
      // level:
      ['level:error', [D, A]],
      ['!level:error', [C, E, B]],
      ['level:[fatal,warning]', [C, B]],
      ['level:err*', [D, A]],
      ['level:ERROR', []],
      // Tags: exact, negated, lists, quoted, wildcards.
      ['environment:production', [A, C, E]],
      ['-environment:production', [D, B]],
      ['environment:[staging, dev]', [D, B]],
      ['!environment:[staging,dev]', [A, C, E]],
      ['release:"1.2 beta"', [B]],
      ['release:app@1.2*', [D, A]],
      ['release:app@1.2', []],
      ['release:*beta', [B]],
      ['release:*', [D, A, C, B]],
      ['release:app@1_2_0', []],
      ['release:app@1_2*', []],
      ['browser:"Chrome 120"', [A]],
      ['browser:chrome*', [A]],
      ['feature:a*b', [A, E]],
      ['feature:"a\\*b"', [E]],
      ['nosuchtag:x', []],
      // Users, as the digest tags them.
      ['user:id:42', [A]],
      ['user:[id:43, id:7]', [D, A]],
      ['user.email:a@b.c', [C]],
      ['user.id:[42,7]', [D, A]],
      ['has:user', [D, A, C]],
      ['!has:user', [E, B]],
      ['has:browser', [A]],
      ['has:user.email', [C]],
      // Counts.
      ['events:>2', [A, C]],
      ['events:>=2', [D, A, C]],
      ['events:2', [D]],
      ['events:=2', [D]],
      ['events:<2', [E, B]],
      ['events:<=1', [E, B]],
      ['users:0', [E, B]],
      ['users:>=1 level:error', [D, A]],
      ['!users:0', [D, A, C]],
      // Times, relative to the injected now, and absolute.
      ['first_seen:-7d', [A, E]],
      ['firstSeen:+7d', [D, C, B]],
      ['age:-3d', [A]],
      ['age:-2w', [A, C, E]],
      ['last_seen:-1d', [D, A]],
      ['lastSeen:-30m', [D]],
      ['last_seen:+2w', [B]],
      ['last_seen:-3600s', [D]],
      [`last_seen:>${iso(NOW - 4 * DAY)}`, [D, A, C]],
      [`first_seen:<=${iso(NOW - 20 * DAY)}`, [D, B]],
      [`first_seen:<${iso(NOW - 20 * DAY)}`, [D]],
      [`first_seen:${iso(NOW - 20 * DAY).slice(0, 10)}`, [B]],
      [`first_seen:${iso(NOW - 20 * DAY).slice(0, 16)}`, [B]],
      [`first_seen:${iso(NOW - 20 * DAY + 60).slice(0, 16)}`, []],
      [
        `first_seen:"${iso(NOW - 20 * DAY).slice(0, 10)} ${iso(NOW - 20 * DAY).slice(11, 19)}"`,
        [B],
      ],
      [`last_seen:>=${iso(NOW - HOUR).replace('Z', '+00:00')}`, [D, A]],
      [`last_seen:>=${iso(NOW - HOUR + 2 * 3600).replace('Z', '+02:00')}`, [D, A]],
      // Everything together.
      ['TypeError is:unresolved level:error environment:production has:user', [A]],
      ['TypeError !has:user', []],
      ['is:unresolved !level:error', [B]],
    ];
    for (const [query, expected] of cases) {
      it(`${JSON.stringify(query)} → ${expected.length === 0 ? 'nothing' : expected.join(' | ')}`, async () => {
        assert.deepEqual(await titles({ query }), expected);
      });
    }

    it('sorts by each key, descending, with the newest id breaking ties', async () => {
      assert.deepEqual(await titles({ query: '', sort: 'last_seen' }), [D, A, C, E, B]);
      assert.deepEqual(await titles({ query: '', sort: 'first_seen' }), [A, E, C, B, D]);
      assert.deepEqual(await titles({ query: '', sort: 'events' }), [C, A, D, E, B]);
      assert.deepEqual(await titles({ query: '', sort: 'users' }), [A, D, C, E, B]);
      assert.deepEqual(await titles({ query: 'is:unresolved', sort: 'events' }), [A, D, B]);
    });

    it('returns only issues of the projects given', async () => {
      assert.deepEqual(await titles({ query: 'TypeError', projectIds: [otherProjectId] }), [
        ELSEWHERE,
      ]);
      assert.deepEqual(
        await titles({ query: 'user:id:42', projectIds: [projectId, otherProjectId] }),
        [A, ELSEWHERE],
      );
      assert.deepEqual(await titles({ query: '', projectIds: [] }), []);
      assert.deepEqual(await titles({ query: '', projectIds: [otherProjectId + 1000] }), []);
    });

    it('walks every page of every sort, each issue once, in order', async () => {
      for (const sort of ISSUE_SORTS) {
        for (const query of ['', 'is:unresolved', 'environment:production']) {
          const all = await titles({ query, sort, limit: 100 });
          const walked: string[] = [];
          let cursor: string | undefined;
          let pages = 0;
          do {
            const page = await search({ query, sort, limit: 2, cursor });
            walked.push(...page.issues.map((i) => i.title));
            cursor = page.nextCursor;
            pages++;
            assert.ok(page.issues.length === 2 || cursor === undefined, `${sort} ${query}`);
          } while (cursor !== undefined);
          assert.deepEqual(walked, all, `${sort} ${query}`);
          assert.equal(pages, Math.max(1, Math.ceil(all.length / 2)), `${sort} ${query}`);
        }
      }
      const first = await search({ query: '', limit: 5 });
      assert.equal(first.issues.length, 5);
      assert.equal(first.nextCursor, undefined, 'no cursor when nothing more is left');
      assert.equal((await search({ query: '' })).issues.length, 5, 'default limit 25');
    });

    it('refuses bad sorts, limits and cursors, naming them', async () => {
      const refused = async (options: Partial<IssueSearch>, field: string, message: RegExp) => {
        await assert.rejects(search({ query: '', ...options }), (error: unknown) => {
          assert.ok(error instanceof SearchError, String(error));
          assert.equal(error.field, field);
          assert.equal(error.position, undefined);
          assert.match(error.message, message);
          return true;
        });
      };
      await refused({ sort: 'title' }, 'sort', /unknown sort/);
      await refused({ limit: 0 }, 'limit', /limit/);
      await refused({ limit: 101 }, 'limit', /limit/);
      await refused({ limit: 2.5 }, 'limit', /limit/);
      await refused({ limit: Number.NaN }, 'limit', /limit/);
      const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const { nextCursor } = await search({ query: '', limit: 1 });
      assert.ok(nextCursor !== undefined);
      await refused({ cursor: nextCursor, sort: 'events' }, 'cursor', /cursor is for another sort/);
      for (const cursor of [
        '',
        'not a cursor!',
        `${nextCursor}=`,
        'x'.repeat(300),
        cursorOf({ a: 1 }),
        cursorOf(['last_seen', 1]),
        cursorOf(['last_seen', '1', 2]),
        cursorOf(['last_seen', 1, 2.5]),
        cursorOf(['last_seen', 1, null]),
        Buffer.from('["last_seen", 1,').toString('base64url'),
      ]) {
        await refused({ cursor }, 'cursor', /invalid cursor/);
      }
    });

    it('survives random hostile queries: results or a SearchError, never a database error', async () => {
      let seed = 42;
      const random = () => {
        seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
        return seed / 2 ** 31;
      };
      const alphabet = 'ab:"[],!-*\\ >=<%_\'.;0129hdT\u0000é';
      for (let n = 0; n < 300; n++) {
        const length = Math.floor(random() * 60);
        const query = Array.from(
          { length },
          () => alphabet[Math.floor(random() * alphabet.length)],
        ).join('');
        try {
          await titles({ query });
        } catch (error) {
          assert.ok(error instanceof SearchError, `${JSON.stringify(query)}: ${String(error)}`);
        }
      }
    });
  });
}

/** Malformed queries are refused before any database work. */
const NO_DATABASE = new Proxy({} as Sql, { get: () => assert.fail('used the database') });

describe('Issue search refuses malformed queries, saying where', () => {
  const cases: Array<[query: string, message: string, position: number]> = [
    ['"unterminated', 'unterminated quote', 0],
    ['level:error title:"abc', 'unterminated quote', 18],
    ['"abc\\"', 'unterminated quote', 0],
    ['release:"a"b', 'unexpected character', 11],
    ['foo"bar', 'unexpected quote', 3],
    ['release:a"b', 'unexpected quote', 9],
    ['""', 'empty phrase', 0],
    ['!', 'nothing to negate', 0],
    ['a ! b', 'nothing to negate', 2],
    [':foo', 'empty key', 0],
    ['is:bogus', 'unknown is: value', 3],
    ['is:[resolved, nope]', 'unknown is: value', 14],
    ['is:res*', 'unknown is: value', 3],
    ['level:', 'empty value', 6],
    ['level: error', 'empty value', 6],
    ['release:""', 'empty value', 8],
    ['release:[]', 'empty value', 9],
    ['release:[a,,b]', 'empty value', 11],
    ['release:[a,b', 'unterminated list', 8],
    ['release:[a b]', 'expected , or ]', 11],
    ['release:[a,[b]]', 'unexpected [', 11],
    ['release:[a]b', 'unexpected character', 11],
    ['has:[a,b]', 'has: takes one value', 4],
    ['has:us*', 'has: takes no wildcard', 4],
    ['events:', 'empty value', 7],
    ['events:>', 'empty value', 8],
    ['events:>abc', 'bad number', 8],
    ['events:1.5', 'bad number', 7],
    ['events:-1', 'bad number', 7],
    ['users:1234567890123456', 'bad number', 6],
    ['events:[1,2]', 'events: takes one value', 7],
    ['age:-24x', 'bad duration', 4],
    ['age:-h', 'bad duration', 4],
    ['age:+1234567890d', 'bad duration', 4],
    ['age:>-24h', 'bad date/time', 5],
    ['first_seen:2025-13-01', 'bad date/time', 11],
    ['last_seen:>2025-02-30', 'bad date/time', 11],
    ['last_seen:2025-01-01T24:00', 'bad date/time', 10],
    ['last_seen:2025-01-01T10:00+25:00', 'bad date/time', 10],
    ['last_seen:2025-1-1', 'bad date/time', 10],
    ['lastSeen:<=yesterday', 'bad date/time', 11],
    ['x'.repeat(1001), 'query longer than 1000 characters', 1000],
    ['a '.repeat(51), 'more than 50 terms', 100],
  ];
  for (const [query, message, position] of cases) {
    it(`${JSON.stringify(query.length > 40 ? `${query.slice(0, 40)}…` : query)}: ${message} at ${position}`, async () => {
      await assert.rejects(
        searchIssues(NO_DATABASE, { projectIds: [1], query }),
        (error: unknown) => {
          assert.ok(error instanceof SearchError, String(error));
          assert.equal(error.position, position);
          assert.equal(error.field, 'query');
          assert.ok(error.message.startsWith(message), error.message);
          assert.ok(error.message.endsWith(` at ${position}`), error.message);
          return true;
        },
      );
    });
  }

  it('parses hostile input in linear time', () => {
    const started = process.hrtime.bigint();
    for (const query of [
      `"${'\\'.repeat(998)}`,
      `a:${'['.repeat(997)}`,
      `a:[${'x,'.repeat(498)}`,
      `first_seen:${'1'.repeat(988)}`,
      `first_seen:2025-01-01T00:00:00.${'9'.repeat(960)}`,
      `first_seen:${'2025-01-01'.repeat(98)}`,
      '!'.repeat(1000),
      '*'.repeat(1000),
      ':'.repeat(1000),
    ]) {
      try {
        parseQuery(query);
      } catch (error) {
        assert.ok(error instanceof SearchError, String(error));
      }
    }
    assert.ok(process.hrtime.bigint() - started < 200_000_000n, 'took over 200 ms');
  });
});

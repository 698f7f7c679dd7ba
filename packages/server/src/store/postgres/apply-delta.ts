/**
 * Writes one issue's share of a batch (issue-delta.ts) on PostgreSQL: the issue row first, which
 * locks it, so a second worker touching the same issue waits here before it reads the status or
 * adds users, hours and tags; then each of those as one statement over arrays. Whether the events
 * bring the issue back (a regression, an ignore run out) is decided in issue-wake.ts.
 */
import type pg from 'pg';
import type { IssueDelta } from '../issue-delta.js';
import {
  TRIAGE_COLUMNS,
  createdAtByVersion,
  releasesCreatedAtSql,
  releasesToCompare,
  triageOf,
  wakeIssue,
} from '../issue-wake.js';
import { numberMarkers } from './sql.js';
import type { IssueTriage } from '../issue-wake.js';
import { queryCount, queryRows, textParam } from './pool.js';

async function updateIssue(client: pg.PoolClient, delta: IssueDelta): Promise<IssueTriage> {
  const [row] = await queryRows(
    client,
    // SET expressions see the row as it was, so releases and level follow the older or newer of
    // the stored and the batch's events, even when events arrive out of order.
    `UPDATE issues SET
       times_seen = times_seen + $2,
       first_seen = least(first_seen, $3::double precision),
       last_seen = greatest(last_seen, $4::double precision),
       first_release = CASE WHEN $3::double precision <= first_seen
         THEN coalesce($5::text, first_release) ELSE first_release END,
       last_release = CASE WHEN $4::double precision >= last_seen
         THEN coalesce($6::text, last_release) ELSE last_release END,
       level = CASE WHEN $4::double precision >= last_seen THEN $7::text ELSE level END
     WHERE id = $1
     RETURNING ${TRIAGE_COLUMNS}`,
    [
      delta.issueId,
      delta.count,
      delta.firstSeen,
      delta.lastSeen,
      textParam(delta.firstRelease),
      textParam(delta.lastRelease),
      textParam(delta.level),
    ],
  );
  return triageOf(row!);
}

export async function applyDelta(client: pg.PoolClient, delta: IssueDelta): Promise<void> {
  const triage = await updateIssue(client, delta);
  const insertActivity = (kind: string, at: number, data: string) =>
    client.query('INSERT INTO issue_activity (issue_id, kind, at, data) VALUES ($1, $2, $3, $4)', [
      delta.issueId,
      kind,
      at,
      data,
    ]);
  if (!delta.isNew) {
    const versions = releasesToCompare(triage, delta);
    const createdAt =
      versions.length === 0
        ? new Map<string, number>()
        : createdAtByVersion(
            await queryRows(client, numberMarkers(releasesCreatedAtSql(versions.length)), [
              delta.projectId,
              ...versions.map((version) => textParam(version)),
            ]),
          );
    const wake = wakeIssue(triage, delta, createdAt);
    if (wake !== undefined) {
      await client.query(
        `UPDATE issues SET status = 'unresolved', resolved_at = NULL, resolved_release = NULL,
           resolved_release_kind = NULL, ignored_until = NULL, ignored_until_times_seen = NULL,
           regressed_at = coalesce($1, regressed_at)
         WHERE id = $2`,
        [wake.regressedAt ?? null, delta.issueId],
      );
      await insertActivity(wake.kind, delta.lastReceivedAt, JSON.stringify(wake.data));
    }
  } else {
    await insertActivity('first_seen', delta.firstSeen, '{}');
  }
  if (delta.userKeys.size > 0) {
    const newUsers = await queryCount(
      client,
      `INSERT INTO issue_users (issue_id, user_key) SELECT $1, unnest($2::text[])
       ON CONFLICT DO NOTHING`,
      [delta.issueId, [...delta.userKeys].map((key) => textParam(key))],
    );
    if (newUsers > 0) {
      await client.query('UPDATE issues SET user_count = user_count + $1 WHERE id = $2', [
        newUsers,
        delta.issueId,
      ]);
    }
  }
  if (delta.hourly.size > 0) {
    await client.query(
      `INSERT INTO issue_hourly (issue_id, hour, count)
       SELECT $1, * FROM unnest($2::bigint[], $3::bigint[])
       ON CONFLICT (issue_id, hour) DO UPDATE SET count = issue_hourly.count + excluded.count`,
      [delta.issueId, [...delta.hourly.keys()], [...delta.hourly.values()]],
    );
  }
  if (delta.tags.size > 0) {
    const tags = [...delta.tags.values()];
    await client.query(
      `INSERT INTO issue_tags (issue_id, key, value, count, first_seen, last_seen)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::bigint[], $5::float8[], $6::float8[])
       ON CONFLICT (issue_id, key, value) DO UPDATE SET
         count = issue_tags.count + excluded.count,
         first_seen = least(issue_tags.first_seen, excluded.first_seen),
         last_seen = greatest(issue_tags.last_seen, excluded.last_seen)`,
      [
        delta.issueId,
        tags.map((t) => textParam(t.key)),
        tags.map((t) => textParam(t.value)),
        tags.map((t) => t.count),
        tags.map((t) => t.firstSeen),
        tags.map((t) => t.lastSeen),
      ],
    );
  }
}

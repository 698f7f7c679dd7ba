/** "Why grouped": the hashes that lead to an issue, with the components each was computed from. */
import type { Sql } from './sql.js';
import { optionalStringColumn, stringColumn } from './sql.js';

export interface GroupingHash {
  hash: string;
  groupingVersion: string;
  components: unknown;
  /**
   * Set when this hash joined the issue during a grouping transition, because the event's hash
   * under the older (secondary) version led here (digest/grouping/transition.ts).
   */
  joinedVia: { hash: string; groupingVersion: string | null } | null;
}

export async function issueGrouping(sql: Sql, issueId: number): Promise<GroupingHash[]> {
  // The secondary hash's version is on its own row; null if that row went (an issue deleted).
  const rows = await sql.all(
    `SELECT h.hash, h.grouping_version, h.components, h.joined_via_hash,
       v.grouping_version AS joined_via_version
     FROM issue_hashes h
     LEFT JOIN issue_hashes v ON v.project_id = h.project_id AND v.hash = h.joined_via_hash
     WHERE h.issue_id = ? ORDER BY h.grouping_version DESC, h.hash`,
    [issueId],
  );
  return rows.map((row) => {
    const joinedVia = optionalStringColumn(row, 'joined_via_hash');
    return {
      hash: stringColumn(row, 'hash'),
      groupingVersion: stringColumn(row, 'grouping_version'),
      components: JSON.parse(stringColumn(row, 'components')) as unknown,
      joinedVia:
        joinedVia === undefined
          ? null
          : {
              hash: joinedVia,
              groupingVersion: optionalStringColumn(row, 'joined_via_version') ?? null,
            },
    };
  });
}

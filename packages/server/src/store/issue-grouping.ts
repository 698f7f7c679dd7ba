/** "Why grouped": the hashes that lead to an issue, with the components each was computed from. */
import type { Sql } from './sql.js';
import { stringColumn } from './sql.js';

export interface GroupingHash {
  hash: string;
  groupingVersion: string;
  components: unknown;
}

export async function issueGrouping(sql: Sql, issueId: number): Promise<GroupingHash[]> {
  const rows = await sql.all(
    'SELECT hash, grouping_version, components FROM issue_hashes WHERE issue_id = ? ORDER BY hash',
    [issueId],
  );
  return rows.map((row) => ({
    hash: stringColumn(row, 'hash'),
    groupingVersion: stringColumn(row, 'grouping_version'),
    components: JSON.parse(stringColumn(row, 'components')) as unknown,
  }));
}

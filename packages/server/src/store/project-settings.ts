/** Changes to a project's settings and to its keys: the same SQL in every dialect (sql.ts). */
import type { Sql, SqlValue } from './sql.js';
import type { ProjectChanges, ProjectKey } from './types.js';

type KeyChanges = Partial<Pick<ProjectKey, 'active' | 'rateLimit'>>;

/** Column assignments for the fields present in `changes` (an absent field stays as it is). */
function projectAssignments(changes: ProjectChanges): Array<[string, SqlValue]> {
  const set: Array<[string, SqlValue]> = [];
  if (changes.name !== undefined) set.push(['name', changes.name]);
  if (changes.slug !== undefined) set.push(['slug', changes.slug]);
  if (changes.scrubData !== undefined) set.push(['scrub_data', changes.scrubData]);
  if (changes.scrubFields !== undefined) {
    set.push(['scrub_fields', JSON.stringify(changes.scrubFields)]);
  }
  if ('quota' in changes) {
    set.push(['quota_count', changes.quota?.count ?? null]);
    set.push(['quota_window_seconds', changes.quota?.windowSeconds ?? null]);
  }
  if ('retentionDays' in changes) set.push(['retention_days', changes.retentionDays ?? null]);
  if ('maxEventsPerIssue' in changes) {
    set.push(['max_events_per_issue', changes.maxEventsPerIssue ?? null]);
  }
  if (changes.allowedOrigins !== undefined) {
    set.push(['allowed_origins', JSON.stringify(changes.allowedOrigins)]);
  }
  if (changes.groupingVersion !== undefined) {
    set.push(['grouping_version', changes.groupingVersion]);
  }
  if ('secondaryGrouping' in changes) {
    set.push(['secondary_grouping_version', changes.secondaryGrouping?.version ?? null]);
    set.push(['secondary_grouping_until', changes.secondaryGrouping?.until ?? null]);
  }
  return set;
}

function keyAssignments(changes: KeyChanges): Array<[string, SqlValue]> {
  const set: Array<[string, SqlValue]> = [];
  if (changes.active !== undefined) set.push(['active', changes.active]);
  if ('rateLimit' in changes) {
    set.push(['rate_limit_count', changes.rateLimit?.count ?? null]);
    set.push(['rate_limit_window_seconds', changes.rateLimit?.windowSeconds ?? null]);
  }
  return set;
}

async function update(
  sql: Sql,
  table: string,
  assignments: Array<[string, SqlValue]>,
  where: string,
  whereValue: SqlValue,
): Promise<void> {
  if (assignments.length === 0) return;
  const columns = assignments.map(([name]) => `${name} = ?`).join(', ');
  await sql.run(`UPDATE ${table} SET ${columns} WHERE ${where} = ?`, [
    ...assignments.map(([, value]) => value),
    whereValue,
  ]);
}

export function updateProject(sql: Sql, projectId: number, changes: ProjectChanges) {
  return update(sql, 'projects', projectAssignments(changes), 'id', projectId);
}

export function updateKey(sql: Sql, publicKey: string, changes: KeyChanges) {
  return update(sql, 'project_keys', keyAssignments(changes), 'public_key', publicKey);
}

/**
 * Deletes a project; its keys, issues, events and attachments go with it (the references
 * cascade). Queued envelopes of the project are dropped by digest, which finds no project.
 */
export async function deleteProject(sql: Sql, projectId: number): Promise<void> {
  await sql.run('DELETE FROM projects WHERE id = ?', [projectId]);
}

/**
 * One retention pass, the same in both dialects but for the steps each does its own way:
 * removing what no project keeps any more (PostgreSQL drops whole weekly partitions) and
 * removing the issues left empty (PostgreSQL's digest workers on other nodes write meanwhile).
 */
import type { RetentionPlan } from './retention-policy.js';
import { deleteProjectEventsBefore } from './project-expiry.js';
import { inBatches, deleteReceivedBefore } from './retention.js';
import type { RetentionResult } from './retention.js';
import { trimIssuesToCap } from './per-issue-cap.js';
import type { Sql } from './sql.js';

/** The steps a dialect does its own way. */
export interface DialectRetention {
  sql: Sql;
  /** Removes every project's events received before `cutoff`; resolves to how many went. */
  deleteEventsBefore(cutoff: number): Promise<number>;
  /** Deletes up to a batch of issues without events; resolves to how many went. */
  deleteIssuesWithoutEvents(): Promise<number>;
}

export async function applyRetentionPlan(
  plan: RetentionPlan,
  dialect: DialectRetention,
): Promise<RetentionResult> {
  const { sql } = dialect;
  // 1. What no project keeps any more.
  let eventsExpired = await dialect.deleteEventsBefore(plan.everyProjectCutoff);
  let attachments = await inBatches(() =>
    sql.run(deleteReceivedBefore('attachments', '?'), [plan.everyProjectCutoff]),
  );
  // 2. What a project keeping less than the longest retention no longer keeps. Attachments go
  // with their events here; one whose event never came waits for step 1 of a later pass.
  for (const { projectId, cutoff } of plan.projectCutoffs) {
    const removed = await deleteProjectEventsBefore(sql, projectId, cutoff);
    eventsExpired += removed.events;
    attachments += removed.attachments;
  }
  // 3. The oldest events of the issues over their project's cap, with their attachments.
  let eventsOverCap = 0;
  for (const { projectId, maxEventsPerIssue } of plan.issueCaps) {
    const removed = await trimIssuesToCap(sql, projectId, maxEventsPerIssue);
    eventsOverCap += removed.events;
    attachments += removed.attachments;
  }
  // 4. The issues that have no event left.
  const issues = await inBatches(() => dialect.deleteIssuesWithoutEvents());
  return { eventsExpired, eventsOverCap, attachments, issues };
}

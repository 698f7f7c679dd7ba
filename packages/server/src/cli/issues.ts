import type { IssueRecord } from '../store/types.js';
import { inert } from './inert.js';
import {
  parseOptions,
  parsePositiveInt,
  resolveStoreConfig,
  storeOptions,
  writeOut,
} from './io.js';
import { openForCommand } from './open-data.js';

function iso(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString();
}

export function issueToJson(issue: IssueRecord) {
  return {
    id: issue.id,
    project_id: issue.projectId,
    title: issue.title,
    culprit: issue.culprit,
    type: issue.type ?? null,
    value: issue.value ?? null,
    level: issue.level,
    status: issue.status,
    platform: issue.platform,
    count: issue.count,
    user_count: issue.userCount,
    first_seen: iso(issue.firstSeen),
    last_seen: iso(issue.lastSeen),
    first_release: issue.firstRelease ?? null,
    last_release: issue.lastRelease ?? null,
    regressed_at: issue.regressedAt === undefined ? null : iso(issue.regressedAt),
  };
}

function issueLine(issue: IssueRecord): string {
  return [
    String(issue.id).padStart(6),
    inert(issue.level).padEnd(7),
    issue.status.padEnd(10),
    String(issue.count).padStart(7),
    iso(issue.lastSeen),
    // Event senders write titles and levels (a DSN is public): no escape reaches the terminal.
    inert(issue.title),
  ].join('  ');
}

export async function runIssues(args: string[]): Promise<void> {
  const options = parseOptions(args, {
    ...storeOptions,
    project: { type: 'string' },
    json: { type: 'boolean' },
  });
  const projectId = parsePositiveInt(options.project, '--project');
  const store = await openForCommand(resolveStoreConfig(options, 'read'));
  try {
    const issues = await store.listIssues(projectId === undefined ? {} : { projectId });
    if (options.json) {
      await writeOut(`${JSON.stringify(issues.map(issueToJson), null, 2)}\n`);
    } else {
      const header = `${'ID'.padStart(6)}  ${'LEVEL'.padEnd(7)}  ${'STATUS'.padEnd(10)}  ${'EVENTS'.padStart(7)}  ${'LAST SEEN'.padEnd(24)}  TITLE`;
      await writeOut([header, ...issues.map(issueLine)].join('\n') + '\n');
    }
  } finally {
    await store.close();
  }
}

import { ErrorNotice } from '../../../components/error-notice';
import type { GroupingComponentJson, GroupingJson } from '../../../lib/client';
import { useIssueGrouping } from '../api/use-issue-grouping';
import { decidingParts } from '../lib/deciding-parts';
import { Section } from './section';

/**
 * "Why grouped": for each hash that leads to this issue, its grouping version, what decided it,
 * and the tree of parts it was computed from; parts that did not count are greyed, with the
 * reason (a library frame, a fingerprint). A hash that joined the issue during a move between
 * grouping versions says through which older hash.
 */
export function GroupingView({ issueId }: { issueId: number }) {
  const grouping = useIssueGrouping(issueId);
  if (grouping.error !== undefined) {
    return <ErrorNotice error={grouping.error} onRetry={grouping.reload} />;
  }
  if (grouping.data === undefined || grouping.data.length === 0) return null;
  return (
    <Section title="Why grouped">
      {grouping.data.map((entry) => (
        <details className="grouping" key={entry.hash}>
          <summary>
            <span className="grouping-version">{entry.groupingVersion}</span>{' '}
            <code>{entry.hash}</code>{' '}
            <span className="muted">
              decided by {decidingParts(entry.components).join(', ') || 'nothing'}
            </span>
            <JoinedVia entry={entry} />
          </summary>
          <ComponentTree component={entry.components} />
        </details>
      ))}
    </Section>
  );
}

function JoinedVia({ entry }: { entry: GroupingJson }) {
  if (entry.joinedVia === null) return null;
  const older = entry.joinedVia.groupingVersion ?? 'older';
  return (
    <span className="grouping-joined">
      Joined this issue through its {older} hash <code>{entry.joinedVia.hash}</code>: while the
      project moves from {older} to {entry.groupingVersion}, events keep the issues {older} made.
    </span>
  );
}

function ComponentTree({ component }: { component: GroupingComponentJson }) {
  return (
    <ul className="grouping-tree">
      <li className={component.contributes ? 'contributes' : 'ignored'}>
        <span className="component-id">{component.id}</span>
        {component.hint === undefined ? null : (
          <span className="component-hint">{component.hint}</span>
        )}
        {component.values.length === 0 ? null : (
          <ul>
            {component.values.map((value, n) =>
              typeof value === 'string' ? (
                <li key={n} className={component.contributes ? 'contributes' : 'ignored'}>
                  <code>{value}</code>
                </li>
              ) : (
                <li key={n}>
                  <ComponentTree component={value} />
                </li>
              ),
            )}
          </ul>
        )}
      </li>
    </ul>
  );
}

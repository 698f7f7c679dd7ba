import { ErrorNotice } from '../../../components/error-notice';
import type { GroupingComponentJson } from '../../../lib/client';
import { useIssueGrouping } from '../api/use-issue-grouping';
import { Section } from './section';

/**
 * "Why grouped": for each hash that leads to this issue, the tree of parts it was computed
 * from; parts that did not count are greyed, with the reason (a library frame, a fingerprint).
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
            <code>{entry.hash}</code> <span className="muted">({entry.groupingVersion})</span>
          </summary>
          <ComponentTree component={entry.components} />
        </details>
      ))}
    </Section>
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

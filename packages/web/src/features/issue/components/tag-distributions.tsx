import { ErrorNotice } from '../../../components/error-notice';
import { Link, pathWith } from '../../../lib/router';
import { useIssueTags } from '../api/use-issue-tags';
import { Section } from './section';

/** A tag key the search language takes unquoted (keys are never quoted in it). */
const SEARCHABLE_KEY = /^[\w.-]+$/;

/** Per tag, how the issue's events split over its most frequent values, as bars. */
export function TagDistributions({ issueId, projectId }: { issueId: number; projectId: number }) {
  const tags = useIssueTags(issueId);
  if (tags.error !== undefined) return <ErrorNotice error={tags.error} onRetry={tags.reload} />;
  if (tags.data === undefined || tags.data.length === 0) return null;
  return (
    <Section title="Tag distributions">
      <div className="tag-distributions">
        {tags.data.map((tag) => (
          <div className="tag-distribution" key={tag.key}>
            <h4>{tag.key}</h4>
            <ul>
              {tag.values.map(({ value, count }) => {
                const share = tag.total === 0 ? 0 : count / tag.total;
                const percent = `${Math.round(share * 100)}%`;
                const label = (
                  <>
                    <span className="share-value">{value}</span>
                    <span className="share-percent">{percent}</span>
                  </>
                );
                return (
                  <li
                    key={value}
                    title={`${count.toLocaleString()} of ${tag.total.toLocaleString()}`}
                  >
                    {SEARCHABLE_KEY.test(tag.key) ? (
                      <Link
                        className="share-label"
                        to={pathWith(`/projects/${projectId}/issues/`, {
                          query: `${tag.key}:"${value.replace(/[\\"*]/g, '\\$&')}"`,
                        })}
                      >
                        {label}
                      </Link>
                    ) : (
                      <span className="share-label">{label}</span>
                    )}
                    {/* A meter, not a styled div: its width needs no inline style (CSP). */}
                    <meter
                      className="share-bar"
                      min={0}
                      max={1}
                      value={share}
                      aria-label={`${value}: ${percent}`}
                    />
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
      </div>
    </Section>
  );
}

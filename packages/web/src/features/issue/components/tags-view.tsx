import { Link, pathWith } from '../../../lib/router';

/** A tag key the search language takes unquoted (keys are never quoted in it). */
const SEARCHABLE_KEY = /^[\w.-]+$/;

/** The event's tags; each one a link to the project's issues with that tag. */
export function TagsView({ tags, projectId }: { tags: Record<string, string>; projectId: number }) {
  return (
    <ul className="tags">
      {Object.entries(tags).map(([key, value]) => {
        const content = (
          <>
            <span className="tag-key">{key}</span>
            <span className="tag-value">{value}</span>
          </>
        );
        return (
          <li key={key}>
            {SEARCHABLE_KEY.test(key) ? (
              <Link
                className="tag"
                to={pathWith(`/projects/${projectId}/issues/`, {
                  query: `${key}:"${value.replace(/[\\"*]/g, '\\$&')}"`,
                })}
                title={`Issues with ${key} = ${value}`}
              >
                {content}
              </Link>
            ) : (
              <span className="tag">{content}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

import type { Breadcrumb } from '@faultline/protocol';
import { LevelBadge } from '../../../components/badges';
import { formatValue } from '../../../lib/format-value';

/** What happened before the error, oldest first as SDKs record it, the last one nearest. */
export function BreadcrumbsView({ breadcrumbs }: { breadcrumbs: readonly Breadcrumb[] }) {
  return (
    <table className="breadcrumbs">
      <thead>
        <tr>
          <th>Time</th>
          <th>Category</th>
          <th>Level</th>
          <th>Message and data</th>
        </tr>
      </thead>
      <tbody>
        {breadcrumbs.map((crumb, index) => (
          <tr key={index}>
            <td className="crumb-time">{clockTime(crumb.timestamp)}</td>
            <td className="crumb-category">{crumb.category ?? crumb.type ?? ''}</td>
            <td>{crumb.level === undefined ? null : <LevelBadge level={crumb.level} />}</td>
            <td className="crumb-message">
              {crumb.message === undefined ? null : <div>{crumb.message}</div>}
              {crumb.data === undefined ? null : (
                <pre className="crumb-data">{formatValue(crumb.data)}</pre>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function clockTime(seconds: number | undefined): string {
  if (seconds === undefined) return '';
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.toLocaleTimeString(undefined, { hour12: false })}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

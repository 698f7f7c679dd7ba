import { formatValue } from '../lib/format-value';

/** Pairs from event data (headers, tags, contexts): keys and values as text, never markup. */
export function KeyValueTable({
  entries,
  label,
}: {
  entries: ReadonlyArray<readonly [string, unknown]>;
  label: string;
}) {
  if (entries.length === 0) return null;
  return (
    <table className="kv" aria-label={label}>
      <tbody>
        {entries.map(([key, value], index) => (
          <tr key={`${index}:${key}`}>
            <th scope="row">{key}</th>
            <td>
              <pre>{formatValue(value)}</pre>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

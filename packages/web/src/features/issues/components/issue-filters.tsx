import { useEffect, useState } from 'react';
import type { StatsPeriod } from '../../../lib/client';
import { useReleases } from '../../../lib/use-releases';
import { setTerm, termOf } from '../lib/query-terms';

const STATUSES: Array<[string, string]> = [
  ['unresolved', 'Unresolved'],
  ['resolved', 'Resolved'],
  ['ignored', 'Ignored'],
  ['', 'Any status'],
];
const LEVELS: Array<[string, string]> = [
  ['', 'Any level'],
  ['fatal', 'Fatal'],
  ['error', 'Error'],
  ['warning', 'Warning'],
  ['info', 'Info'],
  ['debug', 'Debug'],
];

/**
 * Filters as controls: each one rewrites its term of the search text (`is:`, `level:`,
 * `environment:`, `release:`), so what they show and what the query says never disagree.
 */
export function IssueFilters({
  projectId,
  query,
  period,
  onQuery,
  onPeriod,
}: {
  projectId: number;
  query: string;
  period: StatsPeriod;
  onQuery: (query: string) => void;
  onPeriod: (period: StatsPeriod) => void;
}) {
  const set = (key: string, value: string) => onQuery(setTerm(query, key, value));
  const releases = useReleases(projectId).data ?? [];
  return (
    <div className="issue-filters" aria-label="Filters">
      <select
        aria-label="Status"
        value={termOf(query, 'is') ?? ''}
        onChange={(e) => set('is', e.target.value)}
      >
        {STATUSES.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      <select
        aria-label="Level"
        value={termOf(query, 'level') ?? ''}
        onChange={(e) => set('level', e.target.value)}
      >
        {LEVELS.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      <TermInput
        label="Environment"
        value={termOf(query, 'environment')}
        onCommit={(v) => set('environment', v)}
      />
      <TermInput
        label="Release"
        value={termOf(query, 'release')}
        suggestions={releases.map((release) => release.version)}
        onCommit={(v) => set('release', v)}
      />
      <select
        aria-label="Events over"
        className="period"
        value={period}
        onChange={(e) => onPeriod(e.target.value === '14d' ? '14d' : '24h')}
      >
        <option value="24h">Last 24 hours</option>
        <option value="14d">Last 14 days</option>
      </select>
    </div>
  );
}

/**
 * A free-text filter: applied on Enter or when the field is left, not on every keystroke. With
 * `suggestions` (the project's releases), the field drops them down to pick from.
 */
function TermInput({
  label,
  value,
  suggestions,
  onCommit,
}: {
  label: string;
  value: string | undefined;
  suggestions?: readonly string[];
  onCommit: (value: string) => void;
}) {
  const listId = `term-${label.toLowerCase()}-choices`;
  const [text, setText] = useState(value ?? '');
  useEffect(() => {
    setText(value ?? '');
  }, [value]);
  const commit = () => {
    if (text.trim() !== (value ?? '')) onCommit(text.trim());
  };
  return (
    <>
      <input
        type="text"
        aria-label={label}
        placeholder={label}
        value={text}
        spellCheck={false}
        list={suggestions === undefined ? undefined : listId}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      {suggestions === undefined ? null : (
        <datalist id={listId}>
          {suggestions.map((suggestion) => (
            <option key={suggestion} value={suggestion} />
          ))}
        </datalist>
      )}
    </>
  );
}

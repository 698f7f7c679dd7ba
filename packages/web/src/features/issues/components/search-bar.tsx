import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { IssueSort } from '../../../lib/client';

const SORTS: Array<[IssueSort, string]> = [
  ['last_seen', 'Last seen'],
  ['first_seen', 'First seen'],
  ['events', 'Events'],
  ['users', 'Users'],
];

/** A sort from the URL, or the API's default when it names none we offer. */
export function parseSort(text: string | null): IssueSort {
  return SORTS.find(([value]) => value === text)?.[0] ?? 'last_seen';
}

/** The search language in a text box, and the sort; each change is a new URL. */
export function SearchBar({
  query,
  sort,
  onSearch,
}: {
  query: string;
  sort: IssueSort;
  onSearch: (query: string, sort: IssueSort) => void;
}) {
  const [text, setText] = useState(query);
  useEffect(() => setText(query), [query]);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSearch(text.trim(), sort);
  }
  return (
    <form className="search-bar" role="search" onSubmit={submit}>
      <input
        type="search"
        name="query"
        aria-label="Search issues"
        placeholder='is:unresolved level:error release:1.2.0 user.email:ann@example.com "text"'
        value={text}
        spellCheck={false}
        autoCapitalize="off"
        onChange={(event) => setText(event.target.value)}
      />
      <button type="submit">Search</button>
      <select
        aria-label="Sort by"
        value={sort}
        onChange={(event) => onSearch(text.trim(), event.target.value as IssueSort)}
      >
        {SORTS.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </form>
  );
}

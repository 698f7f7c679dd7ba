import { useEffect, useRef, useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import type { IssueSort } from '../../../lib/client';
import { completionsFor } from '../lib/search-completions';

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

/**
 * The search language in a text box, with completion of its keys and fixed values (Tab takes
 * the first, or the one chosen with ↓/↑, as does Enter then; Escape closes the list), and the
 * sort; each search is a new URL.
 */
export function SearchBar({
  query,
  sort,
  tagKeys,
  onSearch,
}: {
  query: string;
  sort: IssueSort;
  /** The project's tag keys, completed like the language's own. */
  tagKeys: readonly string[];
  onSearch: (query: string, sort: IssueSort) => void;
}) {
  const [text, setText] = useState(query);
  const [open, setOpen] = useState(false);
  /** The suggestion chosen with ↓/↑; -1: none, so Enter still searches what was typed. */
  const [active, setActive] = useState(-1);
  const input = useRef<HTMLInputElement | null>(null);
  useEffect(() => {
    setText(query);
  }, [query]);
  const completions = open ? completionsFor(text, tagKeys) : [];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setOpen(false);
    onSearch(text.trim(), sort);
  }
  function take(completed: string) {
    setText(completed);
    setActive(-1);
    input.current?.focus();
  }
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (completions.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive(
        (at) =>
          (at + step + completions.length + (at < 0 && step < 0 ? 1 : 0)) % completions.length,
      );
    } else if (event.key === 'Tab' || (event.key === 'Enter' && active >= 0)) {
      event.preventDefault();
      take(completions[Math.max(0, Math.min(active, completions.length - 1))]!.query);
    } else if (event.key === 'Escape') {
      event.stopPropagation();
      setOpen(false);
    }
  }

  return (
    <form className="search-bar" role="search" onSubmit={submit}>
      <div className="search-input">
        <input
          ref={input}
          type="search"
          name="query"
          aria-label="Search issues"
          aria-autocomplete="list"
          aria-controls="search-completions"
          aria-expanded={completions.length > 0}
          placeholder='is:unresolved level:error release:1.2.0 user.email:ann@example.com "text"'
          value={text}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
        />
        {completions.length === 0 ? null : (
          <ul className="search-completions" id="search-completions" role="listbox">
            {completions.map((completion, index) => (
              <li
                key={completion.label}
                role="option"
                aria-selected={index === active}
                className={index === active ? 'active' : undefined}
                // Before the input's blur closes the list.
                onMouseDown={(event) => {
                  event.preventDefault();
                  take(completion.query);
                }}
              >
                {completion.label}
              </li>
            ))}
          </ul>
        )}
      </div>
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

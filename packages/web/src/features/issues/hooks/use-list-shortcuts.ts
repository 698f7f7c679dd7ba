import { useEffect, useRef } from 'react';

/** What the list's keys do; see SHORTCUTS for which key is which. */
export interface ListShortcutHandlers {
  next(): void;
  previous(): void;
  open(): void;
  toggle(): void;
  resolve(): void;
  ignore(): void;
  search(): void;
}

/** Shown in the list's help line, and the one place the keys are named. */
export const SHORTCUTS: ReadonlyArray<[string, keyof ListShortcutHandlers, string]> = [
  ['j', 'next', 'next'],
  ['k', 'previous', 'previous'],
  ['Enter', 'open', 'open'],
  ['x', 'toggle', 'select'],
  ['r', 'resolve', 'resolve'],
  ['i', 'ignore', 'ignore'],
  ['/', 'search', 'search'],
];

/**
 * The list's keyboard shortcuts, on the whole page. Keys typed into a field are the field's
 * (Escape leaves it), and a key with Ctrl, Alt or Meta is the browser's.
 */
export function useListShortcuts(handlers: ListShortcutHandlers): void {
  const current = useRef(handlers);
  current.current = handlers;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey) return;
      const target = event.target;
      if (target instanceof HTMLElement && isTyping(target)) {
        if (event.key === 'Escape') target.blur();
        return;
      }
      // Enter on a focused link or button is theirs.
      if (event.key === 'Enter' && target instanceof HTMLElement && target.matches('a, button')) {
        return;
      }
      const shortcut = SHORTCUTS.find(([key]) => key === event.key);
      if (shortcut === undefined) return;
      event.preventDefault();
      current.current[shortcut[1]]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

function isTyping(element: HTMLElement): boolean {
  return element.isContentEditable || element.matches('input, textarea, select');
}

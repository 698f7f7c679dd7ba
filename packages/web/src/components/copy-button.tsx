import { useEffect, useRef, useState } from 'react';

/**
 * Copies `text` with the Clipboard API. Where that is missing or refused (plain http on
 * another host than localhost is no secure context; a browser may deny the permission) it
 * selects the text in `target` instead, so Ctrl+C finishes the job.
 */
export function CopyButton({
  text,
  target,
  label = 'Copy',
}: {
  text: string;
  target?: { current: HTMLElement | null };
  label?: string;
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'selected'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  function settle(next: 'copied' | 'selected') {
    setState(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState('idle'), 2500);
  }

  async function copy() {
    try {
      if (navigator.clipboard === undefined) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      settle('copied');
    } catch {
      const element = target?.current;
      if (element !== null && element !== undefined) {
        const range = document.createRange();
        range.selectNodeContents(element);
        const selection = window.getSelection();
        selection?.removeAllRanges();
        selection?.addRange(range);
      }
      settle('selected');
    }
  }

  return (
    <button type="button" className="copy-button" onClick={() => void copy()}>
      {state === 'copied' ? 'Copied' : state === 'selected' ? 'Selected: press Ctrl+C' : label}
    </button>
  );
}

/** A value in monospace with a Copy button beside it (a DSN, a command, a token). */
export function CopyableText({ text, label }: { text: string; label: string }) {
  const ref = useRef<HTMLElement>(null);
  return (
    <div className="copyable">
      <code ref={ref} className="copyable-text" aria-label={label}>
        {text}
      </code>
      <CopyButton text={text} target={ref} />
    </div>
  );
}

import { useState } from 'react';
import { Section } from './section';

/**
 * The event as stored, as text: rendered only once opened (an event can be a megabyte), and as
 * a text node like everything else from the event, so nothing in it can become markup.
 */
export function RawJsonView({ event, downloadUrl }: { event: unknown; downloadUrl: string }) {
  const [open, setOpen] = useState(false);
  return (
    <Section title="Raw JSON">
      <details className="raw-json" onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>
          Show the normalized event · <a href={downloadUrl}>download</a>
        </summary>
        {open ? <pre>{JSON.stringify(event, null, 2)}</pre> : null}
      </details>
    </Section>
  );
}

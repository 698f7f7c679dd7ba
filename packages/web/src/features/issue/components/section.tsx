import type { ReactNode } from 'react';

/** A titled block of the event page; nothing at all when it has nothing to show. */
export function Section({
  title,
  children,
  show = true,
}: {
  title: string;
  children: ReactNode;
  show?: boolean;
}) {
  if (!show) return null;
  return (
    <section className="event-section" aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

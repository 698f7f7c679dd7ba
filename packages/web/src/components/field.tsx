import type { ReactNode } from 'react';

/** A labelled input with its hint and, after a refused save, the API's word on it. */
export function Field({
  label,
  hint,
  problem,
  children,
}: {
  label: string;
  hint?: string | undefined;
  problem?: string | undefined;
  children: ReactNode;
}) {
  // The hint and the error sit outside the <label>, so the input's name is the label alone.
  return (
    <div className={problem === undefined ? 'field' : 'field field-invalid'}>
      <label className="field-control">
        <span className="field-label">{label}</span>
        {children}
      </label>
      {hint === undefined ? null : <span className="field-hint">{hint}</span>}
      {problem === undefined ? null : (
        <span className="field-error" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}

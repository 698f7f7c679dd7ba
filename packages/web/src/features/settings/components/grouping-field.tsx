import { Field } from '../../../components/field';
import type { ProjectJson } from '../../../lib/client';
import { exactTime } from '../../../lib/relative-time';

/** The grouping versions the server has (digest/grouping/registry.ts), newest first. */
const VERSIONS: ReadonlyArray<{ version: string; label: string }> = [
  {
    version: 'v2',
    label: 'v2: anonymous functions told apart by their source line, or line and column',
  },
  { version: 'v1', label: 'v1: the first version' },
];

/**
 * The project's grouping version. Choosing another starts a transition: for 90 days the old
 * version is still consulted, so events keep joining the issues it made instead of opening new
 * ones.
 */
export function GroupingField({
  project,
  value,
  onChange,
  problem,
}: {
  project: ProjectJson;
  value: string;
  onChange: (version: string) => void;
  problem: string | undefined;
}) {
  const known = VERSIONS.some((option) => option.version === value);
  const options = known ? VERSIONS : [...VERSIONS, { version: value, label: value }];
  return (
    <Field label="Grouping" hint={hintOf(project, value)} problem={problem}>
      <select
        name="groupingVersion"
        value={value}
        onChange={(event) => onChange(event.target.value)}
      >
        {options.map((option) => (
          <option key={option.version} value={option.version}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

function hintOf(project: ProjectJson, chosen: string): string {
  if (chosen !== project.groupingVersion) {
    return (
      `Saving switches new events to ${chosen}; for 90 days they still join the issues ` +
      `${project.groupingVersion} made for them.`
    );
  }
  const secondary = project.secondaryGrouping;
  if (secondary === null) return 'How events are grouped into issues.';
  return (
    `Moving from ${secondary.version}: until ${exactTime(secondary.until)}, an event whose ` +
    `${chosen} hash is new still joins the issue its ${secondary.version} hash leads to.`
  );
}

/**
 * The explanation of a grouping hash: a tree of named parts, each saying whether it counted and
 * why. The hash is computed from the contributing parts only, so the UI can show a person exactly
 * what two events share ("same type, same in-app frames") and what was ignored ("line numbers",
 * "not in app"). The tree is plain JSON and is stored with each event.
 */
import { createHash } from 'node:crypto';

export interface GroupingComponent {
  /** What the part is: `exception`, `frame`, `function`, `message`, `fingerprint`, … */
  id: string;
  /** Whether the part feeds the hash. Parts that do not are kept to explain the grouping. */
  contributes: boolean;
  /** Why the part contributes or not, for people. */
  hint?: string;
  values: Array<GroupingComponent | string>;
}

export interface ComponentOptions {
  /** Defaults to whether any value contributes. */
  contributes?: boolean;
  hint?: string | undefined;
}

export function groupingComponent(
  id: string,
  values: Array<GroupingComponent | string>,
  options: ComponentOptions = {},
): GroupingComponent {
  const contributes = options.contributes ?? values.some(contributesTo);
  // Under a part that does not count, nothing counts: the tree must not say otherwise.
  const children = contributes ? values : values.map(withoutContribution);
  return options.hint === undefined
    ? { id, contributes, values: children }
    : { id, contributes, hint: options.hint, values: children };
}

function withoutContribution(value: GroupingComponent | string): GroupingComponent | string {
  if (typeof value === 'string' || !value.contributes) return value;
  return { ...value, contributes: false, values: value.values.map(withoutContribution) };
}

/**
 * 32 lowercase hex: the first half of the SHA-256 of the contributing parts, with their ids, so
 * that a fingerprint `["x"]` and a message `x` do not collide. Hints are left out: rewording an
 * explanation must never regroup events.
 */
export function hashComponent(root: GroupingComponent): string {
  return createHash('sha256')
    .update(JSON.stringify(basisOf(root)))
    .digest('hex')
    .slice(0, 32);
}

function basisOf(component: GroupingComponent): unknown[] {
  return [
    component.id,
    ...component.values
      .filter(contributesTo)
      .map((value) => (typeof value === 'string' ? value : basisOf(value))),
  ];
}

function contributesTo(value: GroupingComponent | string): boolean {
  return typeof value === 'string' || value.contributes;
}

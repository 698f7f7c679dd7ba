import type { GroupingComponentJson } from '../../../lib/client';

/** How people call the parts a hash is made of (digest/grouping/*.ts name them). */
const PART_NAMES: Readonly<Record<string, string>> = {
  fingerprint: 'custom fingerprint',
  type: 'exception type',
  value: 'exception value',
  module: 'module',
  filename: 'file',
  package: 'package',
  function: 'function',
  'context-line': 'source line',
  'line-column': 'line and column',
  message: 'message',
  title: 'title',
};

/**
 * What decided a hash, for a one-line summary: the kinds of parts that counted and carry values
 * (a frame's file and function, the exception's type), each once, in the order the tree has them.
 */
export function decidingParts(root: GroupingComponentJson): string[] {
  const found = new Set<string>();
  const visit = (component: GroupingComponentJson) => {
    if (!component.contributes) return;
    if (component.values.some((value) => typeof value === 'string')) {
      found.add(Object.hasOwn(PART_NAMES, component.id) ? PART_NAMES[component.id]! : component.id);
    }
    for (const value of component.values) if (typeof value !== 'string') visit(value);
  };
  visit(root);
  return [...found];
}

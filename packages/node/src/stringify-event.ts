/**
 * JSON for an event whose extra/contexts may hold anything the app put there: cycles become
 * "[Circular]", BigInts strings, functions and symbols their description, instead of a throw
 * that would lose the whole event.
 */
export function stringifyEvent(event: unknown): string {
  const ancestors: unknown[] = [];
  return JSON.stringify(event, function replace(this: unknown, _key, value: unknown) {
    if (typeof value === 'bigint') return `${value}n`;
    if (typeof value === 'function') return `[Function ${value.name || 'anonymous'}]`;
    if (typeof value === 'symbol') return value.toString();
    if (typeof value !== 'object' || value === null) return value;
    // `this` is the object holding `value`: unwind the ancestor stack to it.
    while (ancestors.length > 0 && ancestors[ancestors.length - 1] !== this) ancestors.pop();
    if (ancestors.includes(value)) return '[Circular]';
    ancestors.push(value);
    return value;
  });
}

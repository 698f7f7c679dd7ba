/**
 * The exceptions of an event in reading order. Sentry SDKs send `exception.values` oldest first:
 * the root cause at index 0 and the outermost error (the one the handler caught, mechanism
 * `exception_id` 0) last; @sentry/node and sentry-python both do. People read a chain from the
 * error they got down to why: outermost first, each followed by what caused it.
 *
 * With `mechanism.exception_id`/`parent_id` on every value (@sentry/node's linked errors), the
 * order follows those links, so an AggregateError lists its `errors[0]`, `errors[1]`, … under it,
 * each with its own causes. Without them (older SDKs), the list is simply reversed.
 */
import type { ExceptionValue } from '@faultline/protocol';

export interface ChainLink {
  exception: ExceptionValue;
  /** How it relates to the link before it: `caused by`, `errors[1] of AggregateError`. */
  relation: string | undefined;
  /** Nesting under exception groups (0 for a plain chain). */
  depth: number;
}

export function orderCauseChain(values: readonly ExceptionValue[]): ChainLink[] {
  const ids = values.map((value) => value.mechanism?.exception_id);
  const linked =
    values.length > 1 &&
    ids.every((id) => typeof id === 'number') &&
    new Set(ids).size === ids.length;
  if (!linked) {
    return [...values].reverse().map((exception, index) => ({
      exception,
      relation: index === 0 ? undefined : 'caused by',
      depth: 0,
    }));
  }
  const byId = new Map(values.map((value) => [value.mechanism!.exception_id!, value]));
  const children = new Map<number, ExceptionValue[]>();
  const roots: ExceptionValue[] = [];
  for (const value of values) {
    const parent = value.mechanism?.parent_id;
    if (parent === undefined || !byId.has(parent)) roots.push(value);
    else children.set(parent, [...(children.get(parent) ?? []), value]);
  }
  const idOf = (value: ExceptionValue) => value.mechanism!.exception_id!;
  const byIdOrder = (a: ExceptionValue, b: ExceptionValue) => idOf(a) - idOf(b);
  const ordered: ChainLink[] = [];
  const seen = new Set<ExceptionValue>();
  const visit = (value: ExceptionValue, parent: ExceptionValue | undefined, depth: number) => {
    // Event data is the sender's: a parent_id cycle must not loop.
    if (seen.has(value)) return;
    seen.add(value);
    ordered.push({ exception: value, relation: relationTo(value, parent), depth });
    const inGroup = value.mechanism?.is_exception_group === true;
    for (const child of (children.get(idOf(value)) ?? []).sort(byIdOrder)) {
      visit(child, value, inGroup ? depth + 1 : depth);
    }
  };
  for (const root of roots.sort(byIdOrder)) visit(root, undefined, 0);
  // Values only reachable through a cycle: still shown, after the rest.
  for (const value of [...values].reverse()) visit(value, undefined, 0);
  return ordered;
}

function relationTo(value: ExceptionValue, parent: ExceptionValue | undefined): string | undefined {
  if (parent === undefined) return undefined;
  const source = value.mechanism?.source;
  if (source === undefined || source === 'cause' || source === '__cause__') return 'caused by';
  // sentry-python's implicit chaining: the error raised while handling the one below it.
  if (source === '__context__') return 'while handling';
  return `${source} of ${parent.type ?? 'the error above'}`;
}

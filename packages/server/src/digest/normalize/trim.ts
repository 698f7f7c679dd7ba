/**
 * Trimming of free-form databags (`extra`, contexts, request bodies, frame variables, …) to a
 * depth and an approximate serialized size, in one bounded walk.
 *
 * Why not JSON.stringify and measure: the input may be nested hundreds of levels deep (ingest
 * allows 256) and a megabyte wide; this walk never descends past `maxDepth` and stops reading a
 * container as soon as the budget is spent, so its cost is bounded by the budget, not the input.
 */
import { isRecord, setOwn, truncate } from './json-guards.js';

export interface TrimOptions {
  /** Containers nested deeper than this become `'[Object]'` or `'[Array]'`. The databag itself is level 1. */
  maxDepth: number;
  /** Approximate serialized size kept; later entries are dropped and a long string is cut. */
  maxBytes: number;
}

interface Budget {
  left: number;
}

/** Returned when nothing more fits (or the value has no JSON form): the caller drops the entry. */
const NOTHING = Symbol('nothing');

export function trimDatabag(value: unknown, options: TrimOptions): unknown {
  const result = trimValue(value, 1, { left: options.maxBytes }, options.maxDepth);
  return result === NOTHING ? null : result;
}

/** `trimDatabag` for a databag that must stay an object (`extra`, a context, frame `vars`, …). */
export function trimRecord(
  record: Record<string, unknown>,
  options: TrimOptions,
): Record<string, unknown> {
  const trimmed = trimDatabag(record, options);
  return isRecord(trimmed) ? trimmed : {};
}

/** A compact JSON rendering of any value, bounded in depth and length (for lenient string fields). */
export function jsonTextOf(value: unknown, maxChars: number): string {
  return truncate(
    JSON.stringify(trimDatabag(value, { maxDepth: 5, maxBytes: maxChars })),
    maxChars,
  );
}

function trimValue(value: unknown, depth: number, budget: Budget, maxDepth: number): unknown {
  if (budget.left <= 0) return NOTHING;
  switch (typeof value) {
    case 'string':
      return trimString(value, budget);
    case 'number':
      if (!Number.isFinite(value)) return spend(budget, 4, null);
      return spend(budget, String(value).length, value);
    case 'boolean':
      return spend(budget, value ? 4 : 5, value);
    case 'bigint':
      return trimString(value.toString(), budget);
    case 'object':
      if (value === null) return spend(budget, 4, null);
      if (depth > maxDepth)
        return trimString(Array.isArray(value) ? '[Array]' : '[Object]', budget);
      return Array.isArray(value)
        ? trimArray(value, depth, budget, maxDepth)
        : trimObject(value, depth, budget, maxDepth);
    default:
      return NOTHING; // undefined, functions, symbols: JSON has no form for them
  }
}

function spend<T>(budget: Budget, cost: number, value: T): T {
  budget.left -= cost;
  return value;
}

function trimString(text: string, budget: Budget): string | typeof NOTHING {
  const cost = text.length + 2;
  if (cost <= budget.left) return spend(budget, cost, text);
  const room = budget.left - 2;
  budget.left = 0;
  return room >= 1 ? truncate(text, room) : NOTHING;
}

function trimArray(items: unknown[], depth: number, budget: Budget, maxDepth: number): unknown[] {
  budget.left -= 2;
  const out: unknown[] = [];
  for (const item of items) {
    if (budget.left <= 0) break;
    const trimmed = trimValue(item, depth + 1, budget, maxDepth);
    if (trimmed === NOTHING) {
      if (budget.left <= 0) break;
      out.push(null); // what JSON.stringify writes for undefined in an array
    } else out.push(trimmed);
    budget.left -= 1;
  }
  return out;
}

function trimObject(record: object, depth: number, budget: Budget, maxDepth: number): object {
  budget.left -= 2;
  const out: Record<string, unknown> = {};
  if (!isRecord(record)) return out;
  for (const key of Object.keys(record)) {
    if (budget.left <= 0) break;
    budget.left -= key.length + 4;
    const trimmed = trimValue(record[key], depth + 1, budget, maxDepth);
    if (trimmed !== NOTHING) setOwn(out, key, trimmed);
  }
  return out;
}

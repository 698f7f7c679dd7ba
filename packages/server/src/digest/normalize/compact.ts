/** Optional keys become absent (not `undefined`), which `exactOptionalPropertyTypes` requires. */
export type Compact<T> = {
  [K in keyof T as undefined extends T[K] ? never : K]: T[K];
} & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};

/**
 * Copies `record` without its undefined values, so normalized events never carry empty keys.
 * Called for every frame of every event: a plain `for…in` over the literal the caller built
 * (own keys only, no prototype chain) avoids `Object.entries`' array per key.
 */
export function compact<T extends object>(record: T): Compact<T> {
  const out: Record<string, unknown> = {};
  const source = record as Record<string, unknown>;
  for (const key in source) {
    const value = source[key];
    if (value !== undefined) out[key] = value;
  }
  return out as Compact<T>;
}

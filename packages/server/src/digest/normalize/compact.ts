/** Optional keys become absent (not `undefined`), which `exactOptionalPropertyTypes` requires. */
export type Compact<T> = {
  [K in keyof T as undefined extends T[K] ? never : K]: T[K];
} & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};

/** Copies `record` without its undefined values, so normalized events never carry empty keys. */
export function compact<T extends object>(record: T): Compact<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (value !== undefined) out[key] = value;
  return out as Compact<T>;
}

/**
 * A small bounded cache with expiry, for lookups ingest makes on every request (projects, keys).
 * Misses are cached too, so a flood of requests with made-up keys costs one query per key per
 * TTL; the bound on entries keeps such a flood from growing memory (keys are short: malformed
 * ones are refused before they get here), and expired entries are dropped as the cache is used,
 * so a dead one doesn't outstay its TTL by much even when the cache is far from full.
 */
export class TtlCache<V> {
  // Every entry lives the same TTL and is re-inserted when set, so insertion order is expiry
  // order: the oldest entry is always first.
  readonly #entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  async get(key: string, load: () => Promise<V>, now = Date.now()): Promise<V> {
    this.#dropExpired(now);
    const hit = this.#entries.get(key);
    if (hit !== undefined) return hit.value;
    const value = await load();
    this.#entries.delete(key);
    if (this.#entries.size >= this.maxEntries) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, { value, expiresAt: now + this.ttlMs });
    return value;
  }

  get size(): number {
    return this.#entries.size;
  }

  clear(): void {
    this.#entries.clear();
  }

  #dropExpired(now: number): void {
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt > now) return;
      this.#entries.delete(key);
    }
  }
}

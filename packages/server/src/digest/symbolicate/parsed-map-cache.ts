/**
 * Parsed source maps, least recently used first out, bounded by their estimated memory rather
 * than by their number: one map of a large app can outweigh a hundred small ones. A map that
 * could not be parsed is remembered too (at a nominal cost), so that every event of a broken
 * upload does not parse it again.
 */
import type { ParsedMap } from './parsed-map.js';
import type { UnmappedReason } from './unmapped-reason.js';

export type CachedMap = { ok: true; map: ParsedMap } | { ok: false; reason: UnmappedReason };

const FAILURE_BYTES = 512;

export interface ParsedMapCacheStats {
  entries: number;
  bytes: number;
  maxBytes: number;
  hits: number;
  misses: number;
  evictions: number;
}

export class ParsedMapCache {
  /** Insertion order is recency order: a hit is deleted and set again. */
  private readonly entries = new Map<string, CachedMap>();
  private bytes = 0;
  private hits = 0;
  private misses = 0;
  private evictions = 0;

  constructor(readonly maxBytes: number) {}

  get(key: string): CachedMap | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: CachedMap): void {
    const size = sizeOf(entry);
    if (size > this.maxBytes) return;
    this.delete(key);
    this.entries.set(key, entry);
    this.bytes += size;
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= sizeOf(old);
      this.evictions++;
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.bytes -= sizeOf(entry);
  }

  stats(): ParsedMapCacheStats {
    return {
      entries: this.entries.size,
      bytes: this.bytes,
      maxBytes: this.maxBytes,
      hits: this.hits,
      misses: this.misses,
      evictions: this.evictions,
    };
  }
}

function sizeOf(entry: CachedMap): number {
  return entry.ok ? entry.map.byteSize : FAILURE_BYTES;
}

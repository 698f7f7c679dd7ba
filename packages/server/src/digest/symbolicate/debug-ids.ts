/**
 * Debug IDs of an event's minified files: the JavaScript SDK reads them from
 * `globalThis._sentryDebugIds` (written by the snippet `sentry-cli sourcemaps inject` adds) and
 * sends them as `debug_meta.images: [{type: "sourcemap", code_file, debug_id}]`, `code_file`
 * being the frame's `abs_path` (sentry-javascript packages/core/src/utils/debug-ids.ts).
 */
import type { SentryEvent } from '@faultline/protocol';

const MAX_IMAGES = 1000;
const UUID = /^([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})$/i;

/** `code_file` → canonical debug ID. */
export function debugIdsOf(event: SentryEvent): Map<string, string> {
  const byFile = new Map<string, string>();
  const debugMeta = event['debug_meta'];
  if (typeof debugMeta !== 'object' || debugMeta === null) return byFile;
  const images = (debugMeta as { images?: unknown }).images;
  if (!Array.isArray(images)) return byFile;
  for (const image of images.slice(0, MAX_IMAGES)) {
    if (typeof image !== 'object' || image === null) continue;
    const { type, code_file, debug_id } = image as Record<string, unknown>;
    if (type !== 'sourcemap' || typeof code_file !== 'string') continue;
    const id = canonicalDebugId(debug_id);
    if (id !== undefined && !byFile.has(code_file)) byFile.set(code_file, id);
  }
  return byFile;
}

/**
 * Lower-case and dashed, as sentry-cli writes it into maps and manifests. Sentry's native debug
 * IDs may carry an appendix (`…-1a`); source map IDs never do, so one is refused.
 */
export function canonicalDebugId(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const parts = UUID.exec(value.trim());
  return parts === null ? undefined : parts.slice(1).join('-').toLowerCase();
}

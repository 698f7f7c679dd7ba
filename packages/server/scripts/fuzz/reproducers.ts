/**
 * Saves the inputs that broke a promise, laid out as the corpus's captures
 * (`captures/<violation>/<index>.meta.json` + `.body`), so that `npm run corpus -- <dir>` replays
 * them against a fresh server (it swaps in that server's key, except inside an envelope's dsn).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Violation } from './violations.js';

/** Per kind of violation: enough to see the pattern without filling the disk. */
const MAX_SAVED_PER_KIND = 50;

export function saveReproducers(
  dir: string,
  violations: readonly Violation[],
): Map<string, string> {
  const firstByKind = new Map<string, string>();
  const savedByKind = new Map<string, number>();
  for (const violation of violations) {
    const { input } = violation;
    if (input === undefined) continue;
    const saved = savedByKind.get(violation.kind) ?? 0;
    if (saved >= MAX_SAVED_PER_KIND) continue;
    savedByKind.set(violation.kind, saved + 1);
    const kindDir = path.join(dir, 'captures', violation.kind);
    fs.mkdirSync(kindDir, { recursive: true });
    const base = path.join(kindDir, String(input.index).padStart(6, '0'));
    const meta = {
      method: 'POST',
      url: input.path,
      headers: {
        ...input.headers,
        ...(input.chunked ? { 'transfer-encoding': 'chunked' } : {}),
      },
      seed: input.seed,
      mutations: input.mutations,
      violation: violation.detail,
      answer: violation.answer,
    };
    fs.writeFileSync(`${base}.meta.json`, `${JSON.stringify(meta, null, 2)}\n`);
    fs.writeFileSync(`${base}.body`, input.body);
    if (!firstByKind.has(violation.kind)) firstByKind.set(violation.kind, `${base}.body`);
  }
  return firstByKind;
}

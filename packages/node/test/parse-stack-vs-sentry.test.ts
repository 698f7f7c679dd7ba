/**
 * The same V8 lines through @sentry/node 11's own parser (a dev dependency): where an app moves
 * from Sentry's SDK to ours, its frames must read the same, or issues would split and in-app
 * frames lose their source. Where we differ on purpose, the difference is listed with its reason.
 * Module names are left out: Sentry roots them at the main script's folder, we at the app root.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultStackParser } from '@sentry/node';
import { parseStackLine } from '../src/parse-stack.js';
import { ROOT, V8_FRAME_LINES } from './helpers/v8-frame-lines.js';

const COMPARED = ['filename', 'function', 'lineno', 'colno', 'in_app'] as const;

const DIVERGENCES = new Map<string, { fields: ReadonlyArray<(typeof COMPARED)[number]> }>([
  // Sentry keeps "eval at run (/app/a.js:3:5), <anonymous>" as the file, with the line inside the
  // evaluated string, and calls it library code; we report where eval was called, with source.
  ...[
    '    at eval (eval at <anonymous> (/app/a.js:3:5), <anonymous>:1:1)',
    '    at eval (eval at run (file:///app/a.mjs:3:5), <anonymous>:1:1)',
    '    at eval (eval at a (eval at b (/app/a.js:3:5), <anonymous>:1:1), <anonymous>:2:2)',
  ].map((line) => [line, { fields: ['filename', 'lineno', 'colno', 'in_app'] as const }] as const),
  // Sentry leaves native frames without a file; ours say "native".
  ['    at Array.forEach (native)', { fields: ['filename'] }],
  // Sentry strips `file://` only (`C:/app/x.mjs`); we write the path as Windows prints
  // CommonJS frames, so one file has one name whichever module system loaded it.
  ['    at async file:///C:/app/x.mjs:1:2', { fields: ['filename'] }],
  // Sentry looks for `node_modules/` only, so on Windows every dependency's frame is in-app.
  ['    at handle (C:\\app\\node_modules\\express\\lib\\router.js:5:3)', { fields: ['in_app'] }],
]);

for (const [line] of V8_FRAME_LINES) {
  test(`as @sentry/node 11 parses ${line.trim()}`, () => {
    const ours = parseStackLine(line, { root: ROOT }) as Record<string, unknown>;
    const sentry = defaultStackParser(`Error: x\n${line}`)[0] as Record<string, unknown>;
    const differing = DIVERGENCES.get(line)?.fields ?? [];
    for (const field of COMPARED) {
      if (differing.includes(field)) {
        assert.notDeepEqual(
          ours[field],
          sentry[field],
          `${field} no longer differs: update the list`,
        );
      } else {
        assert.deepEqual(ours[field], sentry[field], field);
      }
    }
  });
}

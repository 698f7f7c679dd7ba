/**
 * A generated app large enough for a realistic source map (a few megabytes): modules of classes,
 * methods, arrows and helpers calling into each other, bundled and minified by rolldown with
 * `sourcesContent`, debug ID injected as sentry-cli does. `crash(depth)` throws through `depth`
 * helpers spread over the bundle, so that a stack has many frames far apart in the map.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'rolldown';
import { injectDebugId } from '../test/helpers/minified-app.js';
import type { MinifiedApp } from '../test/helpers/minified-app.js';

/** Step `index` calls a step far from it in the bundle, so that frames spread over the map. */
function moduleSource(index: number, modules: number): string {
  const callee = (index * 37 + 11) % modules;
  const methods = Array.from(
    { length: 6 },
    (_, k) => `
  method${k}(items) {
    const scaled = items.map((value) => value * ${k + 1} + this.offset);
    if (scaled.length > ${index + 3}) {
      return scaled.filter((value) => value % ${k + 2} === 0).length;
    }
    return scaled.reduce((sum, value) => sum + value, ${k});
  }`,
  ).join('\n');
  const imports = callee === index ? '' : `import { step${callee} } from './m${callee}.js';`;
  return `${imports}
/** Module ${index}: a widget and a step of the crash chain. */
export class Widget${index} {
  constructor(offset) {
    this.offset = offset;
    this.label = 'widget-${index}';
  }
${methods}
}

export function step${index}(depth) {
  const widget = new Widget${index}(${index});
  const total = widget.method${index % 6}([1, 2, 3, depth]);
  if (depth <= 0) throw new Error('crashed in step ${index} with ' + total);
  return step${callee}(depth - 1);
}
`;
}

export async function buildLargeApp(modules: number): Promise<MinifiedApp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faultline-bench-app-'));
  try {
    for (let index = 0; index < modules; index++)
      fs.writeFileSync(path.join(dir, `m${index}.js`), moduleSource(index, modules));
    const last = modules - 1;
    const imports = Array.from(
      { length: modules },
      (_, i) => `import * as m${i} from './m${i}.js';`,
    );
    fs.writeFileSync(
      path.join(dir, 'main.js'),
      `${imports.join('\n')}\nglobalThis.largeApp = { crash: (depth) => m${last}.step${last}(depth), all: [${Array.from({ length: modules }, (_, i) => `m${i}`).join(',')}] };\n`,
    );
    const output = await build({
      input: path.join(dir, 'main.js'),
      cwd: dir,
      write: false,
      output: {
        dir: path.join(dir, 'dist'),
        format: 'iife',
        name: 'largeApp',
        minify: true,
        sourcemap: true,
      },
    });
    const chunk = output.output[0];
    if (chunk.map === null) throw new Error('rolldown wrote no source map');
    return injectDebugId(chunk.code, chunk.map.toString());
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

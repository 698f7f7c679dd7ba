/**
 * Where a frame is, as grouping sees it: its module, else its normalized file name, else its
 * native package's file name. Grouping versions v1 and v2 depend on this output.
 */
import type { StackFrame } from '@faultline/protocol';
import { groupingComponent } from './component.js';
import type { GroupingComponent } from './component.js';
import { normalizeFilename } from './normalize-filename.js';

export function frameLocationComponent(frame: StackFrame): GroupingComponent | undefined {
  if (frame.module !== undefined) return groupingComponent('module', [frame.module]);
  const filename = frame.filename ?? frame.abs_path;
  if (filename !== undefined) {
    const normalized = normalizeFilename(filename);
    return groupingComponent('filename', [normalized], {
      hint: normalized === filename ? undefined : `normalized from ${filename}`,
    });
  }
  if (frame.package !== undefined)
    return groupingComponent('package', [frame.package.split(/[\\/]/).at(-1) ?? frame.package]);
  return undefined;
}

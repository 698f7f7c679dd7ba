/**
 * An anonymous function told apart by its source line (`context_line`), whitespace collapsed, so
 * re-indenting does not matter while a line number, which moves with every release, never counts.
 * Grouping versions v1 and v2 depend on this output.
 */
import type { StackFrame } from '@faultline/protocol';
import { groupingComponent } from './component.js';
import type { GroupingComponent } from './component.js';

/**
 * Longer source lines are taken for minified code, useless to tell two anonymous functions apart:
 * v1 draws the line at 120 characters, v2 at 400 (v2.ts says why).
 */
export function sourceLineComponent(
  frame: StackFrame,
  maxLength: number,
): GroupingComponent | undefined {
  const line = frame.context_line?.trim().replace(/\s+/g, ' ');
  if (line === undefined || line === '' || line.length > maxLength) return undefined;
  return groupingComponent('context-line', [line], {
    hint: 'anonymous function: its source line tells it apart',
  });
}

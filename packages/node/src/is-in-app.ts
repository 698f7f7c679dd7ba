/**
 * Whether a frame's file is the app's own code: a real file (not `node:*`, `native`,
 * `<anonymous>`, `index 0`) outside `node_modules`, and not this SDK. The SDK's own frames (a
 * middleware's wrapper, a listener it calls) are never the user's code, even where the SDK is not
 * in `node_modules`: in this monorepo, a vendored copy, a bundle's sibling file.
 */
import { dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface InAppOptions {
  /** Path prefixes or substrings that mark a frame in-app even inside node_modules. */
  inAppInclude?: readonly string[];
  /** Path prefixes or substrings that mark a frame not in-app. */
  inAppExclude?: readonly string[];
}

// The folder of the SDK's compiled sources (dist/src), computed once: this file sits at its top.
// Only dist/src: the SDK's tests and fixtures beside it are app code for the frames they throw.
export const SDK_DIRECTORY = `${dirname(fileURLToPath(import.meta.url))}${sep}`;

const WINDOWS_ABSOLUTE = /^[A-Za-z]:[\\/]|^\\\\/;

export function isInApp(filename: string, options: InAppOptions = {}): boolean {
  if (filename.startsWith(SDK_DIRECTORY)) return false;
  if (options.inAppExclude?.some((part) => filename.includes(part)) === true) return false;
  if (options.inAppInclude?.some((part) => filename.includes(part)) === true) return true;
  const absolute = filename.startsWith('/') || WINDOWS_ABSOLUTE.test(filename);
  if (!absolute) return false;
  return !filename.includes('/node_modules/') && !filename.includes('\\node_modules\\');
}

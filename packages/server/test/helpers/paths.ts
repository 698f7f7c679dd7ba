import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** packages/server, found from this file whether it runs from test/ or dist/test/. */
export const SERVER_PACKAGE_DIR = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (path.basename(dir) !== 'server') dir = path.dirname(dir);
  return dir;
})();

export const FIXTURES_DIR = path.join(SERVER_PACKAGE_DIR, 'test', 'fixtures');
export const CLI_PATH = path.join(SERVER_PACKAGE_DIR, 'bin', 'faultline.js');

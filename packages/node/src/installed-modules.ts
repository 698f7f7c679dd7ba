/**
 * The app's dependencies and their installed versions (the event's `modules`), read once,
 * asynchronously, from the working directory's package.json and node_modules.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

let modules: Promise<Record<string, string>> | undefined;

export function installedModules(root = process.cwd()): Promise<Record<string, string>> {
  modules ??= readInstalledModules(root);
  return modules;
}

async function readInstalledModules(root: string): Promise<Record<string, string>> {
  const manifest = await readJson(join(root, 'package.json'));
  const names = Object.keys({
    ...objectField(manifest, 'dependencies'),
    ...objectField(manifest, 'devDependencies'),
  }).slice(0, 200);
  const result: Record<string, string> = {};
  await Promise.all(
    names.map(async (name) => {
      const version = (await readJson(join(root, 'node_modules', name, 'package.json')))?.[
        'version'
      ];
      if (typeof version === 'string') result[name] = version;
    }),
  );
  return result;
}

async function readJson(file: string): Promise<Record<string, unknown> | undefined> {
  try {
    const value: unknown = JSON.parse(await readFile(file, 'utf8'));
    return typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function objectField(value: Record<string, unknown> | undefined, key: string): object {
  const field = value?.[key];
  return typeof field === 'object' && field !== null ? field : {};
}

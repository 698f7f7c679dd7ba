/**
 * The `os` context as @sentry/node 11 sends it (`{ name: 'Debian', version: '12.11',
 * kernel_version: '6.1.0-18-amd64' }`), so the same machine reads the same under either SDK.
 * Read once, on the first event, from one or two small files; never at startup, and without
 * spawning a process (Sentry runs `sw_vers` on macOS; its answer is in a plist on disk).
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';

export type OsContext = Record<string, string>;

// The names Sentry's Node SDK gives these distributions (it reads /etc/*-release and
// /etc/*_version and names what it finds); any other uses os-release's NAME.
const SENTRY_DISTRO_NAMES = new Map([
  ['debian', 'Debian'],
  ['ubuntu', 'Ubuntu Linux'],
  ['alpine', 'Alpine Linux'],
  ['fedora', 'Fedora'],
  ['rhel', 'Red Hat Linux'],
  ['centos', 'Centos'],
  ['arch', 'Arch Linux'],
  ['gentoo', 'Gentoo Linux'],
  ['opensuse', 'SUSE Linux'],
  ['sles', 'SUSE Linux'],
]);
// As Sentry names the other platforms Node runs on.
const PLATFORM_NAMES = new Map<string, string>([
  ['aix', 'IBM AIX'],
  ['freebsd', 'FreeBSD'],
  ['openbsd', 'OpenBSD'],
  ['sunos', 'SunOS'],
  ['win32', 'Windows'],
  ['android', 'Android'],
]);
// Real distribution files are a few hundred bytes; anything bigger is not one.
const MAX_FILE_CHARS = 16 * 1024;

let cached: Promise<OsContext> | undefined;

export function osContext(): Promise<OsContext> {
  cached ??= readOsContext(os.platform(), os.release());
  return cached;
}

async function readOsContext(platform: string, kernel: string): Promise<OsContext> {
  if (platform === 'linux') {
    const [osRelease, debianVersion] = await Promise.all([
      readSmallFile('/etc/os-release'),
      readSmallFile('/etc/debian_version'),
    ]);
    return linuxOsContext(kernel, osRelease, debianVersion);
  }
  if (platform === 'darwin') {
    const plist = await readSmallFile('/System/Library/CoreServices/SystemVersion.plist');
    return darwinOsContext(kernel, plist);
  }
  return { name: PLATFORM_NAMES.get(platform) ?? platform, version: kernel };
}

export function linuxOsContext(
  kernel: string,
  osRelease: string | undefined,
  debianVersion: string | undefined,
): OsContext {
  const context: OsContext = { kernel_version: kernel, name: 'Linux' };
  if (osRelease === undefined) return context;
  const fields = parseOsRelease(osRelease);
  const id = fields.get('ID') ?? '';
  const family = id.startsWith('opensuse') ? 'opensuse' : id;
  context['name'] = SENTRY_DISTRO_NAMES.get(family) ?? fields.get('NAME') ?? 'Linux';
  // os-release says "12"; the point release ("12.11") is only in /etc/debian_version, which
  // Sentry reads (keeping its newline; we don't). Testing and sid write a codename there.
  const point = debianVersion?.trim();
  const version =
    id === 'debian' && point !== undefined && /^\d+(\.\d+)*$/.test(point)
      ? point
      : fields.get('VERSION_ID');
  if (version !== undefined) context['version'] = version;
  const build = fields.get('BUILD_ID');
  if (build !== undefined) context['build'] = build;
  return context;
}

/** `KEY=value` and `KEY="quoted value"` lines (freedesktop.org os-release(5)). */
export function parseOsRelease(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match === null) continue;
    const raw = match[2] ?? '';
    const quoted = /^(["'])(.*)\1$/.exec(raw);
    fields.set(match[1] ?? '', quoted === null ? raw : (quoted[2] ?? '').replace(/\\(.)/g, '$1'));
  }
  return fields;
}

export function darwinOsContext(kernel: string, plist: string | undefined): OsContext {
  // Sentry's fallback when sw_vers fails: Darwin 20 was macOS 11, but 10.x before that.
  const context: OsContext = {
    kernel_version: kernel,
    name: 'Mac OS X',
    version: `10.${Number(kernel.split('.')[0]) - 4}`,
  };
  if (plist === undefined) return context;
  const value = (key: string) =>
    new RegExp(`<key>${key}</key>\\s*<string>([^<]*)</string>`).exec(plist)?.[1];
  const name = value('ProductName');
  const version = value('ProductVersion');
  const build = value('ProductBuildVersion');
  if (name !== undefined) context['name'] = name;
  if (version !== undefined) context['version'] = version;
  if (build !== undefined) context['build'] = build;
  return context;
}

async function readSmallFile(path: string): Promise<string | undefined> {
  try {
    const text = await readFile(path, 'utf8');
    return text.length > MAX_FILE_CHARS ? undefined : text;
  } catch {
    return undefined;
  }
}

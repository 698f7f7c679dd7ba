/**
 * Writes zip archives for tests: well-formed ones as sentry-cli's `zip` crate writes them
 * (deflate, central directory at the end), and, through the `raw` fields, hostile ones whose
 * headers lie about names, sizes and checksums.
 */
import zlib from 'node:zlib';

export interface ZipInput {
  name: string;
  data: Buffer | string;
  /** 8 (deflate, the default) or 0 (stored). */
  method?: 0 | 8;
  /** Header values to write instead of the true ones. */
  declaredSize?: number;
  declaredCrc?: number;
  flags?: number;
}

export function writeZip(
  inputs: readonly ZipInput[],
  options: { entryCount?: number } = {},
): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const input of inputs) {
    const data = Buffer.isBuffer(input.data) ? input.data : Buffer.from(input.data);
    const method = input.method ?? 8;
    const stored = method === 8 ? zlib.deflateRawSync(data) : data;
    const name = Buffer.from(input.name);
    const crc = input.declaredCrc ?? zlib.crc32(data);
    const size = input.declaredSize ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(input.flags ?? 0, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(input.flags ?? 0, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, stored);
    centrals.push(central, name);
    offset += local.length + name.length + stored.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const count = options.entryCount ?? inputs.length;
  end.writeUInt16LE(Math.min(count, 0xffff), 8);
  end.writeUInt16LE(Math.min(count, 0xffff), 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export interface BundleFileInput {
  url: string;
  type: 'minified_source' | 'source_map';
  data: string;
  headers?: Record<string, string>;
}

/** An artifact bundle laid out as sentry-cli builds one: `manifest.json` plus `files/…`. */
export function artifactBundleZip(
  files: readonly BundleFileInput[],
  release?: { release?: string; dist?: string },
): Buffer {
  const manifestFiles: Record<string, unknown> = {};
  const entries: ZipInput[] = [];
  files.forEach((file, index) => {
    const name = `files/_/_/${index}-${file.url.split('/').pop() ?? 'file'}`;
    manifestFiles[name] = { url: file.url, type: file.type, headers: file.headers ?? {} };
    entries.push({ name, data: file.data });
  });
  const manifest = { org: 'faultline', project: 'default', ...release, files: manifestFiles };
  return writeZip([{ name: 'manifest.json', data: JSON.stringify(manifest) }, ...entries]);
}

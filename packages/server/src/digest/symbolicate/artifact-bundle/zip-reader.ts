/**
 * A zip reader bounded by its input: it reads the central directory only (never trusting local
 * headers for sizes), refuses what an artifact bundle never contains (zip64, encryption,
 * methods other than stored and deflate, absolute or `..` paths) and inflates an entry only on
 * request, into at most its declared size, checked against its CRC-32. A zip bomb therefore
 * costs at most the limits below, whatever its compression ratio claims.
 *
 * Road not taken: yauzl/fflate. sentry-cli writes plain zips (the `zip` crate, deflate), and
 * node:zlib's inflateRawSync with `maxOutputLength` is the one primitive a bounded reader needs;
 * the rest is ~150 lines of structure parsing, with no dependency to keep up to date.
 */
import zlib from 'node:zlib';
import { BundleError } from './bundle-error.js';

export interface ZipLimits {
  maxEntries: number;
  /** Per entry, uncompressed. */
  maxEntryBytes: number;
  /** All entries together, uncompressed. */
  maxTotalBytes: number;
}

export interface ZipEntry {
  name: string;
  uncompressedSize: number;
  /** Inflates the entry (each call inflates again: callers keep what they need). */
  read(): Buffer;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
/** The end record is 22 bytes, followed by a comment of at most 65535. */
const MAX_END_SEARCH = 22 + 0xffff;

export function readZip(zip: Buffer, limits: ZipLimits): Map<string, ZipEntry> {
  const end = findEndOfCentralDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  const directorySize = zip.readUInt32LE(end + 12);
  const directoryOffset = zip.readUInt32LE(end + 16);
  if (zip.readUInt16LE(end + 4) !== 0 || zip.readUInt16LE(end + 6) !== 0)
    throw new BundleError('zip_unsupported', 'multi-part zip archives are not supported');
  if (count === 0xffff || directoryOffset === 0xffffffff)
    throw new BundleError('zip_unsupported', 'zip64 archives are not supported');
  if (count > limits.maxEntries)
    throw new BundleError(
      'too_many_entries',
      `the bundle has ${count} entries; the limit is ${limits.maxEntries}`,
    );
  if (directoryOffset + directorySize > end)
    throw new BundleError('not_a_zip', 'the central directory lies outside the file');

  const entries = new Map<string, ZipEntry>();
  let total = 0;
  let offset = directoryOffset;
  for (let index = 0; index < count; index++) {
    if (offset + 46 > end || zip.readUInt32LE(offset) !== CENTRAL_FILE_HEADER)
      throw new BundleError('not_a_zip', `central directory entry ${index} is damaged`);
    const flags = zip.readUInt16LE(offset + 8);
    const method = zip.readUInt16LE(offset + 10);
    const crc = zip.readUInt32LE(offset + 16);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const uncompressedSize = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localOffset = zip.readUInt32LE(offset + 42);
    const nameEnd = offset + 46 + nameLength;
    if (nameEnd > end)
      throw new BundleError('not_a_zip', `central directory entry ${index} is damaged`);
    const name = zip.toString('utf8', offset + 46, nameEnd);
    offset = nameEnd + extraLength + commentLength;

    if (name.endsWith('/')) continue; // a directory
    checkEntryPath(name);
    if ((flags & 1) !== 0) throw new BundleError('zip_unsupported', `${name} is encrypted`);
    if (method !== 0 && method !== 8)
      throw new BundleError(
        'zip_unsupported',
        `${name} uses compression method ${method}; only stored and deflate are read`,
      );
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff)
      throw new BundleError('zip_unsupported', 'zip64 archives are not supported');
    if (uncompressedSize > limits.maxEntryBytes)
      throw new BundleError(
        'entry_too_large',
        `${name} is ${uncompressedSize} bytes; the limit is ${limits.maxEntryBytes}`,
      );
    total += uncompressedSize;
    if (total > limits.maxTotalBytes)
      throw new BundleError(
        'bundle_too_large',
        `the bundle's files add up to more than ${limits.maxTotalBytes} bytes`,
      );
    if (entries.has(name))
      throw new BundleError('duplicate_entry', `${name} appears twice in the bundle`);
    const dataStart = localDataStart(zip, localOffset, name, directoryOffset);
    if (dataStart + compressedSize > directoryOffset)
      throw new BundleError('corrupt_entry', `${name}'s data runs past the end of the entries`);
    const compressed = zip.subarray(dataStart, dataStart + compressedSize);
    entries.set(name, {
      name,
      uncompressedSize,
      read: () => inflateEntry(name, compressed, method, uncompressedSize, crc),
    });
  }
  return entries;
}

function findEndOfCentralDirectory(zip: Buffer): number {
  const lowest = Math.max(0, zip.length - MAX_END_SEARCH);
  for (let offset = zip.length - 22; offset >= lowest; offset--) {
    if (zip.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) return offset;
  }
  throw new BundleError(
    'not_a_zip',
    'the bundle is not a zip archive (no end of central directory)',
  );
}

function localDataStart(zip: Buffer, localOffset: number, name: string, limit: number): number {
  if (localOffset + 30 > limit || zip.readUInt32LE(localOffset) !== LOCAL_FILE_HEADER)
    throw new BundleError('corrupt_entry', `${name}'s local header is missing`);
  return localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
}

function inflateEntry(
  name: string,
  compressed: Buffer,
  method: number,
  size: number,
  crc: number,
): Buffer {
  let data: Buffer;
  if (method === 0) data = compressed;
  else {
    try {
      // One byte more than declared: an entry that inflates past its size is caught, not trusted.
      data = zlib.inflateRawSync(compressed, { maxOutputLength: Math.max(1, size + 1) });
    } catch (error) {
      const why =
        error instanceof RangeError ? 'inflates past its declared size' : 'does not inflate';
      throw new BundleError('corrupt_entry', `${name} ${why}`);
    }
  }
  if (data.length !== size)
    throw new BundleError('corrupt_entry', `${name} is not its declared size`);
  if (zlib.crc32(data) !== crc)
    throw new BundleError('corrupt_entry', `${name} fails its CRC-32 check`);
  return data;
}

/** Names stay inside the bundle: relative, no `..`, no backslashes or drive letters, no NUL. */
export function checkEntryPath(name: string): void {
  const unsafe =
    name.length === 0 ||
    name.length > 1024 ||
    name.startsWith('/') ||
    name.includes('\\') ||
    name.includes('\0') ||
    /^[a-zA-Z]:/.test(name) ||
    name.split('/').some((segment) => segment === '..' || segment === '.' || segment === '');
  if (unsafe)
    throw new BundleError(
      'unsafe_path',
      `unsafe path in the bundle: ${JSON.stringify(name.slice(0, 200))}`,
    );
}

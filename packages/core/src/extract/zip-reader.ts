import { crc32 } from 'node:zlib';
import type { ByteSource } from '../model/extractor.js';
import { ScanError } from '../model/errors.js';
import type { ExpansionMeter } from './expansion.js';
import { inflateStream, slices } from './inflate.js';

/**
 * A random-access ZIP reader: the end-of-central-directory record and the central directory are
 * read at their offsets, then each entry is decompressed on demand (zlib, see inflate.ts), its
 * real output counted by an `ExpansionMeter` (sizes in headers are never trusted). Streaming
 * local-header readers (fflate's `Unzip`) are avoided on purpose (../shared/libraries.md §A5).
 */

/** One entry of the central directory. */
export interface ZipEntry {
  /** Position in the central directory (0-based). */
  index: number;
  /** The name as stored (decoded as UTF-8, or Latin-1 when it is not valid UTF-8). */
  name: string;
  /** 0 stored, 8 deflate; anything else is reported unsupported. */
  method: number;
  flags: number;
  encrypted: boolean;
  isDirectory: boolean;
  compressedSize: number;
  /** As declared: a hint only, never a limit. */
  declaredSize: number;
  crc32: number;
  localHeaderOffset: number;
}

/** An entry from its header fields; whether it is encrypted (flag bit 0, or AES method 99) or a folder follows from them. */
function zipEntry(fields: Omit<ZipEntry, 'encrypted' | 'isDirectory'>): ZipEntry {
  return { ...fields, encrypted: (fields.flags & 0x1) !== 0 || fields.method === 99, isDirectory: fields.name.endsWith('/') && fields.declaredSize === 0 };
}

/** Compression methods by number, for messages (APPNOTE.TXT §4.4.5). */
const METHOD_NAMES: Readonly<Record<number, string>> = {
  1: 'Shrink', 6: 'Implode', 9: 'Deflate64', 12: 'bzip2', 14: 'LZMA', 93: 'Zstandard', 95: 'XZ', 98: 'PPMd', 99: 'AES encryption',
};
export function methodName(method: number): string {
  return METHOD_NAMES[method] ?? `method ${method}`;
}

const EOCD_SIGNATURE = 0x06054b50;
const EOCD64_LOCATOR_SIGNATURE = 0x07064b50;
const EOCD64_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_BYTES = 22;
const LOCAL_HEADER_BYTES = 30;
const CENTRAL_HEADER_BYTES = 46;
/** EOCD record plus the longest comment a ZIP can have. */
const EOCD_SEARCH_BYTES = EOCD_BYTES + 0xffff;
/** A central directory larger than this is not read (a ZIP of ~500,000 entries). */
const MAX_CENTRAL_DIRECTORY_BYTES = 64 * 1024 * 1024;
/** Compressed bytes read from the source at a time. */
const READ_BYTES = 64 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

function decodeName(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return latin1.decode(bytes);
  }
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function corrupt(message: string): ScanError {
  return new ScanError('corrupt', message);
}

export class ZipReader {
  private constructor(
    private readonly source: ByteSource & { read(offset: number, length: number): Promise<Uint8Array> },
    private readonly size: number,
    /** The entries read from the central directory (at most `maxEntries`). */
    readonly entries: readonly ZipEntry[],
    /** How many entries the archive declares: more than `entries.length` when the limit cut them. */
    readonly declaredCount: number,
    /** Indices of entries whose data overlaps another entry's: the overlapping-entry zip bomb. */
    readonly overlapping: ReadonlySet<number>,
    /** The central directory was missing: `entries` were found by walking the local headers. */
    readonly salvaged = false,
  ) {}

  /**
   * Opens a ZIP from its central directory; when that is missing (a truncated download, a copy
   * cut short), walks the local headers from the start instead, so the members before the damage
   * are still read (`salvaged`). Throws `ScanError('corrupt')` when neither finds anything.
   */
  static async read(source: ByteSource, maxEntries: number): Promise<ZipReader> {
    try {
      return await ZipReader.open(source, maxEntries);
    } catch (error) {
      if (!(error instanceof ScanError) || error.code !== 'corrupt') throw error;
      const salvaged = await ZipReader.salvage(source, maxEntries);
      if (!salvaged) throw error;
      return salvaged;
    }
  }

  private static async salvage(source: ByteSource, maxEntries: number): Promise<ZipReader | undefined> {
    const read = source.read?.bind(source);
    const size = source.size;
    if (!read || size === undefined) return undefined;
    const entries: ZipEntry[] = [];
    for (let p = 0; p + LOCAL_HEADER_BYTES <= size && entries.length < maxEntries; ) {
      const header = await read(p, LOCAL_HEADER_BYTES);
      const hv = view(header);
      if (header.byteLength < LOCAL_HEADER_BYTES || hv.getUint32(0, true) !== LOCAL_SIGNATURE) break;
      const flags = hv.getUint16(6, true);
      const method = hv.getUint16(8, true);
      const nameLength = hv.getUint16(26, true);
      const extraLength = hv.getUint16(28, true);
      let compressedSize = hv.getUint32(18, true);
      let declaredSize = hv.getUint32(22, true);
      const tail = await read(p + LOCAL_HEADER_BYTES, nameLength + extraLength);
      if (tail.byteLength < nameLength) break;
      const tv = view(tail);
      for (let x = nameLength; x + 4 <= tail.byteLength; x += 4 + tv.getUint16(x + 2, true)) {
        if (tv.getUint16(x, true) !== 0x0001 || x + 20 > tail.byteLength) continue;
        if (declaredSize === 0xffffffff) declaredSize = Number(tv.getBigUint64(x + 4, true));
        if (compressedSize === 0xffffffff) compressedSize = Number(tv.getBigUint64(x + 12, true));
      }
      // Sizes written after the data (a data descriptor) cannot be known without the directory.
      if (flags & 0x8 && compressedSize === 0) break;
      const name = decodeName(tail.subarray(0, nameLength));
      entries.push(zipEntry({ index: entries.length, name, method, flags, compressedSize, declaredSize, crc32: hv.getUint32(14, true), localHeaderOffset: p }));
      p += LOCAL_HEADER_BYTES + nameLength + extraLength + compressedSize;
      if (flags & 0x8) {
        const descriptor = await read(p, 4);
        p += descriptor.byteLength === 4 && view(descriptor).getUint32(0, true) === 0x08074b50 ? 16 : 12;
      }
    }
    return entries.length ? new ZipReader(source as ZipReader['source'], size, entries, entries.length, new Set(), true) : undefined;
  }

  /**
   * Reads the central directory. Throws `ScanError('corrupt')` when the archive has none
   * (truncated or not a ZIP). Reads at most `maxEntries` entries.
   */
  static async open(source: ByteSource, maxEntries: number): Promise<ZipReader> {
    const read = source.read?.bind(source);
    if (!read || source.size === undefined) throw new ScanError('extractor-error', 'A ZIP archive needs random access; this is a bug in Saring.');
    const size = source.size;
    const tailStart = Math.max(0, size - EOCD_SEARCH_BYTES);
    const tail = await read(tailStart, size - tailStart);
    const eocd = findEocd(tail);
    if (eocd < 0) throw corrupt('The ZIP archive is truncated or damaged: its table of contents (end of central directory) is missing, so its members could not be listed.');
    const tv = view(tail);
    let count = tv.getUint16(eocd + 10, true);
    let cdSize = tv.getUint32(eocd + 12, true);
    let cdOffset = tv.getUint32(eocd + 16, true);
    let cdEnd = tailStart + eocd;
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      const zip64 = await readZip64(read, tailStart + eocd, size);
      if (zip64) ({ count, cdSize, cdOffset, cdEnd } = zip64);
    }
    // Data prepended to the archive (self-extractors) shifts every offset by the same amount.
    const shift = cdEnd - cdSize - cdOffset;
    if (shift < 0 || cdSize > MAX_CENTRAL_DIRECTORY_BYTES) {
      throw corrupt('The ZIP archive is damaged: its central directory points outside the file.');
    }
    const cd = await read(cdOffset + shift, cdSize);
    if (cd.byteLength < cdSize) throw corrupt('The ZIP archive is truncated: its central directory is cut off.');
    // The count in the end record is only 16 bits without ZIP64 (and may lie): the directory
    // itself is walked, so no entry beyond a wrapped count is silently left out.
    const { entries, total } = parseCentralDirectory(cd, maxEntries, shift);
    const declared = Math.max(count === 0xffff ? 0 : count, total);
    const overlapping = findOverlaps(entries, cdOffset + shift);
    return new ZipReader(source as ZipReader['source'], size, entries, declared, overlapping);
  }

  /** The first entry with this exact name. */
  find(name: string): ZipEntry | undefined {
    return this.entries.find((e) => e.name === name);
  }

  /**
   * Decompresses one entry, yielding its real output until it ends or `meter` says stop. Throws
   * `ScanError('corrupt')` for damaged data (bad header, truncated data, inflate error, CRC
   * mismatch) after yielding what could be read. Stored and deflated entries only.
   */
  async *inflate(entry: ZipEntry, meter: ExpansionMeter, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
    const header = await this.source.read(entry.localHeaderOffset, LOCAL_HEADER_BYTES);
    if (header.byteLength < LOCAL_HEADER_BYTES || view(header).getUint32(0, true) !== LOCAL_SIGNATURE) {
      throw corrupt('its local header is missing or damaged');
    }
    const hv = view(header);
    const start = entry.localHeaderOffset + LOCAL_HEADER_BYTES + hv.getUint16(26, true) + hv.getUint16(28, true);
    const end = start + entry.compressedSize;
    const truncated = end > this.size;
    const source = this.source;
    const stop = Math.min(end, this.size);
    const compressed = async function* (): AsyncGenerator<Uint8Array> {
      for (let position = start; position < stop; ) {
        if (signal?.aborted) return;
        const data = await source.read(position, Math.min(READ_BYTES, stop - position));
        if (data.byteLength === 0) return;
        position += data.byteLength;
        yield data;
      }
    };
    const input = slices(compressed(), (n) => meter.consumed(n));
    const output = entry.method === 8 ? inflateStream(input, 'raw') : input;
    let crc = 0;
    try {
      for await (const chunk of output) {
        const keep = meter.produced(chunk.byteLength);
        if (keep > 0) {
          const piece = keep < chunk.byteLength ? chunk.subarray(0, keep) : chunk;
          crc = crc32(piece, crc);
          yield piece;
        }
        if (meter.stop || signal?.aborted) return;
      }
    } catch (error) {
      if (error instanceof ScanError) throw error;
      throw corrupt(truncated ? 'the archive is cut off inside its data (truncated file)' : 'its compressed data is damaged');
    }
    if (truncated) throw corrupt('the archive is cut off inside its data (truncated file)');
    if (crc >>> 0 !== entry.crc32 >>> 0) throw corrupt('its checksum (CRC-32) does not match: the data is damaged');
  }
}

/**
 * The EOCD offset inside `tail`. The record and its comment must end exactly at the end of the
 * file: a truncated archive often ends inside a stored inner ZIP, whose own EOCD must not be
 * mistaken for the outer one (its members would be listed as the outer archive's).
 */
function findEocd(tail: Uint8Array): number {
  const v = view(tail);
  for (let i = tail.byteLength - EOCD_BYTES; i >= 0; i--) {
    if (v.getUint32(i, true) !== EOCD_SIGNATURE) continue;
    if (i + EOCD_BYTES + v.getUint16(i + 20, true) === tail.byteLength) return i;
  }
  return -1;
}

async function readZip64(read: (o: number, l: number) => Promise<Uint8Array>, eocdAt: number, size: number): Promise<{ count: number; cdSize: number; cdOffset: number; cdEnd: number } | undefined> {
  if (eocdAt < 20) return undefined;
  const locator = await read(eocdAt - 20, 20);
  if (locator.byteLength < 20 || view(locator).getUint32(0, true) !== EOCD64_LOCATOR_SIGNATURE) return undefined;
  const at = Number(view(locator).getBigUint64(8, true));
  if (at + 56 > size) throw corrupt('The ZIP64 archive is damaged: its ZIP64 directory record points outside the file.');
  const record = await read(at, 56);
  const rv = view(record);
  if (rv.getUint32(0, true) !== EOCD64_SIGNATURE) throw corrupt('The ZIP64 archive is damaged: its ZIP64 directory record is missing.');
  return {
    count: Math.min(Number(rv.getBigUint64(32, true)), Number.MAX_SAFE_INTEGER),
    cdSize: Number(rv.getBigUint64(40, true)),
    cdOffset: Number(rv.getBigUint64(48, true)),
    cdEnd: at,
  };
}

/** The first `max` entries of the central directory, and how many it holds in all. */
function parseCentralDirectory(cd: Uint8Array, max: number, shift: number): { entries: ZipEntry[]; total: number } {
  const v = view(cd);
  const entries: ZipEntry[] = [];
  let p = 0;
  let total = 0;
  while (entries.length < max && p + CENTRAL_HEADER_BYTES <= cd.byteLength) {
    if (v.getUint32(p, true) !== CENTRAL_SIGNATURE) {
      if (entries.length === 0) throw corrupt('The ZIP archive is damaged: its central directory does not start with an entry.');
      break;
    }
    const flags = v.getUint16(p + 8, true);
    const method = v.getUint16(p + 10, true);
    const nameLength = v.getUint16(p + 28, true);
    const extraLength = v.getUint16(p + 30, true);
    const commentLength = v.getUint16(p + 32, true);
    let compressedSize = v.getUint32(p + 20, true);
    let declaredSize = v.getUint32(p + 24, true);
    let localHeaderOffset = v.getUint32(p + 42, true);
    const nameStart = p + CENTRAL_HEADER_BYTES;
    if (nameStart + nameLength + extraLength > cd.byteLength) break;
    const name = decodeName(cd.subarray(nameStart, nameStart + nameLength));
    // ZIP64 extended information (APPNOTE §4.5.3): only the fields saturated in the header, in order.
    for (let x = nameStart + nameLength; x + 4 <= nameStart + nameLength + extraLength; ) {
      const id = v.getUint16(x, true);
      const length = v.getUint16(x + 2, true);
      if (id === 0x0001) {
        let f = x + 4;
        const next = (): number | undefined => {
          if (f + 8 > x + 4 + length || f + 8 > cd.byteLength) return undefined;
          const value = Number(v.getBigUint64(f, true));
          f += 8;
          return value;
        };
        if (declaredSize === 0xffffffff) declaredSize = next() ?? declaredSize;
        if (compressedSize === 0xffffffff) compressedSize = next() ?? compressedSize;
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = next() ?? localHeaderOffset;
      }
      x += 4 + length;
    }
    entries.push(zipEntry({ index: entries.length, name, method, flags, compressedSize, declaredSize, crc32: v.getUint32(p + 16, true), localHeaderOffset: localHeaderOffset + shift }));
    p = nameStart + nameLength + extraLength + commentLength;
  }
  total += entries.length;
  // Entries past the limit are counted, not parsed.
  while (p + CENTRAL_HEADER_BYTES <= cd.byteLength && v.getUint32(p, true) === CENTRAL_SIGNATURE) {
    total++;
    p += CENTRAL_HEADER_BYTES + v.getUint16(p + 28, true) + v.getUint16(p + 30, true) + v.getUint16(p + 32, true);
  }
  return { entries, total };
}

/**
 * Entries whose local header and data overlap another entry's, or run into the central
 * directory: the "better zip bomb" (bamsoftware.com/hacks/zipbomb) makes thousands of entries
 * share one compressed kernel. The span used is a lower bound of the real one, so a valid
 * archive is never flagged.
 */
function findOverlaps(entries: readonly ZipEntry[], cdStart: number): Set<number> {
  const spans = entries
    .filter((e) => !e.isDirectory || e.compressedSize > 0)
    .map((e) => ({ index: e.index, start: e.localHeaderOffset, end: e.localHeaderOffset + LOCAL_HEADER_BYTES + e.compressedSize }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const overlapping = new Set<number>();
  let reach = 0;
  for (const span of spans) {
    if (span.start < reach || span.end > cdStart) overlapping.add(span.index);
    reach = Math.max(reach, span.end);
  }
  return overlapping;
}

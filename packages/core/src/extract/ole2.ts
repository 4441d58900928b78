import type { ByteSource, ExtractInput, Extractor } from '../model/extractor.js';
import type { Segment } from '../model/segment.js';
import { ScanError, UnsupportedContentError } from '../model/errors.js';
import { readAllBytes } from './pdf.js';

/**
 * OLE2 compound files (MS-CFB): Word/Excel/PowerPoint 97–2003, Outlook `.msg` messages, and
 * password-protected `.docx`/`.xlsx`/`.pptx`, which Office saves as a compound file holding an
 * `EncryptionInfo` and an `EncryptedPackage` stream (MS-OFFCRYPTO §2.1). Saring reads none of
 * their content. This reader looks only at the container's directory, so a report says which one a
 * file is and what the administrator can do, instead of "legacy Office" for an encrypted export.
 */
export const ole2Extractor: Extractor = {
  id: 'ole2',
  formats: ['ole2'],
  // Yields no text: it only tells what the file is, by throwing the file's status.
  async *extract(input: ExtractInput): AsyncGenerator<Segment> {
    const names = await directoryNames(input.source).catch(() => undefined);
    const kind = names ? kindOf(names) : 'unknown';
    if (kind === 'encrypted') {
      throw new ScanError(
        'encrypted',
        'Password-protected Office document: its content is encrypted, so it was not read. Ask the owner to remove the password (or save a copy without one) to have it scanned.',
      );
    }
    throw new UnsupportedContentError(UNSUPPORTED[kind]);
  },
};

type Ole2Kind = 'encrypted' | 'word' | 'excel' | 'powerpoint' | 'outlook' | 'unknown';

const UNSUPPORTED: Readonly<Record<Exclude<Ole2Kind, 'encrypted'>, string>> = {
  word: 'Word 97–2003 document (.doc): Saring has no reader for this format, so its content was not checked. Save it as .docx to have it scanned.',
  excel: 'Excel 97–2003 workbook (.xls): Saring has no reader for this format, so its content was not checked. Save it as .xlsx to have it scanned.',
  powerpoint: 'PowerPoint 97–2003 presentation (.ppt): Saring has no reader for this format, so its content was not checked. Save it as .pptx to have it scanned.',
  outlook: 'Outlook message (.msg): Saring has no reader for this format, so its content was not checked. Save the message text and its attachments as files to have them scanned.',
  unknown: 'Legacy Office (.doc/.xls): Saring has no reader for this format, so its content was not checked. Save it as .docx/.xlsx to have it scanned.',
};

/** Tells the file apart by the streams and storages at its top level (MS-DOC, MS-XLS, MS-PPT, MS-OXMSG). */
export function kindOf(names: readonly string[]): Ole2Kind {
  const has = (name: string) => names.includes(name);
  if (has('EncryptedPackage') && has('EncryptionInfo')) return 'encrypted';
  if (has('WordDocument')) return 'word';
  if (has('Workbook') || has('Book')) return 'excel';
  if (has('PowerPoint Document')) return 'powerpoint';
  if (has('__properties_version1.0') || names.some((n) => n.startsWith('__substg1.0_'))) return 'outlook';
  return 'unknown';
}

const HEADER_BYTES = 512;
const ENTRY_BYTES = 128;
const END_OF_CHAIN = 0xfffffffe;
/** More directory sectors than this is a hostile file, not an Office document. */
const MAX_DIRECTORY_SECTORS = 4096;
/** A source without random access (an archive member) is held in memory up to this size. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

/**
 * The names of the entries in a compound file's directory (MS-CFB §2.6), read by following the
 * directory's sector chain through the FAT. Every loop is bounded by the file's size, so a
 * damaged or hostile chain ends in an error, never a hang.
 */
export async function directoryNames(source: ByteSource): Promise<string[]> {
  const read = await randomAccess(source);
  const header = await read(0, HEADER_BYTES);
  if (header.length < HEADER_BYTES) throw new Error('truncated header');
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const shift = view.getUint16(0x1e, true);
  if (shift !== 9 && shift !== 12) throw new Error('unexpected sector size');
  const sectorSize = 1 << shift;
  const perSector = sectorSize / 4;
  const size = source.size ?? Number.MAX_SAFE_INTEGER;
  const sectorCount = Math.ceil(size / sectorSize);

  // The FAT's own sectors: 109 listed in the header, the rest in a chain of DIFAT sectors.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) fatSectors.push(view.getUint32(0x4c + 4 * i, true));
  let difat = view.getUint32(0x44, true);
  for (let hops = 0; difat < END_OF_CHAIN && hops < sectorCount; hops++) {
    const sector = await readSector(read, difat, sectorSize);
    const difatView = new DataView(sector.buffer, sector.byteOffset, sector.byteLength);
    for (let i = 0; i < perSector - 1; i++) fatSectors.push(difatView.getUint32(4 * i, true));
    difat = difatView.getUint32(4 * (perSector - 1), true);
  }
  const fatCache = new Map<number, DataView>();
  const next = async (sector: number): Promise<number> => {
    const fatSector = fatSectors[Math.floor(sector / perSector)];
    if (fatSector === undefined || fatSector >= END_OF_CHAIN) throw new Error('sector outside the FAT');
    let fat = fatCache.get(fatSector);
    if (!fat) {
      const bytes = await readSector(read, fatSector, sectorSize);
      fat = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      fatCache.set(fatSector, fat);
    }
    return fat.getUint32(4 * (sector % perSector), true);
  };

  const names: string[] = [];
  const seen = new Set<number>();
  for (let sector = view.getUint32(0x30, true); sector < END_OF_CHAIN; sector = await next(sector)) {
    if (seen.has(sector) || seen.size >= MAX_DIRECTORY_SECTORS || sector >= sectorCount) throw new Error('damaged directory chain');
    seen.add(sector);
    const bytes = await readSector(read, sector, sectorSize);
    for (let at = 0; at + ENTRY_BYTES <= bytes.length; at += ENTRY_BYTES) {
      const entry = new DataView(bytes.buffer, bytes.byteOffset + at, ENTRY_BYTES);
      const type = entry.getUint8(0x42);
      const length = entry.getUint16(0x40, true);
      if (type === 0 || length < 2 || length > 64) continue; // unused slot
      names.push(Buffer.from(bytes.buffer, bytes.byteOffset + at, length - 2).toString('utf16le'));
    }
  }
  return names;
}

async function readSector(read: (offset: number, length: number) => Promise<Uint8Array>, sector: number, sectorSize: number): Promise<Uint8Array> {
  const bytes = await read((sector + 1) * sectorSize, sectorSize);
  if (bytes.length < sectorSize) throw new Error('sector past the end of the file');
  return bytes;
}

/** The source's own random access, or its bytes held in memory (bounded) when it has none. */
async function randomAccess(source: ByteSource): Promise<(offset: number, length: number) => Promise<Uint8Array>> {
  if (source.read) return (offset, length) => source.read!(offset, length);
  const all = await readAllBytes(source, MAX_BUFFERED_BYTES);
  return async (offset, length) => all.subarray(offset, offset + length);
}

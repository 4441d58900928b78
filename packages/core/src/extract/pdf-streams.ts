import { inflateSync } from 'node:zlib';
import type { ScanLimits } from '../model/extractor.js';

/** Below this many decoded bytes a stream is never called a bomb, whatever its ratio. */
const RATIO_FLOOR_BYTES = 1024 * 1024;
/** How far back from `stream` its dictionary is looked for. */
const DICT_LOOKBACK_BYTES = 4096;

/** A Flate stream that expands past the limits: where it is and how far it was inflated. */
export interface PdfBomb {
  /** Byte offset of the stream's data. */
  offset: number;
  compressedBytes: number;
  /** The cap it ran into: the stream expands to more than this. */
  limitBytes: number;
  reason: 'limit-ratio' | 'limit-member-size';
}

/**
 * Finds a Flate-compressed stream that would expand past the archive limits (ClamAV treats a
 * PDF's streams as it treats archive members, libraries.md §E1). pdf.js inflates content, font and
 * object streams in full on the main thread, so a 250 KB page whose content stream inflates to
 * 256 MB costs seconds and half a gigabyte before any text appears, and a larger one ends the
 * process. Each Flate stream that pdf.js reads for text (image XObjects are not) is inflated here
 * first with a hard output cap: `maxCompressionRatio` times its compressed size once past 1 MiB,
 * and never more than `maxMemberBytes`. Memory for the check is bounded by that cap.
 *
 * Streams are found by their `stream` keyword after a dictionary, as a PDF repair tool does, so a
 * broken cross-reference table does not hide one. A stream that fails to inflate (encrypted,
 * damaged) is left to pdf.js.
 */
export function findFlateBomb(pdf: Uint8Array, limits: Pick<ScanLimits, 'maxCompressionRatio' | 'maxMemberBytes'>): PdfBomb | undefined {
  const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  for (let at = bytes.indexOf('stream'); at !== -1; at = bytes.indexOf('stream', at + 6)) {
    const dataStart = afterEol(bytes, at + 6);
    const dictEnd = beforeSpace(bytes, at);
    // The keyword: after a dictionary's `>>`, followed by a line break (not `endstream`, not text).
    if (dataStart === -1 || dictEnd < 2 || bytes[dictEnd - 1] !== GT || bytes[dictEnd - 2] !== GT) continue;
    const window = bytes.toString('latin1', Math.max(0, dictEnd - DICT_LOOKBACK_BYTES), dictEnd);
    const dict = window.slice(Math.max(0, window.lastIndexOf(' obj')));
    const dataEnd = bytes.indexOf('endstream', dataStart);
    if (dataEnd === -1) break;
    at = dataEnd + 3; // past `end`; the loop then skips this `stream`
    if (!/\/FlateDecode\b/.test(dict) || /\/Subtype\s*\/Image\b/.test(dict)) continue;
    const compressedBytes = dataEnd - dataStart;
    const ratioCap = Math.max(RATIO_FLOOR_BYTES, compressedBytes * limits.maxCompressionRatio);
    const limitBytes = Math.min(ratioCap, limits.maxMemberBytes);
    try {
      inflateSync(bytes.subarray(dataStart, dataEnd), { maxOutputLength: limitBytes });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        return { offset: dataStart, compressedBytes, limitBytes, reason: limitBytes === ratioCap ? 'limit-ratio' : 'limit-member-size' };
      }
    }
  }
  return undefined;
}

const GT = 0x3e;

/** Where the data starts after `stream` and its line break (CRLF, LF, or a lone CR some writers use), or -1. */
function afterEol(bytes: Buffer, at: number): number {
  if (bytes[at] === 0x0d) return bytes[at + 1] === 0x0a ? at + 2 : at + 1;
  return bytes[at] === 0x0a ? at + 1 : -1;
}

/** The offset just after the last non-whitespace byte before `at`. */
function beforeSpace(bytes: Buffer, at: number): number {
  let i = at;
  while (i > 0 && (bytes[i - 1] === 0x20 || bytes[i - 1] === 0x0a || bytes[i - 1] === 0x0d || bytes[i - 1] === 0x09)) i--;
  return i;
}

import type { SniffResult, TextEncodingName } from '../model/extractor.js';
import { rawDicomLayout } from './dicom-raw.js';

/** Bytes read from the start of every input to decide its format. */
export const SNIFF_BYTES = 8192;

const startsWith = (head: Uint8Array, bytes: readonly number[], offset = 0): boolean =>
  head.length >= offset + bytes.length && bytes.every((b, i) => head[offset + i] === b);

const ascii = (head: Uint8Array, text: string, offset = 0): boolean =>
  startsWith(head, [...text].map((c) => c.charCodeAt(0)), offset);

/** Magic numbers, checked in order. Sources: each format's specification. */
const MAGIC: readonly { format: string; test: (head: Uint8Array) => boolean }[] = [
  { format: 'dicom', test: (h) => ascii(h, 'DICM', 128) },
  { format: 'pdf', test: (h) => findAscii(h, '%PDF-', 1024) >= 0 },
  { format: 'zip', test: (h) => startsWith(h, [0x50, 0x4b, 0x03, 0x04]) || startsWith(h, [0x50, 0x4b, 0x05, 0x06]) },
  { format: 'gzip', test: (h) => startsWith(h, [0x1f, 0x8b]) },
  { format: 'tar', test: (h) => ascii(h, 'ustar', 257) },
  { format: 'png', test: (h) => startsWith(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { format: 'jpeg', test: (h) => startsWith(h, [0xff, 0xd8, 0xff]) },
  { format: 'gif', test: (h) => ascii(h, 'GIF87a') || ascii(h, 'GIF89a') },
  { format: 'bmp', test: (h) => ascii(h, 'BM') && h.length > 14 && (h[14] === 12 || h[14] === 40 || h[14] === 56 || h[14] === 108 || h[14] === 124) },
  { format: 'webp', test: (h) => ascii(h, 'RIFF') && ascii(h, 'WEBP', 8) },
  { format: 'tiff', test: (h) => startsWith(h, [0x49, 0x49, 0x2a, 0x00]) || startsWith(h, [0x4d, 0x4d, 0x00, 0x2a]) },
  { format: 'ole2', test: (h) => startsWith(h, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) },
  { format: 'rar', test: (h) => ascii(h, 'Rar!\u001a\u0007') },
  { format: '7z', test: (h) => startsWith(h, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) },
  { format: 'bzip2', test: (h) => ascii(h, 'BZh') && h.length > 3 && h[3]! >= 0x31 && h[3]! <= 0x39 },
  { format: 'xz', test: (h) => startsWith(h, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]) },
  { format: 'elf', test: (h) => startsWith(h, [0x7f, 0x45, 0x4c, 0x46]) },
  { format: 'exe', test: (h) => ascii(h, 'MZ') },
  { format: 'mp4', test: (h) => ascii(h, 'ftyp', 4) },
  // DICOM without the preamble (raw PACS exports): a plausible data set at offset 0.
  { format: 'dicom', test: (h) => rawDicomLayout(h) !== undefined },
];

function findAscii(head: Uint8Array, text: string, limit: number): number {
  const end = Math.min(head.length - text.length, limit);
  outer: for (let i = 0; i <= end; i++) {
    for (let j = 0; j < text.length; j++) if (head[i + j] !== text.charCodeAt(j)) continue outer;
    return i;
  }
  return -1;
}

/**
 * Formats recognised inside a ZIP by their part names (OOXML usually puts `[Content_Types].xml`
 * first). Only the names of the local headers in the head are looked at, hopping over each
 * entry's data, so a document stored inside a plain ZIP does not make the ZIP look like one.
 * The ZIP reader decides again from the central directory (extract/zip.ts).
 */
function refineZip(head: Uint8Array): string {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const names: string[] = [];
  for (let p = 0; p + 30 <= head.length && view.getUint32(p, true) === 0x04034b50; ) {
    const nameLength = view.getUint16(p + 26, true);
    const extraLength = view.getUint16(p + 28, true);
    names.push(Buffer.from(head.buffer, head.byteOffset + p + 30, Math.min(nameLength, head.length - p - 30)).toString('latin1'));
    // Data-descriptor entries may not say their size here: stop rather than guess.
    const size = view.getUint32(p + 18, true);
    if (view.getUint16(p + 6, true) & 0x08 && size === 0) break;
    p += 30 + nameLength + extraLength + size;
  }
  if (!names.includes('[Content_Types].xml')) return 'zip';
  if (names.some((n) => n.startsWith('word/'))) return 'docx';
  if (names.some((n) => n.startsWith('xl/'))) return 'xlsx';
  if (names.some((n) => n.startsWith('ppt/'))) return 'pptx';
  return 'ooxml';
}

const EXTENSION_FORMATS: Readonly<Record<string, string>> = {
  pdf: 'pdf', zip: 'zip', docx: 'docx', xlsx: 'xlsx', pptx: 'pptx', gz: 'gzip', tgz: 'gzip', tar: 'tar', dcm: 'dicom',
  png: 'png', jpg: 'jpeg', jpeg: 'jpeg', gif: 'gif', bmp: 'bmp', webp: 'webp', tif: 'tiff', tiff: 'tiff', doc: 'ole2', xls: 'ole2',
  csv: 'csv', tsv: 'tsv', json: 'json', xml: 'xml', html: 'html', htm: 'html', hl7: 'hl7', txt: 'text', log: 'text',
};

/** Office saves a password-protected .docx/.xlsx/.pptx as an OLE2 compound file (extract/ole2.ts): not a mismatch. */
function isEncryptedOoxmlShape(hinted: string, format: string): boolean {
  return format === 'ole2' && (hinted === 'docx' || hinted === 'xlsx' || hinted === 'pptx');
}

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/**
 * Decides an input's format from its first bytes. The extension is only a hint: it picks
 * between text formats (`.csv` vs `.txt`) and is compared with the content to flag mismatches.
 */
export function sniff(head: Uint8Array, name: string): SniffResult {
  const ext = extensionOf(name);
  const hinted = EXTENSION_FORMATS[ext];
  if (head.length === 0) return { format: 'empty' };
  for (const { format, test } of MAGIC) {
    if (!test(head)) continue;
    const refined = format === 'zip' ? refineZip(head) : format;
    return { format: refined, extensionMismatch: hinted !== undefined && hinted !== refined && !(hinted === 'zip' || refined === 'zip') && !isEncryptedOoxmlShape(hinted, refined) };
  }
  const encoding = detectTextEncoding(head);
  if (!encoding) return { format: 'unknown-binary' };
  const text = decodeHead(head, encoding.encoding, encoding.bomLength);
  const format = textFormat(text, ext);
  return { format, encoding: encoding.encoding, bomLength: encoding.bomLength, extensionMismatch: hinted !== undefined && !isTextFormat(hinted) };
}

const TEXT_FORMATS = new Set(['text', 'csv', 'tsv', 'json', 'xml', 'html', 'hl7']);
export function isTextFormat(format: string): boolean {
  return TEXT_FORMATS.has(format);
}

/** Looks at the content of a text file to tell its structure. */
function textFormat(text: string, ext: string): string {
  const trimmed = text.trimStart();
  if (/^MSH\|\^~\\&/.test(trimmed) || /^(?:FHS|BHS)\|\^~\\&/.test(trimmed)) return 'hl7';
  if (/^[{[]/.test(trimmed) && (ext === 'json' || /^[{[]\s*["{[\]]/.test(trimmed))) return 'json';
  if (/^<\?xml/i.test(trimmed)) return ext === 'html' || ext === 'htm' ? 'html' : 'xml';
  if (/^(?:<!doctype html|<html)/i.test(trimmed)) return 'html';
  if (ext === 'tsv') return 'tsv';
  if (ext === 'csv') return 'csv';
  if (ext === 'json') return 'json';
  if (ext === 'xml') return 'xml';
  if (ext === 'html' || ext === 'htm') return 'html';
  if (ext === 'hl7') return 'hl7';
  return 'text';
}

/**
 * BOMs first; then UTF-16 without a BOM (NUL bytes interleaved with ASCII: the digits of a NIK
 * are `3\0 2\0 ...`, which a byte scan would miss); then NUL-free content is text, decoded as
 * UTF-8 with a Windows-1252 fallback for invalid sequences. Anything else is binary.
 */
export function detectTextEncoding(head: Uint8Array): { encoding: TextEncodingName; bomLength: number } | undefined {
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', bomLength: 3 };
  if (startsWith(head, [0xff, 0xfe])) return { encoding: 'utf-16le', bomLength: 2 };
  if (startsWith(head, [0xfe, 0xff])) return { encoding: 'utf-16be', bomLength: 2 };
  const n = Math.min(head.length, SNIFF_BYTES);
  let evenNul = 0;
  let oddNul = 0;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    if (b === 0) {
      if (i % 2 === 0) evenNul++;
      else oddNul++;
    } else if (b < 7 || (b > 13 && b < 27) || (b > 27 && b < 32)) control++;
  }
  const pairs = Math.max(1, Math.floor(n / 2));
  if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return { encoding: 'utf-16le', bomLength: 0 };
  if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return { encoding: 'utf-16be', bomLength: 0 };
  if (evenNul + oddNul > 0) return undefined;
  if (control > n * 0.1) return undefined;
  if (isValidUtf8Prefix(head.subarray(0, n))) return { encoding: 'utf-8', bomLength: 0 };
  return { encoding: 'windows-1252', bomLength: 0 };
}

/** Valid UTF-8, allowing a sequence cut off at the end of the sample. */
function isValidUtf8Prefix(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function decodeHead(head: Uint8Array, encoding: TextEncodingName, bomLength: number): string {
  return new TextDecoder(encoding).decode(head.subarray(bomLength, Math.min(head.length, 2048)));
}

import { createRequire } from 'node:module';
import type { OcrImage } from '../model/ocr.js';

/**
 * Image files → page images for OCR. PNG, JPEG and TIFF are decoded to pixels here (so they can
 * be pre-processed, and a TIFF can hold several pages); BMP, GIF (first frame) and WebP go to
 * tesseract as they are, which reads them itself (leptonica). Every format's size is read from
 * its header first, so a "pixel bomb" (a tiny file claiming 100 000 × 100 000 pixels) is refused
 * before anything is allocated.
 */

const require = createRequire(import.meta.url);

/** One page of an image file, or the reason it cannot be OCR'd. */
export type ImagePage = { image: OcrImage; width: number; height: number } | { tooLarge: { width: number; height: number } };

/** What an image file holds. `pages` is lazy: TIFF pages are decoded one at a time. */
export interface ImageFile {
  format: string;
  pageCount: number;
  pages(): Generator<ImagePage>;
}

/** The image is damaged or not what its header says; the message is safe to show (no content). */
export class ImageDecodeError extends Error {
  override name = 'ImageDecodeError';
}

const u16be = (b: Uint8Array, o: number) => ((b[o] ?? 0) << 8) | (b[o + 1] ?? 0);
const u16le = (b: Uint8Array, o: number) => (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
const u32be = (b: Uint8Array, o: number) => ((b[o] ?? 0) * 2 ** 24) + (((b[o + 1] ?? 0) << 16) | ((b[o + 2] ?? 0) << 8) | (b[o + 3] ?? 0));
const i32le = (b: Uint8Array, o: number) => (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8) | ((b[o + 2] ?? 0) << 16) | ((b[o + 3] ?? 0) << 24);

/** Width and height from the header of a PNG/JPEG/GIF/BMP/WebP, without decoding. */
export function imageSize(format: string, bytes: Uint8Array): { width: number; height: number } {
  switch (format) {
    case 'png':
      // IHDR is the first chunk: width and height at offsets 16 and 20.
      if (bytes.length < 24) break;
      return { width: u32be(bytes, 16), height: u32be(bytes, 20) };
    case 'gif':
      if (bytes.length < 10) break;
      return { width: u16le(bytes, 6), height: u16le(bytes, 8) };
    case 'bmp':
      if (bytes.length < 26) break;
      if (u16le(bytes, 14) === 12) return { width: u16le(bytes, 18), height: u16le(bytes, 20) };
      return { width: Math.abs(i32le(bytes, 18)), height: Math.abs(i32le(bytes, 22)) };
    case 'webp':
      return webpSize(bytes);
    case 'jpeg':
      return jpegSize(bytes);
  }
  throw new ImageDecodeError(`The ${format.toUpperCase()} header is cut short.`);
}

function webpSize(b: Uint8Array): { width: number; height: number } {
  const chunk = String.fromCharCode(...b.subarray(12, 16));
  if (chunk === 'VP8X' && b.length >= 30) {
    return { width: 1 + (b[24]! | (b[25]! << 8) | (b[26]! << 16)), height: 1 + (b[27]! | (b[28]! << 8) | (b[29]! << 16)) };
  }
  if (chunk === 'VP8 ' && b.length >= 30) return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  if (chunk === 'VP8L' && b.length >= 25) {
    const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >>> 14) & 0x3fff) };
  }
  throw new ImageDecodeError('The WebP header is not one Saring knows (VP8, VP8L or VP8X).');
}

/** The first start-of-frame marker carries the size; markers before it are skipped by length. */
function jpegSize(b: Uint8Array): { width: number; height: number } {
  let offset = 2;
  while (offset + 9 < b.length) {
    if (b[offset] !== 0xff) throw new ImageDecodeError('The JPEG structure is damaged.');
    const marker = b[offset + 1]!;
    if (marker === 0xff) {
      offset++;
      continue;
    }
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { width: u16be(b, offset + 7), height: u16be(b, offset + 5) };
    }
    offset += 2 + u16be(b, offset + 2);
  }
  throw new ImageDecodeError('The JPEG has no image frame.');
}

/**
 * Opens an image file for OCR. `maxPixels` bounds what is decoded per page; a larger page comes
 * back as `tooLarge` rather than being decoded.
 */
export function openImage(format: string, bytes: Uint8Array, maxPixels: number): ImageFile {
  if (format === 'tiff') return openTiff(bytes, maxPixels);
  const size = imageSize(format, bytes);
  if (size.width === 0 || size.height === 0) throw new ImageDecodeError('The image has no pixels (width or height 0).');
  const one = (): ImagePage => {
    if (size.width * size.height > maxPixels) return { tooLarge: size };
    return { image: decodeSingle(format, bytes, size, maxPixels), ...size };
  };
  return {
    format,
    pageCount: 1,
    *pages() {
      yield one();
    },
  };
}

function decodeSingle(format: string, bytes: Uint8Array, size: { width: number; height: number }, maxPixels: number): OcrImage {
  if (format === 'bmp') checkBmp(bytes, size);
  try {
    if (format === 'png') {
      const { PNG } = require('pngjs') as typeof import('pngjs');
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return { kind: 'pixels', data: png.data, width: png.width, height: png.height, channels: 4 };
    }
    if (format === 'jpeg') {
      const jpeg = require('jpeg-js') as typeof import('jpeg-js');
      const decoded = jpeg.decode(bytes, {
        useTArray: true,
        formatAsRGBA: true,
        maxResolutionInMP: Math.ceil(maxPixels / 1e6),
        // Decoding keeps component buffers besides the output: allow a few bytes per pixel.
        maxMemoryUsageInMB: Math.ceil((size.width * size.height * 12) / 2 ** 20) + 64,
      });
      return { kind: 'pixels', data: decoded.data, width: decoded.width, height: decoded.height, channels: 4 };
    }
  } catch (error) {
    throw new ImageDecodeError(`The ${format.toUpperCase()} image could not be decoded (damaged or unusual file).`, { cause: error });
  }
  // BMP, GIF (tesseract reads the first frame) and WebP: tesseract decodes these itself.
  return { kind: 'encoded', bytes };
}

/** An uncompressed BMP must hold all its rows; tesseract would fail on a cut one with a library error. */
function checkBmp(bytes: Uint8Array, size: { width: number; height: number }): void {
  const headerSize = u16le(bytes, 14);
  if (headerSize < 40) return;
  const compression = i32le(bytes, 30);
  const bitsPerPixel = u16le(bytes, 28);
  if (compression !== 0 || bitsPerPixel === 0) return;
  const row = Math.ceil((size.width * bitsPerPixel) / 32) * 4;
  if (i32le(bytes, 10) + row * size.height > bytes.length) throw new ImageDecodeError('The BMP image is cut short (damaged file).');
}

type Utif = typeof import('utif2');

function openTiff(bytes: Uint8Array, maxPixels: number): ImageFile {
  const utif = require('utif2') as Utif;
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  checkTiffStructure(bytes);
  let ifds: ReturnType<Utif['decode']>;
  try {
    // No maker-note parsing: camera vendors' private structures are not needed to read pixels.
    ifds = (utif.decode as (buffer: ArrayBuffer, options: { parseMN: boolean; debug: boolean }) => ReturnType<Utif['decode']>)(buffer, { parseMN: false, debug: false });
  } catch (error) {
    throw new ImageDecodeError('The TIFF image could not be read (damaged or unusual file).', { cause: error });
  }
  // Pages only: sub-IFDs (thumbnails, EXIF) are not separate pages.
  const pages = ifds.filter((ifd) => first(ifd['t256']) > 0 && first(ifd['t257']) > 0);
  if (pages.length === 0) throw new ImageDecodeError('The TIFF file holds no image.');
  return {
    format: 'tiff',
    pageCount: pages.length,
    *pages() {
      for (const ifd of pages) {
        const width = first(ifd['t256']);
        const height = first(ifd['t257']);
        if (width * height > maxPixels) {
          yield { tooLarge: { width, height } };
          continue;
        }
        let rgba: Uint8Array;
        try {
          utif.decodeImage(buffer, ifd);
          rgba = utif.toRGBA8(ifd);
        } catch (error) {
          throw new ImageDecodeError('A TIFF page could not be decoded (damaged file or a compression Saring cannot read).', { cause: error });
        }
        if (rgba.length < width * height * 4) throw new ImageDecodeError('A TIFF page is cut short.');
        yield { image: { kind: 'pixels', data: rgba, width, height, channels: 4 }, width, height };
        // Let the decoded pixels go before the next page.
        delete (ifd as Partial<typeof ifd>).data;
      }
    },
  };
}

/** Bytes per value of each TIFF field type (TIFF 6.0 §2, plus BigTIFF-era IFD/LONG8 types). */
const TIFF_TYPE_BYTES: Readonly<Record<number, number>> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4, 16: 8, 17: 8, 18: 8 };
/** Tags whose values point to more directories (SubIFDs, EXIF, GPS, ...), as utif2 follows them. */
const TIFF_POINTER_TAGS = new Set([330, 34665, 34853, 50740, 61440]);
const MAX_TIFF_DIRECTORIES = 10_000;
const MAX_TIFF_DEPTH = 4;

/**
 * utif2 trusts the file: a directory chain that loops back on itself makes it loop forever, and a
 * field claiming four billion values makes it push them one by one. Before handing a TIFF to it,
 * walk every directory it would read: each visited once, every entry table and every value inside
 * the file. A hostile TIFF is then `corrupt` instead of a hung scan.
 */
export function checkTiffStructure(bytes: Uint8Array): void {
  const damaged = (why: string) => new ImageDecodeError(`The TIFF structure is damaged (${why}).`);
  if (bytes.length < 8) throw damaged('cut short');
  const little = bytes[0] === 0x49;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (o: number) => view.getUint16(o, little);
  const u32 = (o: number) => view.getUint32(o, little);
  const seen = new Set<number>();
  const walk = (first: number, depth: number): void => {
    for (let offset = first; offset !== 0; ) {
      if (seen.has(offset)) throw damaged('a directory refers back to itself');
      if (seen.size >= MAX_TIFF_DIRECTORIES) throw damaged('too many directories');
      if (depth > MAX_TIFF_DEPTH) throw damaged('directories nested too deep');
      seen.add(offset);
      if (offset + 2 > bytes.length) throw damaged('a directory lies outside the file');
      const count = u16(offset);
      const end = offset + 2 + count * 12;
      if (end + (depth === 0 ? 4 : 0) > bytes.length) throw damaged('a directory runs past the end of the file');
      for (let entry = offset + 2; entry < end; entry += 12) {
        const tag = u16(entry);
        const size = TIFF_TYPE_BYTES[u16(entry + 2)];
        if (size === undefined) continue;
        const values = u32(entry + 4);
        const total = values * size;
        if (total > 4 && u32(entry + 8) + total > bytes.length) throw damaged('a field lies outside the file');
        if (TIFF_POINTER_TAGS.has(tag) && (size === 4 || size === 8 || u16(entry + 2) === 13)) {
          const pointers = total > 4 ? u32(entry + 8) : entry + 8;
          for (let i = 0; i < Math.min(values, 64); i++) walk(u32(pointers + i * 4), depth + 1);
        }
      }
      // utif2 follows the next-directory link of the main chain only.
      offset = depth === 0 ? u32(end) : 0;
    }
  };
  walk(u32(4), 0);
}

function first(value: unknown): number {
  return Array.isArray(value) && typeof value[0] === 'number' ? value[0] : 0;
}

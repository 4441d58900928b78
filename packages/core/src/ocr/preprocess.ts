import { createRequire } from 'node:module';
import type { OcrImage } from '../model/ocr.js';

const require = createRequire(import.meta.url);

/**
 * Pre-processing before OCR. Measured on the generated scans (fixtures/scans, 18 pages, see README
 * "OCR"): at 150–300 dpi, and even at 90 dpi, upscaling 2–3× did not raise NIK or BPJS recall and
 * cost 30 % more time (name recall dropped at 150 dpi); an Otsu threshold of our own gained names
 * but lost a NIK at 90 dpi. tesseract binarises (Otsu) and normalises text height itself. So pages
 * go to OCR as grey PNGs at their own size, and only really small images (under ~75 dpi if the
 * image were an A4 page: thumbnails, 512-pixel DICOM frames with burned-in text) are enlarged.
 */

/** Width of an A4 page in inches: images are assumed to be documents when guessing their resolution. */
const A4_WIDTH_INCHES = 8.27;
/** The resolution small images are brought to. */
const TARGET_DPI = 150;
/** Images at or above this guessed resolution are left at their size. */
const UPSCALE_BELOW_DPI = 75;
/** Never enlarge more than this (a thumbnail does not become readable by enlarging it). */
const MAX_UPSCALE = 3;
/** Never produce an image larger than this many pixels for OCR. */
const MAX_OCR_PIXELS = 40_000_000;

export interface PreprocessOptions {
  /** Binarise with Otsu's threshold before OCR. Default false (tesseract does it itself). */
  threshold?: boolean;
  /** Enlarge low-resolution images. Default true. */
  upscale?: boolean;
}

/** An image ready for tesseract and the factor it was enlarged by (boxes are divided by it). */
export interface PreparedImage {
  bytes: Uint8Array;
  scale: number;
}

/** Turns a page image into what tesseract reads: encoded images pass through, pixels become a grey PNG. */
export function prepareForOcr(image: OcrImage, options: PreprocessOptions = {}): PreparedImage {
  if (image.kind === 'encoded') return { bytes: image.bytes, scale: 1 };
  let grey = toGrey(image.data, image.width, image.height, image.channels);
  let { width, height } = image;
  let scale = 1;
  if (options.upscale ?? true) {
    scale = upscaleFactor(width, height);
    if (scale > 1) {
      const w = Math.round(width * scale);
      const h = Math.round(height * scale);
      grey = resizeBilinear(grey, width, height, w, h);
      scale = w / width;
      width = w;
      height = h;
    }
  }
  if (options.threshold) binarize(grey, otsuThreshold(grey));
  return { bytes: encodeGreyPng(grey, width, height), scale };
}

/** How much to enlarge: an image narrower than A4 at 75 dpi (620 px) is brought to ~150 dpi, at most 3×. */
export function upscaleFactor(width: number, height: number): number {
  const dpi = width / A4_WIDTH_INCHES;
  if (dpi >= UPSCALE_BELOW_DPI) return 1;
  let scale = Math.min(MAX_UPSCALE, TARGET_DPI / Math.max(1, dpi));
  const room = Math.sqrt(MAX_OCR_PIXELS / Math.max(1, width * height));
  scale = Math.min(scale, room);
  return scale > 1.1 ? scale : 1;
}

/** Luma (ITU-R BT.601), alpha composited over white paper. */
export function toGrey(data: Uint8Array, width: number, height: number, channels: 1 | 3 | 4): Uint8Array {
  const n = width * height;
  if (channels === 1) return data.subarray(0, n);
  const grey = new Uint8Array(n);
  for (let i = 0, j = 0; i < n; i++, j += channels) {
    const luma = (data[j]! * 299 + data[j + 1]! * 587 + data[j + 2]! * 114) / 1000;
    if (channels === 4) {
      const alpha = data[j + 3]! / 255;
      grey[i] = Math.round(luma * alpha + 255 * (1 - alpha));
    } else grey[i] = Math.round(luma);
  }
  return grey;
}

export function resizeBilinear(src: Uint8Array, sw: number, sh: number, dw: number, dh: number): Uint8Array {
  const out = new Uint8Array(dw * dh);
  const xRatio = sw / dw;
  const yRatio = sh / dh;
  // Precompute the column sources once per image instead of once per pixel.
  const x0s = new Int32Array(dw);
  const xfs = new Float32Array(dw);
  for (let x = 0; x < dw; x++) {
    const sx = Math.max(0, (x + 0.5) * xRatio - 0.5);
    x0s[x] = Math.min(sw - 1, Math.floor(sx));
    xfs[x] = sx - x0s[x]!;
  }
  for (let y = 0; y < dh; y++) {
    const sy = Math.max(0, (y + 0.5) * yRatio - 0.5);
    const y0 = Math.min(sh - 1, Math.floor(sy));
    const y1 = Math.min(sh - 1, y0 + 1);
    const fy = sy - y0;
    const row0 = y0 * sw;
    const row1 = y1 * sw;
    const base = y * dw;
    for (let x = 0; x < dw; x++) {
      const x0 = x0s[x]!;
      const x1 = Math.min(sw - 1, x0 + 1);
      const fx = xfs[x]!;
      const top = src[row0 + x0]! + (src[row0 + x1]! - src[row0 + x0]!) * fx;
      const bottom = src[row1 + x0]! + (src[row1 + x1]! - src[row1 + x0]!) * fx;
      out[base + x] = Math.round(top + (bottom - top) * fy);
    }
  }
  return out;
}

/** Otsu's method: the grey level that best separates ink from paper (maximum between-class variance). */
export function otsuThreshold(grey: Uint8Array): number {
  const histogram = new Float64Array(256);
  for (let i = 0; i < grey.length; i++) histogram[grey[i]!]!++;
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * histogram[i]!;
  let sumBackground = 0;
  let weightBackground = 0;
  let best = 0;
  let threshold = 127;
  for (let t = 0; t < 256; t++) {
    weightBackground += histogram[t]!;
    if (weightBackground === 0) continue;
    const weightForeground = grey.length - weightBackground;
    if (weightForeground === 0) break;
    sumBackground += t * histogram[t]!;
    const meanBackground = sumBackground / weightBackground;
    const meanForeground = (sum - sumBackground) / weightForeground;
    const between = weightBackground * weightForeground * (meanBackground - meanForeground) ** 2;
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  return threshold;
}

function binarize(grey: Uint8Array, threshold: number): void {
  for (let i = 0; i < grey.length; i++) grey[i] = grey[i]! > threshold ? 255 : 0;
}

/** An 8-bit grey PNG, fast deflate: it is read once by tesseract and thrown away. */
export function encodeGreyPng(grey: Uint8Array, width: number, height: number): Uint8Array {
  const { PNG } = require('pngjs') as typeof import('pngjs');
  // An empty PNG with the size set afterwards: `new PNG({ width, height })` would allocate an unused RGBA buffer.
  const png = new PNG();
  png.width = width;
  png.height = height;
  png.data = Buffer.from(grey.buffer, grey.byteOffset, grey.byteLength);
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false, deflateLevel: 1 });
}

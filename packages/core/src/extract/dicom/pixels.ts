import type { DataSet } from 'dicom-parser';
import { ScanError } from '../../model/errors.js';
import { parseHeader, PIXEL_DATA_TAG, TRANSFER_SYNTAX } from './parse.js';

/**
 * DICOM pixel data → 8-bit frames for OCR (burned-in annotations, ../shared/domain.md §10.3).
 * Uncompressed only: implicit/explicit VR little endian, explicit big endian and deflated files
 * with 8- or 16-bit MONOCHROME1/2, RGB or YBR_FULL samples. 16-bit and 8-bit monochrome frames are
 * mapped to 8 bits with the file's first VOI window (Window Center/Width after Rescale
 * Slope/Intercept, PS3.3 C.11.2.1.2), or the frame's own min–max when it has none; MONOCHROME1 is
 * inverted so text is dark on light or light on dark as the viewer would show it.
 */

/** One rendered frame: row-major, 1 (grey) or 3 (RGB) channels of 8 bits. */
export interface DicomFrame {
  width: number;
  height: number;
  channels: 1 | 3;
  data: Uint8Array;
  /** 0-based frame number in the file. */
  index: number;
}

export interface FrameLimits {
  /** Frames rendered at most (the first ones). */
  maxFrames: number;
  /** Frames larger than this many pixels (rows × columns) are not rendered. */
  maxPixels: number;
}

/** Where the frames are and how to turn their samples into 8 bits. */
export interface PixelLayout {
  rows: number;
  columns: number;
  samplesPerPixel: 1 | 3;
  bitsAllocated: 8 | 16;
  bitsStored: number;
  signed: boolean;
  photometric: string;
  planar: boolean;
  bigEndian: boolean;
  frames: number;
  frameBytes: number;
  /** Offset of the first frame in the parsed byte array. */
  offset: number;
  /** Bytes of pixel data present in the parsed array from `offset` (the header read may stop early). */
  available: number;
  window?: { center: number; width: number };
  slope: number;
  intercept: number;
}

/** Why the pixels cannot be rendered, in words an administrator understands. */
export type PixelProblem = { unsupported: string };

const UNCOMPRESSED = new Set<string>([TRANSFER_SYNTAX.implicitLittle, TRANSFER_SYNTAX.explicitLittle, TRANSFER_SYNTAX.explicitBig, TRANSFER_SYNTAX.deflated]);
const PHOTOMETRIC = new Set(['MONOCHROME1', 'MONOCHROME2', 'RGB', 'YBR_FULL']);

function number(dataSet: DataSet, tag: string, vr: 'US' | 'DS' | 'IS'): number | undefined {
  const element = dataSet.elements[tag];
  if (!element || element.length === 0) return undefined;
  if (vr === 'US') return element.length >= 2 ? dataSet.uint16(tag) : undefined;
  const text = dataSet.string(tag);
  const value = text === undefined ? NaN : Number.parseFloat(text.split('\\')[0]!);
  return Number.isFinite(value) ? value : undefined;
}

/** Reads the image pixel module of a parsed header: where the frames are and how to render them. */
export function pixelLayout(dataSet: DataSet, transferSyntax: string): PixelLayout | PixelProblem {
  const pixel = dataSet.elements[PIXEL_DATA_TAG];
  if (!pixel) return { unsupported: 'the file has no pixel data' };
  if (!UNCOMPRESSED.has(transferSyntax) || pixel.length === 0xffffffff) return { unsupported: `its pixels are compressed (transfer syntax ${transferSyntax}), which Saring does not decode for OCR` };
  const rows = number(dataSet, 'x00280010', 'US') ?? 0;
  const columns = number(dataSet, 'x00280011', 'US') ?? 0;
  const samples = number(dataSet, 'x00280002', 'US') ?? 1;
  const bitsAllocated = number(dataSet, 'x00280100', 'US') ?? 0;
  const photometric = (dataSet.string('x00280004') ?? (samples === 3 ? 'RGB' : 'MONOCHROME2')).trim().toUpperCase();
  if (!rows || !columns) return { unsupported: 'its image size (Rows, Columns) is missing' };
  if ((samples !== 1 && samples !== 3) || (bitsAllocated !== 8 && bitsAllocated !== 16)) return { unsupported: `its pixels have ${samples} samples of ${bitsAllocated} bits, which Saring does not render` };
  if (!PHOTOMETRIC.has(photometric) || (samples === 3) !== (photometric === 'RGB' || photometric === 'YBR_FULL')) return { unsupported: `its colour model ${photometric} is not rendered for OCR` };
  if (samples === 3 && bitsAllocated !== 8) return { unsupported: 'its colour pixels are 16-bit, which Saring does not render' };
  const frames = Math.max(1, Math.floor(number(dataSet, 'x00280008', 'IS') ?? 1));
  const frameBytes = rows * columns * samples * (bitsAllocated / 8);
  const center = number(dataSet, 'x00281050', 'DS');
  const width = number(dataSet, 'x00281051', 'DS');
  return {
    rows,
    columns,
    samplesPerPixel: samples,
    bitsAllocated,
    bitsStored: Math.min(bitsAllocated, number(dataSet, 'x00280101', 'US') ?? bitsAllocated),
    signed: number(dataSet, 'x00280103', 'US') === 1,
    photometric,
    planar: number(dataSet, 'x00280006', 'US') === 1,
    bigEndian: transferSyntax === TRANSFER_SYNTAX.explicitBig,
    frames,
    frameBytes,
    offset: pixel.dataOffset,
    available: Math.max(0, Math.min(pixel.length, dataSet.byteArray.length - pixel.dataOffset)),
    ...(center !== undefined && width !== undefined && width >= 1 ? { window: { center, width } } : {}),
    slope: number(dataSet, 'x00281053', 'DS') ?? 1,
    intercept: number(dataSet, 'x00281052', 'DS') ?? 0,
  };
}

/** JPEG baseline (process 1, 8-bit): frames tesseract reads as they are, no decoding here. */
export const JPEG_BASELINE = '1.2.840.10008.1.2.4.50';

/**
 * The frames of encapsulated pixel data (PS3.5 A.4): items after the Basic Offset Table, one frame
 * per fragment, or all fragments of a single-frame image joined. `bytes` starts at the first item
 * (the Pixel Data value); `bigEndian` never applies (encapsulated syntaxes are little endian).
 * Returns undefined when the fragments cannot be matched to frames.
 */
export function encapsulatedFrames(bytes: Uint8Array, frames: number, maxFrames: number): Uint8Array[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fragments: Uint8Array[] = [];
  let offset = 0;
  let first = true;
  while (offset + 8 <= bytes.byteLength) {
    const group = view.getUint16(offset, true);
    const element = view.getUint16(offset + 2, true);
    const length = view.getUint32(offset + 4, true);
    if (group !== 0xfffe || element === 0xe0dd) break;
    if (element !== 0xe000 || length === 0xffffffff) return undefined;
    const end = offset + 8 + length;
    if (end > bytes.byteLength) break; // cut short: keep the complete fragments
    if (!first) fragments.push(bytes.subarray(offset + 8, end));
    first = false;
    offset = end;
    if (frames > 1 && fragments.length >= maxFrames) break;
  }
  if (fragments.length === 0) return undefined;
  if (frames === 1) return [fragments.length === 1 ? fragments[0]! : Buffer.concat(fragments)];
  return fragments.length === Math.min(frames, maxFrames) ? fragments : undefined;
}

/** Renders one frame's bytes (exactly `layout.frameBytes`) to 8 bits. */
export function renderFrame(layout: PixelLayout, bytes: Uint8Array, index: number): DicomFrame {
  const { rows, columns } = layout;
  const pixels = rows * columns;
  if (layout.samplesPerPixel === 3) {
    const data = new Uint8Array(pixels * 3);
    if (layout.planar) for (let i = 0; i < pixels; i++) for (let c = 0; c < 3; c++) data[i * 3 + c] = bytes[c * pixels + i]!;
    else data.set(bytes.subarray(0, pixels * 3));
    if (layout.photometric === 'YBR_FULL') ybrToRgb(data);
    return { width: columns, height: rows, channels: 3, data, index };
  }
  const values = new Float64Array(pixels);
  const shift = 32 - layout.bitsStored;
  for (let i = 0; i < pixels; i++) {
    let raw = layout.bitsAllocated === 8 ? bytes[i]! : layout.bigEndian ? (bytes[i * 2]! << 8) | bytes[i * 2 + 1]! : bytes[i * 2]! | (bytes[i * 2 + 1]! << 8);
    // Keep the stored bits; sign-extend them when the pixel representation is signed.
    raw = layout.signed ? (raw << shift) >> shift : (raw << shift) >>> shift;
    values[i] = raw * layout.slope + layout.intercept;
  }
  let low: number;
  let high: number;
  if (layout.window) {
    low = layout.window.center - 0.5 - (layout.window.width - 1) / 2;
    high = layout.window.center - 0.5 + (layout.window.width - 1) / 2;
  } else {
    low = Infinity;
    high = -Infinity;
    for (let i = 0; i < pixels; i++) {
      if (values[i]! < low) low = values[i]!;
      if (values[i]! > high) high = values[i]!;
    }
  }
  const range = Math.max(high - low, 1e-9);
  const invert = layout.photometric === 'MONOCHROME1';
  const data = new Uint8Array(pixels);
  for (let i = 0; i < pixels; i++) {
    const v = values[i]! <= low ? 0 : values[i]! > high ? 255 : Math.round(((values[i]! - low) / range) * 255);
    data[i] = invert ? 255 - v : v;
  }
  return { width: columns, height: rows, channels: 1, data, index };
}

/** YBR_FULL (PS3.3 C.7.6.3.1.2) to RGB, in place. */
function ybrToRgb(data: Uint8Array): void {
  for (let i = 0; i < data.length; i += 3) {
    const y = data[i]!;
    const cb = data[i + 1]! - 128;
    const cr = data[i + 2]! - 128;
    data[i] = clamp8(y + 1.402 * cr);
    data[i + 1] = clamp8(y - 0.344136 * cb - 0.714136 * cr);
    data[i + 2] = clamp8(y + 1.772 * cb);
  }
}
const clamp8 = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

/**
 * The frames of a whole DICOM file in memory, rendered to 8 bits, for OCR. Returns the frames that
 * could be rendered (the first `limits.maxFrames`) and, when some or all could not, why.
 *
 * ```ts
 * const { frames, problem } = readDicomFrames(bytes, { maxFrames: 50, maxPixels: 50_000_000 });
 * for (const f of frames) await ocr.recognize({ kind: 'pixels', data: f.data, width: f.width, height: f.height, channels: f.channels }, f.index + 1);
 * ```
 */
export function readDicomFrames(bytes: Uint8Array, limits: FrameLimits): { frames: DicomFrame[]; problem?: string } {
  let outcome: ReturnType<typeof parseHeader>;
  try {
    outcome = parseHeader(bytes, { wholeFile: true, final: true, maxInflatedBytes: Math.max(bytes.byteLength * 4, 64 * 1024 * 1024) });
  } catch (error) {
    return { frames: [], problem: error instanceof ScanError ? error.message : 'the DICOM header could not be read' };
  }
  if (outcome.status !== 'parsed') return { frames: [], problem: 'the DICOM header could not be read' };
  const layout = pixelLayout(outcome.dataSet, outcome.transferSyntax);
  if ('unsupported' in layout) return { frames: [], problem: layout.unsupported };
  if (layout.rows * layout.columns > limits.maxPixels) return { frames: [], problem: `its frames of ${layout.columns} × ${layout.rows} pixels are over the OCR size limit` };
  const frames: DicomFrame[] = [];
  const count = Math.min(layout.frames, limits.maxFrames);
  const array = outcome.dataSet.byteArray;
  for (let i = 0; i < count; i++) {
    const start = layout.offset + i * layout.frameBytes;
    if (start + layout.frameBytes > array.length || (i + 1) * layout.frameBytes > layout.available) {
      return { frames, problem: `the pixel data ends after ${i} of ${layout.frames} frames` };
    }
    frames.push(renderFrame(layout, array.subarray(start, start + layout.frameBytes), i));
  }
  return layout.frames > count ? { frames, problem: `only the first ${count} of ${layout.frames} frames were rendered` } : { frames };
}

import { createRequire } from 'node:module';
import { Inflate } from 'fflate';
import type { DataSet, Element, ParseDicomOptions } from 'dicom-parser';
import type { ReasonCode } from '../../model/report.js';
import { ScanError } from '../../model/errors.js';
import { rawDicomLayout } from '../../sniff/dicom-raw.js';
import { vrOf } from './keywords.js';

/** dicom-parser ships a UMD bundle: load it through require so Node and vitest agree on its shape. */
export const dicomParser = createRequire(import.meta.url)('dicom-parser') as typeof import('dicom-parser');

/** dicom-parser's element name for Pixel Data (7FE0,0010): parsing stops at its header. */
export const PIXEL_DATA_TAG = 'x7fe00010';

export const TRANSFER_SYNTAX = {
  implicitLittle: '1.2.840.10008.1.2',
  explicitLittle: '1.2.840.10008.1.2.1',
  deflated: '1.2.840.10008.1.2.1.99',
  explicitBig: '1.2.840.10008.1.2.2',
} as const;

/** Input bytes handed to fflate per step, so output overshoots the cap by at most ~1000x this. */
const INFLATE_STEP_BYTES = 4096;

export type ParseOutcome =
  | {
      status: 'parsed';
      dataSet: DataSet;
      transferSyntax: string;
      /** Parsing reached Pixel Data or the end of the file: every header attribute was seen. */
      complete: boolean;
      /** Why not everything was read, when `complete` is false. */
      problem?: { code: ReasonCode; message: string };
      /** Bytes produced by inflating a deflated data set (counted against the expansion budget). */
      inflatedBytes: number;
    }
  /** The head read so far ends before Pixel Data: read more of the file and try again. */
  | { status: 'need-more' };

export interface ParseOptions {
  /** True when `bytes` is the whole file. */
  wholeFile: boolean;
  /** True when no more bytes will be read: never answer `need-more`. */
  final: boolean;
  /** Cap on the inflated size of a deflated data set (a deflate bomb stops here). */
  maxInflatedBytes: number;
}

/**
 * Parses the header of a DICOM file (Part 10 with preamble, or a raw data set at byte 0) up to
 * Pixel Data. dicom-parser throws strings and `{ exception, dataSet }` objects rather than
 * Errors (../shared/libraries.md §A3): they are turned into a partial result or a ScanError
 * whose message carries no file content.
 */
export function parseHeader(input: Uint8Array, options: ParseOptions): ParseOutcome {
  let bytes = input;
  let transferSyntaxOption: string | undefined;
  if (!hasPreamble(bytes)) {
    const layout = rawDicomLayout(bytes);
    if (!layout) throw new ScanError('corrupt', 'This file is not a readable DICOM data set (no DICM marker and no valid data elements at the start).');
    if (layout === 'meta') bytes = withPreamble(bytes);
    else transferSyntaxOption = layout === 'implicit-le' ? TRANSFER_SYNTAX.implicitLittle : layout === 'explicit-le' ? TRANSFER_SYNTAX.explicitLittle : TRANSFER_SYNTAX.explicitBig;
  }

  let inflatedBytes = 0;
  let inflateCapped = false;
  const inflater = (array: Uint8Array, position: number): Uint8Array => {
    const { output, capped } = inflatePrefix(array.subarray(position), options.maxInflatedBytes, options.wholeFile);
    inflatedBytes = output.byteLength;
    inflateCapped = capped;
    const full = Buffer.allocUnsafe(position + output.byteLength);
    full.set(array.subarray(0, position), 0);
    full.set(output, position);
    return full;
  };

  let dataSet: DataSet | undefined;
  let failure: string | undefined;
  try {
    dataSet = dicomParser.parseDicom(bytes, {
      untilTag: PIXEL_DATA_TAG,
      inflater,
      vrCallback: vrOf,
      ...(transferSyntaxOption ? { TransferSyntaxUID: transferSyntaxOption } : {}),
    } as ParseDicomOptions);
  } catch (error) {
    failure = describe(error);
    if (typeof error === 'object' && error !== null && 'dataSet' in error) dataSet = (error as { dataSet: DataSet }).dataSet;
  }

  const reachedPixels = dataSet?.elements[PIXEL_DATA_TAG] !== undefined;
  if (!reachedPixels && !options.final && !inflateCapped) return { status: 'need-more' };
  if (!dataSet || Object.keys(dataSet.elements).length <= 1) {
    throw new ScanError('corrupt', `The DICOM header could not be read (${failure ?? 'no data elements'}).`);
  }
  const transferSyntax = transferSyntaxOption ?? readTransferSyntax(dataSet) ?? TRANSFER_SYNTAX.explicitLittle;

  let problem: { code: ReasonCode; message: string } | undefined;
  if (inflateCapped && !reachedPixels) {
    problem = { code: 'limit-expanded-size', message: `The deflated DICOM data set expands beyond ${Math.round(options.maxInflatedBytes / 1048576)} MiB before its pixel data; the rest of its header was not read.` };
  } else if (!options.wholeFile && !reachedPixels) {
    problem = { code: 'too-large', message: `The DICOM header is larger than the ${Math.round(input.byteLength / 1048576)} MiB Saring reads and has no pixel data within it; attributes after that point were not read.` };
  } else if (failure !== undefined || overruns(dataSet)) {
    problem = { code: 'corrupt', message: `The DICOM header is damaged or cut short (${failure ?? 'a value runs past the end of the file'}); attributes after that point were not read.` };
  }
  return { status: 'parsed', dataSet, transferSyntax, complete: problem === undefined, ...(problem ? { problem } : {}), inflatedBytes };
}

function hasPreamble(bytes: Uint8Array): boolean {
  return bytes.length >= 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
}

/** A file meta group without the 128-byte preamble: give it one so dicom-parser reads it as Part 10. */
function withPreamble(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(132 + bytes.byteLength);
  out.set([0x44, 0x49, 0x43, 0x4d], 128);
  out.set(bytes, 132);
  return out;
}

function readTransferSyntax(dataSet: DataSet): string | undefined {
  const element = dataSet.elements.x00020010 as (Element & { Value?: string }) | undefined;
  if (!element) return undefined;
  if (element.Value) return element.Value;
  return dataSet.string('x00020010')?.replace(/\0/g, '').trim();
}

/** A top-level value extends past the bytes that were read (implicit VR parsing does not notice). */
function overruns(dataSet: DataSet): boolean {
  const size = dataSet.byteArray.length;
  for (const name in dataSet.elements) {
    const element = dataSet.elements[name]!;
    if (name === PIXEL_DATA_TAG || element.dataOffset === undefined) continue;
    if (element.dataOffset + (element.length === 0xffffffff ? 0 : element.length) > size) return true;
  }
  return false;
}

/**
 * Inflates a raw DEFLATE stream, stopping once `maxBytes` have come out: a deflate bomb gives a
 * bounded prefix, and a stream cut short (only the head of the file was read) gives what it
 * holds. dicom-parser's own Node path calls `zlib.inflateRawSync` on everything with no cap.
 */
export function inflatePrefix(input: Uint8Array, maxBytes: number, complete: boolean): { output: Uint8Array; capped: boolean } {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflate = new Inflate((chunk) => {
    chunks.push(chunk);
    total += chunk.byteLength;
  });
  try {
    for (let offset = 0; offset < input.byteLength && total < maxBytes; offset += INFLATE_STEP_BYTES) {
      const end = Math.min(input.byteLength, offset + INFLATE_STEP_BYTES);
      inflate.push(input.subarray(offset, end), complete && end === input.byteLength);
    }
  } catch {
    // A damaged or truncated stream: keep what was inflated; the parser reports what is missing.
  }
  const output = new Uint8Array(Math.min(total, maxBytes));
  let at = 0;
  for (const chunk of chunks) {
    if (at >= output.length) break;
    const part = chunk.subarray(0, output.length - at);
    output.set(part, at);
    at += part.byteLength;
  }
  return { output, capped: total >= maxBytes };
}

/** A library error as a short message without file content (dicom-parser messages are fixed strings). */
function describe(error: unknown): string {
  const inner = typeof error === 'object' && error !== null && 'exception' in error ? (error as { exception: unknown }).exception : error;
  const text = typeof inner === 'string' ? inner : inner instanceof Error ? inner.message : 'unknown error';
  return text.replace(/^dicomParser[.:]\s*\w*[.:]?\s*/, '').replace(/[^\x20-\x7e]/g, '').slice(0, 120);
}

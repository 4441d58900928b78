import { createRequire } from 'node:module';
import type { DataSet, Element, ParseDicomOptions } from 'dicom-parser';
import type { ReasonCode } from '../../model/report.js';
import { ScanError } from '../../model/errors.js';
import { rawDicomLayout } from '../../sniff/dicom-raw.js';
import { vrOf } from './keywords.js';

const require = createRequire(import.meta.url);
let parserModule: typeof import('dicom-parser') | undefined;
let fflateModule: typeof import('fflate') | undefined;

/**
 * dicom-parser ships a UMD bundle: load it through require so Node and vitest agree on its shape.
 * Loaded on the first DICOM file, not when the package is imported (start-up of `saring`).
 */
function parserLibrary(): typeof import('dicom-parser') {
  return (parserModule ??= require('dicom-parser') as typeof import('dicom-parser'));
}

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
      /** Offsets in `dataSet.byteArray` minus this are file offsets (132 when a preamble was added). */
      byteShift: number;
      /** The pixel data is compressed inside the file (deflated): it cannot be read by file offset. */
      deflated: boolean;
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

  const deflated = !transferSyntaxOption && isDeflated(bytes);
  const attempt = deflated ? parseDeflated(bytes, options) : parseWithLibrary(bytes, transferSyntaxOption);
  const { dataSet, failure, inflatedBytes, inflateCapped } = attempt;

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
  return {
    status: 'parsed',
    dataSet,
    transferSyntax,
    complete: problem === undefined,
    ...(problem ? { problem } : {}),
    inflatedBytes,
    byteShift: bytes === input ? 0 : bytes.byteLength - input.byteLength,
    deflated: deflated && transferSyntax === TRANSFER_SYNTAX.deflated,
  };
}

interface Attempt {
  dataSet: DataSet | undefined;
  /** What the parser said when it stopped early. */
  failure: string | undefined;
  inflatedBytes: number;
  inflateCapped: boolean;
}

function parseWithLibrary(bytes: Uint8Array, transferSyntax: string | undefined): Attempt {
  const dicomParser = parserLibrary();
  try {
    const dataSet = dicomParser.parseDicom(bytes, {
      untilTag: PIXEL_DATA_TAG,
      vrCallback: vrOf,
      ...(transferSyntax ? { TransferSyntaxUID: transferSyntax } : {}),
    } as ParseDicomOptions);
    return { dataSet, failure: undefined, inflatedBytes: 0, inflateCapped: false };
  } catch (error) {
    const dataSet = typeof error === 'object' && error !== null && 'dataSet' in error ? (error as { dataSet: DataSet }).dataSet : undefined;
    // A partial data set comes without the file meta (the library merges it only on success).
    if (dataSet && !transferSyntax) {
      try {
        const meta = dicomParser.readPart10Header(bytes);
        for (const name in meta.elements) dataSet.elements[name] ??= meta.elements[name]!;
      } catch {
        // no readable meta: the data set alone is reported
      }
    }
    return { dataSet, failure: describe(error), inflatedBytes: 0, inflateCapped: false };
  }
}

const DEFLATED_UID = Buffer.from(TRANSFER_SYNTAX.deflated);

/** The file meta names the deflated transfer syntax (its UID sits in the first few hundred bytes). */
function isDeflated(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).includes(DEFLATED_UID);
}

/**
 * Deflated explicit VR little endian (PS3.5 A.5): the data set after the file meta is one raw
 * DEFLATE stream. Inflated here with a cap (dicom-parser's own Node path inflates everything with
 * no limit, and its `inflater` callback restarts parsing at byte 0, reading the preamble as data),
 * then parsed from where the meta ends.
 */
function parseDeflated(bytes: Uint8Array, options: ParseOptions): Attempt {
  const dicomParser = parserLibrary();
  let meta: DataSet & { position?: number };
  try {
    meta = dicomParser.readPart10Header(bytes);
  } catch (error) {
    return { dataSet: undefined, failure: describe(error), inflatedBytes: 0, inflateCapped: false };
  }
  if (readTransferSyntax(meta) !== TRANSFER_SYNTAX.deflated) return parseWithLibrary(bytes, undefined);
  const position = meta.position ?? bytes.byteLength;
  const { output, capped } = inflatePrefix(bytes.subarray(position), options.maxInflatedBytes, options.wholeFile);
  const full = Buffer.allocUnsafe(position + output.byteLength);
  full.set(bytes.subarray(0, position), 0);
  full.set(output, position);
  const DataSetClass = (dicomParser as unknown as { DataSet: new (parser: unknown, array: Uint8Array, elements: Record<string, Element>) => DataSet }).DataSet;
  const dataSet = new DataSetClass(dicomParser.littleEndianByteArrayParser, full, {});
  dataSet.warnings = [];
  let failure: string | undefined;
  try {
    const stream = new dicomParser.ByteStream(dicomParser.littleEndianByteArrayParser, full, position);
    dicomParser.parseDicomDataSetExplicit(dataSet, stream, full.length, { untilTag: PIXEL_DATA_TAG });
  } catch (error) {
    failure = describe(error);
  }
  for (const name in meta.elements) dataSet.elements[name] = meta.elements[name]!;
  return { dataSet, failure, inflatedBytes: output.byteLength, inflateCapped: capped };
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
  // fflate only for deflated data sets (rare): loaded on first use.
  fflateModule ??= require('fflate') as typeof import('fflate');
  const inflate = new fflateModule.Inflate((chunk) => {
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

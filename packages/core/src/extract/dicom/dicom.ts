import type { ByteSource, ExtractContext, ExtractInput, Extractor } from '../../model/extractor.js';
import type { Segment } from '../../model/segment.js';
import { collectAttributes, headerFacts, normalizeValue, readString, type DicomValue, type WalkState } from './attributes.js';
import { formatTag, labelFor } from './keywords.js';
import { parseHeader, PIXEL_DATA_TAG, type ParseOutcome } from './parse.js';
import { encapsulatedFrames, JPEG_BASELINE, pixelLayout, renderFrame, type PixelLayout } from './pixels.js';
import { pixelRisk, type PixelRisk } from './pixel-risk.js';
import { ocrSegments } from '../../ocr/segments.js';

type ParsedHeader = Extract<ParseOutcome, { status: 'parsed' }>;

const KiB = 1024;
const MiB = 1024 * KiB;
/**
 * The sniffed head (8 KiB) is parsed first; if the header goes on, this much is read, then 8x more
 * per try up to MAX_HEADER_BYTES. Small enough that a 2 GB multi-frame file costs nothing.
 */
export const FIRST_READ_BYTES = 64 * KiB;
/** Most of a file read to find its header (the head grows x8 per try up to this). */
export const MAX_HEADER_BYTES = 8 * MiB;
/** Cap on the inflated size of a deflated data set's header: a deflate bomb stops here. */
export const MAX_INFLATED_BYTES = 8 * MiB;

/** What the OCR module gets for a DICOM file whose pixels may show PHI. */
export interface DicomPixelOcrRequest {
  input: ExtractInput;
  context: ExtractContext;
  risk: PixelRisk;
  /**
   * Raw PatientName / PatientID from the header (in memory only, never reported as such), so OCR
   * can confirm burned-in text that repeats them.
   */
  header: { patientName?: string; patientId?: string };
}

/**
 * A replacement for the built-in OCR of flagged files: reads the pixels and yields what it found
 * (locator `ocr-region`). `readDicomFrames` in `./pixels.js` renders the frames; call
 * `context.incomplete('needs-ocr', ...)` for what it cannot read.
 */
export type DicomPixelOcr = (request: DicomPixelOcrRequest) => AsyncIterable<Segment>;

export interface DicomExtractorOptions {
  /**
   * By default flagged files are OCR'd through `ExtractContext.ocr` (the scan's `ocr` mode: `never`
   * leaves them `incomplete`, reason `needs-ocr`). This hook takes over that step instead.
   */
  pixelOcr?: DicomPixelOcr;
}

/**
 * DICOM headers (../shared/domain.md §10): Part 10 files and raw data sets without preamble, in
 * explicit/implicit VR little endian, explicit big endian and deflated transfer syntaxes, and
 * DICOMDIRs. Only the head of the file is read, up to Pixel Data (7FE0,0010), so a 2 GB multi-frame
 * study costs one 8 KiB read. One segment per attribute value (see `collectAttributes`), located as
 * `dicom-tag`, labelled with the keyword plus English/Indonesian context words, and carrying
 * `context.dicom` for the `dicom-phi` and `dicom-burned-in` detectors. Images flagged as possibly
 * showing PHI in their pixels are OCR'd frame by frame through `ExtractContext.ocr`.
 *
 * `createDicomExtractor({ pixelOcr })` builds one with a different OCR step; pass it in
 * `ScanOptions.extractors` (tried before the built-in one).
 */
export function createDicomExtractor(options: DicomExtractorOptions = {}): Extractor {
  return {
    id: 'dicom',
    formats: ['dicom'],
    // Only the header is read (up to 8 MiB): a 2 GB study is scanned, not skipped as too large.
    readsHeadOnly: true,
    extract: (input, context) => extractDicom(input, context, options),
  };
}

export const dicomExtractor: Extractor = createDicomExtractor();

async function* extractDicom(input: ExtractInput, context: ExtractContext, options: DicomExtractorOptions): AsyncGenerator<Segment> {
  const reader = new HeadReader(input.source);
  try {
    yield* scanHeader(reader, input, context, options);
  } finally {
    await reader.close();
  }
}

async function* scanHeader(reader: HeadReader, input: ExtractInput, context: ExtractContext, options: DicomExtractorOptions): AsyncGenerator<Segment> {
  // Most headers end within the bytes already read for sniffing: try those before reading more.
  let want = input.source.head.byteLength > 0 ? Math.min(input.source.head.byteLength, FIRST_READ_BYTES) : FIRST_READ_BYTES;
  let outcome: ParseOutcome;
  for (;;) {
    const bytes = await reader.read(want);
    const wholeFile = reader.done || (input.source.size !== undefined && bytes.byteLength >= input.source.size);
    outcome = parseHeader(bytes, { wholeFile, final: wholeFile || want >= MAX_HEADER_BYTES, maxInflatedBytes: MAX_INFLATED_BYTES });
    if (outcome.status === 'parsed') break;
    want = want < FIRST_READ_BYTES ? FIRST_READ_BYTES : Math.min(want * 8, MAX_HEADER_BYTES);
  }
  if (outcome.problem) context.incomplete(outcome.problem.code, outcome.problem.message);
  if (outcome.inflatedBytes > 0 && !context.consumeExpanded(outcome.inflatedBytes)) {
    context.incomplete('limit-expanded-size', 'The deflated DICOM data set expands beyond the scan’s expansion budget; it was not fully read.');
  }

  const facts = headerFacts(outcome.dataSet);
  if (facts.charset.declared !== 'default') context.setEncoding(facts.charset.declared);
  const state: WalkState = { values: 0 };
  for (const value of collectAttributes(outcome.dataSet, facts.charset, state)) {
    yield segmentOf(value, facts.identityRemoved);
  }
  if (state.truncated) context.incomplete('limit-depth', `Part of the DICOM header was not read: ${state.truncated}.`);

  const risk = pixelRisk(facts);
  if (risk) {
    yield {
      text: risk.value,
      locator: { kind: 'dicom-tag', tag: formatTag(risk.parserTag), keyword: risk.keyword },
      context: { label: labelFor(risk.keyword, 'CS'), source: 'content', dicom: { tag: formatTag(risk.parserTag), keyword: risk.keyword, vr: 'CS', pixelRisk: risk.reasons.join('; ') } },
    };
  }
  // OCR the frames of flagged images (`auto`), or of every image (`always`).
  if (!facts.hasPixelData || (!risk && context.ocr?.mode !== 'always')) return;
  const header = {
    ...optional('patientName', readString(outcome.dataSet, 'x00100010', 'PN', facts.charset)),
    ...optional('patientId', readString(outcome.dataSet, 'x00100020', 'LO', facts.charset)),
  };
  const why = risk ? `This DICOM image may show patient details burned into its pixels (${risk.reason})` : 'This DICOM image was to be read with OCR (--ocr always)';
  if (options.pixelOcr && risk) {
    yield* options.pixelOcr({ input, context, risk, header });
    return;
  }
  const ocr = context.ocr;
  if (!ocr || ocr.mode === 'never') {
    context.incomplete('needs-ocr', `${why}; the pixels were not read because OCR is off.`);
    return;
  }
  if (outcome.transferSyntax === JPEG_BASELINE) {
    yield* ocrJpegFrames(input, context, outcome, why, header);
    return;
  }
  const layout = pixelLayout(outcome.dataSet, outcome.transferSyntax);
  if ('unsupported' in layout) {
    context.incomplete('needs-ocr', `${why}, but ${layout.unsupported}; the pixels were not read.`);
    return;
  }
  const count = Math.min(layout.frames, ocr.limits.maxPages);
  for (let index = 0; index < count; index++) {
    const bytes = await frameBytes(reader, input, context, outcome, layout, index);
    if (!bytes) {
      if (outcome.deflated) context.incomplete('limit-expanded-size', `Only ${index} of ${layout.frames} frames fit in the ${MAX_INFLATED_BYTES / MiB} MiB inflated from this deflated file; the rest were not read with OCR.`);
      else context.incomplete('corrupt', `The DICOM pixel data ends after ${index} of ${layout.frames} frames; the rest was not read.`);
      return;
    }
    const frame = renderFrame(layout, bytes, index);
    const page = await ocr.recognize({ kind: 'pixels', data: frame.data, width: frame.width, height: frame.height, channels: frame.channels }, index + 1);
    if (!page) return; // OCR said why (budget, size, time) and marked the file incomplete
    for (const segment of ocrSegments(page, index + 1)) yield confirmWithHeader(segment, header);
  }
  if (layout.frames > count) context.incomplete('needs-ocr', `Only the first ${count} of ${layout.frames} frames were read with OCR (OCR page limit); the rest was not read.`);
}

/** Largest encapsulated pixel data read for OCR of JPEG frames. */
const MAX_ENCAPSULATED_BYTES = 64 * MiB;

/**
 * JPEG baseline images (common for ultrasound and secondary captures): the compressed frames go to
 * OCR as they are (tesseract decodes JPEG itself).
 */
async function* ocrJpegFrames(input: ExtractInput, context: ExtractContext, outcome: ParsedHeader, why: string, header: { patientName?: string; patientId?: string }): AsyncGenerator<Segment> {
  const ocr = context.ocr!;
  const pixel = outcome.dataSet.elements[PIXEL_DATA_TAG]!;
  const frames = Math.max(1, Math.floor(Number.parseFloat(outcome.dataSet.string('x00280008') ?? '1')) || 1);
  const fileStart = pixel.dataOffset - outcome.byteShift;
  const available = (input.source.size ?? outcome.dataSet.byteArray.length - outcome.byteShift) - fileStart;
  const length = Math.min(available, MAX_ENCAPSULATED_BYTES, context.limits.maxFileBytes);
  let bytes: Uint8Array | undefined;
  if (pixel.dataOffset + length <= outcome.dataSet.byteArray.length) bytes = outcome.dataSet.byteArray.subarray(pixel.dataOffset, pixel.dataOffset + length);
  else if (input.source.read && length > 0) bytes = await input.source.read(fileStart, length);
  const jpegs = bytes ? encapsulatedFrames(bytes, frames, ocr.limits.maxPages) : undefined;
  if (!jpegs) {
    context.incomplete('needs-ocr', `${why}, but its compressed frames could not be separated for OCR; the pixels were not read.`);
    return;
  }
  for (let index = 0; index < jpegs.length; index++) {
    const page = await ocr.recognize({ kind: 'encoded', bytes: jpegs[index]! }, index + 1);
    if (!page) return;
    for (const segment of ocrSegments(page, index + 1)) yield confirmWithHeader(segment, header);
  }
  if (frames > jpegs.length) context.incomplete('needs-ocr', `Only the first ${jpegs.length} of ${frames} frames were read with OCR (OCR page limit); the rest was not read.`);
}

/**
 * The bytes of one frame: from the head already read when it holds them, else read at the frame's
 * file offset (random-access sources) or by reading on (streams), never past `maxFileBytes`.
 */
async function frameBytes(reader: HeadReader, input: ExtractInput, context: ExtractContext, outcome: ParsedHeader, layout: PixelLayout, index: number): Promise<Uint8Array | undefined> {
  const start = layout.offset + index * layout.frameBytes;
  const end = start + layout.frameBytes;
  if ((index + 1) * layout.frameBytes <= layout.available) return outcome.dataSet.byteArray.subarray(start, end);
  // A deflated file's pixels exist only inflated: past what was inflated they cannot be read.
  if (outcome.deflated) return undefined;
  const fileStart = start - outcome.byteShift;
  const fileEnd = fileStart + layout.frameBytes;
  if (input.source.size !== undefined && fileEnd > input.source.size) return undefined;
  if (input.source.read) {
    const bytes = await input.source.read(fileStart, layout.frameBytes);
    return bytes.byteLength === layout.frameBytes ? bytes : undefined;
  }
  if (fileEnd > context.limits.maxFileBytes) return undefined;
  const bytes = await reader.read(fileEnd);
  return bytes.byteLength >= fileEnd ? bytes.subarray(fileStart, fileEnd) : undefined;
}

/**
 * OCR lines that repeat the header's PatientName or PatientID get that attribute's label, so the
 * name and number detectors read them as what they are (the header confirms the burned-in text).
 */
function confirmWithHeader(segment: Segment, header: { patientName?: string; patientId?: string }): Segment {
  const line = segment.text.slice(segment.reportFrom ?? 0).toUpperCase().replace(/\s+/g, ' ');
  const name = header.patientName ? normalizeValue(header.patientName, 'PN').toUpperCase() : undefined;
  const keyword = name && name.length >= 3 && line.includes(name) ? 'PatientName' : header.patientId && header.patientId.length >= 4 && line.includes(header.patientId.toUpperCase()) ? 'PatientID' : undefined;
  if (!keyword) return segment;
  return { ...segment, context: { ...segment.context, label: `${labelFor(keyword, keyword === 'PatientName' ? 'PN' : 'LO')} burned in` } };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}

function segmentOf(value: DicomValue, identityRemoved: boolean): Segment {
  const label = value.isPrivate ? `Private ${value.tag}${value.creator ? ` ${value.creator}` : ''}` : labelFor(value.keyword, value.vr);
  const claimsDeidentified = identityRemoved && !value.summary && (value.vr === 'PN' || value.tag.startsWith('(0010,'));
  return {
    text: value.text,
    locator: { kind: 'dicom-tag', tag: value.tag, keyword: value.keyword, ...(value.path ? { path: value.path } : {}) },
    context: {
      label,
      source: 'content',
      dicom: {
        tag: value.tag,
        keyword: value.keyword,
        vr: value.vr,
        ...(value.action ? { profileAction: value.action } : {}),
        ...(value.isPrivate ? { isPrivate: true } : {}),
        ...(value.summary ? { summary: true } : {}),
        ...(value.value !== undefined ? { value: value.value } : {}),
        ...(claimsDeidentified ? { claimsDeidentified: true } : {}),
      },
    },
  };
}

/**
 * The growing head of a source: random access where the source has it, otherwise one pass over
 * its chunks that is resumed, never restarted (a stream can be read once).
 */
class HeadReader {
  private buffered: Uint8Array[] = [];
  private length = 0;
  private iterator: AsyncIterator<Uint8Array> | undefined;
  /** The whole source has been read. */
  done = false;

  constructor(private readonly source: ByteSource) {}

  async read(bytes: number): Promise<Uint8Array> {
    const { source } = this;
    if (source.read) {
      const want = source.size !== undefined ? Math.min(bytes, source.size) : bytes;
      if (want <= source.head.byteLength) {
        if (source.size !== undefined && source.size <= source.head.byteLength) this.done = true;
        return source.head.subarray(0, want);
      }
      const head = await source.read(0, want);
      if (head.byteLength < bytes) this.done = true;
      return head;
    }
    this.iterator ??= source.chunks(0)[Symbol.asyncIterator]();
    while (this.length < bytes && !this.done) {
      const next = await this.iterator.next();
      if (next.done) {
        this.done = true;
        break;
      }
      this.buffered.push(next.value);
      this.length += next.value.byteLength;
    }
    if (this.buffered.length > 1) this.buffered = [Buffer.concat(this.buffered)];
    return (this.buffered[0] ?? new Uint8Array(0)).subarray(0, Math.min(bytes, this.length));
  }

  /** Stops a stream that was not read to its end. */
  async close(): Promise<void> {
    if (this.iterator && !this.done) await this.iterator.return?.();
  }
}

import type { PDFParse } from 'pdf-parse';
import { findFlateBomb } from './pdf-streams.js';
import type { ByteSource, ExtractContext, ExtractInput, Extractor } from '../model/extractor.js';
import type { Segment } from '../model/segment.js';
import { ScanError } from '../model/errors.js';
import { BufferSource } from '../walk/sources.js';
import { FieldBatch, humanizeKey } from './fields.js';

/*
 * PDF through pdf-parse 2.4.5 (pdf.js 5.4.296 underneath; ../shared/libraries.md §A1).
 * What is read, per document:
 *   - the text layer of every page               -> { kind: 'pdf-page', page }
 *   - filled AcroForm field values (pdf.js text extraction misses them, mozilla/pdf.js#9894)
 *                                                -> { kind: 'pdf-field', field, page }
 *   - annotation comments (sticky notes)          -> { kind: 'pdf-page', page }
 *   - the Info dictionary, custom entries included, and XMP metadata
 *                                                -> { kind: 'document-property', property }
 *   - embedded files and file-attachment annotations, scanned as members `file.pdf!name`
 * Pages without a text layer that paint an image are counted and reported `needs-ocr`; an
 * OCR hook (see `createPdfExtractor`) can read them instead.
 */

/** The pdf.js operators that paint an image (pdfjs-dist 5.4.296 `OPS`; pdf-parse does not re-export them). */
const IMAGE_OPS: ReadonlySet<number> = new Set([83, 84, 85, 86, 87, 88, 89, 90]);

/** Damaged pages in a row after which the rest of the page tree is not tried. */
const MAX_CONSECUTIVE_PAGE_FAILURES = 20;

/** The Info dictionary entries read, in this order; custom entries follow. */
const INFO_PROPERTIES = ['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer'] as const;

/** The parts of pdf.js's document proxy that Saring uses (structural, so no pdfjs-dist import). */
export interface PdfDocument {
  readonly numPages: number;
  getPage(pageNumber: number): Promise<PdfPage>;
  getMetadata(): Promise<{ info: Record<string, unknown> | null; metadata?: Iterable<[string, unknown]> | null }>;
  getAttachments(): Promise<Record<string, { filename?: string; content?: Uint8Array }> | null>;
  getFieldObjects(): Promise<Record<string, PdfFieldObject[]> | null>;
}

export interface PdfPage {
  getTextContent(): Promise<{ items: readonly unknown[] }>;
  getAnnotations(): Promise<readonly PdfAnnotation[]>;
  getOperatorList(): Promise<{ fnArray: readonly number[] }>;
  cleanup(): boolean | void;
}

interface PdfFieldObject {
  name?: string;
  value?: unknown;
  type?: string;
  /** 0-based page index, -1 when the field has no widget on a page. */
  page?: number;
}

interface PdfAnnotation {
  subtype?: string;
  contentsObj?: { str?: string };
  file?: { filename?: string; content?: Uint8Array };
  fieldName?: string;
}

interface PdfTextItem {
  str: string;
  hasEOL?: boolean;
  transform?: readonly number[];
  width?: number;
}

let pdfParse: Promise<typeof import('pdf-parse')> | undefined;

/**
 * pdf-parse is loaded on the first PDF only: its pdf.js legacy build takes a second to load
 * (native canvas), and its bundled core-js replaces `Array.prototype.push` with a polyfill that
 * made every other extractor several times slower. The native `push` is put back right away;
 * pdf.js does not depend on the polyfill's behaviour (an error on non-writable lengths).
 */
export function loadPdfParse(): Promise<typeof import('pdf-parse')> {
  pdfParse ??= (async () => {
    const nativePush = Array.prototype.push;
    try {
      return await import('pdf-parse');
    } finally {
      // eslint-disable-next-line no-extend-native -- restoring the built-in, not extending it
      Array.prototype.push = nativePush;
    }
  })();
  return pdfParse;
}

/**
 * An open PDF: one document load shared by every step (text, fields, OCR). Always `close()` it.
 *
 * For the OCR helper: `pdf.parser` is the pdf-parse instance, so pages listed by
 * `pagesNeedingOcr` can be rendered with `pdf.parser.getScreenshot({ partial: pages, ... })`
 * on the same loaded document (set `maxImageSize` first; see libraries.md §A1).
 */
export interface OpenPdf {
  readonly parser: PDFParse;
  readonly doc: PdfDocument;
  readonly pageCount: number;
  /** True when the file is encrypted but opened without a password (owner password only). */
  readonly encrypted: boolean;
  /** True when the file holds an XFA form (its data lives in XML that pdf.js is not asked to read). */
  readonly xfa: boolean;
  close(): Promise<void>;
}

/**
 * Opens PDF bytes with safe options: no eval (CVE-2024-4367), no URL ever, no font loading from
 * disk or network, partial recovery from errors. A password-protected file throws
 * `ScanError('encrypted')`, an unreadable one `ScanError('corrupt')` with an admin-readable
 * message (pdf.js's own text is never shown: it could quote content).
 */
export async function openPdf(bytes: Uint8Array): Promise<OpenPdf> {
  const { PDFParse } = await loadPdfParse();
  const parser = new PDFParse({
    data: bytes,
    isEvalSupported: false,
    stopAtErrors: false,
    useSystemFonts: false,
    disableFontFace: true,
    enableXfa: false,
    isOffscreenCanvasSupported: false,
    // OCR renders scanned pages (ocr/pdf-pages.ts): pdf.js does not decode an image over 50 MP
    // (A3 at 600 dpi), bounding memory against a hostile image size (libraries.md §A1).
    maxImageSize: 50_000_000,
    verbosity: 0,
  });
  try {
    // pdf-parse 2.4.5 (pinned exactly) keeps its loaded pdf.js document behind the private
    // `load()`; its public helpers (getText, getInfo) each walk every page, so Saring reads the
    // document once through it instead.
    const doc = await (parser as unknown as { load(): Promise<PdfDocument> }).load();
    const { info } = await doc.getMetadata().catch(() => ({ info: null }));
    const encrypted = typeof info?.['EncryptFilterName'] === 'string';
    const xfa = info?.['IsXFAPresent'] === true;
    return { parser, doc, pageCount: doc.numPages, encrypted, xfa, close: () => parser.destroy().catch(() => {}) };
  } catch (error) {
    await parser.destroy().catch(() => {});
    throw pdfOpenError(error);
  }
}

function pdfOpenError(error: unknown): ScanError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'PasswordException') {
    return new ScanError('encrypted', 'The PDF is password-protected, so its content could not be read. Scan an unprotected copy, or treat it as containing patient data.');
  }
  return new ScanError('corrupt', 'The PDF is damaged or truncated (its structure could not be read), so its content was not checked.');
}

/**
 * Page numbers (1-based) among `pages` that have no text layer but paint an image: scanned
 * pages that only OCR can read. Blank pages are not listed. Used by the extractor; the OCR
 * helper may call it on an `OpenPdf` too.
 */
export async function pagesNeedingOcr(pdf: OpenPdf, pages: Iterable<number>): Promise<number[]> {
  const found: number[] = [];
  for (const pageNumber of pages) {
    const page = await pdf.doc.getPage(pageNumber);
    try {
      if (pageText((await page.getTextContent()).items).trim()) continue;
      if (await paintsImage(page)) found.push(pageNumber);
    } finally {
      page.cleanup();
    }
  }
  return found;
}

async function paintsImage(page: PdfPage): Promise<boolean> {
  const { fnArray } = await page.getOperatorList();
  return fnArray.some((op) => IMAGE_OPS.has(op));
}

/**
 * Joins pdf.js text items into lines: a break where pdf.js marks an end of line or the
 * baseline moves, a space where items on one line are apart, so `NIK:` and its number never
 * fuse with the next item.
 */
export function pageText(items: readonly unknown[]): string {
  let text = '';
  let lastY: number | undefined;
  let lastEndX: number | undefined;
  for (const raw of items) {
    const item = raw as PdfTextItem;
    if (typeof item.str !== 'string') continue;
    const x = item.transform?.[4];
    const y = item.transform?.[5];
    if (text && !text.endsWith('\n')) {
      if (y !== undefined && lastY !== undefined && Math.abs(y - lastY) > 1) text += '\n';
      else if (x !== undefined && lastEndX !== undefined && x - lastEndX > 1 && !text.endsWith(' ') && !item.str.startsWith(' ')) text += ' ';
    }
    text += item.str;
    if (item.hasEOL) text += '\n';
    if (y !== undefined) lastY = y;
    if (x !== undefined) lastEndX = x + (item.width ?? 0);
  }
  return text;
}

/** Reads the whole input: pdf.js needs random access to the cross-reference table. */
export async function readAllBytes(source: ByteSource, maxBytes: number): Promise<Uint8Array> {
  if (source.read && source.size !== undefined) {
    if (source.size > maxBytes) throw tooLarge(maxBytes);
    return source.read(0, source.size);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of source.chunks(0)) {
    total += chunk.byteLength;
    if (total > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

function mebibytes(bytes: number): string {
  return `${(bytes / 1048576).toFixed(bytes < 1048576 ? 2 : 0)} MiB`;
}

function tooLarge(maxBytes: number): ScanError {
  return new ScanError('too-large', `The PDF is larger than the ${Math.round(maxBytes / 1048576)} MiB limit; not read.`);
}

/**
 * Reads pages the PDF's text layer does not cover (scanned images). Yields OCR text segments
 * and reports anything it could not read through `context.incomplete`.
 */
export type PdfOcrHook = (pdf: OpenPdf, pages: readonly number[], input: ExtractInput, context: ExtractContext) => AsyncIterable<Segment>;

export interface PdfExtractorOptions {
  /** Reads pages without a text layer; without it they are reported `needs-ocr`. */
  ocr?: PdfOcrHook;
}

/** Builds the PDF extractor; the OCR issue passes its hook here. */
export function createPdfExtractor(options: PdfExtractorOptions = {}): Extractor {
  return {
    id: 'pdf',
    formats: ['pdf'],
    async *extract(input: ExtractInput, context: ExtractContext): AsyncGenerator<Segment> {
      const bytes = await readAllBytes(input.source, context.limits.maxFileBytes);
      const bomb = findFlateBomb(bytes, context.limits);
      if (bomb) {
        throw new ScanError(
          bomb.reason,
          `The PDF holds a compressed stream that expands to more than ${mebibytes(bomb.limitBytes)} from ${mebibytes(bomb.compressedBytes)} (a decompression bomb, or a damaged file), so it was not read. The limits are maxCompressionRatio and maxMemberBytes.`,
        );
      }
      const pdf = await openPdf(bytes);
      try {
        if (pdf.encrypted) context.incomplete('encrypted', 'The PDF is encrypted with an owner password only; pdf.js could read it without a password and its content was scanned, but encrypted parts it could not decode may have been missed.');
        yield* readProperties(pdf, context);
        const fieldValues = { count: 0 };
        yield* readFormFields(pdf, context, fieldValues);
        if (pdf.xfa && fieldValues.count === 0) {
          // A pure XFA form keeps what was typed in XML datasets, not in AcroForm fields.
          context.incomplete('unsupported-format', 'The PDF is an XFA form; the values typed into it were not read (only its pages and properties were). Save it as a flattened PDF to have them checked.');
        }
        const noText: number[] = [];
        const failed: number[] = [];
        const attachments: { name: string; content: Uint8Array }[] = [];
        let unread = 0;
        for (let pageNumber = 1; pageNumber <= pdf.pageCount; pageNumber++) {
          if (context.signal.aborted) return;
          try {
            yield* readPage(pdf, pageNumber, noText, attachments);
          } catch {
            failed.push(pageNumber);
            // A page tree that claims far more pages than it holds: stop instead of failing a million times.
            if (failed.length >= MAX_CONSECUTIVE_PAGE_FAILURES && failed[failed.length - MAX_CONSECUTIVE_PAGE_FAILURES] === pageNumber - MAX_CONSECUTIVE_PAGE_FAILURES + 1) {
              unread = pdf.pageCount - pageNumber;
              break;
            }
          }
        }
        if (failed.length) {
          const rest = unread ? `; after ${MAX_CONSECUTIVE_PAGE_FAILURES} damaged pages in a row the remaining ${unread} were not tried` : '';
          context.incomplete('corrupt', `${failed.length} of ${pdf.pageCount} PDF pages could not be read (damaged content): ${pageList(failed)}${rest}. The other pages were scanned.`);
        }
        // OCR (ocr/pdf-pages.ts): `--ocr always` reads every page's pixels too (text drawn as
        // images on pages that also have a text layer); `auto` only pages without a text layer.
        if (options.ocr && context.ocr?.mode === 'always') {
          yield* options.ocr(pdf, Array.from({ length: pdf.pageCount }, (_, i) => i + 1).filter((p) => !failed.includes(p)), input, context);
        } else if (noText.length) {
          if (options.ocr) yield* options.ocr(pdf, noText, input, context);
          else context.incomplete('needs-ocr', `${noText.length} of ${pdf.pageCount} pages have no text layer (scanned images) and need OCR: ${pageList(noText)}.`);
        }
        await scanAttachments(pdf, attachments, input, context);
      } finally {
        await pdf.close();
      }
    },
  };
}

/** The PDF extractor without OCR. */
export const pdfExtractor: Extractor = createPdfExtractor();

function pageList(pages: readonly number[]): string {
  const shown = pages.slice(0, 20).join(', ');
  return pages.length > 20 ? `pages ${shown} and ${pages.length - 20} more` : `page${pages.length > 1 ? 's' : ''} ${shown}`;
}

async function* readProperties(pdf: OpenPdf, context: ExtractContext): AsyncGenerator<Segment> {
  let info: Record<string, unknown> | null;
  let xmp: Iterable<[string, unknown]> | null | undefined;
  try {
    ({ info, metadata: xmp } = await pdf.doc.getMetadata());
  } catch {
    context.incomplete('corrupt', 'The PDF document information (author, title) could not be read.');
    return;
  }
  const batch = new FieldBatch('metadata');
  // XMP metadata (`dc:title`, `dc:creator`, ...): editors often copy the title and author there.
  for (const [property, value] of xmp ?? []) {
    for (const text of Array.isArray(value) ? value : [value]) {
      if (typeof text === 'string' && text.trim()) batch.add(text, humanizeKey(property.replace(/^[a-z]+:/i, '')), { kind: 'document-property', property });
    }
  }
  if (!info) {
    const segment = batch.take();
    if (segment) yield segment;
    return;
  }
  for (const property of INFO_PROPERTIES) {
    const value = info[property];
    if (typeof value === 'string') batch.add(value, humanizeKey(property), { kind: 'document-property', property });
  }
  const custom = info['Custom'];
  if (custom && typeof custom === 'object') {
    for (const [property, value] of Object.entries(custom as Record<string, unknown>)) {
      if (typeof value === 'string') batch.add(value, humanizeKey(property), { kind: 'document-property', property });
    }
  }
  const segment = batch.take();
  if (segment) yield segment;
}

/** Filled AcroForm values, including fields with no widget on any page. */
async function* readFormFields(pdf: OpenPdf, context: ExtractContext, read: { count: number }): AsyncGenerator<Segment> {
  let fields: Record<string, PdfFieldObject[]> | null;
  try {
    fields = await pdf.doc.getFieldObjects();
  } catch {
    context.incomplete('corrupt', 'The PDF form fields could not be read (damaged form); their values were not checked.');
    return;
  }
  if (!fields) return;
  const batch = new FieldBatch('content');
  for (const [name, widgets] of Object.entries(fields)) {
    // A field with several widgets (the same value shown twice) is read once.
    const seen = new Set<string>();
    for (const widget of widgets) {
      if (widget.type === 'checkbox' || widget.type === 'radiobutton' || widget.type === 'button') continue;
      for (const value of fieldValues(widget.value)) {
        if (seen.has(value)) continue;
        seen.add(value);
        read.count++;
        const page = typeof widget.page === 'number' && widget.page >= 0 ? widget.page + 1 : undefined;
        batch.add(value, humanizeKey(name), { kind: 'pdf-field', field: name, ...(page ? { page } : {}) });
      }
    }
    if (batch.full) yield batch.take()!;
  }
  const segment = batch.take();
  if (segment) yield segment;
}

function fieldValues(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [value] : [];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v.trim().length > 0);
  return [];
}

async function* readPage(pdf: OpenPdf, pageNumber: number, noText: number[], attachments: { name: string; content: Uint8Array }[]): AsyncGenerator<Segment> {
  const page = await pdf.doc.getPage(pageNumber);
  try {
    const text = pageText((await page.getTextContent()).items);
    if (text.trim()) yield { text, locator: { kind: 'pdf-page', page: pageNumber }, context: { source: 'content' } };
    else if (await paintsImage(page)) noText.push(pageNumber);
    const batch = new FieldBatch('comment');
    for (const annotation of await page.getAnnotations()) {
      const comment = annotation.contentsObj?.str;
      if (comment && comment.trim() && annotation.subtype !== 'Widget') batch.add(comment, 'annotation comment', { kind: 'pdf-page', page: pageNumber });
      if (annotation.subtype === 'FileAttachment' && annotation.file?.content) {
        attachments.push({ name: annotation.file.filename || `page-${pageNumber}-attachment`, content: annotation.file.content });
      }
    }
    const comments = batch.take();
    if (comments) yield comments;
  } finally {
    page.cleanup();
  }
}

/** Embedded files (the document's and those on pages), each scanned as a member `file.pdf!name`. */
async function scanAttachments(pdf: OpenPdf, fromPages: { name: string; content: Uint8Array }[], input: ExtractInput, context: ExtractContext): Promise<void> {
  let embedded: Record<string, { filename?: string; content?: Uint8Array }> | null = null;
  try {
    embedded = await pdf.doc.getAttachments();
  } catch {
    context.incomplete('corrupt', 'The list of files embedded in this PDF could not be read; embedded files were not checked.');
  }
  const all = [...Object.entries(embedded ?? {}).map(([key, a]) => ({ name: a.filename || key, content: a.content })), ...fromPages];
  if (all.length === 0) return;
  if (input.depth >= context.limits.maxArchiveDepth) {
    context.incomplete('limit-depth', `This PDF holds ${all.length} embedded file(s) but is already nested ${input.depth} levels deep (limit ${context.limits.maxArchiveDepth}); they were not checked.`);
    return;
  }
  const used = new Set<string>();
  let read = 0;
  for (const { name, content } of all) {
    if (context.signal.aborted) return;
    if (!content) {
      context.incomplete('corrupt', `An embedded file could not be read (damaged attachment).`);
      continue;
    }
    if (read >= context.limits.maxArchiveMembers) {
      context.incomplete('limit-members', `Only the first ${read} of ${all.length} embedded files were checked (limit ${context.limits.maxArchiveMembers}).`);
      return;
    }
    if (content.byteLength > context.limits.maxMemberBytes) {
      context.incomplete('limit-member-size', `An embedded file of ${content.byteLength} bytes is over the member size limit and was not checked.`);
      continue;
    }
    if (!context.consumeExpanded(content.byteLength)) {
      context.incomplete('limit-expanded-size', 'The embedded files of this PDF exceed the expanded-size budget; the rest were not checked.');
      return;
    }
    read++;
    await context.scanMember({ name: uniqueName(safeMemberName(name), used), source: new BufferSource(content) });
  }
}

/** An attachment's own name without folders, `..` or control characters; never empty. */
function safeMemberName(name: string): string {
  const base = name.replace(/\\/g, '/').split('/').filter((p) => p && p !== '.' && p !== '..').pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f!]/g, '_');
  return clean || 'attachment';
}

function uniqueName(name: string, used: Set<string>): string {
  let candidate = name;
  for (let n = 2; used.has(candidate); n++) candidate = `${name} (${n})`;
  used.add(candidate);
  return candidate;
}

import type { ExtractContext, ExtractInput } from '../model/extractor.js';
import { rangeIndexAt } from './fields.js';
import type { Locator } from '../model/locator.js';
import type { FieldMap, Segment } from '../model/segment.js';
import { CHART_VOCABULARY, OOXML_SEGMENT_CHARS, canOpenMembers, drawingEntries, externalLinkSegments, paragraphSegments, embeddedEntries, localName, propertySegments, readPart, relationships, walkPart } from './ooxml.js';
import { pivotCacheSegments } from './xlsx-pivot.js';
import { scanZipMembers } from './zip.js';
import type { ZipEntry, ZipReader } from './zip-reader.js';

/**
 * Excel (XLSX), read part by part with fflate + saxes rather than exceljs: exceljs's streaming
 * reader spools a sheet to a temp file when it comes before the shared strings (patient data on
 * disk) and skips comments, hidden-sheet names and docProps (../shared/libraries.md §A2).
 *
 * Every sheet, hidden ones included, is streamed from its own inflater through saxes, so memory
 * stays flat however many rows it has; cells are batched into segments (cells of a row joined by
 * tabs, rows by newlines) whose `FieldMap` gives each cell its `sheet-cell` locator and its column
 * header as context.
 */

/**
 * Shared strings kept in memory, in characters (plus 16 per string for its overhead). A workbook
 * over this has its later strings reported as not read (file incomplete).
 */
export const MAX_SHARED_STRING_CHARS = 32 * 1024 * 1024;
/** Sheet names scanned (as metadata); a workbook has at most a few hundred. */
const MAX_SHEET_NAMES = 10_000;
/** Print headers and footers of a sheet (`&L`, `&"Arial"`, `&12` are formatting codes). */
const HEADER_FOOTER = new Set(['oddHeader', 'oddFooter', 'evenHeader', 'evenFooter', 'firstHeader', 'firstFooter']);
const FORMAT_CODES = /&(?:"[^"]*"|\d+|[A-Za-z])/g;
/** Rows searched for the header row (a title row or two above the header is common). */
const HEADER_SEARCH_ROWS = 20;

/** `0` -> `A`, `27` -> `AB`. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** `AB12` -> { column: 27, row: 12 }. */
export function parseCellRef(ref: string): { column: number; row: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!m) return undefined;
  let column = 0;
  for (const ch of m[1]!.toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { column: column - 1, row: Number(m[2]) };
}

/**
 * A number cell as text. Integers are kept exactly as stored, so a 16-digit NIK that Excel cut to
 * 15 significant digits (`3171015708900000`) arrives as Excel holds it and the NIK detector can
 * flag it as damaged; exponent forms (`3.1710157089E+15`) are written out in full.
 */
export function numberText(value: string): string {
  const v = value.trim();
  if (/^-?\d+$/.test(v)) return v;
  const n = Number(v);
  if (!Number.isFinite(n)) return v;
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return String(n);
}

/** An Excel date serial as an ISO date (`1990-08-17`), honouring the 1900 leap-year bug and the 1904 system. */
export function serialToIsoDate(serial: number, date1904: boolean): string | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return undefined;
  const days = Math.floor(serial);
  // Serial 60 is 29 February 1900, a day that never was (kept from Lotus 1-2-3).
  if (!date1904 && days === 60) return '1900-02-29';
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : days < 61 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return new Date(epoch + days * 86_400_000).toISOString().slice(0, 10);
}

/** Built-in number formats that show dates (ECMA-376 Part 1 §18.8.30). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A custom format code shows a date when, outside quotes and brackets, it has a day or year. */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[dy]/i.test(bare);
}

/** The cell styles (`s` attribute) whose number format is a date. */
async function dateStyles(zip: ZipReader, context: ExtractContext): Promise<Set<number>> {
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  await readPart(zip, 'xl/styles.xml', context, {
    open(name, attributes) {
      const local = localName(name);
      if (local === 'numFmt') custom.set(Number(attributes.numFmtId), attributes.formatCode ?? '');
      else if (local === 'cellXfs') inCellXfs = true;
      else if (local === 'xf' && inCellXfs) xfFormats.push(Number(attributes.numFmtId ?? 0));
    },
    close(name) {
      if (localName(name) === 'cellXfs') inCellXfs = false;
    },
  });
  const styles = new Set<number>();
  xfFormats.forEach((id, index) => {
    const code = custom.get(id);
    if (code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id)) styles.add(index);
  });
  return styles;
}

/** The shared strings table, bounded by `MAX_SHARED_STRING_CHARS`. */
async function sharedStrings(zip: ZipReader, partName: string, context: ExtractContext): Promise<{ strings: string[]; total: number }> {
  const strings: string[] = [];
  let total = 0;
  let chars = 0;
  let full = false;
  let current: string | undefined;
  let inText = 0;
  let inPhonetic = 0;
  await readPart(zip, partName, context, {
    open(name) {
      const local = localName(name);
      if (local === 'si') current = '';
      else if (local === 't') inText++;
      else if (local === 'rPh') inPhonetic++;
    },
    close(name) {
      const local = localName(name);
      if (local === 't') inText = Math.max(0, inText - 1);
      else if (local === 'rPh') inPhonetic = Math.max(0, inPhonetic - 1);
      else if (local === 'si') {
        total++;
        if (!full) {
          chars += (current ?? '').length + 16;
          if (chars > MAX_SHARED_STRING_CHARS) full = true;
          else strings.push(current ?? '');
        }
        current = undefined;
      }
    },
    text(t) {
      if (current !== undefined && inText > 0 && inPhonetic === 0 && !full) current += t;
    },
  });
  if (full) {
    context.incomplete(
      'limit-member-size',
      `The workbook's shared strings table is larger than the ${MAX_SHARED_STRING_CHARS / 1048576} M characters Saring keeps in memory; cells using the ${total - strings.length} strings after that were not checked.`,
    );
  }
  return { strings, total };
}

/** The header row of a sheet: the first of its first rows with two or more text cells. */
interface HeaderRow {
  row: number;
  labels: Map<number, string>;
}

/** Cells of one segment of a sheet, in flat arrays; the column header labels the cells below it. */
class SheetCellMap implements FieldMap {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly rows: number[] = [];
  private readonly columns: number[] = [];
  constructor(
    private readonly sheet: string,
    private readonly header: HeaderRow,
    private readonly note?: 'comment',
  ) {}

  add(start: number, end: number, row: number, column: number): void {
    this.starts.push(start);
    this.ends.push(end);
    this.rows.push(row);
    this.columns.push(column);
  }

  get firstCell(): string {
    return this.starts.length ? `${columnName(this.columns[0]!)}${this.rows[0]}` : 'A1';
  }

  private indexAt(offset: number): number {
    return rangeIndexAt(this.starts, this.ends, offset);
  }

  labelAt(offset: number): string | undefined {
    const i = this.indexAt(offset);
    if (i < 0 || this.header.row === 0 || this.rows[i]! <= this.header.row) return undefined;
    return this.header.labels.get(this.columns[i]!);
  }

  fieldStartAt(offset: number): number | undefined {
    const i = this.indexAt(offset);
    return i < 0 ? undefined : this.starts[i];
  }

  forEachLabelled(visit: (start: number, end: number, label: string) => void): void {
    if (this.header.row === 0) return;
    for (let i = 0; i < this.starts.length; i++) {
      if (this.rows[i]! <= this.header.row) continue;
      const label = this.header.labels.get(this.columns[i]!);
      if (label !== undefined) visit(this.starts[i]!, this.ends[i]!, label);
    }
  }

  locatorAt(offset: number): Locator | undefined {
    const i = this.indexAt(offset);
    if (i < 0) return undefined;
    return { kind: 'sheet-cell', sheet: this.sheet, cell: `${columnName(this.columns[i]!)}${this.rows[i]}`, ...(this.note ? { note: this.note } : {}) };
  }
}

interface WorkbookInfo {
  sheets: { name: string; part: string }[];
  date1904: boolean;
}

async function workbook(zip: ZipReader, context: ExtractContext): Promise<WorkbookInfo> {
  const rels = await relationships(zip, 'xl/workbook.xml', context);
  const sheets: { name: string; part: string }[] = [];
  let date1904 = false;
  let position = 0;
  await readPart(zip, 'xl/workbook.xml', context, {
    open(name, attributes) {
      const local = localName(name);
      if (local === 'workbookPr') date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
      if (local !== 'sheet') return;
      position++;
      // Hidden and "very hidden" sheets (state attribute) are read like any other.
      const rid = attributes['r:id'] ?? Object.entries(attributes).find(([k]) => k.endsWith(':id'))?.[1];
      const part = (rid && rels.get(rid)?.target) || `xl/worksheets/sheet${position}.xml`;
      sheets.push({ name: attributes.name ?? `Sheet${position}`, part });
    },
  });
  // Worksheet parts the workbook does not list are still read, under their part name.
  for (const entry of zip.entries) {
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(entry.name) && !sheets.some((s) => s.part === entry.name)) sheets.push({ name: entry.name, part: entry.name });
  }
  return { sheets, date1904 };
}

/** Streams one sheet's cells as segments. */
async function* sheetSegments(
  zip: ZipReader,
  entry: ZipEntry,
  sheet: string,
  header: HeaderRow,
  shared: { strings: string[]; total: number },
  dates: Set<number>,
  date1904: boolean,
  context: ExtractContext,
): AsyncGenerator<Segment> {
  let text = '';
  let map = new SheetCellMap(sheet, header);
  const ready: Segment[] = [];
  let row = 0;
  let column = -1;
  let lastRowWritten = -1;
  // The cell being read.
  let ref: string | undefined;
  let type = '';
  let style = 0;
  let value = '';
  let inline = '';
  let inValue = false;
  let inInline = false;
  let inText = 0;
  let inPhonetic = 0;
  let missingStrings = 0;
  // A print header or footer being read.
  let printed: { property: string; text: string } | undefined;
  // Header detection for the first rows.
  let rowTextCells = new Map<number, string>();
  let rowOtherCells = 0;

  const flush = (): void => {
    if (!text) return;
    ready.push({ text, locator: { kind: 'sheet-cell', sheet, cell: map.firstCell }, context: { source: 'content', fields: map } });
    text = '';
    map = new SheetCellMap(sheet, header);
  };
  const endRow = (): void => {
    if (header.row === 0 && row <= HEADER_SEARCH_ROWS && rowTextCells.size >= 2 && rowOtherCells === 0) {
      header.row = row;
      header.labels = rowTextCells;
    }
    rowTextCells = new Map();
    rowOtherCells = 0;
    if (text.length >= OOXML_SEGMENT_CHARS) flush();
  };
  const cellText = (): string => {
    switch (type) {
      case 's': {
        const index = Number(value.trim());
        const s = shared.strings[index];
        if (s === undefined && index < shared.total) missingStrings++;
        return s ?? '';
      }
      case 'inlineStr':
        return inline;
      case 'str':
      case 'd':
        return value;
      case 'b':
      case 'e':
        return '';
      default: {
        if (!value.trim()) return '';
        if (dates.has(style)) {
          const iso = serialToIsoDate(Number(value), date1904);
          if (iso) return iso;
        }
        return numberText(value);
      }
    }
  };

  const handlers = {
    attributesOf: new Set(['row', 'c']),
    open(name: string, attributes: Readonly<Record<string, string>>) {
      switch (localName(name)) {
        case 'row': {
          const r = Number(attributes.r);
          row = Number.isInteger(r) && r > 0 ? r : row + 1;
          column = -1;
          break;
        }
        case 'c': {
          const parsed = attributes.r ? parseCellRef(attributes.r) : undefined;
          column = parsed ? parsed.column : column + 1;
          if (parsed && parsed.row !== row) row = parsed.row;
          ref = attributes.r;
          type = attributes.t ?? 'n';
          style = Number(attributes.s ?? 0);
          value = '';
          inline = '';
          break;
        }
        case 'v':
          inValue = true;
          break;
        case 'is':
          inInline = true;
          break;
        case 't':
          if (inInline) inText++;
          break;
        case 'rPh':
          inPhonetic++;
          break;
        default:
          if (HEADER_FOOTER.has(localName(name))) printed = { property: localName(name), text: '' };
      }
    },
    close(name: string) {
      switch (localName(name)) {
        case 'v':
          inValue = false;
          break;
        case 'is':
          inInline = false;
          break;
        case 't':
          if (inInline) inText = Math.max(0, inText - 1);
          break;
        case 'rPh':
          inPhonetic = Math.max(0, inPhonetic - 1);
          break;
        case 'c': {
          if (ref === undefined && column < 0) break;
          const t = cellText().replace(/\r\n?/g, '\n');
          if (!t.trim()) break;
          if (text) text += lastRowWritten === row ? '\t' : '\n';
          lastRowWritten = row;
          map.add(text.length, text.length + t.length, row, column);
          text += t;
          if (type === 's' || type === 'inlineStr' || type === 'str') rowTextCells.set(column, t.trim());
          else rowOtherCells++;
          // A single enormous row must not grow one segment without bound.
          if (text.length >= OOXML_SEGMENT_CHARS * 4) flush();
          break;
        }
        case 'row':
          endRow();
          break;
        default:
          if (printed && localName(name) === printed.property) {
            const t = printed.text.replace(FORMAT_CODES, ' ').replace(/ {2,}/g, ' ').trim();
            if (t) ready.push({ text: t, locator: { kind: 'document-property', property: `${sheet} ${printed.property}`, part: entry.name }, context: { source: 'metadata' } });
            printed = undefined;
          }
      }
    },
    text(t: string) {
      if (printed) printed.text += t;
      else if (inValue) value += t;
      else if (inInline && inText > 0 && inPhonetic === 0) inline += t;
    },
  };

  for await (const _ of walkPart(zip, entry, context, handlers)) yield* ready.splice(0);
  endRow();
  flush();
  yield* ready.splice(0);
  if (missingStrings) {
    context.incomplete('limit-member-size', `Sheet "${sheet}": ${missingStrings} cells use shared strings beyond the in-memory limit; they were not checked.`);
  }
}

/** Cell comments (legacy notes and threaded comments) of one sheet, as one segment per part. */
async function* commentSegments(zip: ZipReader, partName: string, sheet: string, header: HeaderRow, context: ExtractContext): AsyncGenerator<Segment> {
  const entry = zip.find(partName);
  if (!entry) return;
  let text = '';
  let map = new SheetCellMap(sheet, header, 'comment');
  const ready: Segment[] = [];
  let current: { ref: string; text: string } | undefined;
  let inText = 0;
  let inPhonetic = 0;
  // Legacy notes keep text in <text><r><t>; threaded comments directly in <text>.
  const threaded = partName.includes('threadedComment');
  const isText = (local: string): boolean => local === 't' || (threaded && local === 'text');
  const handlers = {
    open(name: string, attributes: Readonly<Record<string, string>>) {
      const local = localName(name);
      if ((local === 'comment' || local === 'threadedComment') && attributes.ref) current = { ref: attributes.ref, text: '' };
      else if (isText(local)) inText++;
      else if (local === 'rPh') inPhonetic++;
    },
    close(name: string) {
      const local = localName(name);
      if (isText(local)) inText = Math.max(0, inText - 1);
      else if (local === 'rPh') inPhonetic = Math.max(0, inPhonetic - 1);
      else if ((local === 'comment' || local === 'threadedComment') && current) {
        const cell = parseCellRef(current.ref);
        const t = current.text.trim();
        if (cell && t) {
          if (text) text += '\n';
          map.add(text.length, text.length + t.length, cell.row, cell.column);
          text += t;
        }
        current = undefined;
        if (text.length >= OOXML_SEGMENT_CHARS) {
          ready.push({ text, locator: { kind: 'sheet-cell', sheet, cell: map.firstCell, note: 'comment' }, context: { source: 'comment', fields: map } });
          text = '';
          map = new SheetCellMap(sheet, header, 'comment');
        }
      }
    },
    text(t: string) {
      if (current && inPhonetic === 0 && inText > 0) current.text += t;
    },
  };
  for await (const _ of walkPart(zip, entry, context, handlers)) yield* ready.splice(0);
  if (text) ready.push({ text, locator: { kind: 'sheet-cell', sheet, cell: map.firstCell, note: 'comment' }, context: { source: 'comment', fields: map } });
  yield* ready.splice(0);
}

/**
 * Reads a workbook: every sheet (hidden ones too) with shared and inline strings, numbers and
 * dates; each sheet's comments; the document properties; then embedded files as members.
 */
export async function* readXlsx(zip: ZipReader, input: ExtractInput, context: ExtractContext): AsyncGenerator<Segment> {
  const book = await workbook(zip, context);
  const rels = await relationships(zip, 'xl/workbook.xml', context);
  const sharedPart = [...rels.values()].find((r) => r.type.endsWith('/sharedStrings'))?.target ?? 'xl/sharedStrings.xml';
  const shared = await sharedStrings(zip, sharedPart, context);
  const dates = await dateStyles(zip, context);
  const commentParts = new Set<string>();
  for (const sheet of book.sheets) {
    if (context.signal.aborted) return;
    const entry = zip.find(sheet.part);
    if (!entry) continue;
    const header: HeaderRow = { row: 0, labels: new Map() };
    yield* sheetSegments(zip, entry, sheet.name, header, shared, dates, book.date1904, context);
    const sheetRels = await relationships(zip, sheet.part, context);
    for (const rel of sheetRels.values()) {
      if (!/\/(?:comments|threadedComment)$/.test(rel.type)) continue;
      commentParts.add(rel.target);
      yield* commentSegments(zip, rel.target, sheet.name, header, context);
    }
  }
  // Comment parts no sheet links to are still read, under their part name.
  for (const entry of zip.entries) {
    if (/^xl\/(?:comments[^/]*|threadedComments\/[^/]+)\.xml$/.test(entry.name) && !commentParts.has(entry.name)) {
      yield* commentSegments(zip, entry.name, entry.name, { row: 0, labels: new Map() }, context);
    }
  }
  yield* pivotCacheSegments(zip, context);
  // Sheet names are typed by people too ("Budi Santoso", "RM 2023 a.n. ...").
  for (const sheet of book.sheets.slice(0, MAX_SHEET_NAMES)) {
    if (sheet.name !== sheet.part) yield { text: sheet.name, locator: { kind: 'document-property', property: 'sheet name', part: 'xl/workbook.xml' }, context: { source: 'metadata', label: 'sheet name' } };
  }
  for (const part of drawingEntries(zip, 'xl')) yield* paragraphSegments(zip, part, context, CHART_VOCABULARY);
  yield* externalLinkSegments(zip, book.sheets.map((s) => zip.find(s.part)).filter((e): e is ZipEntry => e !== undefined), context);
  yield* propertySegments(zip, context);
  const embedded = embeddedEntries(zip, 'xl');
  if (embedded.length && canOpenMembers(input, context)) await scanZipMembers(zip, embedded, context);
}

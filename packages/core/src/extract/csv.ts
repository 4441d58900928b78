import type { ExtractContext, ExtractInput, Extractor } from '../model/extractor.js';
import type { Locator } from '../model/locator.js';
import type { FieldMap, Segment } from '../model/segment.js';
import { decodeText } from './text-stream.js';
import { rangeIndexAt } from './fields.js';

/** Records per segment are cut at about this many characters (whole records only). */
const CSV_SEGMENT_CHARS = 1024 * 1024;
/** A record longer than this is malformed or hostile; it is flushed as it is. */
const MAX_RECORD_CHARS = 4 * 1024 * 1024;

const DELIMITERS = [',', ';', '\t', '|'] as const;

/** Picks the delimiter that splits the header line into the most fields, outside quotes. */
export function sniffDelimiter(headerLine: string, format: string): string {
  if (format === 'tsv') return '\t';
  let best = ',';
  let bestCount = 0;
  for (const d of DELIMITERS) {
    let count = 0;
    let quoted = false;
    for (const ch of headerLine) {
      if (ch === '"') quoted = !quoted;
      else if (ch === d && !quoted) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Cells of the records in one segment, stored in flat arrays so that a million cells cost no
 * objects. The column header is the label of every cell below it.
 */
class CellMap implements FieldMap {
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  readonly columns: number[] = [];
  readonly rows: number[] = [];
  /** Set once the header record is read (it is in the first segment's own map). */
  constructor(public headers: readonly string[]) {}

  add(start: number, end: number, row: number, column: number): void {
    this.starts.push(start);
    this.ends.push(end);
    this.rows.push(row);
    this.columns.push(column);
  }

  /** Drops the cells from index `count` on (a record cut off at the end of the buffer). */
  truncate(count: number): void {
    this.starts.length = count;
    this.ends.length = count;
    this.rows.length = count;
    this.columns.length = count;
  }

  private indexAt(offset: number): number {
    return rangeIndexAt(this.starts, this.ends, offset);
  }

  labelAt(offset: number): string | undefined {
    const i = this.indexAt(offset);
    if (i < 0 || this.rows[i] === 1) return undefined;
    return this.headers[this.columns[i]!];
  }

  fieldStartAt(offset: number): number | undefined {
    const i = this.indexAt(offset);
    return i < 0 ? undefined : this.starts[i];
  }

  forEachLabelled(visit: (start: number, end: number, label: string) => void): void {
    for (let i = 0; i < this.starts.length; i++) {
      const label = this.rows[i] === 1 ? undefined : this.headers[this.columns[i]!];
      if (label !== undefined) visit(this.starts[i]!, this.ends[i]!, label);
    }
  }

  locatorAt(offset: number): Locator | undefined {
    const i = this.indexAt(offset);
    if (i < 0) return undefined;
    const column = this.columns[i]!;
    const header = this.headers[column];
    return { kind: 'csv-cell', row: this.rows[i]!, column: column + 1, ...(header !== undefined && this.rows[i] !== 1 ? { header } : {}) };
  }
}

/** Strips surrounding quotes and un-doubles inner ones, for header names. */
function unquote(cell: string): string {
  const t = cell.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replace(/""/g, '"').trim() : t;
}

/**
 * Delimited tables (CSV, TSV, semicolon and pipe exports). Header-aware: the column header is
 * context for every cell below it, so a 13-digit number under `no_bpjs` is a BPJS card number.
 * Quoted fields may contain delimiters and line breaks. Segments hold whole records.
 */
export const csvExtractor: Extractor = {
  id: 'csv',
  formats: ['csv', 'tsv'],
  async *extract(input: ExtractInput, context: ExtractContext): AsyncGenerator<Segment> {
    let buffer = '';
    let delimiter: string | undefined;
    let headers: string[] = [];
    let row = 0;

    const build = (text: string, final: boolean): { segment: Segment | undefined; rest: string } => {
      if (delimiter === undefined) {
        const firstBreak = text.indexOf('\n');
        if (firstBreak === -1 && !final) return { segment: undefined, rest: text };
        delimiter = sniffDelimiter(firstBreak === -1 ? text : text.slice(0, firstBreak), input.sniff.format);
      }
      const d = delimiter;
      const delimiterCode = d.charCodeAt(0);
      const cells = new CellMap(headers);
      let pos = 0;
      let consumed = 0;
      const n = text.length;
      while (pos < n) {
        // Find the end of this record, honouring quotes. Cells go straight into the map; a record
        // that turns out to be cut off by the end of the buffer is taken back out.
        const recordStart = pos;
        const firstCell = cells.starts.length;
        row++;
        let lineEnd = text.indexOf('\n', pos);
        const quote = text.indexOf('"', pos);
        let cellStart = recordStart;
        let column = 0;
        let complete = true;
        if (quote === -1 || (lineEnd !== -1 && quote > lineEnd)) {
          // Fast path: no quotes in this record.
          if (lineEnd === -1) {
            if (!final) complete = false;
            lineEnd = n;
          }
          if (complete) {
            for (let at = text.indexOf(d, pos); at !== -1 && at < lineEnd; at = text.indexOf(d, at + 1)) {
              cells.add(cellStart, at, row, column++);
              cellStart = at + 1;
            }
            cells.add(cellStart, lineEnd > recordStart && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd, row, column);
            pos = lineEnd + 1;
          }
        } else {
          let quoted = false;
          let i = pos;
          complete = false;
          for (; i < n; i++) {
            const ch = text.charCodeAt(i);
            if (ch === 34) quoted = !quoted; // '"'
            else if (!quoted && ch === delimiterCode) {
              cells.add(cellStart, i, row, column++);
              cellStart = i + 1;
            } else if (!quoted && ch === 10) {
              complete = true;
              break;
            }
          }
          if (complete || final) {
            complete = true;
            cells.add(cellStart, i > recordStart && text.charCodeAt(i - 1) === 13 ? i - 1 : i, row, column);
            pos = i + 1;
          }
        }
        if (!complete) {
          cells.truncate(firstCell);
          row--;
          break;
        }
        if (row === 1) {
          headers = [];
          for (let k = firstCell; k < cells.starts.length; k++) headers.push(unquote(text.slice(cells.starts[k]!, cells.ends[k]!)));
          cells.headers = headers;
        }
        consumed = Math.min(pos, n);
      }
      if (consumed === 0) return { segment: undefined, rest: text };
      const segmentText = text.slice(0, consumed);
      return {
        segment: { text: segmentText, locator: { kind: 'text', line: 1, column: 1 }, context: { source: 'content', fields: cells } },
        rest: text.slice(consumed),
      };
    };

    for await (const chunk of decodeText(input, (encoding) => context.setEncoding(encoding))) {
      buffer += chunk;
      if (buffer.length < CSV_SEGMENT_CHARS) continue;
      const { segment, rest } = build(buffer, buffer.length > MAX_RECORD_CHARS);
      if (segment) yield segment;
      buffer = rest;
    }
    while (buffer.length) {
      const { segment, rest } = build(buffer, true);
      if (!segment) break;
      yield segment;
      buffer = rest;
    }
  },
};

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
  constructor(private readonly headers: readonly string[]) {}

  add(start: number, end: number, row: number, column: number): void {
    this.starts.push(start);
    this.ends.push(end);
    this.rows.push(row);
    this.columns.push(column);
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
      const cells = new CellMap(headers);
      const firstHeader = row === 0;
      let pos = 0;
      let consumed = 0;
      const n = text.length;
      while (pos < n) {
        // Find the end of this record, honouring quotes.
        const recordStart = pos;
        const cellStarts: number[] = [recordStart];
        const cellEnds: number[] = [];
        let lineEnd = text.indexOf('\n', pos);
        const quote = text.indexOf('"', pos);
        if (quote === -1 || (lineEnd !== -1 && quote > lineEnd)) {
          // Fast path: no quotes in this record.
          if (lineEnd === -1) {
            if (!final) break;
            lineEnd = n;
          }
          for (let at = text.indexOf(d, pos); at !== -1 && at < lineEnd; at = text.indexOf(d, at + 1)) {
            cellEnds.push(at);
            cellStarts.push(at + 1);
          }
          cellEnds.push(lineEnd > recordStart && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd);
          pos = lineEnd + 1;
        } else {
          let quoted = false;
          let i = pos;
          let complete = false;
          for (; i < n; i++) {
            const ch = text[i];
            if (ch === '"') quoted = !quoted;
            else if (!quoted && ch === d) {
              cellEnds.push(i);
              cellStarts.push(i + 1);
            } else if (!quoted && ch === '\n') {
              complete = true;
              break;
            }
          }
          if (!complete && !final) break;
          cellEnds.push(i > recordStart && text.charCodeAt(i - 1) === 13 ? i - 1 : i);
          pos = i + 1;
        }
        row++;
        if (row === 1) headers = cellStarts.map((s, k) => unquote(text.slice(s, cellEnds[k])));
        for (let k = 0; k < cellStarts.length; k++) cells.add(cellStarts[k]!, cellEnds[k]!, row, k);
        consumed = Math.min(pos, n);
      }
      if (consumed === 0) return { segment: undefined, rest: text };
      const segmentText = text.slice(0, consumed);
      // Headers were not known when the CellMap was made for the first segment.
      const map = firstHeader ? Object.assign(new CellMap(headers), {}) : cells;
      if (firstHeader) for (let k = 0; k < cells.starts.length; k++) map.add(cells.starts[k]!, cells.ends[k]!, cells.rows[k]!, cells.columns[k]!);
      return {
        segment: { text: segmentText, locator: { kind: 'text', line: 1, column: 1 }, context: { source: 'content', fields: map } },
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

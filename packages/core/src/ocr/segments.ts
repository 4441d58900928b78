import type { OcrPage } from '../model/ocr.js';
import type { Segment } from '../model/segment.js';

/**
 * What OCR read on one page → segments for the detectors: one per line, located by its box and
 * carrying its OCR confidence (a low one lowers the finding's score: engine/detection.ts). The
 * line before is prepended as context only (before `reportFrom`), so a label printed above its
 * value (`NIK` over a table column) still counts, while each finding belongs to exactly one line.
 */
export function ocrSegments(page: OcrPage, pageNumber: number): Segment[] {
  const segments: Segment[] = [];
  let previous = '';
  for (const line of page.lines) {
    const text = repairLabelSeparator(line.text);
    const prefix = previous ? `${previous}\n` : '';
    segments.push({
      text: prefix + text,
      reportFrom: prefix.length,
      locator: { kind: 'ocr-region', page: pageNumber, bbox: line.bbox, confidence: line.confidence },
      context: { source: 'ocr', ocrConfidence: line.confidence },
    });
    previous = text;
  }
  return segments;
}

/**
 * A form line `Label : value` whose colon OCR read as something else. On the generated scans
 * tesseract read `Nama : PUTRI AMELIA` as `Nama | : PUTRI AMELIA`, `Nama . HENDRA GUNAWAN` and
 * `No. Kartu BPJS + 0009…`, and detectors that read the value after a label want a `:`. A run of
 * colon look-alikes between a short label at the start of the line (1–4 words of letters) and the
 * value becomes one `:` padded with spaces: the length is kept, so offsets and boxes stay right.
 */
const LABEL_SEPARATOR = /^([A-Za-z][A-Za-z./]*(?: [A-Za-z][A-Za-z./]*){0,3}) +([.:|+~;,=]{1,3}(?: +[.:|+~;,=]{1,2})?)(?= |$)/;

export function repairLabelSeparator(line: string): string {
  const match = LABEL_SEPARATOR.exec(line);
  if (!match || match[1]!.length > 30) return line;
  const separator = match[2]!;
  if (separator === ':') return line;
  const start = match[0].length - separator.length;
  return `${line.slice(0, start)}:${' '.repeat(separator.length - 1)}${line.slice(match[0].length)}`;
}

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
    const prefix = previous ? `${previous}\n` : '';
    segments.push({
      text: prefix + line.text,
      reportFrom: prefix.length,
      locator: { kind: 'ocr-region', page: pageNumber, bbox: line.bbox, confidence: line.confidence },
      context: { source: 'ocr', ocrConfidence: line.confidence },
    });
    previous = line.text;
  }
  return segments;
}

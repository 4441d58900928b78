import type { Extractor } from '../model/extractor.js';
import { csvExtractor } from './csv.js';
import { hl7Extractor } from './hl7.js';
import { jsonExtractor } from './json.js';
import { xmlExtractor } from './xml.js';
import { htmlExtractor } from './html.js';
import { createPdfExtractor, pdfExtractor } from './pdf.js';
import { imageExtractor } from './image.js';
import { ocrPdfPages } from '../ocr/pdf-pages.js';
import { textExtractor } from './text.js';
import { gzipExtractor } from './gzip.js';
import { tarExtractor } from './tar.js';
import { zipExtractor } from './zip.js';
import { dicomExtractor } from './dicom/dicom.js';
import { ole2Extractor } from './ole2.js';

/** The built-in extractors, one per format family. */
// PDF pages without a text layer and image files are read with OCR (`ExtractContext.ocr`, ocr/).
const pdfWithOcr = createPdfExtractor({ ocr: ocrPdfPages });
export const defaultExtractors: readonly Extractor[] = [pdfWithOcr, imageExtractor, hl7Extractor, jsonExtractor, xmlExtractor, htmlExtractor, dicomExtractor, zipExtractor, gzipExtractor, tarExtractor, ole2Extractor, csvExtractor, textExtractor];

export { csvExtractor, textExtractor };
export { imageExtractor, IMAGE_FORMATS } from './image.js';
export { zipExtractor, gzipExtractor, tarExtractor };
export { ole2Extractor } from './ole2.js';
export { hl7Extractor, hl7FieldLabel, unescapeHl7 } from './hl7.js';
export { jsonExtractor, jsonLabel, systemLabel } from './json.js';
export { xmlExtractor } from './xml.js';
export { htmlExtractor, decodeEntities } from './html.js';
export { pdfExtractor, createPdfExtractor, openPdf, pagesNeedingOcr, type OpenPdf, type PdfOcrHook } from './pdf.js';
export { decodeText, windows, advance, SEGMENT_CHARS, OVERLAP_CHARS, HOLDBACK_CHARS } from './text-stream.js';
export { dicomExtractor, createDicomExtractor, type DicomExtractorOptions, type DicomPixelOcr, type DicomPixelOcrRequest } from './dicom/dicom.js';

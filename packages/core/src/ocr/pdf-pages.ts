import type { ExtractContext, ExtractInput } from '../model/extractor.js';
import type { OcrPage } from '../model/ocr.js';
import type { Segment } from '../model/segment.js';
import type { OpenPdf, PdfOcrHook } from '../extract/pdf.js';
import { ocrSegments } from './segments.js';

/**
 * Pages are rendered at this resolution for OCR. On the generated scans 150–200 dpi read as well
 * as 300 dpi (see preprocess.ts), and OCR time grows with the pixel count.
 */
const RENDER_DPI = 200;
/** PDF user-space units per inch. */
const POINTS_PER_INCH = 72;
/** Rendering never makes a bitmap larger than this, whatever the page size claims. */
const MAX_RENDER_PIXELS = 40_000_000;

interface SizedPage {
  getViewport(params: { scale: number }): { width: number; height: number };
  cleanup(): boolean | void;
}

/**
 * The PDF extractor's OCR hook (extract/pdf.ts `createPdfExtractor({ ocr })`): renders each page
 * the text layer does not cover with pdf.js + @napi-rs/canvas (pdf-parse's `getScreenshot`, on the
 * document already loaded, one page at a time so memory holds one bitmap) and reads it with OCR.
 * No URL, font or worker script is fetched: pdf.js runs in-process on the bytes already read.
 * Pages are OCR'd up to `workers` at a time (rendering the next page while others are read), so a
 * single long scan uses every core; segments still come out in page order.
 */
export const ocrPdfPages: PdfOcrHook = async function* (pdf: OpenPdf, pages: readonly number[], _input: ExtractInput, context: ExtractContext): AsyncGenerator<Segment> {
  const ocr = context.ocr;
  if (!ocr || ocr.mode === 'never') {
    context.incomplete('needs-ocr', `${pages.length} of ${pdf.pageCount} pages have no text layer (scanned images) and were not read because OCR is off (--ocr never).`);
    return;
  }
  const parallel = Math.max(1, ocr.limits.workers);
  const inFlight: { pageNumber: number; result: Promise<OcrPage | undefined> }[] = [];
  for (const pageNumber of pages) {
    if (context.signal.aborted) return;
    while (inFlight.length >= parallel) {
      const done = inFlight.shift()!;
      const result = await done.result;
      if (result) yield* ocrSegments(result, done.pageNumber);
    }
    let scale = RENDER_DPI / POINTS_PER_INCH;
    try {
      const page = (await pdf.doc.getPage(pageNumber)) as unknown as SizedPage;
      const { width, height } = page.getViewport({ scale: 1 });
      page.cleanup();
      const limit = Math.min(MAX_RENDER_PIXELS, ocr.limits.maxImagePixels);
      scale = Math.min(scale, Math.sqrt(limit / Math.max(1, width * height)));
    } catch {
      // The size is only used to bound the bitmap; rendering below reports a broken page.
    }
    let image: Uint8Array | undefined;
    try {
      const shot = await pdf.parser.getScreenshot({ partial: [pageNumber], scale, imageDataUrl: false, imageBuffer: true });
      image = shot.pages[0]?.data;
    } catch {
      image = undefined;
    }
    if (!image || image.byteLength === 0) {
      context.incomplete('corrupt', `PDF page ${pageNumber} could not be rendered for OCR (damaged page); its pixels were not read.`);
      continue;
    }
    const result = ocr.recognize({ kind: 'encoded', bytes: image }, pageNumber);
    // Handled now, awaited in order below: a page failing while an earlier one is awaited is not an unhandled rejection.
    result.catch(() => {});
    inFlight.push({ pageNumber, result });
  }
  for (const done of inFlight) {
    const result = await done.result;
    if (result) yield* ocrSegments(result, done.pageNumber);
  }
};

import type { ExtractContext, ExtractInput, Extractor } from '../model/extractor.js';
import type { OcrPage } from '../model/ocr.js';
import type { Segment } from '../model/segment.js';
import { ScanError } from '../model/errors.js';
import { ImageDecodeError, openImage } from '../ocr/images.js';
import { ocrSegments } from '../ocr/segments.js';
import { readAllBytes } from './pdf.js';

/** Formats read by OCR, as the sniffer names them. */
export const IMAGE_FORMATS = ['png', 'jpeg', 'gif', 'bmp', 'webp', 'tiff'] as const;

/**
 * Images (photos of KTP/BPJS cards, scanned letters, screenshots, fax TIFFs): all their text is in
 * pixels, so they are read with OCR (`context.ocr`). Each line OCR reads is a segment located by
 * page and box (`ocr-region`). With OCR off the image is `incomplete` (`needs-ocr`), never clean.
 */
export const imageExtractor: Extractor = {
  id: 'image',
  formats: IMAGE_FORMATS,
  async *extract(input: ExtractInput, context: ExtractContext): AsyncGenerator<Segment> {
    const ocr = context.ocr;
    if (!ocr || ocr.mode === 'never') {
      context.incomplete('needs-ocr', 'This image was not read because OCR is off (--ocr never); any text in it (a scanned letter, a photographed card) was not checked.');
      return;
    }
    const bytes = await readAllBytes(input.source, context.limits.maxFileBytes);
    let pageNumber = 0;
    // The pages of a multi-page TIFF are OCR'd on every worker at once; segments stay in page order.
    const parallel = Math.max(1, ocr.limits.workers);
    const inFlight: { pageNumber: number; result: Promise<OcrPage | undefined> }[] = [];
    let failure: unknown;
    try {
      const image = openImage(input.sniff.format, bytes, ocr.limits.maxImagePixels);
      for (const page of image.pages()) {
        pageNumber++;
        if (context.signal.aborted) return;
        while (inFlight.length >= parallel) {
          const done = inFlight.shift()!;
          const result = await done.result;
          if (result) yield* ocrSegments(result, done.pageNumber);
        }
        if (pageNumber > ocr.limits.maxPages) {
          // Stop before decoding the rest of a long multi-page TIFF (same message as ocr/runtime.ts).
          context.incomplete('needs-ocr', `Only the first ${ocr.limits.maxPages} pages were read with OCR (OCR page limit); the rest was not read.`);
          break;
        }
        if ('tooLarge' in page) {
          const { width, height } = page.tooLarge;
          context.incomplete('needs-ocr', `${image.pageCount > 1 ? `Page ${pageNumber} of this image` : 'This image'} is ${width} × ${height} pixels, over the OCR limit of ${ocr.limits.maxImagePixels.toLocaleString('en')} pixels; it was not read.`);
          continue;
        }
        const result = ocr.recognize(page.image, pageNumber);
        result.catch(() => {}); // awaited in order below; never an unhandled rejection meanwhile
        inFlight.push({ pageNumber, result });
      }
    } catch (error) {
      // A later TIFF page that cannot be decoded: the pages already handed to OCR are still reported.
      failure = error;
    }
    for (const done of inFlight) {
      const result = await done.result;
      if (result) yield* ocrSegments(result, done.pageNumber);
    }
    if (failure instanceof ImageDecodeError) throw new ScanError('corrupt', failure.message, { cause: failure });
    if (failure !== undefined) throw failure;
  },
};

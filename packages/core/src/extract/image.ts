import type { ExtractContext, ExtractInput, Extractor } from '../model/extractor.js';
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
    try {
      const image = openImage(input.sniff.format, bytes, ocr.limits.maxImagePixels);
      for (const page of image.pages()) {
        pageNumber++;
        if (context.signal.aborted) return;
        if (pageNumber > ocr.limits.maxPages) {
          // Stop before decoding the rest of a long multi-page TIFF (same message as ocr/runtime.ts).
          context.incomplete('needs-ocr', `Only the first ${ocr.limits.maxPages} pages were read with OCR (OCR page limit); the rest was not read.`);
          return;
        }
        if ('tooLarge' in page) {
          const { width, height } = page.tooLarge;
          context.incomplete('needs-ocr', `${image.pageCount > 1 ? `Page ${pageNumber} of this image` : 'This image'} is ${width} × ${height} pixels, over the OCR limit of ${ocr.limits.maxImagePixels.toLocaleString('en')} pixels; it was not read.`);
          continue;
        }
        const result = await ocr.recognize(page.image, pageNumber);
        if (result) yield* ocrSegments(result, pageNumber);
      }
    } catch (error) {
      if (error instanceof ImageDecodeError) throw new ScanError('corrupt', error.message, { cause: error });
      throw error;
    }
  },
};

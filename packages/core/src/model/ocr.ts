/**
 * OCR as extractors see it: text read from pixels (images, scanned PDF pages, DICOM frames with
 * burned-in annotations). The implementation lives in `../ocr/`; this is only the contract, so
 * extractors never depend on tesseract.js directly.
 */

/**
 * When to OCR:
 * - `auto` (default): where there is no text to read otherwise — image files, PDF pages without a
 *   text layer, DICOM frames flagged as carrying burned-in text;
 * - `always`: also PDF pages that have a text layer and every uncompressed DICOM frame;
 * - `never`: no OCR; what would have needed it is reported `incomplete` with reason `needs-ocr`
 *   (never clean).
 */
export type OcrMode = 'auto' | 'always' | 'never';
export const OCR_MODES: readonly OcrMode[] = ['auto', 'always', 'never'];

/** Limits of the OCR worker pool (one pool per scan, shared by every file). */
export interface OcrLimits {
  /** Time for one page; a slower page is abandoned (its worker is killed) and the file is `incomplete` (`timeout`). Default 120 000 ms. */
  pageTimeoutMs: number;
  /** Pages OCR'd per document (PDF pages, DICOM frames, TIFF pages); the rest make the file `incomplete` (`needs-ocr`). Default 50. */
  maxPages: number;
  /** OCR worker threads. Default: the number of cores (`os.availableParallelism()`); one per core, as more only thrash. */
  workers: number;
  /** A worker is replaced after this many pages: WASM memory only grows, and a fresh worker forgets what it read before. Default 50. */
  recycleAfterJobs: number;
  /** Images larger than this many pixels (width × height) are not decoded or OCR'd (`needs-ocr`). Default 50 000 000 (A3 at 600 dpi). */
  maxImagePixels: number;
}

/** A box in page pixels, top-left origin. */
export interface OcrBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One word as OCR read it. */
export interface OcrWord {
  text: string;
  bbox: OcrBox;
  /** 0..100 */
  confidence: number;
}

/** One line of text as OCR read it, in reading order. */
export interface OcrLine {
  text: string;
  bbox: OcrBox;
  /** 0..100 */
  confidence: number;
  words: OcrWord[];
}

/** What OCR read on one page image. Boxes are in the pixels of the image as given (before any upscaling). */
export interface OcrPage {
  lines: OcrLine[];
  /** Mean confidence of the page, 0..100. */
  confidence: number;
}

/** An image handed to OCR: encoded bytes in a format tesseract reads (PNG, JPEG, BMP, GIF, WebP), or raw pixels. */
export type OcrImage =
  | { kind: 'encoded'; bytes: Uint8Array }
  /** Raw pixels, 1 (grey), 3 (RGB) or 4 (RGBA) channels of 8 bits, row-major. */
  | { kind: 'pixels'; data: Uint8Array; width: number; height: number; channels: 1 | 3 | 4 };

/** The OCR service the engine hands every extractor (`ExtractContext.ocr`). */
export interface OcrContext {
  readonly mode: OcrMode;
  readonly limits: Readonly<OcrLimits>;
  /**
   * OCRs one page of this input. Returns undefined when the page was not OCR'd — OCR is off, the
   * document's page budget is spent, the image is too large, or the page took too long — and in
   * that case has already marked the file `incomplete` with a reason an administrator understands.
   * Throws when the scan or the file's time limit aborts (the extractor stops).
   * `page` is 1-based and only used in messages.
   */
  recognize(image: OcrImage, page: number): Promise<OcrPage | undefined>;
}

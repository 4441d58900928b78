import { availableParallelism } from 'node:os';
import type { ReasonCode } from '../model/report.js';
import type { OcrContext, OcrImage, OcrLimits, OcrMode, OcrPage } from '../model/ocr.js';
import { OCR_MODES } from '../model/ocr.js';
import { ScanError, UsageError } from '../model/errors.js';
import { OcrEngine, OcrFailure, OcrTimeout } from './engine.js';
import { prepareForOcr } from './preprocess.js';

/** Defaults in the spirit of ../shared/libraries.md §E1 (OCR 120 s/page cap, 50 pages). */
export const DEFAULT_OCR_LIMITS: Readonly<OcrLimits> = Object.freeze({
  pageTimeoutMs: 120_000,
  maxPages: 50,
  workers: availableParallelism(),
  recycleAfterJobs: 50,
  maxImagePixels: 50_000_000,
});

export function resolveOcrMode(mode: OcrMode | undefined): OcrMode {
  if (mode === undefined) return 'auto';
  if (!OCR_MODES.includes(mode)) throw new UsageError(`ocr must be one of ${OCR_MODES.join(', ')} (got ${String(mode)}).`);
  return mode;
}

export function resolveOcrLimits(limits: Partial<OcrLimits> | undefined): OcrLimits {
  const resolved = { ...DEFAULT_OCR_LIMITS, ...limits };
  const problems: string[] = [];
  for (const [key, value] of Object.entries(resolved)) {
    if (!Number.isFinite(value) || value < 0) problems.push(`OCR limit ${key} must be a non-negative number (got ${String(value)}).`);
  }
  if (resolved.workers < 1) problems.push('OCR limit workers must be at least 1.');
  if (problems.length) throw new UsageError(problems);
  return resolved;
}

/**
 * OCR for one scan: the mode, the limits and the worker pool, started on first use (a scan with no
 * image never starts a thread). `close()` must be called when the scan ends; scan(), scanBuffer()
 * and scanStream() do.
 */
export class OcrRuntime {
  private engine: OcrEngine | undefined;

  constructor(
    readonly mode: OcrMode,
    readonly limits: Readonly<OcrLimits>,
  ) {}

  /** The OCR context of one input (file or archive member): its own page budget. */
  forInput(incomplete: (code: ReasonCode, message: string) => void, signal: AbortSignal, clock?: { pause(): void; resume(): void }): OcrContext {
    let pages = 0;
    const { mode, limits } = this;
    return {
      mode,
      limits,
      recognize: async (image: OcrImage, page: number): Promise<OcrPage | undefined> => {
        if (mode === 'never') {
          incomplete('needs-ocr', 'Text in images or scanned pages was not read because OCR is off (--ocr never).');
          return undefined;
        }
        if (pages >= limits.maxPages) {
          incomplete('needs-ocr', `Only the first ${limits.maxPages} pages were read with OCR (OCR page limit); the rest was not read.`);
          return undefined;
        }
        pages++;
        if (image.kind === 'pixels' && image.width * image.height > limits.maxImagePixels) {
          incomplete('needs-ocr', `Page ${page} is an image of ${megapixels(image.width * image.height)} megapixels, over the OCR limit of ${megapixels(limits.maxImagePixels)}; it was not read.`);
          return undefined;
        }
        signal.throwIfAborted();
        const prepared = prepareForOcr(image);
        this.engine ??= new OcrEngine(limits);
        // The file's time limit does not run while it waits for a free worker (engine/file-clock.ts).
        let waiting = true;
        const started = () => {
          if (waiting) clock?.resume();
          waiting = false;
        };
        clock?.pause();
        try {
          return await this.engine.recognize(prepared.bytes, prepared.scale, signal, started);
        } catch (error) {
          if (error instanceof OcrTimeout) {
            incomplete('timeout', `OCR of page ${page} took longer than ${limits.pageTimeoutMs / 1000} s (OCR page time limit); that page was not read.`);
            return undefined;
          }
          if (error instanceof OcrFailure) throw new ScanError(error.engine ? 'extractor-error' : 'corrupt', error.message, { cause: error });
          throw error;
        } finally {
          started();
        }
      },
    };
  }

  /** OCR worker threads running now (0 before the first image and after `close()`). */
  get workerCount(): number {
    return this.engine?.workerCount ?? 0;
  }

  /** Stops every OCR worker thread. Safe to call more than once; the pool starts again if used after. */
  async close(): Promise<void> {
    const engine = this.engine;
    this.engine = undefined;
    await engine?.close();
  }
}

function megapixels(pixels: number): string {
  return (pixels / 1e6).toFixed(pixels < 10e6 ? 1 : 0);
}

import type Tesseract from 'tesseract.js';
import type { OcrBox, OcrLimits, OcrLine, OcrPage } from '../model/ocr.js';
import { indonesianModel, languageDirectory } from './lang-data.js';

/**
 * The OCR worker pool: tesseract.js workers (worker threads running the WASM core), one per core,
 * shared by every file of a scan.
 *
 * Why our own pool rather than `createScheduler()`: a scheduler cannot stop one job, and a page
 * that hangs (or a file whose time is up) must free its worker. Here that worker is killed and a
 * fresh one takes its place. Workers are also replaced after `recycleAfterJobs` pages, because
 * WASM memory only grows and tesseract adapts to the words it has seen (for PHI, a reason not to
 * carry one patient's document into the next): ../shared/libraries.md §A4.
 *
 * Offline by construction: `langPath` is a folder on disk (the `@tesseract.js-data/eng` package),
 * `cacheMethod: 'none'` (nothing read from or written to the working directory), images are
 * passed as buffers (a string would be read as a path or fetched as a URL). The WASM core is
 * `require`d from the installed tesseract.js-core package. Proven by test/ocr-offline.test.ts,
 * which scans inside `unshare -n`.
 */
export class OcrEngine {
  private readonly idle: Slot[] = [];
  private readonly waiting: Waiter[] = [];
  private readonly all = new Set<Slot>();
  /** Rejecters of the jobs running now: `close()` ends them (a killed worker never answers). */
  private readonly running = new Set<(error: Error) => void>();
  private starting = 0;
  private closed = false;
  private module: Promise<typeof Tesseract> | undefined;

  constructor(private readonly limits: Readonly<OcrLimits>) {}

  /**
   * OCRs one image (PNG/JPEG/BMP/GIF/WebP bytes). Boxes are divided by `scale` (the factor the
   * image was enlarged by before OCR) so they are in the original image's pixels.
   * Rejects with `OcrTimeout` after `pageTimeoutMs`, with the signal's reason when it aborts.
   * `onStart` is called when a worker takes the page (waiting for one is over).
   */
  async recognize(image: Uint8Array, scale: number, signal: AbortSignal, onStart?: () => void): Promise<OcrPage> {
    const slot = await this.acquire(signal);
    onStart?.();
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    let cancel: ((error: Error) => void) | undefined;
    try {
      const stop = new Promise<never>((_, reject) => {
        // Unref'd: the busy worker thread keeps the process alive while a page is read, not the timer.
        timer = setTimeout(() => reject(new OcrTimeout(this.limits.pageTimeoutMs)), this.limits.pageTimeoutMs).unref();
        onAbort = () => reject(signal.reason ?? new Error('aborted'));
        signal.addEventListener('abort', onAbort, { once: true });
        cancel = reject;
        this.running.add(reject);
        if (signal.aborted) onAbort();
      });
      const job = slot.worker.recognize(Buffer.from(image.buffer, image.byteOffset, image.byteLength), {}, { text: false, blocks: true });
      job.catch(() => {});
      const result = await Promise.race([job, stop]);
      this.release(slot, true);
      return toPage(result.data, scale);
    } catch (error) {
      // A worker that timed out, was aborted or failed is killed rather than trusted again.
      this.release(slot, false);
      if (error instanceof OcrTimeout || signal.aborted) throw error;
      throw new OcrFailure(error);
    } finally {
      clearTimeout(timer);
      if (onAbort) signal.removeEventListener('abort', onAbort);
      if (cancel) this.running.delete(cancel);
    }
  }

  /** Terminates every worker. Called when a scan ends, so no thread keeps the process alive. */
  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.reject(new Error('The OCR engine was closed.'));
    for (const cancel of [...this.running]) cancel(new Error('The OCR engine was closed.'));
    const slots = [...this.all];
    this.all.clear();
    this.idle.length = 0;
    await Promise.all(slots.map((slot) => slot.worker.terminate().catch(() => {})));
  }

  /** Number of live workers (for tests). */
  get workerCount(): number {
    return this.all.size;
  }

  private acquire(signal: AbortSignal): Promise<Slot> {
    if (this.closed) return Promise.reject(new Error('The OCR engine was closed.'));
    signal.throwIfAborted();
    const slot = this.idle.pop();
    if (slot) return Promise.resolve(slot);
    return new Promise<Slot>((resolve, reject) => {
      const waiter: Waiter = {
        resolve: (s) => {
          signal.removeEventListener('abort', onAbort);
          resolve(s);
        },
        reject: (e) => {
          signal.removeEventListener('abort', onAbort);
          reject(e);
        },
      };
      const onAbort = () => {
        const index = this.waiting.indexOf(waiter);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(signal.reason ?? new Error('aborted'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
      this.grow();
    });
  }

  /** Starts another worker when jobs are waiting and the pool is below its size. */
  private grow(): void {
    const size = Math.max(1, this.limits.workers);
    if (this.closed || this.waiting.length <= this.starting || this.all.size + this.starting >= size) return;
    this.starting++;
    this.spawn().then(
      (slot) => {
        this.starting--;
        if (this.closed) {
          void slot.worker.terminate().catch(() => {});
          return;
        }
        this.all.add(slot);
        this.handOver(slot);
      },
      (error: unknown) => {
        this.starting--;
        // Without a worker nothing waiting can run: fail them all with the cause.
        const failure = new OcrFailure(error, 'The OCR engine could not start', true);
        for (const waiter of this.waiting.splice(0)) waiter.reject(failure);
      },
    );
  }

  private handOver(slot: Slot): void {
    const waiter = this.waiting.shift();
    if (waiter) waiter.resolve(slot);
    else this.idle.push(slot);
  }

  private release(slot: Slot, healthy: boolean): void {
    slot.jobs++;
    if (this.closed || !healthy || slot.jobs >= Math.max(1, this.limits.recycleAfterJobs)) {
      this.all.delete(slot);
      void slot.worker.terminate().catch(() => {});
      this.grow();
      return;
    }
    this.handOver(slot);
  }

  private async spawn(): Promise<Slot> {
    this.module ??= import('tesseract.js').then((m) => (m as { default?: typeof Tesseract }).default ?? (m as unknown as typeof Tesseract));
    const tesseract = await this.module;
    const ind = await indonesianModel();
    const langs = ['eng'];
    const worker = await tesseract.createWorker(langs, tesseract.OEM.LSTM_ONLY, {
      langPath: languageDirectory('eng'),
      gzip: true,
      cacheMethod: 'none',
      // Without a handler tesseract.js throws job errors from a message callback, which would crash the process.
      errorHandler: () => {},
      logger: () => {},
    });
    try {
      // `eng+ind` together: `ind` alone misreads the `+` of `+62` (../shared/libraries.md §G).
      // tesseract.js reads every model from the one `langPath`, so the Indonesian model (another
      // package) goes into the worker's in-memory file system; `langs` is tesseract.js's own list
      // of loaded languages, so `reinitialize` does not try to load `ind` from `langPath`. If a
      // future tesseract.js copies that list, reinitialize fails on a missing file (no network).
      await worker.FS('writeFile', ['ind.traineddata', ind]);
      langs.push('ind');
      await worker.reinitialize('eng+ind', tesseract.OEM.LSTM_ONLY);
      // Most images carry no resolution; without this tesseract warns and guesses 70 dpi.
      await worker.setParameters({ user_defined_dpi: '300' });
    } catch (error) {
      await worker.terminate().catch(() => {});
      throw error;
    }
    return { worker, jobs: 0 };
  }
}

interface Slot {
  worker: Tesseract.Worker;
  jobs: number;
}

interface Waiter {
  resolve(slot: Slot): void;
  reject(error: unknown): void;
}

/** A page took longer than `pageTimeoutMs`. */
export class OcrTimeout extends Error {
  constructor(readonly ms: number) {
    super(`OCR of one page took longer than ${ms / 1000} s.`);
    this.name = 'OcrTimeout';
  }
}

/** tesseract could not read the image or the engine failed. The message never carries page text. */
export class OcrFailure extends Error {
  /** True when the engine itself failed (could not start), not the image. */
  readonly engine: boolean;
  constructor(cause: unknown, prefix = 'The image could not be read by OCR (damaged or unusual file)', engine = false) {
    const detail = typeof cause === 'string' ? cause : cause instanceof Error ? cause.message : '';
    // Why the engine could not start helps an administrator (a missing model file); why one image
    // failed is library internals, kept in `cause` only. Cut short in any case.
    super(`${prefix}${engine && detail ? ` (${detail.replace(/^Error:\s*/, '').slice(0, 120)})` : ''}.`, { cause });
    this.name = 'OcrFailure';
    this.engine = engine;
  }
}

function box(b: Tesseract.Bbox, scale: number): OcrBox {
  const x = Math.round(b.x0 / scale);
  const y = Math.round(b.y0 / scale);
  return { x, y, width: Math.max(0, Math.round(b.x1 / scale) - x), height: Math.max(0, Math.round(b.y1 / scale) - y) };
}

/** tesseract's block tree → lines in reading order, boxes in original pixels. */
function toPage(page: Tesseract.Page, scale: number): OcrPage {
  const lines: OcrLine[] = [];
  for (const block of page.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const text = line.text.replace(/\s+$/, '');
        if (!text.trim()) continue;
        lines.push({
          text,
          bbox: box(line.bbox, scale),
          confidence: Math.round(line.confidence),
          words: line.words.map((w) => ({ text: w.text, bbox: box(w.bbox, scale), confidence: Math.round(w.confidence) })),
        });
      }
    }
  }
  return { lines, confidence: Math.round(page.confidence) };
}

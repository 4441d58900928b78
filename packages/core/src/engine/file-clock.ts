/**
 * The per-file time limit (`fileTimeoutMs`), with one difference from `AbortSignal.timeout`: it
 * can be paused. OCR pauses it while the file waits for a free OCR worker, so a file is not timed
 * out for standing in a queue behind other files' pages; the work itself is still bounded (this
 * limit while running, plus OCR's own per-page limit and page count).
 */
export class FileClock {
  private readonly controller = new AbortController();
  private remainingMs: number;
  private startedAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private pauses = 0;
  private stopped = false;

  constructor(limitMs: number) {
    this.remainingMs = limitMs;
    this.run();
  }

  /** Aborts (reason: a `TimeoutError` DOMException, as `AbortSignal.timeout`) when the time is up. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Stops the clock until a matching `resume()`; pauses nest. */
  pause(): void {
    if (this.pauses++ > 0 || this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.remainingMs -= Date.now() - this.startedAt;
  }

  resume(): void {
    if (this.pauses === 0) return;
    if (--this.pauses === 0) this.run();
  }

  /** The file is done: no more timer. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private run(): void {
    if (this.stopped || this.controller.signal.aborted) return;
    this.startedAt = Date.now();
    // Unref'd like AbortSignal.timeout: a pending limit never keeps the process alive by itself.
    this.timer = setTimeout(() => this.controller.abort(new DOMException('The file time limit was reached.', 'TimeoutError')), Math.max(0, this.remainingMs)).unref();
  }
}

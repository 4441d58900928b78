import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ScanLimits } from '../model/extractor.js';
import type { OcrLimits, OcrMode } from '../model/ocr.js';
import type { FileReport } from '../model/report.js';
import { UsageError } from '../model/errors.js';
import type { ConfidenceThreshold } from '../report/mask.js';
import type { ScanWorkers } from './options.js';

/** What every worker is started with (structured-cloneable). */
export interface WorkerInit {
  /** File URL of the caller's setup module. */
  setup: string;
  data: unknown;
  options: {
    fingerprintKey: Uint8Array;
    reveal: boolean;
    minConfidence: ConfidenceThreshold;
    limits: ScanLimits;
    scanFileNames: boolean;
    fileTimeoutMs: number;
    ocr?: OcrMode;
    ocrLimits: Partial<OcrLimits>;
  };
}

export type WorkerRequest =
  | { type: 'read'; id: number; path: string; size: number; directories: { path: string; name: string }[] }
  | { type: 'abort' }
  | { type: 'close' };

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'setup-failed'; message: string }
  | { type: 'done'; id: number; reports: FileReport[]; masked: [string, string][] }
  | { type: 'crashed'; id: number; message: string };

/** What reading one file in a worker gives back: its reports and the folders whose names were masked. */
export interface WorkerRead {
  reports: FileReport[];
  masked: [string, string][];
}

interface Job {
  id: number;
  path: string;
  size: number;
  directories: { path: string; name: string }[];
  started: number;
  resolve: (read: WorkerRead) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: Job | undefined;
  /** Stops a worker stuck on one file (a parser in an endless loop cannot see the file's own time limit). */
  deadline: NodeJS.Timeout | undefined;
  /** Fails the scan if the worker never gets ready (a setup module that never returns). */
  startup: NodeJS.Timeout | undefined;
}

/** A worker that has not built its detectors by then is not going to. */
const STARTUP_TIMEOUT_MS = 60_000;

const DEFAULT_MAX_HEAP_MB = 1024;

/**
 * The worker threads of one scan (`PathScanOptions.workers`). Files queue here and go to the
 * first idle worker; a worker that exits while reading a file (out of memory, a native crash)
 * gives that file a `failed` report and is replaced, so one hostile file never ends the scan.
 */
export class ScanWorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 0;
  private closing = false;
  private fatal: Error | undefined;
  private readonly maxHeapMb: number;
  private readonly hardDeadlineMs: number;
  private readonly entry: URL;
  private readonly init: WorkerInit;

  constructor(workers: ScanWorkers, options: WorkerInit['options']) {
    this.entry = workerEntry();
    this.maxHeapMb = workers.maxHeapMb ?? DEFAULT_MAX_HEAP_MB;
    // Twice the per-file limit: a file that honours it has long reported itself `timeout` by then.
    this.hardDeadlineMs = 2 * options.fileTimeoutMs + 1_000;
    const setup = workers.setup instanceof URL ? workers.setup.href : workers.setup.startsWith('file:') ? workers.setup : pathToFileURL(workers.setup).href;
    // OCR threads are shared out: each worker runs its own OCR pool.
    const ocrWorkers = options.ocrLimits.workers ?? Math.max(1, Math.floor(availableParallelism() / workers.count));
    this.init = { setup, data: workers.data, options: { ...options, ocrLimits: { ...options.ocrLimits, workers: ocrWorkers } } };
    for (let i = 0; i < workers.count; i++) this.slots.push(this.spawn());
  }

  /** Reads one file in a worker. Rejects only when the workers cannot start at all (their setup failed). */
  read(path: string, size: number, directories: { path: string; name: string }[]): Promise<WorkerRead> {
    if (this.fatal) return Promise.reject(this.fatal);
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, path, size, directories, started: 0, resolve, reject });
      this.dispatch();
    });
  }

  /** Tells every worker to stop reading (the scan's signal fired); files in progress end `aborted`. */
  abort(): void {
    for (const slot of this.slots) slot.worker.postMessage({ type: 'abort' } satisfies WorkerRequest);
  }

  /** Stops the workers (and their OCR pools); waits a moment for a clean exit, then terminates. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(
      this.slots.map(async ({ worker }) => {
        const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
        worker.postMessage({ type: 'close' } satisfies WorkerRequest);
        const timer = setTimeout(() => void worker.terminate(), 5_000);
        await exited;
        clearTimeout(timer);
      }),
    );
  }

  private spawn(): Slot {
    const worker = new Worker(this.entry, { workerData: this.init, execArgv: builtCodeExecArgv(), resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb } });
    const slot: Slot = { worker, ready: false, job: undefined, deadline: undefined, startup: undefined };
    slot.startup = setTimeout(() => this.fail(new Error(`A scan worker did not start within ${STARTUP_TIMEOUT_MS / 1000} s (its setup module did not return).`)), STARTUP_TIMEOUT_MS);
    slot.startup.unref();
    worker.on('message', (reply: WorkerReply) => this.onReply(slot, reply));
    let failure: Error | undefined;
    worker.on('error', (error) => (failure = error));
    worker.on('exit', (code) => this.onExit(slot, code, failure));
    return slot;
  }

  private onReply(slot: Slot, reply: WorkerReply): void {
    if (reply.type === 'ready') {
      slot.ready = true;
      clearTimeout(slot.startup);
    } else if (reply.type === 'setup-failed') {
      this.fail(new UsageError(`The scan workers could not build their detectors: ${reply.message}`));
      return;
    } else {
      const job = slot.job;
      slot.job = undefined;
      clearTimeout(slot.deadline);
      if (job && job.id === reply.id) {
        job.resolve(reply.type === 'done' ? { reports: reply.reports, masked: reply.masked } : { reports: [crashReport(job, 'it stopped on an unexpected error')], masked: [] });
      }
    }
    this.dispatch();
  }

  private onExit(slot: Slot, code: number, failure: Error | undefined): void {
    clearTimeout(slot.startup);
    clearTimeout(slot.deadline);
    const index = this.slots.indexOf(slot);
    if (index === -1) return;
    const job = slot.job;
    slot.job = undefined;
    if (job) {
      const outOfMemory = (failure as { code?: string } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
      job.resolve({ reports: [crashReport(job, outOfMemory ? `it needed more than the ${this.maxHeapMb} MiB of memory a worker may use` : `the worker exited with code ${code}`)], masked: [] });
    }
    if (this.closing || this.fatal) return;
    if (!slot.ready && !job) {
      // Died before it was ready, without a setup message: it will not start any better next time.
      this.fail(new Error(`A scan worker could not start${failure ? `: ${failure.message}` : ` (exit code ${code})`}.`));
      return;
    }
    this.slots[index] = this.spawn();
    this.dispatch();
  }

  /**
   * A file still being read long after its own time limit should have ended it: the worker is
   * stuck in code that never yields (a parser looping on a hostile file). It is stopped, the file
   * fails with what happened, and a new worker takes the next file.
   */
  private stopStuck(slot: Slot, job: Job): void {
    if (slot.job !== job) return;
    slot.job = undefined;
    job.resolve({ reports: [crashReport(job, `it was still reading after ${Math.round(this.hardDeadlineMs / 1000)} s, past the per-file time limit, and was stopped`)], masked: [] });
    void slot.worker.terminate();
  }

  private fail(error: Error): void {
    if (this.fatal) return;
    this.fatal = error;
    for (const slot of this.slots) {
      clearTimeout(slot.startup);
      clearTimeout(slot.deadline);
    }
    for (const job of this.queue.splice(0)) job.reject(error);
    for (const slot of this.slots) {
      slot.job?.reject(error);
      slot.job = undefined;
    }
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.job || this.queue.length === 0) continue;
      const job = this.queue.shift()!;
      job.started = Date.now();
      slot.job = job;
      slot.deadline = setTimeout(() => this.stopStuck(slot, job), this.hardDeadlineMs);
      slot.worker.postMessage({ type: 'read', id: job.id, path: job.path, size: job.size, directories: job.directories } satisfies WorkerRequest);
    }
  }
}

/**
 * The parent's Node flags without export conditions: a test runner that resolves packages to their
 * TypeScript sources (`--conditions source`) would send the worker, which runs built JavaScript,
 * to files it cannot load.
 */
function builtCodeExecArgv(): string[] {
  const out: string[] = [];
  const args = process.execArgv;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--conditions' || arg === '-C') i++;
    else if (!arg.startsWith('--conditions=')) out.push(arg);
  }
  return out;
}

/** A file whose worker stopped while reading it: failed, with what happened, nothing of its content. */
function crashReport(job: Job, what: string): FileReport {
  return {
    path: job.path,
    size: job.size,
    format: 'not-read',
    status: 'failed',
    reason: 'extractor-error',
    reasonMessage: `The worker reading this file stopped (${what}), so its content was not checked. The file may be damaged or hostile; the scan went on.`,
    issues: [],
    findings: [],
    findingCount: 0,
    countsByDetector: {},
    durationMs: job.started ? Date.now() - job.started : 0,
    bytesRead: 0,
  };
}

/**
 * The worker's entry file. From the built package it sits next to this code in `dist/`; from the
 * sources (tests) the built one is used too, since a worker thread runs plain JavaScript.
 */
function workerEntry(): URL {
  const here = import.meta.url;
  const entry = here.endsWith('.ts') ? new URL('../../dist/scan-worker.js', here) : new URL('./scan-worker.js', here);
  if (!existsSync(fileURLToPath(entry))) throw new UsageError(`Scan workers need the built @saring/core (${fileURLToPath(entry)} is missing): run pnpm -r build.`);
  return entry;
}

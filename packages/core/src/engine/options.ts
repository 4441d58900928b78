import type { Detector } from '../model/detector.js';
import type { FileClassifier } from '../model/classification.js';
import type { Extractor, ScanLimits } from '../model/extractor.js';
import type { Stats } from 'node:fs';
import type { FileReport, Finding } from '../model/report.js';
import type { OcrLimits, OcrMode } from '../model/ocr.js';
import type { OcrRuntime } from '../ocr/runtime.js';
import type { ConfidenceThreshold } from '../report/mask.js';

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<ScanLimits> = Object.freeze({
  maxFileBytes: 256 * MiB,
  maxArchiveDepth: 8,
  maxArchiveMembers: 10_000,
  maxExpandedBytes: 400 * MiB,
  maxCompressionRatio: 100,
  maxMemberBytes: 100 * MiB,
  maxFindingsPerFile: 1_000,
});

/** Options shared by every way of scanning (paths, buffers, streams). */
export interface ScanOptions {
  /** The detectors to run, e.g. `allDetectors` from `@saring/detectors` plus your own. */
  detectors: readonly Detector[];
  /**
   * Document classifiers run at the end of every file and archive member, e.g. `allClassifiers`
   * from `@saring/detectors`. Without them files still get their UU PDP label, people count and
   * risk (`classification`), but no document classes.
   */
  classifiers?: readonly FileClassifier[];
  /** Extra extractors, tried before the built-in ones for the formats they declare. */
  extractors?: readonly Extractor[];
  /** Findings below this confidence are not reported. Default `medium`. */
  minConfidence?: ConfidenceThreshold;
  /** Put raw values in findings (`value`). Default false: only masked values. */
  reveal?: boolean;
  /**
   * Key for finding fingerprints (HMAC-SHA256). Default: the installation key from
   * `loadOrCreateKey()` (created once with mode 0600 under ~/.config/saring).
   */
  fingerprintKey?: Uint8Array | string;
  limits?: Partial<ScanLimits>;
  /** Stops the scan; files not yet read are not reported, the summary says `aborted`. */
  signal?: AbortSignal;
  /** Files read at the same time. Default 4. */
  concurrency?: number;
  /** Run the detectors over file and folder names too. Default true. */
  scanFileNames?: boolean;
  /** Per-file time limit in milliseconds; a file over it is `incomplete` with reason `timeout`. Default 120 000. */
  fileTimeoutMs?: number;
  /**
   * Called with every finding as soon as it is final (masked unless `reveal`), before the file is
   * done, with the path of the file (or archive member) it is in. Lets a caller act early, e.g. a
   * gate that aborts `signal` once a blocking finding is certain (`stopAtFirst`). Must not throw.
   */
  onFinding?: (finding: Finding, path: string) => void;
  /**
   * When to read text from pixels with OCR (CLI `--ocr`): `auto` (default) images, PDF pages
   * without a text layer and DICOM frames flagged as burned-in; `always` also PDF pages with a text
   * layer and every uncompressed DICOM frame; `never` no OCR (those files are `incomplete`,
   * reason `needs-ocr`). OCR is offline: models from the `@tesseract.js-data/*` packages on disk.
   */
  ocr?: OcrMode;
  /**
   * OCR pool and limits (model/ocr.ts `OcrLimits`): `pageTimeoutMs` (default 120 000), `maxPages`
   * per document (50), `workers` (one per core), `recycleAfterJobs` (50), `maxImagePixels` (50 M).
   * OCR is slow (about 1–3 s per page per core): raise `fileTimeoutMs` for long scanned PDFs.
   */
  ocrLimits?: Partial<OcrLimits>;
  /**
   * An OCR pool shared by many scans, e.g. a server calling `scanBuffer` for every upload, which
   * would otherwise start and stop OCR workers per request: `new OcrRuntime('auto',
   * resolveOcrLimits({}))`. The scan then ignores `ocr` and `ocrLimits` and does not close it: the
   * caller does (`await pool.close()`) at shutdown. Workers are still recycled after
   * `recycleAfterJobs` pages, and each input keeps its own page budget.
   */
  ocrPool?: OcrRuntime;
}

/**
 * Reading files in worker threads (CLI `--workers`): each worker holds its own copy of the
 * detectors, built by a setup module, and reads one file at a time; reports come back in walk
 * order as without workers. A worker that dies on a hostile file (over its memory limit, a crash in
 * a parsing library) fails that file alone; a new worker takes over.
 */
export interface ScanWorkers {
  /** Worker threads; 1 or less reads every file in this thread. */
  count: number;
  /**
   * A module (file URL or absolute path) exporting `createScanOptions(data)`, which returns (or
   * resolves to) the `detectors`, `classifiers` and `extractors` each worker uses: the same ones
   * as this scan's, since functions cannot cross threads. Everything else (limits, key, reveal,
   * threshold, OCR settings) is passed from this scan.
   */
  setup: string | URL;
  /** Structured-cloneable data for `createScanOptions` (e.g. a config path). */
  data?: unknown;
  /** V8 heap limit per worker in MiB; a file that needs more fails alone. Default 1024. */
  maxHeapMb?: number;
}

/** What a `ScanWorkers.setup` module returns. */
export type WorkerScanSetup = Pick<ScanOptions, 'detectors' | 'classifiers' | 'extractors'>;

/** Options for walking paths. */
export interface PathScanOptions extends ScanOptions {
  /** Read files in worker threads (see `ScanWorkers`). Not combinable with `onFinding`. */
  workers?: ScanWorkers;
  /** Follow symbolic links (loops are detected). Default false. */
  followSymlinks?: boolean;
  /** gitignore-style patterns to leave out. */
  exclude?: readonly string[];
  /** gitignore-style patterns; if given, only matching files are scanned. */
  include?: readonly string[];
  /** Honour `.saringignore` files. Default true. */
  useIgnoreFiles?: boolean;
  /**
   * Incremental rescans (CLI `--state`): asked for every walked file before it is opened, with
   * its `lstat`/`stat` result. Return the reports of an earlier scan of the same unchanged file
   * (its archive members first, the file's own report last, paths as that scan reported them) to
   * use them instead of reading the file: the file is not opened, and its folder names are not
   * re-scanned (folder masks are taken from the reused paths). Return undefined to read the file.
   * Findings of reused reports are not passed to `onFinding`.
   */
  reuse?: (path: string, stats: Stats) => readonly FileReport[] | undefined | Promise<readonly FileReport[] | undefined>;
  /**
   * Called once per walked regular file, in walk order, with its final reports (members first, the
   * file last: the same objects that are then yielded) and whether they were `reuse`d. Lets a
   * caller map reports back to the real path and its stats (e.g. to record them for `reuse`).
   * Must not throw.
   */
  onFileDone?: (path: string, stats: Stats, reports: readonly FileReport[], reused: boolean) => void;
}

export function resolveLimits(limits: Partial<ScanLimits> | undefined): ScanLimits {
  const resolved = { ...DEFAULT_LIMITS, ...limits };
  for (const [key, value] of Object.entries(resolved)) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`Limit ${key} must be a non-negative number (got ${String(value)}).`);
  }
  return resolved;
}

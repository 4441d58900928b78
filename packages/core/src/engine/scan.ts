import type { Stats } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Readable } from 'node:stream';
import type { Detector, Severity } from '../model/detector.js';
import type { Extractor } from '../model/extractor.js';
import type { FileReport, ScanEvent, ScanSummary } from '../model/report.js';
import { UsageError } from '../model/errors.js';
import { defaultExtractors } from '../extract/index.js';
import { loadOrCreateKey, parseKey } from '../report/fingerprint.js';
import { minScoreOf } from '../report/mask.js';
import { SummaryBuilder } from '../report/summary.js';
import { BufferSource, FileSource, StreamSource } from '../walk/sources.js';
import { walk, type WalkEntry } from '../walk/walker.js';
import { DetectionPlan } from './detection.js';
import { classifierKeys } from './file-evidence.js';
import { scanInput, type FileScanDeps, type PendingInput } from './file-scan.js';
import { resolveLimits, type PathScanOptions, type ScanOptions } from './options.js';
import { OcrRuntime, resolveOcrLimits, resolveOcrMode } from '../ocr/runtime.js';
import { ScanWorkerPool } from './worker-pool.js';

/** Everything a finished scan produced, for callers that do not stream. */
export interface ScanResult {
  files: FileReport[];
  summary: ScanSummary;
}

/** The engine's view of a scan's options (also built by each scan worker, scan-worker.ts). */
export function resolveDeps(options: ScanOptions): FileScanDeps {
  if (!options || !Array.isArray(options.detectors)) throw new UsageError('scan() needs options.detectors, e.g. allDetectors from @saring/detectors.');
  const key = typeof options.fingerprintKey === 'string' ? parseKey(options.fingerprintKey) : options.fingerprintKey ?? loadOrCreateKey();
  return {
    plan: new DetectionPlan(options.detectors),
    extractors: [...(options.extractors ?? []), ...defaultExtractors],
    limits: resolveLimits(options.limits),
    key,
    reveal: options.reveal ?? false,
    minScore: minScoreOf(options.minConfidence ?? 'medium'),
    scanFileNames: options.scanFileNames ?? true,
    fileTimeoutMs: options.fileTimeoutMs ?? 120_000,
    signal: options.signal,
    onFinding: options.onFinding,
    classifiers: options.classifiers ?? [],
    classifierKeys: classifierKeys(options.classifiers ?? []),
    ocr: options.ocrPool ?? new OcrRuntime(resolveOcrMode(options.ocr), resolveOcrLimits(options.ocrLimits)),
  };
}

function severityLookup(detectors: readonly Detector[]): (id: string) => Severity | undefined {
  const map = new Map(detectors.map((d) => [d.id, d.meta.severity]));
  return (id) => map.get(id);
}

/** The reports of one walk entry; `source` for regular files (read or reused), for `onFileDone`. */
interface Batch {
  reports: FileReport[];
  source?: { path: string; stats: Stats; reused: boolean };
}

/** A walk entry that needs no reading becomes its report right away. */
function reportWithoutReading(entry: Exclude<WalkEntry, { kind: 'file' } | { kind: 'excluded' }>): FileReport {
  return {
    path: entry.path,
    size: 0,
    format: 'not-read',
    status: entry.kind,
    reason: entry.reason,
    reasonMessage: entry.message,
    issues: [],
    findings: [],
    findingCount: 0,
    countsByDetector: {},
    durationMs: 0,
    bytesRead: 0,
  };
}

/**
 * Scans files, folders and glob patterns. Yields one `file` event per file (archive members
 * first, then their archive), in walk order, then one `summary` event. Files are read a few at a
 * time (`concurrency`); memory stays bounded however many files there are.
 *
 * ```ts
 * import { scan } from '@saring/core';
 * import { allDetectors } from '@saring/detectors';
 * for await (const event of scan(['/srv/share'], { detectors: allDetectors })) {
 *   if (event.type === 'file' && event.file.findingCount) console.log(event.file.path);
 * }
 * ```
 */
export async function* scan(paths: readonly string[], options: PathScanOptions): AsyncGenerator<ScanEvent, void, undefined> {
  const deps = resolveDeps(options);
  // OCR worker threads would keep the process alive: stop them when the scan ends, also when
  // the caller stops iterating early.
  try {
    yield* scanPaths(paths, options, deps);
  } finally {
    if (!options.ocrPool) await deps.ocr?.close();
  }
}

async function* scanPaths(paths: readonly string[], options: PathScanOptions, deps: FileScanDeps): AsyncGenerator<ScanEvent, void, undefined> {
  const pool = startWorkers(options, deps);
  const stopWorkers = () => pool?.abort();
  options.signal?.addEventListener('abort', stopWorkers);
  try {
    yield* walkAndRead(paths, options, deps, pool);
  } finally {
    options.signal?.removeEventListener('abort', stopWorkers);
    await pool?.close();
  }
}

/** The scan's worker threads, when it asked for more than one (`PathScanOptions.workers`). */
function startWorkers(options: PathScanOptions, deps: FileScanDeps): ScanWorkerPool | undefined {
  const workers = options.workers;
  if (!workers || workers.count <= 1) return undefined;
  if (!Number.isInteger(workers.count)) throw new UsageError(`workers.count must be a whole number (got ${String(workers.count)}).`);
  if (options.onFinding) throw new UsageError('onFinding cannot be used with workers: findings are made in the worker threads. Use one thread, or read the file reports.');
  return new ScanWorkerPool(workers, {
    fingerprintKey: deps.key,
    reveal: deps.reveal,
    minConfidence: options.minConfidence ?? 'medium',
    limits: deps.limits,
    scanFileNames: deps.scanFileNames,
    fileTimeoutMs: deps.fileTimeoutMs,
    ...(options.ocr ? { ocr: options.ocr } : {}),
    ocrLimits: { ...options.ocrLimits },
  });
}

async function* walkAndRead(paths: readonly string[], options: PathScanOptions, deps: FileScanDeps, pool: ScanWorkerPool | undefined): AsyncGenerator<ScanEvent, void, undefined> {
  const summary = new SummaryBuilder();
  const severityOf = severityLookup(options.detectors);
  // With workers, enough files are queued to keep every one of them busy.
  const concurrency = Math.max(1, options.concurrency ?? 4, pool ? 2 * (options.workers?.count ?? 1) : 1);
  const foldersSeen = new Set<string>();
  const roots = new Set(paths.map((p) => p.replace(/\/+$/, '')));
  /** Folders whose names hold PHI -> their masked names; applied to every reported path under them. */
  const maskedFolders = new Map<string, string>();
  const maskFolders = (path: string): string => {
    if (maskedFolders.size === 0) return path;
    let out = path;
    for (const [folder, masked] of maskedFolders) {
      if (out.startsWith(`${folder}/`)) out = `${dirname(folder)}/${masked}${out.slice(folder.length)}`;
    }
    return out;
  };

  // Each walked file becomes a promise of its reports; results are yielded in walk order.
  const queue: Promise<Batch>[] = [];
  const entries = walk(paths, {
    followSymlinks: options.followSymlinks ?? false,
    exclude: options.exclude ?? [],
    include: options.include ?? [],
    useIgnoreFiles: options.useIgnoreFiles ?? true,
    ...(options.signal ? { signal: options.signal } : {}),
  });

  const start = (entry: WalkEntry): Promise<Batch> | undefined => {
    if (entry.kind === 'excluded') return undefined;
    if (entry.kind !== 'file') return Promise.resolve({ reports: [reportWithoutReading(entry)] });
    // Folder names are scanned once per folder, with the first file found under them; the roots
    // the user named are theirs, not findings. Bounded: past 100,000 folders names are not tracked.
    const directories: { path: string; name: string }[] = [];
    for (let folder = dirname(entry.path); !roots.has(folder) && folder !== dirname(folder) && !foldersSeen.has(folder); folder = dirname(folder)) {
      if (foldersSeen.size >= 100_000) break;
      foldersSeen.add(folder);
      directories.unshift({ path: folder, name: basename(folder) });
    }
    const { path, stats } = entry;
    if (options.reuse) {
      return Promise.resolve(options.reuse(path, stats)).then((reused) => {
        if (!reused || reused.length === 0) return read(path, stats.size, directories).then((reports) => ({ reports, source: { path, stats, reused: false } }));
        learnFolderMasks(path, reused[reused.length - 1]!.path);
        return { reports: [...reused], source: { path, stats, reused: true } };
      });
    }
    return read(path, stats.size, directories).then((reports) => ({ reports, source: { path, stats, reused: false } }));
  };

  /** Folder masks from a reused report: where its reported folders differ from the real ones, they were masked. */
  const learnFolderMasks = (real: string, reported: string): void => {
    const realParts = dirname(real).split('/');
    const reportedParts = dirname(reported.split('!')[0]!).split('/');
    if (realParts.length !== reportedParts.length) return;
    for (let i = 1; i < realParts.length; i++) {
      if (realParts[i] !== reportedParts[i]) maskedFolders.set(realParts.slice(0, i + 1).join('/'), reportedParts[i]!);
    }
  };

  const read = (path: string, size: number, directories: { path: string; name: string }[]): Promise<FileReport[]> => {
    if (pool) {
      return pool.read(path, size, directories).then(({ reports, masked }) => {
        for (const [folder, name] of masked) maskedFolders.set(folder, name);
        return reports;
      });
    }
    return scanFile(path, size, directories, deps, (folder, masked) => maskedFolders.set(folder, masked));
  };

  const drain = function* ({ reports, source }: Batch): Generator<ScanEvent> {
    const files = reports.map((report) => (options.reveal ? report : { ...report, path: maskFolders(report.path) }));
    if (source) options.onFileDone?.(source.path, source.stats, files, source.reused);
    for (const file of files) {
      summary.add(file, severityOf);
      yield { type: 'file', file };
    }
  };

  for await (const entry of entries) {
    const pending = start(entry);
    if (!pending) continue;
    // Awaited in order below; if one fails the scan stops there, and the rest must not go unhandled.
    pending.catch(() => {});
    queue.push(pending);
    while (queue.length >= concurrency) yield* drain(await queue.shift()!);
    if (options.signal?.aborted) break;
  }
  while (queue.length) yield* drain(await queue.shift()!);
  yield { type: 'summary', summary: summary.finish(options.signal?.aborted ?? false) };
}

/**
 * Reads one walked file: its archive members' reports first, its own last. Told the masked name
 * of each folder whose name holds PHI. Shared by `scan()` and its worker threads (scan-worker.ts).
 */
export async function scanFile(
  path: string,
  size: number,
  directories: { path: string; name: string }[],
  deps: FileScanDeps,
  onMaskedDirectory: (folder: string, masked: string) => void,
): Promise<FileReport[]> {
  const reports: FileReport[] = [];
  const input: PendingInput = { path, name: basename(path), directories, onMaskedDirectory, size, depth: 0, open: () => FileSource.open(path), budget: { expandedBytes: 0 } };
  const report = await scanInput(input, deps, (member) => reports.push(member));
  return [...reports, report];
}

/** Options for scanning bytes that are not a file on disk. */
export interface InputScanOptions extends ScanOptions {
  /** The file name, used as a format hint and scanned as PHI like any file name. */
  filename?: string;
}

async function scanOne(name: string, size: number | undefined, open: PendingInput['open'], options: InputScanOptions): Promise<ScanResult> {
  const deps = resolveDeps(options);
  const summary = new SummaryBuilder();
  const severityOf = severityLookup(options.detectors);
  const files: FileReport[] = [];
  let report: FileReport;
  try {
    report = await scanInput({ path: name, name: basename(name), size, depth: 0, open, budget: { expandedBytes: 0 } }, deps, (member) => files.push(member));
  } finally {
    if (!options.ocrPool) await deps.ocr?.close();
  }
  files.push(report);
  for (const file of files) summary.add(file, severityOf);
  return { files, summary: summary.finish(options.signal?.aborted ?? false) };
}

/**
 * Scans bytes already in memory (an upload, a message body). The report for the buffer itself
 * is the last in `files`; archive members come before it.
 */
export function scanBuffer(bytes: Uint8Array, options: InputScanOptions): Promise<ScanResult> {
  const name = options.filename ?? 'buffer';
  return scanOne(name, bytes.byteLength, async () => new BufferSource(bytes), options);
}

/** Scans a Node stream as it arrives, without holding it in memory. */
export function scanStream(stream: Readable | AsyncIterable<Uint8Array>, options: InputScanOptions & { size?: number }): Promise<ScanResult> {
  const name = options.filename ?? 'stream';
  return scanOne(name, options.size, () => StreamSource.from(stream, options.size), options);
}

/** Collects a scan's events into files and summary. */
export async function collect(events: AsyncIterable<ScanEvent>): Promise<ScanResult> {
  const files: FileReport[] = [];
  let summary: ScanSummary | undefined;
  for await (const event of events) {
    if (event.type === 'file') files.push(event.file);
    else summary = event.summary;
  }
  if (!summary) throw new Error('The scan ended without a summary.');
  return { files, summary };
}

export type { Extractor };

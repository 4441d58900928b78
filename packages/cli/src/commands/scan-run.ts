import { resolve } from 'node:path';
import { isUnread, meetsFailThreshold, scan, SummaryBuilder, UsageError, type FileReport, type ScanSummary } from '@saring/core';
import type { CliIO } from '../io.js';
import { Progress, type ProgressMode } from '../progress/progress.js';
import { hashFile, StateDb } from '../state/state-db.js';
import { isSensitive } from '../reporters/stats.js';
import type { PreparedScan } from './scan-setup.js';

/** Pending content hashes (state) allowed before the scan waits for one. */
const MAX_PENDING_HASHES = 16;

export interface ScanRunOptions {
  /** `--state FILE`: reuse results of unchanged files and record this scan. */
  statePath?: string;
  progressMode: ProgressMode;
  showPaths: boolean;
  /** Called with each report as it is final: path relative to the working directory, filtered. */
  onFile(file: FileReport): void;
}

export interface ScanRunResult {
  summary: ScanSummary;
  anyFailing: boolean;
  anyIncomplete: boolean;
  /** Files whose stored results were used without reading them. */
  reused: number;
}

/** Only files read completely are remembered: a failed or cut file is read again next time. */
function reusable(reports: readonly FileReport[]): boolean {
  return reports.every((r) => r.status === 'scanned' || (r.status === 'skipped' && (r.reason === 'too-large' || r.reason === 'unsupported-format')));
}

/** Paths are resolved against the CLI's working directory but reported relative to it. */
export function displayPath(path: string, io: CliIO): string {
  const prefix = io.cwd.endsWith('/') ? io.cwd : `${io.cwd}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

/**
 * Runs a prepared scan: progress on stderr, results of unchanged files reused from the state
 * database, reports filtered (baseline, suppressions, allow-list) and handed to `onFile` in
 * walk order. The summary is rebuilt from what is reported, so its counts match the report.
 */
export async function runPreparedScan(prepared: PreparedScan, io: CliIO, options: ScanRunOptions): Promise<ScanRunResult> {
  const startedAt = new Date().toISOString();
  let state: StateDb | undefined;
  if (options.statePath) {
    try {
      state = StateDb.open(resolve(io.cwd, options.statePath), prepared.key);
      state.beginScan(startedAt, prepared.inputs.map((p) => displayPath(p, io)).join(' '), prepared.configDigest);
    } catch (error) {
      state?.close();
      // e.g. "database is locked": another scan is writing to the same state file.
      throw new UsageError(`--state ${options.statePath}: the state database cannot be opened: ${(error as Error).message}`);
    }
  }
  const progress = new Progress(io.stderr, options.progressMode, { showPaths: options.showPaths, severityOf: prepared.severityOf });
  const scanOptions = prepared.scanOptions;
  progress.countAhead(prepared.inputs, {
    followSymlinks: scanOptions.followSymlinks ?? false,
    exclude: scanOptions.exclude ?? [],
    include: scanOptions.include ?? [],
    useIgnoreFiles: scanOptions.useIgnoreFiles ?? true,
  });

  const realPathOf = new WeakMap<FileReport, string>();
  const pendingHashes = new Set<Promise<void>>();
  let reused = 0;

  const hooks: Pick<typeof scanOptions, 'reuse' | 'onFileDone'> = {
    onFileDone(path, stats, reports, wasReused) {
      progress.fileDone(stats.size);
      for (const report of reports) realPathOf.set(report, path);
      if (!state) return;
      if (wasReused) {
        reused++;
        return;
      }
      if (!reusable(reports)) return;
      const snapshot = { size: stats.size, mtimeMs: stats.mtimeMs, ino: stats.ino };
      // Hash only what the scan read whole (it is in the page cache): a DICOM series read up to its
      // pixel data, or a file skipped for its size, is not read a second time just to hash it.
      if (reports[reports.length - 1]!.bytesRead < stats.size) {
        state.record(path, snapshot, undefined, prepared.configDigest, reports);
        return;
      }
      const pending: Promise<void> = hashFile(path)
        .then(
          (hash) => state.record(path, snapshot, hash, prepared.configDigest, reports),
          () => state.record(path, snapshot, undefined, prepared.configDigest, reports),
        )
        .finally(() => pendingHashes.delete(pending));
      pendingHashes.add(pending);
    },
  };
  if (state) {
    hooks.reuse = async (path, stats) => {
      const stored = state.lookup(path, stats, prepared.configDigest);
      const carry = (reports: FileReport[]) => reports.map((r) => ({ ...r, bytesRead: 0, durationMs: 0 }));
      if (stored) return carry(stored);
      // Metadata changed but the size did not (a copy that reset mtimes, a touch): compare content hashes.
      const byHash = state.storedHash(path, prepared.configDigest);
      if (!byHash || byHash.reports[byHash.reports.length - 1]?.size !== stats.size) return undefined;
      const hash = await hashFile(path).catch(() => undefined);
      if (hash !== byHash.hash) return undefined;
      state.record(path, stats, hash, prepared.configDigest, byHash.reports);
      return carry(byHash.reports);
    };
  }

  const summary = new SummaryBuilder();
  let engineSummary: ScanSummary | undefined;
  let anyFailing = false;
  let anyIncomplete = false;
  try {
    for await (const event of scan(prepared.inputs, { ...scanOptions, ...hooks })) {
      if (event.type === 'summary') {
        engineSummary = event.summary;
        continue;
      }
      const realPath = realPathOf.get(event.file);
      const file = prepared.filter.apply({ ...event.file, path: displayPath(event.file.path, io) });
      progress.report(file, file.path);
      summary.add(file, prepared.severityOf);
      if (file.findingCount > 0 && meetsFailThreshold(file, prepared.failOn)) anyFailing = true;
      if (isUnread(file)) anyIncomplete = true;
      if (state && realPath && isSensitive(file)) state.sensitive(realPath, event.file, file.classification?.label ?? 'personal');
      options.onFile(file);
      if (pendingHashes.size >= MAX_PENDING_HASHES) await Promise.race(pendingHashes);
    }
    if (!engineSummary) throw new Error('The scan ended without a summary.');
    await Promise.all(pendingHashes);
    const result = summary.finish(engineSummary.aborted);
    state?.finishScan({
      finishedAt: new Date().toISOString(),
      files: result.filesSeen,
      sensitive: result.filesWithFindings,
      findings: result.findings,
      reused,
      bytesRead: result.bytesRead,
      durationMs: result.durationMs,
      aborted: result.aborted,
    });
    if (result.aborted) anyIncomplete = true;
    return { summary: result, anyFailing, anyIncomplete, reused };
  } finally {
    progress.stop();
    await Promise.allSettled(pendingHashes);
    state?.close();
  }
}

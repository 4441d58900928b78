import { chmodSync, closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { Command } from 'commander';
import { CONFIDENCE_LEVELS, DetectionPlan, UsageError, isUnread, loadOrCreateKey, parseKey, scan, type Detector, type FileReport, type PathScanOptions, type ScanSummary } from '@saring/core';
import { allDetectors } from '@saring/detectors';
import type { CliIO } from '../io.js';
import { EXIT, exitCodeFor, hasFailingFinding, parseFailOn } from '../exit-codes.js';
import { loadDetectorModule } from '../load-detectors.js';
import { jsonReport } from '../reporters/json.js';
import { jsonlFile, jsonlMeta, jsonlSummary } from '../reporters/jsonl.js';
import { prettyFile, prettySummary } from '../reporters/pretty.js';
import { parseSize } from '../parse-size.js';
import { VERSION } from '../version.js';

export const FORMATS = ['pretty', 'json', 'jsonl'] as const;
export type Format = (typeof FORMATS)[number];

export interface ScanCommandOptions {
  format: string;
  reveal?: boolean;
  minConfidence: string;
  failOn: string;
  exclude?: string[];
  include?: string[];
  maxFileSize?: string;
  detectors?: string[];
  followSymlinks?: boolean;
  ignoreFiles: boolean;
  fileNames: boolean;
  concurrency?: string;
  fingerprintKeyFile?: string;
  output?: string;
  color: boolean;
}

/** Where report text goes: stdout, or a file created with mode 0600 (reports describe PHI). */
interface Sink {
  write(text: string): void;
  close(): void;
}

function openSink(io: CliIO, output: string | undefined): Sink {
  if (!output) return { write: (t) => void io.stdout.write(t), close: () => {} };
  const path = isAbsolute(output) ? output : resolve(io.cwd, output);
  const fd = openSync(path, 'w', 0o600);
  chmodSync(path, 0o600);
  return { write: (t) => void writeSync(fd, t), close: () => closeSync(fd) };
}

function resolveKey(options: ScanCommandOptions, io: CliIO): Uint8Array {
  if (options.fingerprintKeyFile) return parseKey(readFileSync(resolve(io.cwd, options.fingerprintKeyFile), 'utf8'));
  const fromEnv = io.env.SARING_FINGERPRINT_KEY;
  if (fromEnv) return parseKey(fromEnv);
  return loadOrCreateKey();
}

function useColor(options: ScanCommandOptions, io: CliIO, toFile: boolean): boolean {
  if (toFile || !options.color) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return Boolean(io.stdout.isTTY) && io.env.TERM !== 'dumb';
}

/** `saring scan <paths...>`: validates everything first, then streams the report. */
export async function runScan(paths: string[], options: ScanCommandOptions, io: CliIO): Promise<number> {
  const problems: string[] = [];
  if (!(FORMATS as readonly string[]).includes(options.format)) problems.push(`--format must be one of ${FORMATS.join(', ')} (got "${options.format}").`);
  if (!(CONFIDENCE_LEVELS as readonly string[]).includes(options.minConfidence)) problems.push(`--min-confidence must be one of ${CONFIDENCE_LEVELS.join(', ')} (got "${options.minConfidence}").`);
  let failOn: ReturnType<typeof parseFailOn> = 'low';
  try {
    failOn = parseFailOn(options.failOn);
  } catch (error) {
    problems.push((error as Error).message);
  }
  let maxFileBytes: number | undefined;
  if (options.maxFileSize !== undefined) {
    try {
      maxFileBytes = parseSize(options.maxFileSize);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  const concurrency = options.concurrency === undefined ? undefined : Number(options.concurrency);
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) problems.push(`--concurrency must be a whole number of at least 1 (got "${options.concurrency}").`);
  if (paths.length === 0) problems.push('Name at least one file, folder or glob to scan.');
  let detectors: Detector[] = [...allDetectors];
  for (const module of options.detectors ?? []) {
    try {
      detectors = [...detectors, ...(await loadDetectorModule(resolve(io.cwd, module)))];
    } catch (error) {
      problems.push(error instanceof UsageError ? error.problems.join('\n') : `--detectors ${module}: ${(error as Error).message}`);
    }
  }
  try {
    new DetectionPlan(detectors); // lists every problem with the detectors at once
  } catch (error) {
    problems.push(...(error instanceof UsageError ? error.problems : [(error as Error).message]));
  }
  let key: Uint8Array | undefined;
  try {
    key = resolveKey(options, io);
  } catch (error) {
    problems.push(`Fingerprint key: ${(error as Error).message}`);
  }
  if (problems.length) throw new UsageError(problems);

  const format = options.format as Format;
  const sink = openSink(io, options.output);
  const color = useColor(options, io, Boolean(options.output));
  const severityOf = new Map(detectors.map((d) => [d.id, d.meta.severity]));
  const scanOptions: PathScanOptions = {
    detectors,
    reveal: options.reveal ?? false,
    minConfidence: options.minConfidence as PathScanOptions['minConfidence'] & string,
    fingerprintKey: key!,
    exclude: options.exclude ?? [],
    include: options.include ?? [],
    followSymlinks: options.followSymlinks ?? false,
    useIgnoreFiles: options.ignoreFiles,
    scanFileNames: options.fileNames,
    ...(concurrency ? { concurrency } : {}),
    ...(maxFileBytes !== undefined ? { limits: { maxFileBytes } } : {}),
  };

  const files: FileReport[] = [];
  let summary: ScanSummary | undefined;
  let anyFailing = false;
  let anyIncomplete = false;
  try {
    if (format === 'jsonl') sink.write(jsonlMeta(VERSION, new Date().toISOString()));
    for await (const event of scan(paths.map((p) => resolveInput(p, io)), scanOptions)) {
      if (event.type === 'summary') {
        summary = event.summary;
        continue;
      }
      const file = displayPath(event.file, io);
      if (hasFailingFinding(file, failOn, (id) => severityOf.get(id))) anyFailing = true;
      if (isUnread(file)) anyIncomplete = true;
      if (format === 'jsonl') sink.write(jsonlFile(file));
      else if (format === 'pretty') sink.write(prettyFile(file, { color }));
      else files.push(file);
    }
    if (!summary) throw new Error('The scan ended without a summary.');
    if (format === 'jsonl') sink.write(jsonlSummary(summary));
    else if (format === 'pretty') sink.write(prettySummary({ summary }, { color }));
    else sink.write(jsonReport({ files, summary, detectors, version: VERSION }));
  } finally {
    sink.close();
  }
  if (summary.aborted) anyIncomplete = true;
  return exitCodeFor(anyFailing, anyIncomplete);
}

/** Paths are resolved against the CLI's working directory but reported as the user wrote them. */
function resolveInput(path: string, io: CliIO): string {
  return isAbsolute(path) ? path : resolve(io.cwd, path);
}

function displayPath(file: FileReport, io: CliIO): FileReport {
  const prefix = io.cwd.endsWith('/') ? io.cwd : `${io.cwd}/`;
  return file.path.startsWith(prefix) ? { ...file, path: file.path.slice(prefix.length) } : file;
}

export function registerScan(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('scan')
    .description('Scan files, folders and globs for Indonesian medical-record data.')
    .argument('<paths...>', 'files, folders or glob patterns to scan')
    .option('-f, --format <format>', `report format: ${FORMATS.join(', ')}`, 'pretty')
    .option('--reveal', 'print raw values next to masked ones (off by default: reports are masked)')
    .option('--min-confidence <level>', 'report findings at or above: low, medium, high', 'medium')
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above: low, medium, high, critical, none', 'low')
    .option('--exclude <glob...>', 'gitignore-style patterns to leave out (repeatable)')
    .option('--include <glob...>', 'only scan files matching these gitignore-style patterns')
    .option('--max-file-size <size>', 'skip files larger than this (e.g. 256MiB, 10MB, 1048576)', '256MiB')
    .option('--detectors <module...>', 'load custom detectors from an ES module (default export: a detector or an array)')
    .option('--follow-symlinks', 'follow symbolic links (loops are detected); off by default')
    .option('--no-ignore-files', 'do not read .saringignore files')
    .option('--no-file-names', 'do not check file and folder names')
    .option('--concurrency <n>', 'files read at the same time', '4')
    .option('--fingerprint-key-file <path>', 'key for finding fingerprints (default: SARING_FINGERPRINT_KEY or ~/.config/saring/fingerprint.key)')
    .option('-o, --output <file>', 'write the report to a file (mode 0600) instead of stdout')
    .option('--no-color', 'no colours in the pretty report (also NO_COLOR)')
    .addHelpText(
      'after',
      `
Exit codes:
  0  everything was read and nothing is at or above --fail-on
  1  findings at or above --fail-on
  2  usage or configuration error, or a fatal error
  3  no such findings, but some files could not be fully scanned (never "clean")`,
    )
    .action(async (paths: string[], options: ScanCommandOptions) => {
      setExit(await runScan(paths, options, io));
    });
}

export { EXIT };

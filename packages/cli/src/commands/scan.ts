import { chmodSync, closeSync, openSync, writeSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { Command } from 'commander';
import { FAIL_ON_VALUES } from '@saring/core';
import type { CliIO } from '../io.js';
import { EXIT, exitCodeFor } from '../exit-codes.js';
import { progressMode } from '../progress/progress.js';
import { redactReport } from '../reporters/redact.js';
import { FORMATS, MACHINE_FORMATS, ReportWriter } from '../reporters/writer.js';
import { VERSION } from '../version.js';
import { prepareScan, type ScanCommandOptions } from './scan-setup.js';
import { runPreparedScan } from './scan-run.js';

export { FORMATS, type Format } from '../reporters/writer.js';
export type { ScanCommandOptions } from './scan-setup.js';

/** Where report text goes: stdout, or a file created with mode 0600 (reports describe PHI). */
export interface Sink {
  write(text: string): void;
  close(): void;
}

export function openSink(io: CliIO, output: string | undefined): Sink {
  if (!output) return { write: (t) => void io.stdout.write(t), close: () => {} };
  const path = isAbsolute(output) ? output : resolve(io.cwd, output);
  const fd = openSync(path, 'w', 0o600);
  chmodSync(path, 0o600);
  return { write: (t) => void writeSync(fd, t), close: () => closeSync(fd) };
}

/** Colour: never into a file; `--no-color` and NO_COLOR (present and non-empty) turn it off, FORCE_COLOR on. */
export function useColor(color: boolean, io: CliIO, toFile: boolean): boolean {
  if (toFile || !color) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return Boolean(io.stdout.isTTY) && io.env.TERM !== 'dumb';
}

/** True when the environment says this is a CI job (`CI` set to anything but `false`/`0`). */
export function isCi(io: CliIO): boolean {
  const ci = io.env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

/** `saring scan <paths...>`: validates everything first, then streams the report. */
export async function runScan(paths: string[], options: ScanCommandOptions, io: CliIO): Promise<number> {
  const prepared = await prepareScan(paths, options, io, 'scan');
  const sink = openSink(io, options.output);
  const writer = new ReportWriter({
    format: prepared.format,
    color: useColor(options.color, io, Boolean(options.output)),
    version: VERSION,
    startedAt: new Date().toISOString(),
    detectors: prepared.detectors,
    write: (t) => sink.write(t),
  });
  const mode = progressMode({
    stderrIsTTY: Boolean(io.stderr.isTTY),
    ci: isCi(io),
    quiet: options.quiet ?? false,
    machineOutputOnStdout: !options.output && MACHINE_FORMATS.has(prepared.format),
  });
  let result;
  try {
    writer.begin();
    result = await runPreparedScan(prepared, io, {
      ...(options.state ? { statePath: options.state } : {}),
      progressMode: mode,
      showPaths: options.showPaths ?? false,
      onFile: (file) => writer.file(options.redactPaths ? redactReport(prepared.key, file) : file),
    });
    writer.end(result.summary, { filtered: prepared.filter.counts, reused: result.reused });
  } finally {
    sink.close();
  }
  const counts = prepared.filter.counts;
  if (!options.quiet) {
    if (options.baseline) io.stderr.write(`saring: ${counts.baselined} finding(s) already in the baseline were not reported.\n`);
    if (options.state) io.stderr.write(`saring: ${result.reused} unchanged file(s) not re-read (results carried over from ${options.state}).\n`);
  }
  for (const s of prepared.filter.expired.values()) {
    io.stderr.write(`saring: the suppression of fingerprint ${s.fingerprint} expired on ${s.expires} ("${s.reason}"); the finding is reported again.\n`);
  }
  return exitCodeFor(result.anyFailing, result.anyIncomplete);
}

/** The options `scan` and `baseline create` share. */
export function addScanOptions(command: Command): Command {
  return command
    .option('--min-confidence <level>', 'report findings at or above: low, medium, high (default: medium)')
    .option('--exclude <glob...>', 'gitignore-style patterns to leave out (repeatable)')
    .option('--include <glob...>', 'only scan files matching these gitignore-style patterns')
    .option('--max-file-size <size>', 'skip files larger than this (e.g. 256MiB, 10MB, 1048576; default 256MiB)')
    .option('--detectors <module...>', 'load custom detectors from an ES module (default export: a detector or an array)')
    .option('--follow-symlinks', 'follow symbolic links (loops are detected); off by default')
    .option('--no-ignore-files', 'do not read .saringignore files')
    .option('--no-file-names', 'do not check file and folder names')
    .option('--concurrency <n>', 'files read at the same time (default 4)')
    .option('--workers <n>', 'read files in this many worker threads, each on its own core ("auto": one per core; default 1)')
    .option('--ocr <mode>', 'read text from pixels (offline): auto (images, scanned PDF pages, burned-in DICOM), always, never (default: auto)')
    .option('--fingerprint-key-file <path>', 'key for finding fingerprints (default: the config\'s fingerprintKey, SARING_FINGERPRINT_KEY or ~/.config/saring/fingerprint.key)')
    .option('-c, --config <file>', 'configuration file (default: the nearest saring.config.json from the working folder up)')
    .option('--no-config', 'do not look for a saring.config.json')
    .option('-q, --quiet', 'no progress and no notes on stderr (errors are still printed)');
}

export function registerScan(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const command = program
    .command('scan')
    .description('Scan files, folders and globs for Indonesian medical-record data.')
    .argument('<paths...>', 'files, folders or glob patterns to scan')
    .option('-f, --format <format>', `report format: ${FORMATS.join(', ')}`, 'pretty')
    .option('--reveal', 'print raw values next to masked ones (off by default: reports are masked)')
    .option('--fail-on <threshold>', `exit 1 when a file meets it: ${FAIL_ON_VALUES.join(', ')} (default: low)`)
    .option('-o, --output <file>', 'write the report to a file (mode 0600) instead of stdout')
    .option('--baseline <file>', 'report and fail only on findings not in this baseline (saring baseline create)')
    .option('--state <file>', 'remember results in this database and skip unchanged files next time (e.g. .saring/state.db)')
    .option('--redact-paths', 'replace file paths in the report by keyed hashes plus the extension')
    .option('--show-paths', 'show file names in the progress line (default: folders only)')
    .option('--no-color', 'no colours in the pretty report (also NO_COLOR)');
  addScanOptions(command)
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

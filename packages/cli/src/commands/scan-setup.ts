import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import {
  CONFIDENCE_LEVELS,
  DetectionPlan,
  OCR_MODES,
  UsageError,
  loadOrCreateKey,
  parseFailOn,
  parseKey,
  type ConfidenceLevel,
  type Detector,
  type FailOn,
  type OcrMode,
  type PathScanOptions,
  type Severity,
} from '@saring/core';
import { allClassifiers } from '@saring/detectors';
import type { CliIO } from '../io.js';
import { loadDetectorModule } from '../load-detectors.js';
import { parseSize } from '../parse-size.js';
import { findConfig, loadConfig, type LoadedConfig } from '../config/load.js';
import { resolveConfig, type ResolvedConfig } from '../config/resolve.js';
import { readBaseline } from '../baseline/baseline.js';
import { FindingFilter } from '../baseline/filter.js';
import { FORMATS, type Format } from '../reporters/writer.js';
import { VERSION } from '../version.js';
import { workerSetupUrl, type CliWorkerData } from '../worker-setup.js';

/** Options shared by `saring scan` and `saring baseline create` (commander's parsed flags). */
export interface ScanCommandOptions {
  format?: string;
  reveal?: boolean;
  minConfidence?: string;
  failOn?: string;
  exclude?: string[];
  include?: string[];
  maxFileSize?: string;
  detectors?: string[];
  followSymlinks?: boolean;
  ignoreFiles: boolean;
  fileNames: boolean;
  concurrency?: string;
  /** `--workers <n|auto>`: worker threads reading files (1 = none). */
  workers?: string;
  fingerprintKeyFile?: string;
  output?: string;
  color: boolean;
  /** `--config FILE`, or false with `--no-config` (no upward search). */
  config?: string | false;
  baseline?: string;
  state?: string;
  redactPaths?: boolean;
  showPaths?: boolean;
  quiet?: boolean;
  /** `--ocr auto|always|never`; wins over the config's `limits.ocr`. */
  ocr?: string;
}

/** Everything a scan needs, checked before any file is read. */
export interface PreparedScan {
  format: Format;
  failOn: FailOn;
  detectors: Detector[];
  severityOf: (id: string) => Severity | undefined;
  key: Uint8Array;
  config: ResolvedConfig;
  filter: FindingFilter;
  scanOptions: PathScanOptions;
  /** Digest of everything that changes results, for reusing stored results (`--state`). */
  configDigest: string;
  inputs: string[];
}

const DEFAULT_MIN_CONFIDENCE: ConfidenceLevel = 'medium';
const DEFAULT_FAIL_ON = 'low';
const DEFAULT_CONCURRENCY = 4;

function resolveKey(options: ScanCommandOptions, config: ResolvedConfig, io: CliIO): Uint8Array {
  if (options.fingerprintKeyFile) return parseKey(readFileSync(resolve(io.cwd, options.fingerprintKeyFile), 'utf8'));
  const source = config.keySource;
  if (source && 'file' in source) return parseKey(readFileSync(resolve(io.cwd, source.file), 'utf8'));
  if (source && 'env' in source) {
    const value = io.env[source.env];
    if (!value) throw new Error(`the config says to read it from the environment variable ${source.env}, which is not set.`);
    return parseKey(value);
  }
  const fromEnv = io.env.SARING_FINGERPRINT_KEY;
  if (fromEnv) return parseKey(fromEnv);
  return loadOrCreateKey();
}

/** The config the user named, or the nearest `saring.config.json` upward from the working directory. */
export async function loadUserConfig(option: string | false | undefined, io: CliIO): Promise<LoadedConfig | undefined> {
  if (option === false) return undefined;
  const path = option ? resolve(io.cwd, option) : findConfig(io.cwd);
  return path ? loadConfig(path) : undefined;
}

function lowest(levels: readonly ConfidenceLevel[]): ConfidenceLevel {
  return levels.reduce((a, b) => (CONFIDENCE_LEVELS.indexOf(b) < CONFIDENCE_LEVELS.indexOf(a) ? b : a));
}

/**
 * Validates flags and config together, lists every problem at once (UsageError), and builds the
 * scan options. Command-line flags win over the config; the config wins over defaults.
 */
export async function prepareScan(paths: string[], options: ScanCommandOptions, io: CliIO, mode: 'scan' | 'baseline'): Promise<PreparedScan> {
  const problems: string[] = [];
  let loaded: LoadedConfig | undefined;
  try {
    loaded = await loadUserConfig(options.config, io);
  } catch (error) {
    if (error instanceof UsageError) problems.push(...error.problems);
    else throw error;
  }
  const { config, problems: configProblems } = resolveConfig(loaded);
  problems.push(...configProblems);

  const format = (options.format ?? 'pretty') as Format;
  if (mode === 'scan' && !(FORMATS as readonly string[]).includes(format)) problems.push(`--format must be one of ${FORMATS.join(', ')} (got "${options.format}").`);
  const minConfidence = (options.minConfidence ?? config.minConfidence ?? DEFAULT_MIN_CONFIDENCE) as ConfidenceLevel;
  if (!(CONFIDENCE_LEVELS as readonly string[]).includes(minConfidence)) problems.push(`--min-confidence must be one of ${CONFIDENCE_LEVELS.join(', ')} (got "${minConfidence}").`);
  let failOn: FailOn = DEFAULT_FAIL_ON;
  try {
    failOn = parseFailOn(options.failOn ?? config.failOn ?? DEFAULT_FAIL_ON);
  } catch (error) {
    problems.push(...(error instanceof UsageError ? error.problems : [(error as Error).message]));
  }
  let maxFileBytes = config.limits.maxFileBytes;
  if (options.maxFileSize !== undefined) {
    try {
      maxFileBytes = parseSize(options.maxFileSize);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  const concurrency = options.concurrency === undefined ? (config.concurrency ?? DEFAULT_CONCURRENCY) : Number(options.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) problems.push(`--concurrency must be a whole number of at least 1 (got "${options.concurrency}").`);
  const workers = options.workers === undefined ? 1 : options.workers === 'auto' ? availableParallelism() : Number(options.workers);
  if (!Number.isInteger(workers) || workers < 1) problems.push(`--workers must be a whole number of at least 1, or auto (got "${options.workers}").`);
  if (paths.length === 0) problems.push('Name at least one file, folder or glob to scan.');
  const ocr = (options.ocr ?? config.ocr) as OcrMode | undefined;
  if (ocr !== undefined && !(OCR_MODES as readonly string[]).includes(ocr)) problems.push(`--ocr must be one of ${OCR_MODES.join(', ')} (got "${ocr}").`);
  if (options.state && options.reveal) problems.push('--state cannot be combined with --reveal: the state database never holds raw values.');

  let detectors: Detector[] = [...config.detectors];
  const detectorModules = (options.detectors ?? []).map((module) => resolve(io.cwd, module));
  for (const [i, module] of detectorModules.entries()) {
    try {
      detectors = [...detectors, ...(await loadDetectorModule(module))];
    } catch (error) {
      problems.push(error instanceof UsageError ? error.problems.join('\n') : `--detectors ${options.detectors![i]}: ${(error as Error).message}`);
    }
  }
  try {
    new DetectionPlan(detectors); // lists every problem with the detectors at once
  } catch (error) {
    problems.push(...(error instanceof UsageError ? error.problems : [(error as Error).message]));
  }
  let key: Uint8Array | undefined;
  try {
    key = resolveKey(options, config, io);
  } catch (error) {
    problems.push(`Fingerprint key: ${(error as Error).message}`);
  }
  let baseline: Set<string> | undefined;
  if (options.baseline && key) {
    try {
      baseline = readBaseline(resolve(io.cwd, options.baseline), key);
    } catch (error) {
      problems.push(...(error instanceof UsageError ? error.problems : [(error as Error).message]));
    }
  }
  if (problems.length) throw new UsageError(problems);

  // The engine runs at the lowest threshold any detector asks for; the filter applies each one's own.
  const engineMin = lowest([minConfidence, ...config.minConfidenceByDetector.values()]);
  const filter = new FindingFilter({
    ...(baseline ? { baseline } : {}),
    allow: config.allow,
    suppress: config.suppress,
    minConfidenceByDetector: config.minConfidenceByDetector,
    minConfidence,
    today: new Date().toISOString().slice(0, 10),
  });
  const severities = new Map(detectors.map((d) => [d.id, d.meta.severity]));
  const scanOptions: PathScanOptions = {
    detectors,
    // Document classes (SEP, COVID result, lab report, register …) on every file report (issue 4).
    classifiers: allClassifiers,
    reveal: options.reveal ?? false,
    minConfidence: engineMin,
    fingerprintKey: key!,
    exclude: [...config.exclude, ...(options.exclude ?? [])],
    include: [...config.include, ...(options.include ?? [])],
    followSymlinks: options.followSymlinks ?? config.followSymlinks ?? false,
    useIgnoreFiles: options.ignoreFiles,
    scanFileNames: options.fileNames && (config.scanFileNames ?? true),
    concurrency,
    limits: { ...config.limits, ...(maxFileBytes !== undefined ? { maxFileBytes } : {}) },
    ...(config.fileTimeoutMs !== undefined ? { fileTimeoutMs: config.fileTimeoutMs } : {}),
    ...(ocr ? { ocr } : {}),
    ...(Object.keys(config.ocrLimits).length ? { ocrLimits: config.ocrLimits } : {}),
    // Each worker rebuilds the same detectors from the same config file and modules (worker-setup.ts).
    ...(workers > 1 ? { workers: { count: workers, setup: workerSetupUrl(), data: { ...(loaded ? { config: loaded.path } : {}), detectorModules } satisfies CliWorkerData } } : {}),
  };
  const configDigest = createHash('sha256')
    .update(
      JSON.stringify({
        version: VERSION,
        detectors: detectors.map((d) => [d.id, d.meta.severity, d.meta.category]),
        classifiers: allClassifiers.map((c) => c.id),
        minConfidence: engineMin,
        scanFileNames: scanOptions.scanFileNames,
        limits: scanOptions.limits,
        fileTimeoutMs: scanOptions.fileTimeoutMs,
        ocr: scanOptions.ocr,
        ocrLimits: scanOptions.ocrLimits,
      }),
    )
    .update(key!)
    .digest('hex')
    .slice(0, 32);
  return {
    format,
    failOn,
    detectors,
    severityOf: (id) => severities.get(id),
    key: key!,
    config,
    filter,
    scanOptions,
    configDigest,
    inputs: paths.map((p) => (isAbsolute(p) ? p : resolve(io.cwd, p))),
  };
}

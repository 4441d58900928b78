import { dirname, isAbsolute, resolve as resolvePath } from 'node:path';
import { FAIL_ON_VALUES, type ConfidenceLevel, type Detector, type OcrLimits, type OcrMode, type ScanLimits, type Severity } from '@saring/core';
import { allDetectors, presets } from '@saring/detectors';
import { parseSize } from '../parse-size.js';
import { checkPattern, customDetector } from './custom-detector.js';
import type { LoadedConfig } from './load.js';

/** A fingerprint accepted for a while, from the config's `suppress` list. */
export interface Suppression {
  fingerprint: string;
  reason: string;
  /** Last day the suppression applies (inclusive), `YYYY-MM-DD`. */
  expires: string;
  path?: string;
}

/** Where the fingerprint key comes from, as the config says (relative files resolved against the config's folder). */
export type KeySource = { file: string } | { env: string };

/** What the config file means for a scan: detector objects, sets and limits, all checked. */
export interface ResolvedConfig {
  /** The config file used, if any. */
  path?: string;
  detectors: Detector[];
  /** Per detector: the lowest confidence reported (stricter than the global threshold only). */
  minConfidenceByDetector: ReadonlyMap<string, ConfidenceLevel>;
  minConfidence?: ConfidenceLevel;
  failOn?: string;
  allow: ReadonlySet<string>;
  suppress: readonly Suppression[];
  exclude: readonly string[];
  include: readonly string[];
  limits: Partial<ScanLimits>;
  fileTimeoutMs?: number;
  ocr?: OcrMode;
  ocrLimits: Partial<OcrLimits>;
  keySource?: KeySource;
  concurrency?: number;
  scanFileNames?: boolean;
  followSymlinks?: boolean;
}

/** A detector with another severity: a new object on the original's prototype chain, so its methods keep working. */
function withSeverity(detector: Detector, severity: Severity): Detector {
  return Object.create(detector, { meta: { value: { ...detector.meta, severity }, enumerable: true } }) as Detector;
}

/**
 * Turns a validated config into what the scan uses, listing every problem at once (unknown
 * detector ids and presets, unsafe custom patterns, bad sizes). Without a config: every
 * built-in detector and the defaults.
 */
export function resolveConfig(loaded: LoadedConfig | undefined): { config: ResolvedConfig; problems: string[] } {
  const problems: string[] = [...(loaded?.problems ?? [])];
  const where = (key: string) => `${loaded?.path ?? 'config'}: ${key}`;
  const raw = loaded?.raw;
  const known = new Map(allDetectors.map((d) => [d.id, d]));
  const customIds = new Set((raw?.customDetectors ?? []).map((d) => d.id));
  const knownList = () => [...known.keys()].join(', ');

  // Detector selection: presets (default all), plus enable, minus disable.
  const selected = new Set<string>();
  const presetNames = raw?.detectors?.presets ?? ['all'];
  presetNames.forEach((name, i) => {
    const ids = presets[name];
    if (!ids) problems.push(`${where(`detectors.presets[${i}]`)}: unknown preset "${name}" (known: ${Object.keys(presets).join(', ')})`);
    else for (const id of ids) selected.add(id);
  });
  (raw?.detectors?.enable ?? []).forEach((id, i) => {
    if (!known.has(id)) problems.push(`${where(`detectors.enable[${i}]`)}: unknown detector "${id}" (known: ${knownList()})`);
    else selected.add(id);
  });
  (raw?.detectors?.disable ?? []).forEach((id, i) => {
    if (!known.has(id) && !customIds.has(id)) problems.push(`${where(`detectors.disable[${i}]`)}: unknown detector "${id}" (known: ${knownList()})`);
    else selected.delete(id);
  });
  const disabled = new Set(raw?.detectors?.disable ?? []);

  const settings = raw?.detectors?.settings ?? {};
  const minConfidenceByDetector = new Map<string, ConfidenceLevel>();
  for (const [id, setting] of Object.entries(settings)) {
    if (!known.has(id) && !customIds.has(id)) problems.push(`${where(`detectors.settings.${id}`)}: unknown detector "${id}" (known: ${knownList()})`);
    if (setting.minConfidence) minConfidenceByDetector.set(id, setting.minConfidence);
  }

  const detectors: Detector[] = allDetectors.filter((d) => selected.has(d.id)).map((d) => (settings[d.id]?.severity ? withSeverity(d, settings[d.id]!.severity!) : d));
  (raw?.customDetectors ?? []).forEach((spec, i) => {
    if (known.has(spec.id)) {
      problems.push(`${where(`customDetectors[${i}].id`)}: "${spec.id}" is the id of a built-in detector; choose another`);
      return;
    }
    const patternProblems = checkPattern(spec.pattern, spec.flags);
    for (const p of patternProblems) problems.push(`${where(`customDetectors[${i}].pattern`)}: ${p}`);
    if (patternProblems.length || disabled.has(spec.id)) return;
    const detector = customDetector(spec);
    detectors.push(settings[spec.id]?.severity ? withSeverity(detector, settings[spec.id]!.severity!) : detector);
  });

  if (raw?.failOn !== undefined && !(FAIL_ON_VALUES as readonly string[]).includes(raw.failOn)) {
    problems.push(`${where('failOn')}: must be one of ${FAIL_ON_VALUES.join(', ')} (got "${raw.failOn}")`);
  }

  const size = (key: string, value: string | number | undefined): number | undefined => {
    if (value === undefined) return undefined;
    if (typeof value === 'number') return value;
    try {
      return parseSize(value);
    } catch (error) {
      problems.push(`${where(`limits.${key}`)}: ${(error as Error).message}`);
      return undefined;
    }
  };
  const l = raw?.limits ?? {};
  const limits: Partial<ScanLimits> = {};
  const set = <K extends keyof ScanLimits>(key: K, value: number | undefined) => {
    if (value !== undefined) limits[key] = value;
  };
  set('maxFileBytes', size('maxFileSize', l.maxFileSize));
  set('maxExpandedBytes', size('maxExpandedSize', l.maxExpandedSize));
  set('maxMemberBytes', size('maxMemberSize', l.maxMemberSize));
  set('maxArchiveDepth', l.maxArchiveDepth);
  set('maxArchiveMembers', l.maxArchiveMembers);
  set('maxCompressionRatio', l.maxCompressionRatio);
  set('maxFindingsPerFile', l.maxFindingsPerFile);
  const ocrLimits: Partial<OcrLimits> = {};
  if (l.ocrMaxPages !== undefined) ocrLimits.maxPages = l.ocrMaxPages;
  if (l.ocrPageTimeoutSeconds !== undefined) ocrLimits.pageTimeoutMs = l.ocrPageTimeoutSeconds * 1000;

  let keySource: KeySource | undefined;
  const keySpec = raw?.fingerprintKey;
  if (keySpec && 'file' in keySpec) {
    const file = keySpec.file;
    keySource = { file: isAbsolute(file) || !loaded ? file : resolvePath(dirname(loaded.path), file) };
  } else if (keySpec && 'env' in keySpec) keySource = { env: keySpec.env };

  const config: ResolvedConfig = {
    ...(loaded ? { path: loaded.path } : {}),
    detectors,
    minConfidenceByDetector,
    ...(raw?.minConfidence ? { minConfidence: raw.minConfidence } : {}),
    ...(raw?.failOn ? { failOn: raw.failOn } : {}),
    allow: new Set((raw?.allow ?? []).map((a) => a.fingerprint)),
    suppress: raw?.suppress ?? [],
    exclude: raw?.exclude ?? [],
    include: raw?.include ?? [],
    limits,
    ...(l.fileTimeoutSeconds !== undefined ? { fileTimeoutMs: l.fileTimeoutSeconds * 1000 } : {}),
    ...(l.ocr ? { ocr: l.ocr } : {}),
    ocrLimits,
    ...(keySource ? { keySource } : {}),
    ...(raw?.concurrency !== undefined ? { concurrency: raw.concurrency } : {}),
    ...(raw?.scanFileNames !== undefined ? { scanFileNames: raw.scanFileNames } : {}),
    ...(raw?.followSymlinks !== undefined ? { followSymlinks: raw.followSymlinks } : {}),
  };
  return { config, problems };
}

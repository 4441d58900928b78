import type { ConfidenceLevel, Severity } from '../model/detector.js';
import { CONFIDENCE_LEVELS, SEVERITIES } from '../model/detector.js';
import { UsageError } from '../model/errors.js';
import type { FileReport, ReasonCode } from '../model/report.js';
import { PDP_LABELS, type PdpLabel } from '../model/classification.js';

/** A file's UU 27/2022 (PDP) label, as file classification sets it (model/classification.ts). */
export type FileLabel = PdpLabel;

/** Labels from least to most sensitive. */
export const LABEL_ORDER: readonly FileLabel[] = PDP_LABELS;

/** `never`: this detector's findings never block on their own. */
export type DetectorRule = ConfidenceLevel | 'never';

/**
 * What a policy file or the library caller writes. Every field is optional; `resolvePolicy`
 * validates it and fills in the defaults (see DEFAULT_POLICY).
 */
export interface PolicyInput {
  /** Any finding at or above this severity (and `minConfidence`) blocks. `none`: only the rules below. */
  blockSeverity?: Severity | 'none';
  /** The confidence a finding needs for `blockSeverity` to apply. */
  minConfidence?: ConfidenceLevel;
  /**
   * Per-detector rules that override `blockSeverity` for that detector: block when it finds
   * something at or above this confidence, e.g. `{ nik: 'high', email: 'never' }`.
   */
  detectors?: Readonly<Record<string, DetectorRule>>;
  /** File labels that block, e.g. `['sensitive-health']`. */
  blockLabels?: readonly string[];
  /**
   * A file with identifiers of more than 100 distinct people (classification `bulkExport`, the
   * shape of the 2022 leak) blocks, whatever else the policy allows.
   */
  blockBulkExport?: boolean;
  /**
   * Fail closed: a file not fully read (skipped, failed or incomplete: timeout, parser failure,
   * encrypted, over a limit, unsupported format) blocks, unless its reason code is listed here.
   */
  allowReasons?: readonly ReasonCode[];
  /** Stop reading as soon as a finding that blocks is certain (the verdict says `stoppedEarly`). */
  stopAtFirst?: boolean;
}

/** A validated policy with every default applied. */
export interface Policy {
  blockSeverity: Severity | 'none';
  minConfidence: ConfidenceLevel;
  detectors: Readonly<Record<string, DetectorRule>>;
  blockLabels: readonly string[];
  blockBulkExport: boolean;
  allowReasons: readonly ReasonCode[];
  stopAtFirst: boolean;
}

/**
 * The default gate: anything of medium severity or more at medium confidence blocks, a
 * `sensitive-health` file blocks, and nothing that was not fully read is let through.
 */
export const DEFAULT_POLICY: Readonly<Policy> = Object.freeze({
  blockSeverity: 'medium',
  minConfidence: 'medium',
  detectors: Object.freeze({}),
  blockLabels: Object.freeze(['sensitive-health']),
  blockBulkExport: true,
  allowReasons: Object.freeze([]),
  stopAtFirst: false,
});

const KNOWN_KEYS = new Set(['blockSeverity', 'minConfidence', 'detectors', 'blockLabels', 'blockBulkExport', 'allowReasons', 'stopAtFirst']);
const RULES: readonly string[] = [...CONFIDENCE_LEVELS, 'never'];

/**
 * Validates a policy (from JSON or code) and applies the defaults. Every problem is listed at
 * once in one UsageError, before any byte is scanned.
 */
export function resolvePolicy(input: PolicyInput | undefined): Policy {
  if (input === undefined) return DEFAULT_POLICY;
  const problems: string[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new UsageError('The policy must be an object.');
  for (const key of Object.keys(input)) if (!KNOWN_KEYS.has(key)) problems.push(`Unknown policy field "${key}".`);
  const oneOf = (name: string, value: unknown, allowed: readonly string[]): void => {
    if (value !== undefined && !allowed.includes(value as string)) problems.push(`Policy field "${name}" must be one of ${allowed.join(', ')}.`);
  };
  oneOf('blockSeverity', input.blockSeverity, [...SEVERITIES, 'none']);
  oneOf('minConfidence', input.minConfidence, CONFIDENCE_LEVELS);
  if (input.detectors !== undefined) {
    if (typeof input.detectors !== 'object' || input.detectors === null || Array.isArray(input.detectors)) problems.push('Policy field "detectors" must map detector ids to a confidence or "never".');
    else for (const [id, rule] of Object.entries(input.detectors)) oneOf(`detectors.${id}`, rule, RULES);
  }
  const stringList = (name: string, value: unknown): void => {
    if (value !== undefined && (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))) problems.push(`Policy field "${name}" must be a list of strings.`);
  };
  stringList('blockLabels', input.blockLabels);
  stringList('allowReasons', input.allowReasons);
  for (const key of ['stopAtFirst', 'blockBulkExport'] as const) {
    if (input[key] !== undefined && typeof input[key] !== 'boolean') problems.push(`Policy field "${key}" must be true or false.`);
  }
  if (problems.length) throw new UsageError(problems);
  return {
    blockSeverity: input.blockSeverity ?? DEFAULT_POLICY.blockSeverity,
    minConfidence: input.minConfidence ?? DEFAULT_POLICY.minConfidence,
    detectors: { ...(input.detectors ?? {}) },
    blockLabels: [...(input.blockLabels ?? DEFAULT_POLICY.blockLabels)],
    blockBulkExport: input.blockBulkExport ?? DEFAULT_POLICY.blockBulkExport,
    allowReasons: [...(input.allowReasons ?? [])],
    stopAtFirst: input.stopAtFirst ?? false,
  };
}

const rank = <T extends string>(order: readonly T[], value: T): number => order.indexOf(value);

/** True when a finding with this detector, severity and confidence blocks under the policy. */
export function findingBlocks(policy: Policy, finding: { detector: string; severity: Severity; confidence: ConfidenceLevel }): boolean {
  const rule = policy.detectors[finding.detector];
  if (rule !== undefined) return rule !== 'never' && rank(CONFIDENCE_LEVELS, finding.confidence) >= rank(CONFIDENCE_LEVELS, rule);
  if (policy.blockSeverity === 'none') return false;
  return rank(SEVERITIES, finding.severity) >= rank(SEVERITIES, policy.blockSeverity) && rank(CONFIDENCE_LEVELS, finding.confidence) >= rank(CONFIDENCE_LEVELS, policy.minConfidence);
}

/**
 * A file's label: `classification.label` from file classification. A report without one (built
 * by hand, or by an older engine) gets a conservative label from its findings: any
 * health-category finding makes it `sensitive-health`, any other finding `personal`.
 */
export function labelOf(file: FileReport): FileLabel {
  if (file.classification) return file.classification.label;
  if (file.findings.some((f) => f.category === 'spesifik-kesehatan')) return 'sensitive-health';
  return file.findingCount > 0 ? 'personal' : 'public';
}

/** The more sensitive of two labels. */
export function maxLabel(a: FileLabel, b: FileLabel): FileLabel {
  return LABEL_ORDER.indexOf(b) > LABEL_ORDER.indexOf(a) ? b : a;
}

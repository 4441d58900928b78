import type { ConfidenceLevel, Severity } from '../model/detector.js';
import type { FileReport, FileStatus, Finding, ReasonCode } from '../model/report.js';
import { findingBlocks, labelOf, maxLabel, type FileLabel, type Policy } from './policy.js';

/**
 * Why a verdict blocks. `code` is short and stable (`finding:nik`, `label:sensitive-health`,
 * `bulk-export`, `not-read:encrypted`): what a storage tag or a metric carries. `message` is for a person.
 */
export type BlockReason =
  | { kind: 'finding'; code: string; path: string; detector: string; severity: Severity; confidence: ConfidenceLevel; count: number; message: string }
  | { kind: 'label'; code: string; path: string; label: FileLabel; message: string }
  | { kind: 'bulk-export'; code: 'bulk-export'; path: string; people: number; message: string }
  | { kind: 'not-read'; code: string; path: string; status: FileStatus; reason: ReasonCode; message: string };

/** A finding as the verdict shows it: masked, never the raw value, never a snippet of text. */
export interface GateFinding extends Pick<Finding, 'detector' | 'entity' | 'category' | 'severity' | 'confidence' | 'score' | 'locator' | 'masked' | 'fingerprint'> {
  path: string;
  /** True when this finding alone blocks under the policy. */
  blocks: boolean;
}

export type Decision = 'allow' | 'block';

/** The gate's answer for one upload. */
export interface Verdict {
  decision: Decision;
  /** Empty when allowed; otherwise every reason, most specific first (findings, labels, not-read). */
  reasons: BlockReason[];
  /** The most sensitive label of the upload and its members. */
  label: FileLabel;
  /** Masked findings, at most MAX_VERDICT_FINDINGS (the file reports hold all of them). */
  findings: GateFinding[];
  /** Total findings, including those beyond the list. */
  findingCount: number;
  /** Part of the upload was not read (a limit, a timeout, an encrypted member, or `stoppedEarly`). */
  incomplete: boolean;
  /** `stopAtFirst` stopped reading at the first blocking finding. */
  stoppedEarly: boolean;
}

/** Findings listed in a verdict; more are counted in `findingCount`. */
export const MAX_VERDICT_FINDINGS = 100;

/** How to read an `aborted` file: stopped by `stopAtFirst`, by the gate's timeout, or by the caller. */
export type AbortCause = 'stopped-early' | 'timeout' | 'caller' | 'none';

/**
 * Turns file reports into a verdict under a policy. Fails closed: every file that was not
 * fully read blocks unless the policy allows its reason.
 */
export function verdictOf(files: readonly FileReport[], policy: Policy, cause: AbortCause, timeoutMs: number): Verdict {
  const findingReasons = new Map<string, Extract<BlockReason, { kind: 'finding' }>>();
  const otherReasons: BlockReason[] = [];
  const findings: GateFinding[] = [];
  let findingCount = 0;
  let label: FileLabel = 'public';
  let incomplete = false;

  for (const file of files) {
    findingCount += file.findingCount;
    const fileLabel = labelOf(file);
    label = maxLabel(label, fileLabel);
    for (const f of file.findings) {
      const blocks = findingBlocks(policy, f);
      if (findings.length < MAX_VERDICT_FINDINGS) {
        findings.push({ path: file.path, detector: f.detector, entity: f.entity, category: f.category, severity: f.severity, confidence: f.confidence, score: f.score, locator: f.locator, masked: f.masked, fingerprint: f.fingerprint, blocks });
      }
      if (!blocks) continue;
      const key = `${file.path}\0${f.detector}`;
      const existing = findingReasons.get(key);
      if (existing) {
        existing.count++;
        continue;
      }
      findingReasons.set(key, { kind: 'finding', code: `finding:${f.detector}`, path: file.path, detector: f.detector, severity: f.severity, confidence: f.confidence, count: 1, message: '' });
    }
    if (policy.blockLabels.includes(fileLabel)) {
      otherReasons.push({ kind: 'label', code: `label:${fileLabel}`, path: file.path, label: fileLabel, message: `The file is labelled ${fileLabel}, which this policy blocks.` });
    }
    if (policy.blockBulkExport && file.classification?.bulkExport) {
      const people = file.classification.people;
      otherReasons.push({ kind: 'bulk-export', code: 'bulk-export', path: file.path, people, message: `Identifiers of ${people}${file.classification.peopleCapped ? '+' : ''} distinct people: a bulk export, which this policy blocks.` });
    }
    if (file.status === 'scanned') continue;
    incomplete = true;
    let reason: ReasonCode = file.reason ?? 'extractor-error';
    let message = file.reasonMessage ?? 'The file was not fully read.';
    if (reason === 'aborted') {
      if (cause === 'stopped-early') continue; // the blocking finding is the reason
      if (cause === 'timeout') {
        reason = 'timeout';
        message = `Scanning took longer than the gate's ${timeoutMs / 1000} s limit; the rest was not read.`;
      }
    }
    if (policy.allowReasons.includes(reason)) continue;
    otherReasons.push({ kind: 'not-read', code: `not-read:${reason}`, path: file.path, status: file.status, reason, message: `${message} Not fully read, so it is blocked (fail closed).` });
  }
  for (const r of findingReasons.values()) {
    r.message = `${r.count} ${r.detector} finding${r.count === 1 ? '' : 's'} at ${r.confidence} confidence (${r.severity} severity).`;
  }
  const reasons = [...findingReasons.values(), ...otherReasons];
  return {
    decision: reasons.length ? 'block' : 'allow',
    reasons,
    label,
    findings,
    findingCount,
    incomplete: incomplete || cause === 'stopped-early',
    stoppedEarly: cause === 'stopped-early',
  };
}

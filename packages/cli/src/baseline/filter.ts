import { CONFIDENCE_LEVELS, type ConfidenceLevel, type FileReport, type Finding } from '@saring/core';
import type { Suppression } from '../config/resolve.js';
import type { Filtered } from '../reporters/types.js';
import { baselineKey } from './baseline.js';

export interface FilterOptions {
  /** Finding keys from `--baseline` (baselineKey). */
  baseline?: ReadonlySet<string>;
  /** Value fingerprints that are never reported (config `allow`). */
  allow: ReadonlySet<string>;
  /** Fingerprints accepted until a date (config `suppress`). */
  suppress: readonly Suppression[];
  /** Per detector, the lowest confidence reported (config `detectors.settings`). */
  minConfidenceByDetector: ReadonlyMap<string, ConfidenceLevel>;
  /** The threshold for detectors without their own (the engine ran with the lowest of all). */
  minConfidence: ConfidenceLevel;
  /** Today as `YYYY-MM-DD` (UTC): suppressions expiring before it no longer apply. */
  today: string;
}

/**
 * Removes from reports what the user said not to report: findings below a detector's own
 * confidence threshold, allow-listed values, suppressed fingerprints (until they expire) and
 * findings already in the baseline. Counts what it removed, so the report says so; counts per
 * detector are lowered by as many as were removed.
 */
export class FindingFilter {
  readonly counts: Filtered = { baselined: 0, suppressed: 0, allowed: 0 };
  /** Suppressions that matched a finding but had expired: the finding is reported, and the user is told. */
  readonly expired = new Map<string, Suppression>();
  private readonly active: readonly Suppression[];

  constructor(private readonly options: FilterOptions) {
    this.active = options.suppress.filter((s) => s.expires >= options.today);
  }

  get isNoop(): boolean {
    const o = this.options;
    return !o.baseline && o.allow.size === 0 && o.suppress.length === 0 && o.minConfidenceByDetector.size === 0;
  }

  private keep(file: FileReport, finding: Finding): boolean {
    const o = this.options;
    const min = o.minConfidenceByDetector.get(finding.detector) ?? o.minConfidence;
    if (CONFIDENCE_LEVELS.indexOf(finding.confidence) < CONFIDENCE_LEVELS.indexOf(min)) return false;
    if (o.allow.has(finding.fingerprint)) {
      this.counts.allowed++;
      return false;
    }
    const suppression = this.active.find((s) => s.fingerprint === finding.fingerprint && (s.path === undefined || s.path === file.path));
    if (suppression) {
      this.counts.suppressed++;
      return false;
    }
    const stale = o.suppress.find((s) => s.fingerprint === finding.fingerprint && s.expires < o.today);
    if (stale) this.expired.set(stale.fingerprint, stale);
    if (o.baseline?.has(baselineKey(file.path, finding.detector, finding.fingerprint))) {
      this.counts.baselined++;
      return false;
    }
    return true;
  }

  apply(file: FileReport): FileReport {
    if (this.isNoop || file.findings.length === 0) return file;
    const kept = file.findings.filter((f) => this.keep(file, f));
    if (kept.length === file.findings.length) return file;
    const countsByDetector = { ...file.countsByDetector };
    const keptSet = new Set(kept);
    for (const f of file.findings) {
      if (keptSet.has(f)) continue;
      const left = (countsByDetector[f.detector] ?? 0) - 1;
      if (left > 0) countsByDetector[f.detector] = left;
      else delete countsByDetector[f.detector];
    }
    return { ...file, findings: kept, findingCount: Math.max(kept.length, file.findingCount - (file.findings.length - kept.length)), countsByDetector };
  }
}

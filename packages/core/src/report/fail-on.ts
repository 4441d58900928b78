import { SEVERITIES, type Severity } from '../model/detector.js';
import { PDP_LABELS, type PdpLabel } from '../model/classification.js';
import { UsageError } from '../model/errors.js';
import type { FileReport } from '../model/report.js';

/**
 * What `--fail-on` accepts: a severity (`high`: any finding of high severity or more), a UU PDP
 * label (`sensitive-health`: any file labelled so; `personal`: any file with personal or
 * health data), `bulk-export` (a file with identifiers of more than 100 people), or `none`.
 */
export type FailOn = Severity | Exclude<PdpLabel, 'public'> | 'bulk-export' | 'none';

export const FAIL_ON_VALUES: readonly FailOn[] = [...SEVERITIES, 'personal', 'sensitive-health', 'bulk-export', 'none'];

/** Validates a `--fail-on` value; the error lists what is accepted. */
export function parseFailOn(value: string): FailOn {
  if ((FAIL_ON_VALUES as readonly string[]).includes(value)) return value as FailOn;
  throw new UsageError(`--fail-on must be one of ${FAIL_ON_VALUES.join(', ')} (got "${value}").`);
}

/**
 * True when this file meets the `--fail-on` threshold: the CLI exits non-zero when any file
 * does. Pure; works on finished reports (members of archives are reports of their own).
 */
export function meetsFailThreshold(file: FileReport, failOn: FailOn): boolean {
  if (failOn === 'none') return false;
  if (failOn === 'bulk-export') return file.classification?.bulkExport === true;
  if (failOn === 'personal' || failOn === 'sensitive-health') {
    // Without a classification (a file not read), fall back to the findings' categories.
    const label = file.classification?.label ?? (file.findings.some((f) => f.category === 'spesifik-kesehatan') ? 'sensitive-health' : file.findingCount > 0 ? 'personal' : 'public');
    return PDP_LABELS.indexOf(label) >= PDP_LABELS.indexOf(failOn);
  }
  const min = SEVERITIES.indexOf(failOn);
  return file.findings.some((f) => SEVERITIES.indexOf(f.severity) >= min);
}

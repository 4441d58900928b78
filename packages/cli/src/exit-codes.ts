import { SEVERITIES, type FileReport, type Severity } from '@saring/core';

/**
 * Exit codes (libraries.md §B2): a pipeline must be able to tell "findings" from "could not
 * finish", since reading one as the other once let a push through.
 */
export const EXIT = {
  /** Everything was read and nothing is at or above the fail threshold. */
  CLEAN: 0,
  /** Findings at or above the fail threshold. */
  FINDINGS: 1,
  /** Usage error, bad configuration, or a fatal error. */
  ERROR: 2,
  /** No such findings, but some files could not be fully scanned: never "clean". */
  INCOMPLETE: 3,
} as const;

export type FailOn = Severity | 'none';

export function parseFailOn(value: string): FailOn {
  if (value === 'none' || (SEVERITIES as readonly string[]).includes(value)) return value as FailOn;
  throw new Error(`--fail-on must be one of ${[...SEVERITIES, 'none'].join(', ')} (got "${value}").`);
}

/** True when the file has a finding at or above the severity threshold. */
export function hasFailingFinding(file: FileReport, failOn: FailOn, severityOf: (detectorId: string) => Severity | undefined): boolean {
  if (failOn === 'none') return false;
  const threshold = SEVERITIES.indexOf(failOn);
  return Object.entries(file.countsByDetector).some(([id, count]) => count > 0 && SEVERITIES.indexOf(severityOf(id) ?? 'low') >= threshold);
}

/** Precedence: findings (1) over incomplete (3) over clean (0); errors (2) are decided before. */
export function exitCodeFor(anyFailing: boolean, anyIncomplete: boolean): number {
  if (anyFailing) return EXIT.FINDINGS;
  if (anyIncomplete) return EXIT.INCOMPLETE;
  return EXIT.CLEAN;
}

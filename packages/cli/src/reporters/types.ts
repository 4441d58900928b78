import type { Detector, FileReport, ScanSummary } from '@saring/core';

/** Findings left out of the report because they were already known (baseline) or accepted (config). */
export interface Filtered {
  /** Findings present in the `--baseline` file. */
  baselined: number;
  /** Findings suppressed by fingerprint in the config (`suppress`, with reason and expiry). */
  suppressed: number;
  /** Findings whose value is on the config's allow-list (`allow`, stored as keyed fingerprints). */
  allowed: number;
}

/** What every reporter gets: the finished scan and how to print it. */
export interface ReportInput {
  files: readonly FileReport[];
  summary: ScanSummary;
  detectors: readonly Detector[];
  /** Tool version for headers. */
  version: string;
  /** ISO time the scan started; absent in golden tests. */
  startedAt?: string;
  /** Findings left out because of a baseline, suppressions or the allow-list. */
  filtered?: Filtered;
  /** Files whose results were carried over from `--state` without reading them. */
  reused?: number;
}

export interface ReporterOptions {
  color: boolean;
}

export const NO_FILTERED: Filtered = Object.freeze({ baselined: 0, suppressed: 0, allowed: 0 });

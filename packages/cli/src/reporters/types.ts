import type { Detector, FileReport, ScanSummary } from '@saring/core';

/** What every reporter gets: the finished scan and how to print it. */
export interface ReportInput {
  files: readonly FileReport[];
  summary: ScanSummary;
  detectors: readonly Detector[];
  /** Tool version for headers. */
  version: string;
}

export interface ReporterOptions {
  color: boolean;
}

import type { Detector, FileReport, ScanSummary } from '@saring/core';
import { csvFile, csvHeader } from './csv.js';
import { htmlReport } from './html.js';
import { jsonReport } from './json.js';
import { jsonlFile, jsonlMeta, jsonlSummary } from './jsonl.js';
import { prettyFile, prettySummary } from './pretty.js';
import { sarifReport } from './sarif.js';
import { ReportStats } from './stats.js';
import type { Filtered } from './types.js';

export const FORMATS = ['pretty', 'json', 'jsonl', 'csv', 'sarif', 'html'] as const;
export type Format = (typeof FORMATS)[number];

/** Formats meant for programs: progress stays off when they go to stdout. */
export const MACHINE_FORMATS: ReadonlySet<Format> = new Set(['json', 'jsonl', 'csv', 'sarif', 'html']);

export interface WriterOptions {
  format: Format;
  color: boolean;
  version: string;
  startedAt: string;
  detectors: readonly Detector[];
  write(text: string): void;
}

/**
 * Feeds reports to a reporter as they arrive. `pretty`, `jsonl` and `csv` are written per file
 * (flushed as they happen); `json`, `sarif` and `html` are one document, written at the end.
 * The reporters themselves stay pure functions.
 */
export class ReportWriter {
  private readonly files: FileReport[] = [];
  private readonly stats = new ReportStats();

  constructor(private readonly options: WriterOptions) {}

  begin(): void {
    const { format, write } = this.options;
    if (format === 'jsonl') write(jsonlMeta(this.options.version, this.options.startedAt));
    else if (format === 'csv') write(csvHeader());
  }

  file(file: FileReport): void {
    const { format, write, color } = this.options;
    this.stats.add(file);
    if (format === 'jsonl') write(jsonlFile(file));
    else if (format === 'pretty') write(prettyFile(file, { color }));
    else if (format === 'csv') write(csvFile(file));
    // `json` accounts for every file; `sarif` and `html` show only files with findings or not
    // fully read (their counts come from the summary), so clean files are not kept in memory.
    else if (format === 'json' || file.findingCount > 0 || file.status !== 'scanned' || file.issues.length > 0) this.files.push(file);
  }

  end(summary: ScanSummary, extra: { filtered: Filtered; reused: number }): void {
    const { format, write, color, version, startedAt, detectors } = this.options;
    const input = { files: this.files, summary, detectors, version, startedAt, filtered: extra.filtered, reused: extra.reused };
    if (format === 'jsonl') write(jsonlSummary(summary, extra));
    else if (format === 'pretty') write(prettySummary({ summary, stats: this.stats, filtered: extra.filtered, reused: extra.reused }, { color }));
    else if (format === 'json') write(jsonReport(input));
    else if (format === 'sarif') write(sarifReport(input));
    else if (format === 'html') write(htmlReport(input));
  }
}

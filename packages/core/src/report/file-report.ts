import type { FileIssue, FileReport, FileStatus, Finding, ReasonCode } from '../model/report.js';
import type { FileClassification } from '../model/classification.js';

/** Accumulates one file's report while it is read; bounded however many findings there are. */
export class FileReportBuilder {
  private readonly findings: Finding[] = [];
  private readonly counts: Record<string, number> = {};
  private findingCount = 0;
  private readonly issues: FileIssue[] = [];
  private incompleteReason: { code: ReasonCode; message: string } | undefined;
  format = 'unknown';
  encoding: string | undefined;
  bytesRead = 0;
  /** Set by the engine: computes the file's label and document classes when the report is finished. */
  classify: ((report: Omit<FileReport, 'classification'>) => FileClassification) | undefined;
  private readonly started = performance.now();

  constructor(
    /** The path as reported: names holding PHI are masked unless the scan reveals. */
    public path: string,
    readonly size: number,
    private readonly maxFindings: number,
  ) {}

  addFinding(finding: Finding): void {
    this.findingCount++;
    this.counts[finding.detector] = (this.counts[finding.detector] ?? 0) + 1;
    if (this.findings.length < this.maxFindings) this.findings.push(finding);
  }

  /** True while another finding would still be kept with full detail. */
  get keepsDetail(): boolean {
    return this.findings.length < this.maxFindings;
  }

  countOnly(detectorId: string): void {
    this.findingCount++;
    this.counts[detectorId] = (this.counts[detectorId] ?? 0) + 1;
  }

  /** Part of the file was not read. The first reason becomes the file's reason; all are listed. */
  incomplete(code: ReasonCode, message: string): void {
    this.incompleteReason ??= { code, message };
    if (!this.issues.some((i) => i.code === code && i.message === message)) this.issues.push({ code, message });
  }

  issue(code: ReasonCode, message: string): void {
    if (!this.issues.some((i) => i.code === code && i.message === message)) this.issues.push({ code, message });
  }

  finish(status?: { status: Exclude<FileStatus, 'scanned' | 'incomplete'>; reason: ReasonCode; message: string }): FileReport {
    if (this.findingCount > this.findings.length) {
      this.issue('limit-findings', `Only the first ${this.findings.length} of ${this.findingCount} findings are listed in detail; all are counted.`);
    }
    const base = {
      path: this.path,
      size: this.size,
      format: this.format,
      ...(this.encoding ? { encoding: this.encoding } : {}),
      issues: this.issues,
      findings: this.findings,
      findingCount: this.findingCount,
      countsByDetector: this.counts,
      durationMs: Math.round((performance.now() - this.started) * 10) / 10,
      bytesRead: this.bytesRead,
    };
    let report: FileReport;
    if (status) report = { ...base, status: status.status, reason: status.reason, reasonMessage: status.message };
    else if (this.incompleteReason) report = { ...base, status: 'incomplete', reason: this.incompleteReason.code, reasonMessage: this.incompleteReason.message };
    else report = { ...base, status: 'scanned' };
    if (this.classify) report.classification = this.classify(report);
    return report;
  }
}

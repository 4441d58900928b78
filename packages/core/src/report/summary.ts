import { CONFIDENCE_LEVELS, SEVERITIES, type ConfidenceLevel, type Severity } from '../model/detector.js';
import type { FileReport, ScanSummary } from '../model/report.js';
import { PDP_LABELS, type PdpLabel } from '../model/classification.js';

/** Counts file reports into a scan summary as they stream by. */
export class SummaryBuilder {
  private readonly summary: ScanSummary = {
    filesSeen: 0,
    scanned: 0,
    skipped: 0,
    failed: 0,
    incomplete: 0,
    filesWithFindings: 0,
    findings: 0,
    findingsByDetector: {},
    findingsBySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>,
    findingsByConfidence: Object.fromEntries(CONFIDENCE_LEVELS.map((c) => [c, 0])) as Record<ConfidenceLevel, number>,
    reasons: {},
    bytesRead: 0,
    durationMs: 0,
    aborted: false,
    filesByLabel: Object.fromEntries(PDP_LABELS.map((l) => [l, 0])) as Record<PdpLabel, number>,
    filesByDocumentClass: {},
    bulkExports: 0,
  };
  private readonly started = performance.now();

  add(file: FileReport, severityOf: (detectorId: string) => Severity | undefined): void {
    const s = this.summary;
    s.filesSeen++;
    s[file.status]++;
    if (file.reason && file.status !== 'scanned') s.reasons[file.reason] = (s.reasons[file.reason] ?? 0) + 1;
    s.bytesRead += file.bytesRead;
    if (file.findingCount > 0) s.filesWithFindings++;
    s.findings += file.findingCount;
    for (const [detector, count] of Object.entries(file.countsByDetector)) {
      s.findingsByDetector[detector] = (s.findingsByDetector[detector] ?? 0) + count;
      const severity = severityOf(detector);
      if (severity) s.findingsBySeverity[severity] += count;
    }
    // Confidence is known per detailed finding only; counted ones beyond the cap are not split.
    for (const finding of file.findings) s.findingsByConfidence[finding.confidence]++;
    const classification = file.classification;
    if (classification) {
      s.filesByLabel[classification.label]++;
      if (classification.bulkExport) s.bulkExports++;
      for (const document of classification.documents) s.filesByDocumentClass[document.id] = (s.filesByDocumentClass[document.id] ?? 0) + 1;
    }
  }

  finish(aborted: boolean): ScanSummary {
    return { ...this.summary, aborted, durationMs: Math.round(performance.now() - this.started) };
  }
}

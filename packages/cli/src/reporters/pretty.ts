import { createColors } from 'picocolors';
import { formatLocator, formatBytes, type FileReport, type Severity } from '@saring/core';
import type { ReportInput, ReporterOptions } from './types.js';

const STATUS_TEXT: Readonly<Record<FileReport['status'], string>> = {
  scanned: 'scanned',
  skipped: 'skipped',
  failed: 'FAILED',
  incomplete: 'INCOMPLETE',
};

/** One file's block: the path, its status, and each finding masked on its own line. */
export function prettyFile(file: FileReport, options: ReporterOptions): string {
  const c = createColors(options.color);
  const paint = (severity: Severity, text: string) =>
    severity === 'critical' ? c.bold(c.red(text)) : severity === 'high' ? c.red(text) : severity === 'medium' ? c.yellow(text) : c.dim(text);
  if (file.status === 'scanned' && file.findingCount === 0 && file.issues.length === 0) return '';
  const lines: string[] = [];
  const head = file.status === 'scanned' ? c.bold(file.path) : `${c.bold(file.path)}  ${c.magenta(`[${STATUS_TEXT[file.status]}: ${file.reason ?? ''}]`)}`;
  lines.push(head);
  if (file.reasonMessage) lines.push(`  ${c.magenta(file.reasonMessage)}`);
  for (const issue of file.issues) if (issue.message !== file.reasonMessage) lines.push(`  ${c.dim(`note (${issue.code}): ${issue.message}`)}`);
  for (const f of file.findings) {
    const where = formatLocator(f.locator).padEnd(18);
    const value = f.value !== undefined ? `${f.masked}  ${c.red(`[revealed: ${f.value}]`)}` : f.masked;
    lines.push(`  ${c.dim(where)} ${paint(f.severity, f.detector.padEnd(22))} ${f.confidence.padEnd(6)} ${value}${f.snippet ? c.dim(`  "${f.snippet}"`) : ''}`);
  }
  if (file.findingCount > file.findings.length) lines.push(`  ${c.dim(`… and ${file.findingCount - file.findings.length} more findings (counted, not listed)`)}`);
  return `${lines.join('\n')}\n\n`;
}

/** The closing summary table. */
export function prettySummary(input: Pick<ReportInput, 'summary'>, options: ReporterOptions): string {
  const c = createColors(options.color);
  const s = input.summary;
  const lines = [
    c.bold('Summary'),
    `  files seen      ${s.filesSeen}  (scanned ${s.scanned}, skipped ${s.skipped}, failed ${s.failed}, incomplete ${s.incomplete})`,
    `  with findings   ${s.filesWithFindings}`,
    `  findings        ${s.findings}  (critical ${s.findingsBySeverity.critical}, high ${s.findingsBySeverity.high}, medium ${s.findingsBySeverity.medium}, low ${s.findingsBySeverity.low})`,
  ];
  const byDetector = Object.entries(s.findingsByDetector).sort((a, b) => b[1] - a[1]);
  if (byDetector.length) lines.push(`  by detector     ${byDetector.map(([id, n]) => `${id} ${n}`).join(', ')}`);
  const reasons = Object.entries(s.reasons);
  if (reasons.length) lines.push(`  not fully read  ${reasons.map(([r, n]) => `${r} ${n}`).join(', ')}`);
  lines.push(`  read            ${formatBytes(s.bytesRead)} in ${(s.durationMs / 1000).toFixed(1)} s${s.aborted ? c.magenta('  (stopped before the end)') : ''}`);
  if (s.incomplete + s.failed > 0) lines.push(c.magenta('  Some files could not be fully read: they are not reported clean.'));
  return `${lines.join('\n')}\n`;
}

/** The whole report as one string (for `--output` and tests). */
export function prettyReport(input: ReportInput, options: ReporterOptions): string {
  return input.files.map((f) => prettyFile(f, options)).join('') + prettySummary(input, options);
}

import { formatLocator, type FileReport } from '@saring/core';

/** Columns of the CSV report, one row per finding. */
export const CSV_COLUMNS = ['path', 'status', 'label', 'detector', 'entity', 'severity', 'confidence', 'location', 'masked', 'fingerprint'] as const;

/**
 * One CSV cell, RFC 4180 quoted. A cell starting with `= + - @` (or tab / carriage return) is
 * prefixed with `'` so a spreadsheet never runs it as a formula (OWASP "CSV injection"): file
 * names are attacker-controlled.
 */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

/**
 * A file's rows: one per finding; a file that was not fully read gets one row with its status
 * and reason in `detector`/`location`, so the spreadsheet also lists what was not checked.
 */
export function csvFile(file: FileReport): string {
  const label = file.classification?.label ?? '';
  const rows: (string | number)[][] = file.findings.map((f) => [file.path, file.status, label, f.detector, f.entity, f.severity, f.confidence, formatLocator(f.locator), f.masked, f.fingerprint]);
  if (file.status !== 'scanned') rows.push([file.path, file.status, label, '', '', '', '', `${file.reason ?? ''}: ${file.reasonMessage ?? ''}`, '', '']);
  return rows.map((r) => `${r.map(csvCell).join(',')}\r\n`).join('');
}

/** The whole CSV report. */
export function csvReport(input: { files: readonly FileReport[] }): string {
  return csvHeader() + input.files.map(csvFile).join('');
}

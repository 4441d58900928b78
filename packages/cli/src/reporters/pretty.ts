import { createColors } from 'picocolors';
import { formatLocator, formatBytes, type FileReport, type PdpLabel, type ScanSummary, type Severity } from '@saring/core';
import { ReportStats, sortedCounts } from './stats.js';
import { NO_FILTERED, type Filtered, type ReportInput, type ReporterOptions } from './types.js';

const STATUS_TEXT: Readonly<Record<FileReport['status'], string>> = {
  scanned: 'scanned',
  skipped: 'skipped',
  failed: 'FAILED',
  incomplete: 'INCOMPLETE',
};

const LABEL_TEXT: Readonly<Record<PdpLabel, string>> = {
  public: 'public',
  personal: 'personal data',
  'sensitive-health': 'SENSITIVE HEALTH DATA',
};

type Colors = ReturnType<typeof createColors>;

/** Location column width in the pretty report; longer locations push the line out. */
const MAX_LOCATION_WIDTH = 36;

function severityPaint(c: Colors): (severity: Severity, text: string) => string {
  return (severity, text) => (severity === 'critical' ? c.bold(c.red(text)) : severity === 'high' ? c.red(text) : severity === 'medium' ? c.yellow(text) : c.dim(text));
}

function labelPaint(c: Colors, label: PdpLabel, text: string): string {
  return label === 'sensitive-health' ? c.bold(c.red(text)) : label === 'personal' ? c.yellow(text) : c.green(text);
}

/**
 * One file's block: the path with its UU PDP label, people count and document classes, its
 * status, and each finding masked on its own line, coloured by severity. Clean files print nothing.
 */
export function prettyFile(file: FileReport, options: ReporterOptions): string {
  const c = createColors(options.color);
  const paint = severityPaint(c);
  if (file.status === 'scanned' && file.findingCount === 0 && file.issues.length === 0) return '';
  const lines: string[] = [];
  const tags: string[] = [];
  const cls = file.classification;
  if (cls && cls.label !== 'public') {
    tags.push(labelPaint(c, cls.label, LABEL_TEXT[cls.label]));
    if (cls.people > 0) tags.push(`${cls.people}${cls.peopleCapped ? '+' : ''} ${cls.people === 1 ? 'person' : 'people'}${cls.bulkExport ? c.bold(c.red(' (bulk export)')) : ''}`);
    tags.push(`risk ${cls.risk}`);
  }
  if (cls?.documents.length) tags.push(`document: ${cls.documents.map((d) => `${d.id} ${Math.round(d.confidence * 100)}%`).join(', ')}`);
  const status = file.status === 'scanned' ? '' : `  ${c.magenta(`[${STATUS_TEXT[file.status]}: ${file.reason ?? ''}]`)}`;
  lines.push(`${c.bold(file.path)}${status}`);
  if (tags.length) lines.push(`  ${tags.join(c.dim(' · '))}`);
  if (file.reasonMessage) lines.push(`  ${c.magenta(file.reasonMessage)}`);
  for (const issue of file.issues) if (issue.message !== file.reasonMessage) lines.push(`  ${c.dim(`note (${issue.code}): ${issue.message}`)}`);
  const width = Math.min(MAX_LOCATION_WIDTH, Math.max(0, ...file.findings.map((f) => formatLocator(f.locator).length)));
  for (const f of file.findings) {
    const where = formatLocator(f.locator).padEnd(width);
    const value = f.value !== undefined ? `${f.masked}  ${c.red(`[revealed: ${f.value}]`)}` : f.masked;
    lines.push(`  ${c.dim(where)} ${paint(f.severity, f.detector.padEnd(22))} ${f.confidence.padEnd(6)} ${value}${f.snippet ? c.dim(`  "${f.snippet}"`) : ''}`);
  }
  if (file.findingCount > file.findings.length) lines.push(`  ${c.dim(`… and ${file.findingCount - file.findings.length} more findings (counted, not listed)`)}`);
  return `${lines.join('\n')}\n\n`;
}

/** Extra facts for the summary that the core summary does not carry. */
export interface PrettySummaryInput {
  summary: ScanSummary;
  stats?: ReportStats;
  filtered?: Filtered;
  reused?: number;
}

function table(c: Colors, title: string, rows: readonly (readonly [string, string | number])[]): string[] {
  if (rows.length === 0) return [];
  const width = Math.max(...rows.map(([k]) => k.length));
  return [`  ${c.bold(title)}`, ...rows.map(([k, v]) => `    ${k.padEnd(width)}  ${String(v).padStart(7)}`)];
}

/** The closing summary: files by status, findings by severity, detector and label, top folders. */
export function prettySummary(input: PrettySummaryInput, options: ReporterOptions): string {
  const c = createColors(options.color);
  const paint = severityPaint(c);
  const s = input.summary;
  const filtered = input.filtered ?? NO_FILTERED;
  const lines = [c.bold('Summary')];
  lines.push(
    ...table(c, 'Files', [
      ['seen', s.filesSeen],
      ['scanned', s.scanned],
      ['skipped', s.skipped],
      ['failed', s.failed],
      ['incomplete', s.incomplete],
      ['with findings', s.filesWithFindings],
      ...(input.reused ? [['unchanged (not re-read)', input.reused] as const] : []),
    ]),
  );
  lines.push(`  ${c.bold('Findings')}  ${s.findings}  (${(['critical', 'high', 'medium', 'low'] as const).map((sev) => paint(sev, `${sev} ${s.findingsBySeverity[sev]}`)).join(', ')})`);
  const hidden = filtered.baselined + filtered.suppressed + filtered.allowed;
  if (hidden) lines.push(`  ${c.dim(`not reported: ${filtered.baselined} in the baseline, ${filtered.suppressed} suppressed, ${filtered.allowed} allow-listed`)}`);
  lines.push(...table(c, 'Findings by detector', sortedCounts(s.findingsByDetector)));
  if (input.stats) lines.push(...table(c, 'Findings by label', sortedCounts(input.stats.findingsByLabel)));
  lines.push(...table(c, 'Files by label', sortedCounts(s.filesByLabel)));
  lines.push(...table(c, 'Documents', sortedCounts(s.filesByDocumentClass)));
  if (input.stats) lines.push(...table(c, 'Top folders (sensitive files)', input.stats.topFolders()));
  lines.push(...table(c, 'Not fully read', sortedCounts(s.reasons as Record<string, number>)));
  if (s.bulkExports) lines.push(c.bold(c.red(`  ${s.bulkExports} file(s) hold identifiers of more than 100 people (bulk export).`)));
  lines.push(`  read ${formatBytes(s.bytesRead)} in ${(s.durationMs / 1000).toFixed(1)} s${s.aborted ? c.magenta('  (stopped before the end)') : ''}`);
  if (s.incomplete + s.failed > 0) lines.push(c.magenta('  Some files could not be fully read: they are not reported clean.'));
  return `${lines.join('\n')}\n`;
}

/** The whole report as one string (for `--output` and tests). */
export function prettyReport(input: ReportInput, options: ReporterOptions): string {
  const stats = ReportStats.of(input.files);
  return (
    input.files.map((f) => prettyFile(f, options)).join('') +
    prettySummary({ summary: input.summary, stats, ...(input.filtered ? { filtered: input.filtered } : {}), ...(input.reused ? { reused: input.reused } : {}) }, options)
  );
}

import type { ReportInput } from './types.js';

/** One JSON document with every file (clean ones too: every file is accounted for) and the summary. */
export function jsonReport(input: ReportInput): string {
  const extra = { ...(input.filtered ? { filtered: input.filtered } : {}), ...(input.reused ? { reused: input.reused } : {}) };
  return `${JSON.stringify({ tool: 'saring', version: input.version, schema: 1, ...(input.startedAt ? { startedAt: input.startedAt } : {}), files: input.files, summary: { ...input.summary, ...extra } }, null, 2)}\n`;
}

import type { ReportInput } from './types.js';

/** One JSON document with every file (clean ones too: every file is accounted for) and the summary. */
export function jsonReport(input: ReportInput): string {
  return `${JSON.stringify({ tool: 'saring', version: input.version, schema: 1, files: input.files, summary: input.summary }, null, 2)}\n`;
}

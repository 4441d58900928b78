import type { FileReport, ScanSummary } from '@saring/core';

/**
 * JSON Lines (jsonlines.org), streamed: a `meta` line, then per file a `file` line followed by
 * its `finding` lines, then a `summary` line. Each line is written as soon as it is known.
 */
export function jsonlMeta(version: string, startedAt: string): string {
  return `${JSON.stringify({ type: 'meta', tool: 'saring', version, schema: 1, startedAt })}\n`;
}

export function jsonlFile(file: FileReport): string {
  const { findings, ...rest } = file;
  let out = `${JSON.stringify({ type: 'file', ...rest })}\n`;
  for (const finding of findings) out += `${JSON.stringify({ type: 'finding', path: file.path, ...finding })}\n`;
  return out;
}

export function jsonlSummary(summary: ScanSummary): string {
  return `${JSON.stringify({ type: 'summary', ...summary })}\n`;
}

import type { FileReport, ScanSummary } from '@saring/core';
import type { Filtered } from './types.js';

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
  if (findings.length === 0) return out;
  // `{"type":"finding","path":…,` then the finding's own keys: the same line as stringifying
  // `{ type, path, ...finding }` (a Finding has neither key), without copying every finding.
  const prefix = `{"type":"finding","path":${JSON.stringify(file.path)},`;
  for (const finding of findings) out += `${prefix}${JSON.stringify(finding).slice(1)}\n`;
  return out;
}

/** The last line; `filtered` and `reused` say what a baseline, the config or `--state` changed. */
export function jsonlSummary(summary: ScanSummary, extra: { filtered?: Filtered; reused?: number } = {}): string {
  return `${JSON.stringify({ type: 'summary', ...summary, ...(extra.filtered ? { filtered: extra.filtered } : {}), ...(extra.reused ? { reused: extra.reused } : {}) })}\n`;
}

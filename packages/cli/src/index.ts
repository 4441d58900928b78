/** @saring/cli — the `saring` command as a library: `run(argv, io)` returns the exit code. */
export { run, type RegisterCommand } from './run.js';
export { processIO, type CliIO } from './io.js';
export { EXIT, exitCodeFor, hasFailingFinding, parseFailOn, type FailOn } from './exit-codes.js';
export { jsonReport } from './reporters/json.js';
export { jsonlFile, jsonlMeta, jsonlSummary } from './reporters/jsonl.js';
export { prettyFile, prettyReport, prettySummary } from './reporters/pretty.js';
export { csvCell, csvFile, csvHeader, csvReport } from './reporters/csv.js';
export { sarifReport, SARIF_SCHEMA } from './reporters/sarif.js';
export { htmlReport, escapeHtml } from './reporters/html.js';
export { redactPath, redactReport } from './reporters/redact.js';
export { ReportWriter, FORMATS, type Format } from './reporters/writer.js';
export type { ReportInput, ReporterOptions, Filtered } from './reporters/types.js';
export { VERSION } from './version.js';

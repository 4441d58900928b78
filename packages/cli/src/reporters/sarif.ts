import { formatLocator, type Detector, type FileReport, type Finding, type Severity } from '@saring/core';
import type { ReportInput } from './types.js';

/** SARIF 2.1.0 (OASIS), validated in tests against the official schema (test/schemas/). */
export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

type Level = 'none' | 'note' | 'warning' | 'error';

/** Severity to SARIF level: GitHub code scanning shows `error` as the most urgent. */
const LEVEL: Readonly<Record<Severity, Level>> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };

/** The key of our fingerprint in `partialFingerprints`: a keyed HMAC, stable across runs with the same key. */
export const SARIF_FINGERPRINT_KEY = 'saringValueHmac/v1';

/** A relative path as a URI reference: each segment percent-encoded, `/` and the archive `!` kept. */
export function sarifUri(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/%21/g, '!'))
    .join('/');
}

function rule(detector: Detector) {
  return {
    id: detector.id,
    name: detector.meta.entity,
    shortDescription: { text: detector.meta.entity },
    fullDescription: { text: detector.meta.description },
    defaultConfiguration: { level: LEVEL[detector.meta.severity] },
    properties: { category: detector.meta.category, severity: detector.meta.severity, ...(detector.meta.reference ? { reference: detector.meta.reference } : {}) },
  };
}

function result(file: FileReport, finding: Finding, ruleIndex: Map<string, number>) {
  const location = finding.locator;
  const region = location.kind === 'text' ? { region: { startLine: location.line, startColumn: location.column } } : {};
  const index = ruleIndex.get(finding.detector);
  return {
    ruleId: finding.detector,
    ...(index !== undefined ? { ruleIndex: index } : {}),
    level: LEVEL[finding.severity],
    // Masked value only: never the matched text (libraries.md §B1).
    message: { text: `${finding.entity}: ${finding.masked} (${finding.confidence} confidence) at ${formatLocator(location)}` },
    locations: [{ physicalLocation: { artifactLocation: { uri: sarifUri(file.path) }, ...region } }],
    partialFingerprints: { [SARIF_FINGERPRINT_KEY]: finding.fingerprint },
    properties: {
      location: formatLocator(location),
      locator: location,
      confidence: finding.confidence,
      score: finding.score,
      category: finding.category,
      ...(file.classification ? { label: file.classification.label } : {}),
    },
  };
}

/** A file not (fully) read, as a notification: `warning` when content went unchecked, `note` when skipped by choice. */
function notification(file: FileReport) {
  const unread = file.status === 'failed' || file.status === 'incomplete' || (file.status === 'skipped' && file.reason !== 'symlink' && file.reason !== 'excluded');
  return {
    level: (file.status === 'failed' ? 'error' : unread ? 'warning' : 'note') as Level,
    message: { text: `${file.status}${file.reason ? ` (${file.reason})` : ''}: ${file.reasonMessage ?? 'not fully read'}` },
    locations: [{ physicalLocation: { artifactLocation: { uri: sarifUri(file.path) } } }],
    ...(file.reason ? { descriptor: { id: file.reason } } : {}),
  };
}

/**
 * The scan as one SARIF 2.1.0 log: a rule per detector, a result per finding (masked message,
 * keyed fingerprint in `partialFingerprints`), and every file not fully read in
 * `invocations[0].toolExecutionNotifications`. Pure.
 */
export function sarifReport(input: ReportInput): string {
  const rules = input.detectors.map(rule);
  const ruleIndex = new Map(input.detectors.map((d, i) => [d.id, i]));
  const results = input.files.flatMap((file) => file.findings.map((finding) => result(file, finding, ruleIndex)));
  const notifications = input.files.filter((f) => f.status !== 'scanned').map(notification);
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'saring', semanticVersion: input.version, version: input.version, rules } },
        invocations: [
          {
            executionSuccessful: !input.summary.aborted,
            ...(input.startedAt ? { startTimeUtc: input.startedAt } : {}),
            toolExecutionNotifications: notifications,
          },
        ],
        results,
        properties: { summary: input.summary, ...(input.filtered ? { filtered: input.filtered } : {}) },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

import { fingerprint, parseKey, SummaryBuilder, type Detector, type FileReport, type Finding, type Severity } from '@saring/core';
import type { ReportInput } from '../src/reporters/types.js';
import { manifest, TEST_KEY } from './helpers.js';

/**
 * Detector stand-ins with fixed metadata, so golden files change when a reporter changes, not
 * when another detector's wording does.
 */
const META: Record<string, { entity: string; severity: Severity; category: 'umum' | 'spesifik-kesehatan'; identifiesPerson?: true }> = {
  nik: { entity: 'NIK (KTP number)', severity: 'high', category: 'umum', identifiesPerson: true },
  'bpjs-card': { entity: 'BPJS Kesehatan card number', severity: 'high', category: 'spesifik-kesehatan', identifiesPerson: true },
  'phone-id': { entity: 'Indonesian phone number', severity: 'medium', category: 'umum' },
  email: { entity: 'E-mail address', severity: 'low', category: 'umum' },
};

export function goldenDetectors(): Detector[] {
  return Object.entries(META).map(([id, m]) => ({
    id,
    meta: { entity: m.entity, severity: m.severity, category: m.category, description: `Finds ${m.entity} values (golden-test stand-in).`, ...(m.identifiesPerson ? { identifiesPerson: true } : {}) },
    scan: () => [],
  }));
}

/**
 * A finished scan of `fixtures/text` built from its manifest (the ground truth), plus two
 * hostile cases a real share has: a file name made to break HTML and spreadsheets, and an
 * archive member cut by a limit. Timings are zero, fingerprints use the test key.
 */
export function goldenInput(): ReportInput {
  const key = parseKey(TEST_KEY);
  const truth = manifest('text');
  const files: FileReport[] = truth.files.map((f) => {
    const findings: Finding[] = f.findings.map((x) => {
      const meta = META[x.detector]!;
      return {
        detector: x.detector,
        entity: meta.entity,
        category: meta.category,
        severity: meta.severity,
        confidence: 'high',
        score: 0.9,
        locator: x.locator as unknown as Finding['locator'],
        masked: x.masked,
        snippet: '',
        fingerprint: fingerprint(key, x.detector, x.value),
        explanation: { pattern: x.detector, validation: 'unchecked', context: [] },
      };
    });
    const counts: Record<string, number> = {};
    for (const x of findings) counts[x.detector] = (counts[x.detector] ?? 0) + 1;
    const people = new Set(f.findings.filter((x) => META[x.detector]?.identifiesPerson).map((x) => x.value)).size;
    const health = findings.some((x) => x.category === 'spesifik-kesehatan');
    const label = findings.length === 0 ? 'public' : health && people > 0 ? 'sensitive-health' : 'personal';
    return {
      path: `fixtures/text/${f.reportedPath ?? f.path}`,
      size: 1000,
      format: f.format,
      ...(f.encoding ? { encoding: f.encoding } : {}),
      status: f.status as FileReport['status'],
      ...(f.reason ? { reason: f.reason as FileReport['reason'], reasonMessage: 'Saring has no reader for this format, so its content was not checked.' } : {}),
      issues: [],
      findings,
      findingCount: findings.length,
      countsByDetector: counts,
      durationMs: 0,
      bytesRead: f.status === 'scanned' ? 1000 : 0,
      classification: {
        label,
        categories: [...new Set(findings.map((x) => x.category))],
        people,
        bulkExport: false,
        risk: label === 'sensitive-health' ? 80 : label === 'personal' ? 40 : 0,
        documents: f.path === 'surat-rujukan.txt' ? [{ id: 'bpjs-referral-letter', confidence: 0.8, evidence: ['title "SURAT RUJUKAN"'] }] : [],
      },
    };
  });
  files.push({
    path: 'fixtures/text/=HYPERLINK("x")<script>alert(1)</script>.txt',
    size: 300 * 1024 * 1024,
    format: 'not-read',
    status: 'skipped',
    reason: 'too-large',
    reasonMessage: 'File is larger than the 256 MiB limit (--max-file-size); not read.',
    issues: [],
    findings: [],
    findingCount: 0,
    countsByDetector: {},
    durationMs: 0,
    bytesRead: 0,
  });
  files.push({
    path: 'fixtures/text/arsip.zip!dalam/besar.txt',
    size: 0,
    format: 'text',
    status: 'incomplete',
    reason: 'limit-member-size',
    reasonMessage: 'This archive member is larger than the 100 MiB limit; only its start was read.',
    issues: [{ code: 'limit-member-size', message: 'This archive member is larger than the 100 MiB limit; only its start was read.' }],
    findings: [],
    findingCount: 0,
    countsByDetector: {},
    durationMs: 0,
    bytesRead: 0,
  });
  const severity = new Map(Object.entries(META).map(([id, m]) => [id, m.severity]));
  const builder = new SummaryBuilder();
  for (const file of files) builder.add(file, (id) => severity.get(id));
  const summary = { ...builder.finish(false), durationMs: 0 };
  return { files, summary, detectors: goldenDetectors(), version: '0.0.0-golden', filtered: { baselined: 2, suppressed: 1, allowed: 0 } };
}

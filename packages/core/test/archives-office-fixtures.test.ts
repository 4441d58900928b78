import { beforeAll, describe, expect, it } from 'vitest';
import type { FileReport } from '../src/index.js';
import { expectedTriples, manifest, scanFolder, triples, type ExpectedFile } from './archives-office-helpers.js';

/**
 * The committed office and archive fixtures against their ground truth: every file and every
 * archive member is accounted for with its status, reason and exact findings.
 */
describe.each(['office', 'archives'] as const)('fixtures/%s', (folder) => {
  const truth = manifest(folder);
  let reports: FileReport[] = [];
  beforeAll(async () => {
    reports = await scanFolder(folder);
  });

  it('reports every file and member, and nothing else', () => {
    expect(reports.map((r) => r.path).sort()).toEqual(truth.files.map((f) => f.path).sort());
  });

  it.each(truth.files.map((f) => [f.path, f] as [string, ExpectedFile]))('%s', (path, expected) => {
    const report = reports.find((r) => r.path === path);
    expect(report, `no report for ${path}`).toBeDefined();
    expect({ format: report!.format, status: report!.status, reason: report!.reason }).toEqual({ format: expected.format, status: expected.status, reason: expected.reason });
    if (report!.status !== 'scanned') expect(report!.reasonMessage).toMatch(/\w{3,}/);
    expect(triples(report!.findings, truth.detectors)).toEqual(expectedTriples(expected));
  });
});

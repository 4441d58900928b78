import { describe, expect, it } from 'vitest';
import { cli, manifest } from './helpers.js';

interface JsonFinding {
  detector: string;
  locator: Record<string, unknown>;
  masked: string;
  value?: string;
}
interface JsonFile {
  path: string;
  status: string;
  reason?: string;
  format: string;
  encoding?: string;
  findings: JsonFinding[];
}

describe('saring scan fixtures/text --format json', async () => {
  const truth = manifest('text');
  const { code, stdout } = await cli(['scan', 'fixtures/text', '--format', 'json']);
  const report = JSON.parse(stdout) as { files: JsonFile[]; summary: Record<string, number> };
  const byPath = new Map(report.files.map((f) => [f.path.replace(/^fixtures\/text\//, ''), f]));

  it('exits 1 (findings) and accounts for every file', () => {
    expect(code).toBe(1);
    expect([...byPath.keys()].sort()).toEqual(truth.files.map((f) => f.reportedPath ?? f.path).sort());
    expect(report.summary.filesSeen).toBe(truth.files.length);
  });

  it.each(truth.files.map((f) => [f.path, f] as const))('%s: exactly the findings in the manifest', (path, expected) => {
    const actual = byPath.get(expected.reportedPath ?? path);
    expect(actual, `${path} missing from the report`).toBeDefined();
    expect({ status: actual!.status, reason: actual!.reason, format: actual!.format, encoding: actual!.encoding }).toEqual({
      status: expected.status,
      reason: expected.reason,
      format: expected.format,
      encoding: expected.encoding,
    });
    const found = actual!.findings
      .filter((f) => truth.detectors.includes(f.detector))
      .map((f) => ({ detector: f.detector, locator: f.locator, masked: f.masked }));
    const wanted = expected.findings.map((f) => ({ detector: f.detector, locator: f.locator, masked: f.masked }));
    expect(found).toEqual(wanted);
  });
});

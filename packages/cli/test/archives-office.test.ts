import { describe, expect, it } from 'vitest';
import { cli, manifest } from './helpers.js';

interface JsonFile {
  path: string;
  status: string;
  reason?: string;
  reasonMessage?: string;
  format: string;
  findings: { detector: string; locator: Record<string, unknown>; masked: string; value?: string }[];
}

const key = (f: { detector: string; locator: Record<string, unknown>; masked: string }) => JSON.stringify([f.detector, f.locator, f.masked]);

/** End to end through the CLI: archives (members as `outer!inner` paths) and Office documents. */
describe.each(['archives', 'office'] as const)('saring scan fixtures/%s --format json', async (folder) => {
  const truth = manifest(folder);
  const { code, stdout } = await cli(['scan', `fixtures/${folder}`, '--format', 'json']);
  const report = JSON.parse(stdout) as { files: JsonFile[] };
  const byPath = new Map(report.files.map((f) => [f.path.replace(`fixtures/${folder}/`, ''), f]));

  it('exits 1 (findings) and accounts for every file and member', () => {
    expect(code).toBe(1);
    expect([...byPath.keys()].sort()).toEqual(truth.files.map((f) => f.path).sort());
  });

  it.each(truth.files.map((f) => [f.path, f] as const))('%s', (path, expected) => {
    const actual = byPath.get(path)!;
    expect({ status: actual.status, reason: actual.reason, format: actual.format }).toEqual({ status: expected.status, reason: expected.reason, format: expected.format });
    // Raw values never reach the JSON without --reveal.
    expect(actual.findings.every((f) => f.value === undefined)).toBe(true);
    const found = actual.findings.filter((f) => truth.detectors.includes(f.detector)).map(key).sort();
    expect(found).toEqual(expected.findings.map(key).sort());
  });
});

describe('exit code 3 when something could not be read and nothing fails the threshold', () => {
  it('saring scan fixtures/archives --fail-on none', async () => {
    const { code } = await cli(['scan', 'fixtures/archives', '--format', 'json', '--fail-on', 'none']);
    expect(code).toBe(3);
  });
});

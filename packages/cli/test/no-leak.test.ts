import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, manifest } from './helpers.js';

/** Every raw synthetic value in the fixture manifests, in the forms a leak could take. */
function rawValues(): string[] {
  const values = manifest('text').files.flatMap((f) => f.findings.map((x) => x.value));
  // Also the national form of phone numbers as written in the files.
  return [...new Set(values.flatMap((v) => (v.startsWith('+62') ? [v, `0${v.slice(3)}`] : [v])))];
}

describe('no output format leaks a sensitive value unless asked', () => {
  const values = rawValues();

  it.each(['pretty', 'json', 'jsonl'])('%s output contains no raw value', async (format) => {
    const { stdout, stderr } = await cli(['scan', 'fixtures/text', '--format', format]);
    expect(stdout.length).toBeGreaterThan(100);
    for (const value of values) {
      expect(stdout.includes(value), `${format} stdout leaks a value`).toBe(false);
      expect(stderr.includes(value), `${format} stderr leaks a value`).toBe(false);
    }
  });

  it('--reveal is the only way to see raw values', async () => {
    const { stdout } = await cli(['scan', 'fixtures/text', '--format', 'json', '--reveal']);
    const revealed = values.filter((v) => stdout.includes(v));
    expect(revealed.length).toBeGreaterThan(values.length / 2);
  });

  it('--output writes the report with mode 0600 and nothing to stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saring-out-'));
    const out = join(dir, 'report.jsonl');
    const { stdout, code } = await cli(['scan', 'fixtures/text', '--format', 'jsonl', '--output', out]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toContain('"type":"meta"');
    for (const value of values) expect(text.includes(value)).toBe(false);
  });
});

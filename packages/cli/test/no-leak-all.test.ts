import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, FIXTURES } from './helpers.js';

/** Every `value` string anywhere in every fixture manifest, with the national form of +62 phone numbers. */
function allRawValues(): string[] {
  const values = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        if (key === 'value' && typeof child === 'string' && child.length >= 6) {
          values.add(child);
          if (child.startsWith('+62')) values.add(`0${child.slice(3)}`);
        } else visit(child);
      }
    }
  };
  for (const folder of readdirSync(FIXTURES, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    try {
      visit(JSON.parse(readFileSync(join(FIXTURES, folder.name, 'manifest.json'), 'utf8')));
    } catch {
      // A folder without a manifest has no ground truth to check.
    }
  }
  return [...values];
}

function leaks(text: string | Buffer, values: readonly string[]): string[] {
  const haystack = typeof text === 'string' ? text : text.toString('latin1') + text.toString('utf8');
  // Report only how many and which kind, never the value itself in the test log.
  return values.filter((v) => haystack.includes(v)).map((v) => `${v.length}-char value starting "${v.slice(0, 2)}"`);
}

/**
 * One test over everything Saring writes: every report format, stderr, the state database and a
 * baseline, after scanning every fixture folder. No raw value from any manifest may appear.
 * OCR is off (config) to keep this fast: the OCR fixtures' values can then only leak through names.
 */
describe('no raw fixture value in any output, the state database or a baseline', () => {
  const values = allRawValues();
  const dir = mkdtempSync(join(tmpdir(), 'saring-noleak-'));
  writeFileSync(join(dir, 'saring.config.json'), JSON.stringify({ limits: { ocr: 'never' } }));
  const common = ['--config', join(dir, 'saring.config.json'), '--state', join(dir, 'state.db')];

  it('has values to look for', () => {
    expect(values.length).toBeGreaterThan(50);
  });

  it.each(['jsonl', 'json', 'pretty', 'csv', 'sarif', 'html'])('%s report and stderr', { timeout: 180_000 }, async (format) => {
    const out = join(dir, `report.${format}`);
    // CI=true: stderr also carries the plain progress lines (folders, counts).
    const { stderr, code } = await cli(['scan', 'fixtures', '--format', format, '--output', out, ...common], { CI: 'true' });
    expect(code, stderr).not.toBe(2);
    expect(leaks(readFileSync(out, 'utf8'), values)).toEqual([]);
    expect(leaks(stderr, values)).toEqual([]);
  });

  it('state database', () => {
    for (const name of readdirSync(dir).filter((n) => n.startsWith('state.db'))) expect(leaks(readFileSync(join(dir, name)), values)).toEqual([]);
  });

  it('baseline', { timeout: 180_000 }, async () => {
    const out = join(dir, 'baseline.json');
    const { code, stderr } = await cli(['baseline', 'create', 'fixtures', '--output', out, '--config', join(dir, 'saring.config.json')]);
    expect(code, stderr).not.toBe(2);
    expect(JSON.parse(readFileSync(out, 'utf8')).findings.length).toBeGreaterThan(50);
    expect(leaks(readFileSync(out), values)).toEqual([]);
    expect(leaks(stderr, values)).toEqual([]);
  });
});

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

function tree(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'saring-cli-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

describe('exit codes', () => {
  it.each([
    ['0: clean and complete', { 'a.txt': 'tidak ada data pribadi\n' }, [], 0],
    ['1: findings at or above --fail-on', { 'a.txt': 'NIK: 3171011708450001\n' }, [], 1],
    ['0: findings below --fail-on', { 'a.txt': 'HP 081234567890\n' }, ['--fail-on', 'high'], 0],
    ['0: --fail-on none', { 'a.txt': 'NIK: 3171011708450001\n' }, ['--fail-on', 'none'], 0],
    ['3: nothing found but a file not read', { 'a.txt': 'bersih\n', 'big.txt': 'x'.repeat(2048) }, ['--max-file-size', '1KiB'], 3],
    ['1 wins over 3', { 'a.txt': 'NIK: 3171011708450001\n', 'big.txt': 'x'.repeat(2048) }, ['--max-file-size', '1KiB'], 1],
  ] as const)('%s', async (_name, files, extra, expected) => {
    const dir = tree(files);
    const { code } = await cli(['scan', dir, '--format', 'json', ...extra]);
    expect(code).toBe(expected);
  });

  it.each([
    [['scan', 'x', '--format', 'xml'], '--format must be one of pretty, json, jsonl, csv, sarif, html (got "xml").'],
    [['scan', 'x', '--min-confidence', 'sure'], '--min-confidence must be one of low, medium, high (got "sure").'],
    [['scan', 'x', '--fail-on', 'bad'], '--fail-on must be one of low, medium, high, critical, personal, sensitive-health, bulk-export, none (got "bad").'],
    [['scan', 'x', '--max-file-size', 'big'], '"big" is not a size; write it like 256MiB, 10MB or 1048576.'],
    [['scan', 'x', '--ocr', 'maybe'], '--ocr must be one of auto, always, never (got "maybe").'],
  ])('2: usage error %j lists the problem', async (argv, message) => {
    const { code, stderr, stdout } = await cli(argv);
    expect(code).toBe(2);
    expect(stderr).toContain(`saring: ${message}`);
    expect(stdout).toBe('');
  });

  it('2: unknown command', async () => {
    expect((await cli(['frobnicate'])).code).toBe(2);
  });

  it('reports a missing path as failed and exits 3', async () => {
    const { code, stdout } = await cli(['scan', '/nonexistent/saring-test', '--format', 'json']);
    expect(code).toBe(3);
    const report = JSON.parse(stdout) as { files: { status: string; reason: string }[] };
    expect(report.files).toEqual([expect.objectContaining({ status: 'failed', reason: 'not-found' })]);
  });
});

describe('saring detectors', () => {
  it('lists every detector with id, entity and description', async () => {
    const { code, stdout } = await cli(['detectors', '--json']);
    expect(code).toBe(0);
    const list = JSON.parse(stdout) as { id: string; entity: string; description: string }[];
    expect(list.map((d) => d.id)).toEqual(expect.arrayContaining(['nik', 'bpjs-card', 'phone-id', 'email']));
    for (const d of list) expect(d.description.length).toBeGreaterThan(10);
  });
});

describe('custom detectors from a module', () => {
  it('loads and runs them', async () => {
    const dir = tree({
      'mrn.mjs': `export default {
        id: 'rs-contoh-mrn',
        meta: { entity: 'RS Contoh MRN', category: 'umum', severity: 'high', description: 'Medical record numbers of RS Contoh (RM-123456).' },
        scan(view) {
          const out = [];
          for (const m of view.text.matchAll(/RM-[0-9]{6}/g)) out.push({ start: m.index, end: m.index + m[0].length, value: m[0], score: 0.9, explanation: { pattern: 'rm', validation: 'unchecked', context: [] } });
          return out;
        },
      };`,
      'data/a.txt': 'pasien RM-123456 kontrol\n',
    });
    const { code, stdout } = await cli(['scan', join(dir, 'data'), '--detectors', join(dir, 'mrn.mjs'), '--format', 'json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { files: { findings: { detector: string; masked: string }[] }[] };
    expect(report.files[0]!.findings).toEqual([expect.objectContaining({ detector: 'rs-contoh-mrn', masked: 'RM*****56' })]);
  });

  it('rejects a broken module before reading any file', async () => {
    const dir = tree({ 'bad.mjs': `export default { id: 'nik', meta: {} };` });
    const { code, stderr } = await cli(['scan', dir, '--detectors', join(dir, 'bad.mjs')]);
    expect(code).toBe(2);
    expect(stderr).toContain('Two detectors share the id "nik".');
  });
});

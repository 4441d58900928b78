import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, cli } from './helpers.js';

/** The JSON report's files without timings, which differ between runs. */
function files(stdout: string): unknown[] {
  return (JSON.parse(stdout) as { files: { durationMs?: number }[] }).files.map(({ durationMs: _, ...rest }) => rest);
}

// Worker threads run the built packages (`npm test` builds first).
describe('saring scan --workers', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'saring-cli-workers-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports exactly what one thread reports, with the config and --detectors modules in every worker', async () => {
    // A config that switches a detector off and a custom detector module: both must reach the workers.
    writeFileSync(join(dir, 'saring.config.json'), JSON.stringify({ detectors: { disable: ['email'] } }));
    writeFileSync(join(dir, 'bangsal.txt'), 'Kamar RUANG123, kontak budi.santoso@contoh.co.id\n');
    writeFileSync(
      join(dir, 'kode-ruang.mjs'),
      `export default { id: 'kode-ruang', meta: { entity: 'Ward code', category: 'umum', severity: 'low', description: 'RUANG-nnn' }, triggers: { codes: true }, detect(c) { return /^RUANG[0-9]{3}$/.test(c.text) ? { start: c.start, end: c.end, value: c.text, score: 0.9, explanation: { pattern: 'ruang', validation: 'unchecked', context: [] } } : undefined; } };\n`,
    );
    const args = ['scan', dir, join(FIXTURES, 'text'), join(FIXTURES, 'office'), join(FIXTURES, 'documents'), '--format', 'json', '--ocr', 'never', '--config', join(dir, 'saring.config.json'), '--detectors', join(dir, 'kode-ruang.mjs')];
    const alone = await cli(args);
    const pooled = await cli([...args, '--workers', '2']);
    expect(pooled.code).toBe(alone.code);
    expect(files(pooled.stdout)).toEqual(files(alone.stdout));
    const found = (JSON.parse(pooled.stdout) as { files: { findings: { detector: string }[] }[] }).files.flatMap((f) => f.findings.map((x) => x.detector));
    expect(found).toContain('kode-ruang');
    expect(found).not.toContain('email');
  });

  it.each([['0'], ['two'], ['1.5']])('refuses --workers %s', async (value) => {
    const result = await cli(['scan', join(FIXTURES, 'text'), '--workers', value]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--workers must be a whole number of at least 1, or auto (got "${value}").`);
  });
});

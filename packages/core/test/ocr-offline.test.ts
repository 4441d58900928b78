import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allDetectors } from '../../detectors/src/index.js';
import { collect, scan } from '../src/index.js';

/**
 * "No network, proven" (issue 6): a scan that includes OCR (an image and a scanned PDF page) runs
 * inside `unshare -n` — a network namespace with only a down loopback, so any fetch, DNS lookup or
 * CDN download fails at once — and must still find what the ground truth says. It runs with the
 * working directory, HOME and TMPDIR set to fresh empty folders, and checks all three are still
 * empty after: no tesseract cache file (`./eng.traineddata`), no key file, no temp file.
 *
 * The parent test re-runs this file in a child vitest under `unshare -n` with
 * SARING_OCR_OFFLINE_CHILD set; the child runs only the scan. Needs root (or user namespaces):
 * where `unshare -n true` fails the test is skipped with a message.
 */

const CHILD = process.env['SARING_OCR_OFFLINE_CHILD'] === '1';
const scans = fileURLToPath(new URL('../../../fixtures/scans/', import.meta.url));
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const manifest = JSON.parse(readFileSync(join(scans, 'manifest.json'), 'utf8')) as { files: { file: string; expected: { nik: string; bpjs: string }[] }[] };

const unshareWorks = !CHILD && spawnSync('unshare', ['-n', 'true']).status === 0;
if (!CHILD && !unshareWorks) console.warn('ocr-offline: `unshare -n true` failed (needs root or user namespaces); the no-network OCR test is skipped.');

describe.runIf(CHILD)('inside unshare -n (child)', () => {
  it('scans an image and a scanned PDF with OCR, finding the NIK and BPJS numbers', async () => {
    expect(readdirSync(process.cwd())).toEqual([]);
    // vitest keeps a folder of its own in TMPDIR while it runs (and removes it): compare, not empty.
    const tempBefore = readdirSync(tmpdir());
    const files = ['strip.png', 'scanned-referral.pdf'];
    const detectors = allDetectors.filter((d) => d.id === 'nik' || d.id === 'bpjs-card');
    const { files: reports } = await collect(scan(files.map((f) => join(scans, f)), { detectors, fingerprintKey: 'k'.repeat(32), scanFileNames: false, reveal: true, ocrLimits: { workers: 2 } }));
    expect(reports.map((r) => [r.status, r.reason])).toEqual([['scanned', undefined], ['scanned', undefined]]);
    for (const [i, file] of files.entries()) {
      const truth = manifest.files.find((f) => f.file === file)!.expected[0]!;
      expect(reports[i]!.findings.map((f) => [f.detector, f.value, f.locator.kind]).sort()).toEqual([
        ['bpjs-card', truth.bpjs, 'ocr-region'],
        ['nik', truth.nik, 'ocr-region'],
      ]);
    }
    // Nothing written into the working directory or HOME (checked again by the parent).
    expect(readdirSync(process.cwd())).toEqual([]);
    expect(readdirSync(process.env['HOME']!)).toEqual([]);
    expect(readdirSync(tmpdir())).toEqual(tempBefore);
  }, 240_000);
});

describe.runIf(!CHILD)('OCR without network', () => {
  it.runIf(unshareWorks)('passes inside unshare -n and writes nothing to the working directory, HOME or TMPDIR', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'saring-ocr-cwd-'));
    const home = mkdtempSync(join(tmpdir(), 'saring-ocr-home-'));
    const temp = mkdtempSync(join(tmpdir(), 'saring-ocr-tmp-'));
    try {
      const vitest = join(dirname(createRequire(join(repo, 'package.json')).resolve('vitest/package.json')), 'vitest.mjs');
      const child = spawnSync(
        'unshare',
        ['-n', process.execPath, vitest, 'run', '--root', repo, '--project', 'core', join(repo, 'packages/core/test/ocr-offline.test.ts')],
        { cwd, env: { ...process.env, SARING_OCR_OFFLINE_CHILD: '1', HOME: home, TMPDIR: temp, CI: 'true' }, encoding: 'utf8', timeout: 280_000 },
      );
      const output = `${child.stdout}\n${child.stderr}`;
      expect(child.status, output.slice(-3000)).toBe(0);
      expect(output).toMatch(/1 passed/);
      expect(readdirSync(cwd)).toEqual([]);
      expect(readdirSync(home)).toEqual([]);
      expect(readdirSync(temp)).toEqual([]);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
      rmSync(home, { recursive: true, force: true });
      rmSync(temp, { recursive: true, force: true });
    }
  }, 300_000);
});

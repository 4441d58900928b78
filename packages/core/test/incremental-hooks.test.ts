import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collect, scan, type FileReport, type SegmentDetector } from '../src/index.js';

/** A stand-in for the NIK detector: any 16 digits, masked like a NIK. */
const sixteenDigits: SegmentDetector = {
  id: 'sixteen-digits',
  meta: { entity: '16 digits', category: 'umum', severity: 'high', description: 'Sixteen digits in a row (test detector).' },
  mask: (value) => `${value.slice(0, 4)}********${value.slice(12)}`,
  scan: (view) => [...view.text.matchAll(/[0-9]{16}/g)].map((m) => ({ start: m.index, end: m.index + 16, value: m[0], score: 0.9, explanation: { pattern: '16', validation: 'unchecked' as const, context: [] } })),
};
const allDetectors = [sixteenDigits];

const KEY = 'test-key-0123456789abcdef';

/** The `reuse` and `onFileDone` hooks of PathScanOptions (incremental rescans, CLI `--state`). */
describe('reuse / onFileDone', () => {
  it('reused files are not read, keep their reports, and still mask their folders for files that are read', async () => {
    const root = mkdtempSync(join(tmpdir(), 'saring-reuse-'));
    // A folder named by a NIK: its name is PHI and every reported path under it is masked.
    const folder = join(root, '3171011708450001');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.txt'), 'NIK 3273014408800002\n');
    writeFileSync(join(folder, 'b.txt'), 'bersih\n');

    const done: { path: string; stats: Stats; reports: readonly FileReport[]; reused: boolean }[] = [];
    const first = await collect(scan([root], { detectors: allDetectors, fingerprintKey: KEY, onFileDone: (path, stats, reports, reused) => done.push({ path, stats, reports, reused }) }));
    expect(done.map((d) => [d.path, d.reused, d.reports.length])).toEqual([
      [join(folder, 'a.txt'), false, 1],
      [join(folder, 'b.txt'), false, 1],
    ]);
    // The reports handed to onFileDone are the ones yielded (same objects, masked paths).
    expect(done.map((d) => d.reports[0])).toEqual(first.files);
    expect(first.files.map((f) => f.path)).toEqual([join(root, '3171********0001', 'a.txt'), join(root, '3171********0001', 'b.txt')]);

    // Second scan: a.txt is reused (its content changed, but the stored report is what comes back:
    // the file was not opened); b.txt is read and its path is still masked, from the reused path.
    writeFileSync(join(folder, 'a.txt'), 'nothing here any more\n');
    const asked: string[] = [];
    const second = await collect(
      scan([root], {
        detectors: allDetectors,
        fingerprintKey: KEY,
        reuse: (path, stats) => {
          asked.push(path);
          expect(stats.isFile()).toBe(true);
          return path.endsWith('a.txt') ? done[0]!.reports : undefined;
        },
      }),
    );
    expect(asked).toEqual([join(folder, 'a.txt'), join(folder, 'b.txt')]);
    expect(second.files[0]).toEqual(first.files[0]);
    expect(second.files[1]!.path).toBe(join(root, '3171********0001', 'b.txt'));
    expect(second.files[1]!.bytesRead).toBeGreaterThan(0);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allClassifiers, allDetectors } from '../../detectors/src/index.js';
import { collect, scan, UsageError, type FileReport, type PathScanOptions } from '../src/index.js';
import { FIXTURES, KEY } from './archives-office-helpers.js';

// Worker threads run the built packages (`npm test` builds first): see engine/worker-pool.ts.
const SETUP = new URL('./worker-setup.mjs', import.meta.url);
const BASE: PathScanOptions = { detectors: allDetectors, classifiers: allClassifiers, fingerprintKey: KEY, reveal: true, ocr: 'never' };

/** Reports without their timings, which differ from run to run. */
function comparable(files: readonly FileReport[]): string[] {
  return files.map(({ durationMs: _, ...rest }) => JSON.stringify(rest));
}

describe('scan workers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'saring-workers-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('give the same reports, in the same order, as one thread', async () => {
    const folders = ['text', 'office', 'archives', 'documents'].map((f) => join(FIXTURES, f));
    const alone = await collect(scan(folders, BASE));
    const pooled = await collect(scan(folders, { ...BASE, workers: { count: 2, setup: SETUP } }));
    expect(pooled.files.length).toBeGreaterThan(50);
    expect(comparable(pooled.files)).toEqual(comparable(alone.files));
    expect({ ...pooled.summary, durationMs: 0 }).toEqual({ ...alone.summary, durationMs: 0 });
  });

  it('fail only the file whose worker died, and go on with a new worker', async () => {
    writeFileSync(join(dir, 'exit.txt'), 'any text\n');
    writeFileSync(join(dir, 'memory.txt'), 'any text\n');
    writeFileSync(join(dir, 'ok.txt'), 'NIK: 3171011708450001\n');
    const { files, summary } = await collect(scan([dir], { ...BASE, workers: { count: 2, setup: SETUP, data: { misbehave: true }, maxHeapMb: 64 } }));
    const byName = Object.fromEntries(files.map((f) => [f.path.slice(dir.length + 1), f]));
    expect([byName['exit.txt']!.status, byName['exit.txt']!.reason]).toEqual(['failed', 'extractor-error']);
    expect(byName['exit.txt']!.reasonMessage).toBe('The worker reading this file stopped (the worker exited with code 7), so its content was not checked. The file may be damaged or hostile; the scan went on.');
    expect(byName['memory.txt']!.reasonMessage).toContain('it needed more than the 64 MiB of memory a worker may use');
    expect([byName['ok.txt']!.status, byName['ok.txt']!.findings.map((f) => f.value)]).toEqual(['scanned', ['3171011708450001']]);
    expect([summary.filesSeen, summary.failed, summary.scanned]).toEqual([3, 2, 1]);
  }, 60_000);

  it('stop a worker stuck on a file past twice its time limit, and fail only that file', async () => {
    const stuck = mkdtempSync(join(dir, 'stuck-'));
    writeFileSync(join(stuck, 'loop.txt'), 'any text\n');
    writeFileSync(join(stuck, 'ok.txt'), 'NIK: 3171011708450001\n');
    const { files } = await collect(scan([stuck], { ...BASE, fileTimeoutMs: 500, workers: { count: 2, setup: SETUP, data: { misbehave: true } } }));
    const byName = Object.fromEntries(files.map((f) => [f.path.slice(stuck.length + 1), f]));
    expect(byName['loop.txt']!.reasonMessage).toBe('The worker reading this file stopped (it was still reading after 2 s, past the per-file time limit, and was stopped), so its content was not checked. The file may be damaged or hostile; the scan went on.');
    expect(byName['ok.txt']!.status).toBe('scanned');
  }, 30_000);

  it('stop the scan with a clear error when their setup fails', async () => {
    writeFileSync(join(dir, 'ok.txt'), 'nothing\n');
    await expect(collect(scan([dir], { ...BASE, workers: { count: 2, setup: SETUP, data: { fail: true } } }))).rejects.toThrow('The scan workers could not build their detectors: this setup was told to fail');
  });

  it('stop when the scan is aborted, and say so', async () => {
    const many = mkdtempSync(join(dir, 'many-'));
    for (let i = 0; i < 40; i++) writeFileSync(join(many, `f${i}.txt`), `NIK: 3171011708450001\n${'catatan '.repeat(20_000)}\n`);
    const controller = new AbortController();
    const seen: FileReport[] = [];
    let aborted = false;
    for await (const event of scan([many], { ...BASE, signal: controller.signal, workers: { count: 2, setup: SETUP } })) {
      if (event.type === 'file') {
        seen.push(event.file);
        if (seen.length === 2) controller.abort();
      } else aborted = event.summary.aborted;
    }
    expect(aborted).toBe(true);
    expect(seen.length).toBeLessThan(40);
    expect(seen.every((f) => f.status === 'scanned' || (f.status === 'incomplete' && f.reason === 'aborted'))).toBe(true);
  });

  it('refuse onFinding, which cannot cross threads', async () => {
    await expect(collect(scan([dir], { ...BASE, onFinding: () => {}, workers: { count: 2, setup: SETUP } }))).rejects.toThrow(UsageError);
  });
});

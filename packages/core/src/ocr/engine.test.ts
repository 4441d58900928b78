import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OcrEngine } from './engine.js';
import { DEFAULT_OCR_LIMITS } from './runtime.js';

const strip = new Uint8Array(readFileSync(new URL('../../../../fixtures/scans/strip.png', import.meta.url)));
const manifest = JSON.parse(readFileSync(new URL('../../../../fixtures/scans/manifest.json', import.meta.url), 'utf8')) as { files: { file: string; expected: { nik: string }[] }[] };
const nik = manifest.files.find((f) => f.file === 'strip.png')!.expected[0]!.nik;
const signal = new AbortController().signal;

describe('OcrEngine (the worker pool)', () => {
  it('reads lines with boxes and confidence, recycles a worker after its job budget, and closes', async () => {
    const engine = new OcrEngine({ ...DEFAULT_OCR_LIMITS, workers: 1, recycleAfterJobs: 2 });
    try {
      const page = await engine.recognize(strip, 2, signal);
      const line = page.lines.find((l) => l.text.includes(nik))!;
      expect(line.text).toBe(`NIK : ${nik}`);
      // Boxes are divided by the scale: the strip's NIK line starts 24 px in, at y ≈ 75 of 170 (here as if enlarged 2x).
      expect(line.bbox.x).toBeLessThan(20);
      expect(line.bbox.y).toBeGreaterThan(25);
      expect(line.bbox.y).toBeLessThan(45);
      expect(line.confidence).toBeGreaterThan(80);
      expect(engine.workerCount).toBe(1);
      await engine.recognize(strip, 1, signal);
      expect(engine.workerCount).toBe(0); // recycled after 2 pages
    } finally {
      await engine.close();
    }
    expect(engine.workerCount).toBe(0);
    await expect(engine.recognize(strip, 1, signal)).rejects.toThrow('The OCR engine was closed.');
  }, 60_000);

  it('close() ends waiting and running jobs at once instead of leaving them hanging', async () => {
    const engine = new OcrEngine({ ...DEFAULT_OCR_LIMITS, workers: 1 });
    const jobs = [engine.recognize(strip, 1, signal), engine.recognize(strip, 1, signal)];
    for (const job of jobs) job.catch(() => {});
    await engine.close();
    for (const job of jobs) await expect(job).rejects.toThrow();
    expect(engine.workerCount).toBe(0);
  }, 60_000);
});

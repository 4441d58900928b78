import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { otsuThreshold, prepareForOcr, resizeBilinear, toGrey, upscaleFactor } from './preprocess.js';

const require = createRequire(import.meta.url);
const { PNG } = require('pngjs') as typeof import('pngjs');

describe('preprocess', () => {
  it.each([
    // [width, height, expected factor]: documents at 90 dpi and more stay; tiny images grow.
    [1240, 1754, 1],
    [2480, 3508, 1],
    [744, 1052, 1],
    [512, 512, 150 / (512 / 8.27)],
    [200, 100, 3],
  ])('upscaleFactor(%i, %i) = %f', (width, height, factor) => {
    expect(upscaleFactor(width, height)).toBeCloseTo(factor, 1);
  });

  it('never upscales past the OCR pixel cap', () => {
    expect(upscaleFactor(1500, 20_000)).toBeLessThanOrEqual(Math.sqrt(40_000_000 / (1500 * 20_000)));
  });

  it('finds the threshold between ink and paper', () => {
    const grey = new Uint8Array(1000).map((_, i) => (i % 10 === 0 ? 30 : 230));
    const t = otsuThreshold(grey);
    expect(t).toBeGreaterThanOrEqual(30);
    expect(t).toBeLessThan(230);
  });

  it('composites alpha over white and converts to luma', () => {
    expect([...toGrey(new Uint8Array([255, 0, 0, 255, 0, 0, 0, 0]), 2, 1, 4)]).toEqual([76, 255]);
  });

  it('resizes bilinearly', () => {
    expect([...resizeBilinear(new Uint8Array([0, 200]), 2, 1, 4, 1)]).toEqual([0, 50, 150, 200]);
  });

  it('turns pixels into an upscaled grey PNG and reports the factor', () => {
    const prepared = prepareForOcr({ kind: 'pixels', data: new Uint8Array(200 * 100 * 3).fill(255), width: 200, height: 100, channels: 3 });
    expect(prepared.scale).toBe(3);
    const png = PNG.sync.read(Buffer.from(prepared.bytes));
    expect([png.width, png.height]).toEqual([600, 300]);
  });

  it('passes encoded images through', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(prepareForOcr({ kind: 'encoded', bytes })).toEqual({ bytes, scale: 1 });
  });
});

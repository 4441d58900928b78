import { describe, expect, it } from 'vitest';
import { scanBuffer } from '@saring/core';
import { allDetectors, checkNikStructure } from '../src/index.js';
// The generator is shared with `pnpm eval`, which runs the 100 MB version.
import { nonNikText, rng } from '../../../scripts/eval/non-nik.mjs';

const TEXT_BYTES = 3 * 1024 * 1024;

/** Issue 3: zero `nik` findings on numbers that fail the NIK rules (100 MB in `pnpm eval`). */
describe('random 16-digit numbers that fail the NIK rules', () => {
  const text = nonNikText(rng(20260101), TEXT_BYTES);

  it('are generated as promised: every one fails the structure check', () => {
    const numbers = text.trim().split('\n').map((line) => line.replace(/[ .]/g, ''));
    expect(numbers.length).toBeGreaterThan(150_000);
    expect(numbers.filter((d) => checkNikStructure(d).valid)).toEqual([]);
  });

  it('give no nik finding in 3 MB', async () => {
    const { files } = await scanBuffer(Buffer.from(text), { detectors: allDetectors, filename: 'numbers.txt', fingerprintKey: 'k'.repeat(32), scanFileNames: false, minConfidence: 'low' });
    expect(files[0]!.status).toBe('scanned');
    expect(files[0]!.countsByDetector['nik'] ?? 0).toBe(0);
  }, 60_000);
});

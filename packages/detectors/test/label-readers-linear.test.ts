import { describe, expect, it } from 'vitest';
import { scanBuffer } from '@saring/core';
import { allDetectors } from '../src/index.js';

/**
 * The shapes that could make the label readers and the text-table look-up slow: long runs after a
 * label, labels with nothing after them, table rows without a header, one huge row. 1 MB each
 * must scan well within the budget (the registry test covers the candidate shapes).
 */
const MiB = 1 << 20;
const repeat = (unit: string) => unit.repeat(Math.ceil(MiB / unit.length));

describe('label readers and table look-ups run in linear time', () => {
  it.each([
    ['labels followed by long blank runs', repeat(`Tgl. Lahir${' '.repeat(200)}No. RM${'\t'.repeat(200)}\n`)],
    ['labels with a line break and nothing else', repeat('No. RM:\nTgl. Lahir:\n')],
    ['birth places that never end in a comma', repeat(`TTL : ${'Jakarta '.repeat(30)}\n`)],
    ['table rows without a header', repeat('| 123456 | 17-08-1945 |\n')],
    ['separator rows only', repeat('|---|---|\n')],
    ['one huge row', `|${repeat(' 123456 |')}`],
    ['pipes only', repeat('|')],
  ])('%s', async (_name, text) => {
    const started = performance.now();
    const { files } = await scanBuffer(Buffer.from(text), { detectors: allDetectors, filename: 'adversarial.txt', fingerprintKey: 'k'.repeat(32), scanFileNames: false });
    expect(files[0]!.status).toBe('scanned');
    expect(performance.now() - started).toBeLessThan(10_000);
  }, 30_000);
});

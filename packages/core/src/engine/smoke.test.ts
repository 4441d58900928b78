import { describe, expect, it } from 'vitest';
import { keywordSet, scanBuffer, type CandidateDetector } from '../index.js';

const sixteen: CandidateDetector = {
  id: 'sixteen',
  meta: { entity: 'test', category: 'umum', severity: 'high', description: 'test' },
  triggers: { numbers: { minDigits: 16, maxDigits: 16 } },
  keywords: keywordSet(['nik']),
  detect(c, view) {
    const ctx = view.contextWords(this.keywords!, c.start, c.end, 50);
    return { start: c.start, end: c.end, value: c.digits, score: ctx.length ? 0.9 : 0.5, explanation: { pattern: 'x', validation: 'unchecked', context: ctx } };
  },
};

describe('engine smoke', () => {
  it('finds a number with context in a buffer', async () => {
    const { files } = await scanBuffer(Buffer.from('Nama: Budi\nNIK : 3171 0117 0845 0001\n'), { detectors: [sixteen], filename: 'a.txt', fingerprintKey: 'k'.repeat(32) });
    expect(files).toHaveLength(1);
    const f = files[0]!;
    expect(f.status).toBe('scanned');
    expect(f.findings.map((x) => [x.masked, x.locator, x.explanation.context, x.snippet])).toEqual([
      ['31************01', { kind: 'text', line: 2, column: 7 }, ['nik'], 'NIK : 31************01'],
    ]);
  });
});

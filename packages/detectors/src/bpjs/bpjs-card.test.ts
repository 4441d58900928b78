import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../test/scan-text.js';

describe('bpjs-card', () => {
  it.each([
    ['No. Kartu BPJS: 0001234567890', '0001234567890', ['no kartu bpjs']],
    ['Noka 0002035020396', '0002035020396', ['noka']],
    ['No.Kartu : 0001 1056 8983 5', '0001105689835', ['no kartu']],
  ])('finds %j', async (text, value, context) => {
    const found = await findingsOf('bpjs-card', text);
    expect(found.map((f) => [f.value, f.masked, f.pattern, f.confidence, f.context])).toEqual([[value, `${value.slice(0, 3)}*******${value.slice(-3)}`, 'bpjs-13-digits', 'high', context]]);
  });

  it('reads a card column', async () => {
    const found = await findingsOf('bpjs-card', 'nama,no_peserta\nBUDI,0001105689835\n', 'peserta.csv');
    expect(found.map((f) => [f.value, f.context])).toEqual([['0001105689835', ['no peserta']]]);
  });

  it.each([['0001234567890'], ['No. Kartu: 0812345678901'], ['BPJS Kesehatan\nCetakan ke 1 2025-02-02 17.59.41'], ['EAN 8991234567890'], ['Barcode 8998866200011']])('ignores %j', async (text) => {
    expect(await findingsOf('bpjs-card', text)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../test/scan-text.js';

describe('npwp', () => {
  it.each([
    ['NPWP: 01.300.066.6-091.000', '013000666091000', 'npwp-printed-15', 'high', ['npwp']],
    ['01.300.066.6-091.000', '013000666091000', 'npwp-printed-15', 'medium', []],
    ['NPWP 013000666091000', '013000666091000', 'npwp-15-digits', 'high', ['npwp']],
    ['Nomor NPWP : 0013000666091000', '0013000666091000', 'npwp-16-digits', 'high', ['nomor npwp']],
    ['NPWP 16: 3171011708450001', '3171011708450001', 'npwp-16-digits', 'high', ['npwp 16']],
  ])('finds %j', async (text, value, pattern, confidence, context) => {
    const found = await findingsOf('npwp', text);
    expect(found.map((f) => [f.value, f.pattern, f.confidence, f.validation, f.context])).toEqual([[value, pattern, confidence, 'valid', context]]);
  });

  it('explains a NIK used as NPWP', async () => {
    const found = await findingsOf('npwp', 'NPWP: 3171011708450001');
    expect(found).toHaveLength(1);
  });

  it.each([
    ['013000666091000'],
    ['NPWP: 01.300.066.7-091.000'],
    ['NPWP: 0013000667091000'],
    ['NPWP: 1013000666091000'],
    ['3171011708450001 NPWP'],
    ['NIK: 3171011708450001'],
    ['0013000666091000'],
  ])('ignores %j', async (text) => {
    expect(await findingsOf('npwp', text)).toEqual([]);
  });
});

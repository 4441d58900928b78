import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../test/scan-text.js';

describe('bpjs-rujukan', () => {
  it.each([
    ['No. Rujukan: 030107010217Y001465', '030107010217Y001465', 'letter Y (FKTP referral), month 02', ['no rujukan']],
    ['031002020619P000413', '031002020619P000413', 'letter P (FKTP referral), month 06', []],
    ['0221R0380623B000001', '0221R0380623B000001', 'letter B (hospital referral), month 06', []],
    ['Surat Kontrol 0301R0110520k000013', '0301R0110520K000013', 'letter K (control letter), month 05', ['surat kontrol']],
    ['0905R0031120N000922', '0905R0031120N000922', 'letter N (internal referral), month 11', []],
  ])('finds %j', async (text, value, note, context) => {
    const found = await findingsOf('bpjs-rujukan', text);
    expect(found.map((f) => [f.value, f.masked, f.pattern, f.confidence, f.validation, f.validationNote, f.context])).toEqual([
      [value, `${value.slice(0, 8)}*********${value.slice(-2)}`, 'rujukan-19-chars', 'high', 'valid', note, context],
    ]);
  });

  it.each([
    ['0301R0011117V000008'],
    ['0001R0040116A000001'],
    ['030107011317Y001465'],
    ['RJKMR9835001'],
    ['1234567'],
  ])('ignores %j', async (text) => {
    expect(await findingsOf('bpjs-rujukan', text)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../test/scan-text.js';

describe('medical-record-number', () => {
  it.each([
    ['No. RM: 00469120', '00469120', 'rm-after-label', ['no rm']],
    ['No.Kartu : 0001234567890 (MR: 298036)', '298036', 'rm-after-label', ['mr']],
    ['Nomor Rekam Medis : RM-0048', 'RM-0048', 'rm-after-label', ['nomor rekam medis']],
    ['"no_rkm_medis": "000123"', '000123', 'rm-after-label', ['no_rkm_medis']],
    ['NORM 25080188', '25080188', 'rm-after-label', ['no rm']],
    ['No. RM\t: 12-34-56', '12-34-56', 'rm-after-label', ['no rm']],
    ['NO.PASIEN : MR2301000234', 'MR2301000234', 'rm-after-label', ['no pasien']],
  ])('finds %j', async (text, value, pattern, context) => {
    const found = await findingsOf('medical-record-number', text);
    expect(found.map((f) => [f.value, f.pattern, f.confidence, f.validation, f.context])).toEqual([[value, pattern, 'high', 'unchecked', context]]);
  });

  it('reads an RM column, never the other columns', async () => {
    const csv = 'no_rkm_medis,nm_pasien,kamar\n000123,BUDI,123456\nMR2301000234,SITI,7\n';
    const found = await findingsOf('medical-record-number', csv, 'pasien.csv');
    expect(found.map((f) => [f.value, f.pattern, f.context])).toEqual([
      ['000123', 'rm-in-field', ['field no_rkm_medis']],
      ['MR2301000234', 'rm-in-field', ['field no_rkm_medis']],
    ]);
  });

  it.each([
    ['00469120'],
    ['No. RM: 123'],
    ['Mr. Budi 123456'],
    ['No. RM:'],
    ['Kamar 123456'],
    ['No. RM: 1234567890123456789012'],
    ['Norma 123456'],
  ])('ignores %j', async (text) => {
    expect(await findingsOf('medical-record-number', text)).toEqual([]);
  });
});

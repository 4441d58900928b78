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
    ['No. Rekam Medis\n00469120\nNIK', '00469120', 'rm-after-label', ['no rekam medis']],
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

  it('reads an RM column of a text table, row after row', async () => {
    const table = '| No | No. RM | Nama | Kamar  |\n|----|--------|------|--------|\n| 1  | 123456 | BUDI | 101234 |\n| 2  | 654321 | SITI | 101235 |\n\n| 3  | 777777 | ANI  | 101236 |\n';
    const found = await findingsOf('medical-record-number', table);
    expect(found.map((f) => [f.value, f.pattern, f.context])).toEqual([
      ['123456', 'rm-in-field', ['field No. RM']],
      ['654321', 'rm-in-field', ['field No. RM']],
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

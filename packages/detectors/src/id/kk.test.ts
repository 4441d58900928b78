import { describe, expect, it } from 'vitest';
import { allFindings, findingsOf } from '../../test/scan-text.js';

describe('kk', () => {
  it.each([
    ['No. KK: 3273010101900005', ['no kk']],
    ['NOMOR KARTU KELUARGA : 3273 0101 0190 0005', ['nomor kartu keluarga']],
    ['No.KK 32.7301.010190.0005', ['no kk']],
    ['"no_kk": "3273010101900005"', ['no kk']],
  ])('finds %j', async (text, context) => {
    const found = await findingsOf('kk', text);
    expect(found.map((f) => [f.value, f.masked, f.pattern, f.confidence, f.validation, f.context])).toEqual([
      ['3273010101900005', '3273********0005', 'kk-16-digits', 'high', 'valid', context],
    ]);
  });

  it('reads the SATUSEHAT identifier system on the line before', async () => {
    const found = await findingsOf('kk', '{ "system": "https://fhir.kemkes.go.id/id/kk",\n  "value": "3273010101900005" }');
    expect(found.map((f) => [f.value, f.confidence])).toEqual([['3273010101900005', 'high']]);
  });

  it('owns the number under its label in a KTP-style form, the NIK keeps its own', async () => {
    const form = 'NIK           : 3273014101900002\nNo. KK        : 3273010101900005\nNama          : BUDI\n';
    expect(await allFindings(form, 'example.txt', ['nik', 'kk'])).toEqual(['nik=3273014101900002', 'kk=3273010101900005']);
  });

  it('reads a KK column', async () => {
    const csv = 'nik,no_kk\n3273014101900002,3273010101900005\n';
    expect(await allFindings(csv, 'keluarga.csv', ['nik', 'kk'])).toEqual(['nik=3273014101900002', 'kk=3273010101900005']);
  });

  it.each([
    ['3273010101900005'],
    ['NIK: 3273010101900005'],
    ['No. KK: 3273015101900005'],
    ['No. KK: 3273010101900000'],
    ['No. KK: 2024010112345678'],
    ['No. KK: 4111111111111111'],
    ['KK 3273010101900005'.replace('KK', 'KKN')],
  ])('ignores %j', async (text) => {
    expect(await findingsOf('kk', text)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { allFindings, findingsOf } from '../../test/scan-text.js';

describe('nik', () => {
  it.each([
    ['NIK: 3171011708450001', '3171011708450001', 'nik-16-digits', 'high', ['nik']],
    ['No. KTP 32 7301 010101 0001', '3273010101010001', 'nik-16-digits', 'high', ['no ktp']],
    ['NIK 31.7101.170845.0001', '3171011708450001', 'nik-16-digits', 'high', ['nik']],
    ['Nomor Induk Kependudukan : 3171-0157-0845-0001', '3171015708450001', 'nik-16-digits', 'high', ['nomor induk kependudukan']],
    ['3171011708450001', '3171011708450001', 'nik-16-digits', 'medium', []],
    ['9471012902000001 (Papua)', '9471012902000001', 'nik-16-digits', 'medium', []],
    ['GET /Patient?identifier=https://fhir.kemkes.go.id/id/nik|3171011708450001', '3171011708450001', 'nik-in-url', 'high', ['SATUSEHAT identifier system …/id/nik', 'nik']],
    ['identifier=https%3A%2F%2Ffhir.kemkes.go.id%2Fid%2Fnik%7C3171011708450001', '3171011708450001', 'nik-in-url', 'high', ['SATUSEHAT identifier system …/id/nik (URL-encoded)']],
    ['identifier=https://fhir.kemkes.go.id/id/nik-ibu%7C3171015708450001&x=1', '3171015708450001', 'nik-in-url', 'high', ['SATUSEHAT identifier system …/id/nik (URL-encoded)']],
  ])('finds %j', async (text, value, pattern, confidence, context) => {
    const found = await findingsOf('nik', text);
    expect(found.map((f) => [f.value, f.pattern, f.confidence, f.context, f.validation])).toEqual([[value, pattern, confidence, context, 'valid']]);
    expect(found[0]!.masked).toBe(`${value.slice(0, 4)}********${value.slice(12)}`);
  });

  it.each([
    ['NIK: 3.17101E+15', '3.17101E+15', 'nik-excel-scientific', 'Excel-damaged: scientific notation keeps only 6 of 16 digits'],
    ['NIK : 3,17101E+15', '3,17101E+15', 'nik-excel-scientific', 'Excel-damaged: scientific notation keeps only 6 of 16 digits'],
    ['No. KTP\t3.1710117084E+15', '3.1710117084E+15', 'nik-excel-scientific', 'Excel-damaged: scientific notation keeps only 11 of 16 digits'],
    ['NIK: 3171011708450000', '3171011708450000', 'nik-excel-15-digits', 'Excel-damaged: 15 significant digits, the last digit was zeroed'],
  ])('reports Excel damage next to a NIK label as a probable NIK: %j', async (text, value, pattern, note) => {
    const found = await findingsOf('nik', text);
    expect(found.map((f) => [f.value, f.pattern, f.confidence, f.validation, f.notes])).toEqual([[value, pattern, 'medium', 'unchecked', [note, 'probable NIK']]]);
  });

  it('reports Excel damage in a NIK column', async () => {
    const csv = 'no,nik,nama\n1,3.17101E+15,BUDI\n2,3171011708450000,SITI\n3,3.17101E+15,ANI\n';
    const found = await findingsOf('nik', csv, 'pasien.csv');
    expect(found.map((f) => [f.value, f.pattern])).toEqual([
      ['3.17101E+15', 'nik-excel-scientific'],
      ['3171011708450000', 'nik-excel-15-digits'],
      ['3.17101E+15', 'nik-excel-scientific'],
    ]);
  });

  it('takes a table cell\'s context from its own column only', async () => {
    // Row 2 sits right under the header: `no_ktp` is within 300 characters of the VA cell too.
    const csv = 'kode_va,no_ktp\n1234010101900005,3171011708450001\n';
    const found = await findingsOf('nik', csv, 'bayar.csv');
    expect(found.map((f) => [f.value, f.context])).toEqual([['3171011708450001', ['no ktp']]]);
  });

  it.each([
    ['2024010112345678'],
    ['Order 2024010112345678'],
    ['4111111111111111'],
    ['NIK: 3171013208450001'],
    ['NIK: 1234567890123456'],
    ['3171011708450000'],
    ['Kartu kredit 3171011708450001'],
    ['Virtual account: 3171011708450001'],
    ['3.17101E+15'],
    ['NIK: 2.02401E+15'],
    ['NIK: 3.10001E+15'],
    ['No. KK: 3.17101E+15'],
    ['NIK: 3171011708450000 1234'],
    ['https://fhir.kemkes.go.id/id/nik%7C2024010112345678'],
    ['SKU 7C3171011708450001'],
    ['Rekap nomor (bukan NIK)\n3171011708450000'],
  ])('ignores %j', async (text) => {
    expect(await findingsOf('nik', text)).toEqual([]);
  });

  it('leaves a number under a KK or NPWP label to kk / npwp (it scores lower there)', async () => {
    expect(await allFindings('NIK    : 3171015708450002\nNo. KK : 3171011708450001\nNPWP   : 3171011708450003', 'example.txt', ['nik', 'kk', 'npwp'])).toEqual([
      'nik=3171015708450002',
      'kk=3171011708450001',
      'npwp=3171011708450003',
    ]);
  });

  it('keeps a KK-labelled number with a woman\'s day (41–71) as a NIK', async () => {
    const found = await findingsOf('nik', 'No. KK: 3171015708450001');
    expect(found.map((f) => [f.value, f.confidence, f.notes])).toEqual([['3171015708450001', 'medium', ['the nearest label is a family card (KK) label']]]);
  });
});

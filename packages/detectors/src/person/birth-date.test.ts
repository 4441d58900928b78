import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../test/scan-text.js';

describe('birth-date', () => {
  it.each([
    ['Tgl. Lahir : 17-08-1945', '1945-08-17', 'date-dd-mm-yyyy', ['tgl lahir']],
    ['Tempat/Tgl Lahir : JAKARTA, 17 Agustus 1945', '1945-08-17', 'date-month-name', ['tempat/tgl lahir']],
    ['TTL: Surakarta, 05/01/1990', '1990-01-05', 'date-dd-mm-yyyy', ['ttl']],
    ['"birthDate": "1945-08-17"', '1945-08-17', 'date-iso', ['birth date']],
    ['PatientBirthDate: 19450817', '1945-08-17', 'date-yyyymmdd', ['patient birth date']],
    ['Tanggal Lahir\t: 3 Des 2001', '2001-12-03', 'date-month-name', ['tanggal lahir']],
    ['Tgl.Lahir  : 12-Agu-1978   Kelamin : L', '1978-08-12', 'date-month-name', ['tgl lahir']],
    ['Usia / Tanggal Lahir : 35 Th / 12-03-1989', '1989-03-12', 'date-dd-mm-yyyy', ['tanggal lahir']],
    ['Tgl. Lahir/Umur : 01.02.2020 / 4 th', '2020-02-01', 'date-dd-mm-yyyy', ['tgl lahir']],
    ['tgl_lahir=1999-12-31', '1999-12-31', 'date-iso', ['tgl lahir']],
    ['Umur          : 45 Tahun : 17-Agu-1979', '1979-08-17', 'date-month-name', ['umur']],
    ['Tanggal Lahir\n17/08/1945\nNo. Kartu BPJS', '1945-08-17', 'date-dd-mm-yyyy', ['tanggal lahir']],
  ])('finds %j', async (text, value, pattern, context) => {
    const found = await findingsOf('birth-date', text);
    expect(found.map((f) => [f.value, f.masked, f.pattern, f.confidence, f.validation, f.context])).toEqual([[value, `${value.slice(0, 4)}-**-**`, pattern, 'high', 'valid', context]]);
  });

  it('reads a birth-date column', async () => {
    const csv = 'nama,tgl_lahir,tgl_periksa\nBUDI,17/08/1945,01/02/2024\nSITI,1990-01-05,2024-02-01\n';
    const found = await findingsOf('birth-date', csv, 'pasien.csv');
    expect(found.map((f) => [f.value, f.context])).toEqual([
      ['1945-08-17', ['field tgl_lahir']],
      ['1990-01-05', ['field tgl_lahir']],
    ]);
  });

  it('reads a birth-date column of a text table', async () => {
    const table = '| Nama | Tgl. Lahir | Tgl. Periksa |\n|------|------------|--------------|\n| BUDI | 17-08-1945 | 01-02-2024   |\n| SITI | 1990-01-05 | 02-02-2024   |\n';
    const found = await findingsOf('birth-date', table);
    expect(found.map((f) => [f.value, f.context])).toEqual([
      ['1945-08-17', ['field Tgl. Lahir']],
      ['1990-01-05', ['field Tgl. Lahir']],
    ]);
  });

  it.each([
    ['17-08-1945'],
    ['Tgl. Lahir : 31-02-1990'],
    ['Tgl. Periksa : 17-08-2024'],
    ['Tgl. Lahir : 2024010112345678'],
    ['Tgl. Lahir : 17 Foo 1945'],
    ['Tgl. Lahir : 17-08-1845'],
    ['Tgl. Lahir : ____________'],
    ['Umur : 45 Tahun'],
  ])('ignores %j', async (text) => {
    expect(await findingsOf('birth-date', text)).toEqual([]);
  });
});

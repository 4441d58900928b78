import { describe, expect, it } from 'vitest';
import { scanBuffer } from '@saring/core';
import { allDetectors } from '../index.js';
import { allFindings, findingsOf } from '../../test/scan-text.js';

const NAMES = ['patient-name', 'practitioner-name'];

describe('patient-name', () => {
  it.each([
    // Labels (domain.md §5, §2.6, §2.7).
    ['Nama Pasien : BUDI SANTOSO', ['patient-name=BUDI SANTOSO']],
    ['NAMA PASIEN (sesuai KTP) : SITI AMINAH', ['patient-name=SITI AMINAH']],
    ['Nama Peserta    : SUKARNO\nTgl.Lahir : 1945-08-17', ['patient-name=SUKARNO']],
    ['Nama : Tn. BUDI SANTOSO   Umur : 45 th', ['patient-name=BUDI SANTOSO']],
    ['Nama: BUDI SANTOSO NIK: 3171011708450001', ['patient-name=BUDI SANTOSO']],
    ['Nama Lengkap: Ahmad bin Abdullah', ['patient-name=AHMAD BIN ABDULLAH']],
    ['Nama Ibu Kandung : Sri Wahyuni', ['patient-name=SRI WAHYUNI']],
    ['Atas nama HUTAGALUNG RAMOS', ['patient-name=HUTAGALUNG RAMOS']],
    // Ethnic naming patterns and suffixes (domain.md §5).
    ['Nama : I Gede Made Wirawan', ['patient-name=I GEDE MADE WIRAWAN']],
    ['Nama : Ni Luh Putu Ariani', ['patient-name=NI LUH PUTU ARIANI']],
    ['Nama Pasien: MARGARETHA BR. SIMANJUNTAK', ['patient-name=MARGARETHA BR SIMANJUNTAK']],
    ['Nama Peserta: SITI AMINAH, S.Pd', ['patient-name=SITI AMINAH']],
    ['Nama Peserta : BUDI SANTOSO,BA', ['patient-name=BUDI SANTOSO']],
    ['Nama : H. Muhammad Yusuf', ['patient-name=MUHAMMAD YUSUF']],
    // Honorifics (domain.md §5).
    ['Pasien Tn. Joko Widagdo datang dengan keluhan demam', ['patient-name=JOKO WIDAGDO']],
    ['Telah diperiksa Ny. Endang Purwaningsih', ['patient-name=ENDANG PURWANINGSIH']],
    ['Rujukan untuk Sdri. Rina Marlina', ['patient-name=RINA MARLINA']],
    ['Keluhan pasien Ibu Siti Rahayu: demam tiga hari', ['patient-name=SITI RAHAYU']],
    // Not patients.
    ['Nama Pasien : ....................', []],
    ['Nama Pasien :', []],
    ['Nama pasien harus ditulis sesuai KTP.', []],
    ['Menteri Kesehatan Budi Gunadi Sadikin meninjau rumah sakit.', []],
    ['Bapak Presiden Joko Widodo meresmikan rumah sakit.', []],
    ['Ibu Kota Nusantara dibangun di Kalimantan.', []],
    ['This is an Apple.', []],
    ['Peserta : PBI (APBN)', []],
    ['Peserta : PEGAWAI SWASTA', []],
    ['Nama Faskes : PUSKESMAS SITEBA', []],
    // Doctors are practitioners, never patients (domain.md §4.3).
    ['Nama : dr. Andi Wijaya, Sp.PD', ['practitioner-name=ANDI WIJAYA']],
    ['Nama Dokter : dr. Andi Wijaya, Sp.PD', ['practitioner-name=ANDI WIJAYA']],
  ])('%j', async (text, expected) => {
    expect(await allFindings(text, 'example.txt', NAMES)).toEqual(expected);
  });

  it.each([
    ['An. RIZKI PRATAMA', 'RIZKI PRATAMA'],
    ['Nama : By. Ny. RAHAYU', 'RAHAYU'],
    ['Nama Anak : Dimas Saputra', 'DIMAS SAPUTRA'],
  ])('marks a child: %j', async (text, value) => {
    const { files } = await scanBuffer(Buffer.from(text), { detectors: allDetectors, filename: 'a.txt', fingerprintKey: 'k'.repeat(32), reveal: true, scanFileNames: false });
    const found = files.flatMap((f) => f.findings).filter((f) => f.detector === 'patient-name');
    expect(found.map((f) => [f.value, f.child])).toEqual([[value, true]]);
  });

  it('masks a name to its initials and explains the label', async () => {
    const [found] = await findingsOf('patient-name', 'Nama Pasien : BUDI SANTOSO');
    expect(found).toMatchObject({ masked: 'B*** S******', pattern: 'labelled-name', validation: 'valid', context: ['nama pasien'] });
  });

  it.each([
    ['a name column', 'no,nama_pasien,nik\n1,MARGARETHA BR. SIMANJUNTAK,3171011708450001\n2,budi santoso,3171015708450001\n', 'x.csv', ['patient-name=MARGARETHA BR SIMANJUNTAK', 'patient-name=BUDI SANTOSO']],
    ['a doctor column is not a patient', 'no,nama_dokter\n1,Andi Wijaya\n', 'x.csv', []],
    ['HL7 PID-5', 'MSH|^~\\&|SIMRS|RSUD|PACS|RSUD|20240101120000||ADT^A04|123|P|2.5\rPID|1||123456^^^RS^MR||SANTOSO^BUDI^^^TN||19800101|M\r', 'adt.hl7', ['patient-name=SANTOSO BUDI']],
    ['FHIR Patient.name', '{"resourceType":"Patient","name":[{"use":"official","text":"Budi Santoso"}]}', 'p.json', ['patient-name=BUDI SANTOSO']],
    ['FHIR Practitioner.name is not a patient', '{"resourceType":"Practitioner","name":[{"use":"official","text":"Andi Wijaya"}]}', 'p.json', []],
    ['VClaim peserta.nama', '{"response":{"peserta":{"nama":"SUKARNO HADI","noKartu":"0001105689835"}}}', 'v.json', ['patient-name=SUKARNO HADI']],
  ])('structured input: %s', async (_name, text, filename, expected) => {
    expect(await allFindings(text, filename, ['patient-name'])).toEqual(expected);
  });

  it.each([
    ['BUDI_SANTOSO_thorax.pdf', ['BUDI SANTOSO']],
    ['Tn_Joko_lab.pdf', ['JOKO']],
    ['Laporan_Bulanan_Maret.pdf', []],
    ['Mitra_Utama_invoice.pdf', []],
    ['scan_0001.pdf', []],
  ])('file name %s', async (name, expected) => {
    const { files } = await scanBuffer(Buffer.from('-'), { detectors: allDetectors, filename: name, fingerprintKey: 'k'.repeat(32), reveal: true });
    expect(files.flatMap((f) => f.findings).filter((f) => f.detector === 'patient-name').map((f) => f.value)).toEqual(expected);
  });
});

describe('practitioner-name', () => {
  it.each([
    ['Dokter Pemeriksa : dr. Andi Wijaya, Sp.PD', ['practitioner-name=ANDI WIJAYA']],
    ['DPJP: dr. Rina Kusuma, Sp.A', ['practitioner-name=RINA KUSUMA']],
    ['Hormat kami,\ndrg. Siti Rahma', ['practitioner-name=SITI RAHMA']],
    ['Dokter : JOKO HANDAYANI', ['practitioner-name=JOKO HANDAYANI']],
    ['Dokter : ..........', []],
    ['DR CONGO', []],
  ])('%j', async (text, expected) => {
    expect(await allFindings(text, 'example.txt', NAMES)).toEqual(expected);
  });

  it('reads a doctor column once: the column header is the context, whatever title the cell starts with', async () => {
    const csv = 'no,dokter,catatan\n1,"dr. Andi Wijaya, Sp.PD",kontrol\n2,dr. Rina Kusuma,kontrol\n3,drg. Siti Rahma,kontrol dengan dr. Hendra Sp.P\n';
    const found = await findingsOf('practitioner-name', csv, 'kunjungan.csv');
    expect(found.map((f) => [f.value, f.pattern, f.context])).toEqual([
      ['ANDI WIJAYA', 'doctor-field', ['field dokter']],
      ['RINA KUSUMA', 'doctor-field', ['field dokter']],
      ['SITI RAHMA', 'doctor-field', ['field dokter']],
      ['HENDRA', 'doctor-title', ['dr']],
    ]);
  });

  it('is low severity and never a person the file is about', async () => {
    const { files } = await scanBuffer(Buffer.from('dr. Andi Wijaya, Sp.PD\nPraktek: Senin - Jumat'), { detectors: allDetectors, filename: 'a.txt', fingerprintKey: 'k'.repeat(32), scanFileNames: false });
    const report = files[files.length - 1]!;
    expect(report.findings.map((f) => [f.detector, f.severity])).toEqual([['practitioner-name', 'low']]);
    expect(report.classification).toMatchObject({ label: 'public', people: 0 });
  });
});

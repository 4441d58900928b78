import { IDENTIFIER_DETECTORS, collector } from '../collector.mjs';
import * as v from '../values.mjs';

/**
 * Free letters and forms (domain.md §1.4, §7.4, §7.5): health certificates, a KTP-style identity
 * block with NIK and KK on adjacent lines, a patient transfer form, and letters to a patient that
 * carry an NPWP, a passport number, an e-mail address or a home landline — under a hospital
 * letterhead whose switchboard number must stay out.
 */
export const name = 'letters';

export function generate(dir, random) {
  const c = collector(dir, IDENTIFIER_DETECTORS);
  for (let i = 0; i < 160; i++) {
    const found = [];
    const person = v.name(random);
    const nik = v.nik(random);
    const born = v.birthDate(random);
    found.push(['nik', nik.value], ['birth-date', born.value]);
    const lines = [v.hospital(random), `Jl. Pemuda No. ${v.int(random, 1, 120)}, ${v.city(random)} ${v.int(random, 10110, 99999)}`, `Telp. ${v.switchboard(random)}  Email: info@rs-contoh.go.id`, ''];
    const kind = i % 4;
    if (kind === 0) {
      lines.push('SURAT KETERANGAN SEHAT', `Nomor: ${v.int(random, 1, 999)}/SKS/RS/${v.int(random, 1, 12)}/2025`, '', 'Yang bertanda tangan di bawah ini, dokter pemeriksa menerangkan bahwa:');
      lines.push(`Nama                 : ${person}`, `NIK                  : ${nik.text}`, `Tempat/Tgl Lahir     : ${v.city(random).toUpperCase()}, ${born.text}`, `Jenis Kelamin        : ${pick(random, ['Laki-laki', 'Perempuan'])}`, 'Alamat               : Jl. Melati No. 5 RT 002/RW 005');
      lines.push('', 'dalam keadaan SEHAT.', 'Surat keterangan ini dibuat untuk keperluan melamar pekerjaan.', '', `${v.city(random)}, ${v.otherDate(random)}`, 'Dokter Pemeriksa', `dr. ${v.name(random)}`, `SIP. ${v.digits(random, 3)}/${v.digits(random, 4)}/DPMPTSP/2024`);
    } else if (kind === 1) {
      const kk = v.kk(random);
      const order = random() < 0.5;
      lines.push('DATA IDENTITAS PASIEN (sesuai KTP / KK)');
      if (order) lines.push(`NIK           : ${nik.text}`, `No. KK        : ${kk.text}`);
      else lines.push(`Nomor Kartu Keluarga : ${kk.text}`, `NIK           : ${nik.text}`);
      lines.push(`Nama          : ${person}`, `Tempat/Tgl Lahir : ${v.city(random).toUpperCase()}, ${born.text}`, 'Agama         : Islam', 'Status Perkawinan : Kawin', 'Kewarganegaraan : WNI');
      found.push(['kk', kk.value]);
    } else if (kind === 2) {
      const phone = random() < 0.5 ? v.landline(random) : v.mobile(random);
      const mail = v.email(random, person);
      const rm = v.mrn(random);
      lines.push('FORMULIR TRANSFER PASIEN ANTAR RUANGAN', `Dari Unit : IGD    Ke Unit : Rawat Inap    Tgl : ${v.otherDate(random)}    Jam : 10.30`);
      lines.push(`No.RM         : ${rm.text}`, `NIK           : ${nik.text}`, `Nama          : ${person}`, `Tgl. Lahir    : ${born.text}`, `No. Telp/HP   : ${phone.text}`, `Email         : ${mail.text}`);
      lines.push('Petugas Handover : Perawat jaga');
      found.push(['medical-record-number', rm.value], ['phone-id', phone.value], ['email', mail.value.toLowerCase()]);
    } else {
      const tax = v.npwp(random);
      const pass = v.passport(random);
      const mail = v.email(random, person);
      lines.push('Kepada Yth.', `Bapak/Ibu ${person}`, `NIK    : ${nik.text}`, `NPWP   : ${tax.text}`, `No. Paspor : ${pass.text}`, `Tgl. Lahir : ${born.text}`, `E-mail : ${mail.text}`, '');
      lines.push('Dengan hormat, bersama ini kami sampaikan rincian tagihan pemeriksaan kesehatan untuk keperluan perjalanan ke luar negeri.');
      lines.push(`Pembayaran melalui virtual account ${v.virtualAccount(random)} paling lambat ${v.otherDate(random)}.`);
      found.push(['npwp', tax.value], ['passport-id', pass.value], ['email', mail.value.toLowerCase()]);
    }
    c.write(`letter-${String(i).padStart(3, '0')}.txt`, `${lines.join('\n')}\n`, found, { format: 'txt', layout: ['health-certificate', 'identity-block', 'transfer-form', 'letter-to-patient'][kind], classes: [['health-certificate'], [], ['patient-transfer-form'], []][kind] });
  }
  return c.result;
}

function pick(random, list) {
  return list[Math.floor(random() * list.length)];
}

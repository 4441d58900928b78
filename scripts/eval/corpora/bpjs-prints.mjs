import { IDENTIFIER_DETECTORS, collector } from '../collector.mjs';
import * as v from '../values.mjs';

/**
 * Printed BPJS letters as text: SEP prints (domain.md §2.6), Surat Rujukan FKTP and hospital
 * referrals (§2.7), control letters (§2.4), some under a hospital letterhead whose switchboard
 * number must not be reported.
 */
export const name = 'bpjs-prints';

const pad = (s, n) => s.padEnd(n, ' ');

export function generate(dir, random) {
  const c = collector(dir, IDENTIFIER_DETECTORS);
  for (let i = 0; i < 70; i++) {
    const found = [];
    const sep = v.sep(random);
    const card = v.bpjsCard(random);
    const rm = v.mrn(random);
    const born = v.birthDate(random, random() * 0.65);
    const phone = v.mobile(random);
    const person = v.name(random);
    found.push(['bpjs-sep', sep.value], ['bpjs-card', card.value], ['medical-record-number', rm.value], ['birth-date', born.value], ['phone-id', phone.value]);
    const lines = [];
    if (random() < 0.5) lines.push(v.hospital(random), `Jl. Jend. Sudirman No. ${v.int(random, 1, 200)}, ${v.city(random)}. Telp. ${v.switchboard(random)}`, '');
    lines.push(`${pad('', 18)}${pick(random, ['SURAT ELEGIBILITAS PESERTA', 'SURAT ELEGIBILITAS PESERTA', 'SURAT ELEGBILITAS PESERTA'])}`, `${pad('', 18)}${v.hospital(random)}`, '');
    lines.push(`${pad('No.SEP', 14)}: ${pad(sep.text, 30)} Peserta       : PEGAWAI SWASTA`);
    lines.push(`${pad('Tgl.SEP', 14)}: ${pad(v.date(random, 2023, 2025).iso, 30)} COB           : -`);
    lines.push(`${pad('No.Kartu', 14)}: ${card.text} ( MR. ${rm.text} )   Jns.Rawat     : Rawat Jalan`);
    lines.push(`${pad('Nama Peserta', 14)}: ${pad(person, 30)} Jns.Kunjungan : Konsultasi dokter(pertama)`);
    lines.push(`${pad('Tgl.Lahir', 14)}: ${born.text}  Kelamin : ${pick(random, ['Laki-laki', 'Perempuan'])}   Poli Perujuk  : -`);
    lines.push(`${pad('No.Telepon', 14)}: ${pad(phone.text, 30)} Kls.Hak       : Kelas ${v.int(random, 1, 3)}`);
    lines.push(`${pad('Sub/Spesialis', 14)}: ${pad('Penyakit Dalam', 30)} Kls.Rawat     : Kelas ${v.int(random, 1, 3)}`);
    lines.push(`${pad('Dokter', 14)}: dr. ${v.name(random)}, Sp.PD`);
    lines.push(`${pad('Faskes Perujuk', 14)}: PUSKESMAS ${v.city(random).toUpperCase()}`);
    if (random() < 0.5) {
      const ref = v.rujukan(random, pick(random, ['P', 'Y']));
      lines.push(`${pad('No. Rujukan', 14)}: ${ref.text}`);
      found.push(['bpjs-rujukan', ref.value]);
    }
    lines.push(`${pad('Diagnosa Awal', 14)}: ${pick(random, ['E11.9 - Diabetes melitus tipe 2', 'I10 - Hipertensi esensial', 'Z49.1 - Dialisis'])}`, `${pad('Catatan', 14)}: -`, '');
    lines.push('*Saya menyetujui BPJS Kesehatan menggunakan informasi medis pasien jika diperlukan', '*SEP bukan sebagai bukti penjaminan peserta');
    lines.push(`Cetakan ke 1 ${v.date(random, 2024, 2025).iso} ${v.pad(v.int(random, 7, 20))}.${v.pad(v.int(random, 0, 59))}.${v.pad(v.int(random, 0, 59))}`);
    c.write(`sep/sep-${String(i).padStart(3, '0')}.txt`, `${lines.join('\n')}\n`, found, { format: 'txt', layout: 'sep-print', classes: ['bpjs-sep'] });
  }

  for (let i = 0; i < 60; i++) {
    const found = [];
    const ref = v.rujukan(random, pick(random, ['P', 'Y']));
    const card = v.bpjsCard(random);
    const born = v.birthDate(random, 0.9);
    found.push(['bpjs-rujukan', ref.value], ['bpjs-card', card.value], ['birth-date', born.value]);
    const ppkCode = ref.value.slice(0, 8);
    const lines = [
      'BPJS Kesehatan',
      `Divisi Regional : ${pick(random, ['VI', 'IV', 'XI'])}          Kantor Cabang : ${v.city(random).toUpperCase()}`,
      `${pad('', 20)}Surat Rujukan FKTP`,
      `No. Rujukan      : ${ref.text}`,
      `FKTP             : PUSKESMAS ${v.city(random).toUpperCase()} (${ppkCode})`,
      `Kabupaten / Kota : ${v.city(random).toUpperCase()} (${ppkCode.slice(0, 4)})`,
      `Kepada Yth. TS Dokter : ${pick(random, ['Penyakit Dalam', 'Saraf', 'Bedah'])}`,
      `Di               : ${v.hospital(random)}`,
      'Mohon pemeriksaan dan penanganan lebih lanjut pasien :',
      `Nama             : ${v.name(random)}`,
      `Umur             : ${2025 - born.date.year} Tahun : ${born.text}`,
      `No. Kartu BPJS   : ${card.text}`,
      `Status           : [ 1 ] Utama/Tanggungan    [${pick(random, ['L', 'P'])}]`,
      `Diagnosa         : Hipertensi (I10)`,
      'Catatan          :',
      'Telah diberikan  :',
      'Atas bantuannya, diucapkan terima kasih',
      `Tgl. Rencana Berkunjung : ${v.otherDate(random)}`,
      `Surat rujukan berlaku 1[satu] kali kunjungan, berlaku sampai dengan : ${v.otherDate(random)}`,
      'Salam Sejawat,',
      `${v.otherDate(random)}`,
      `dr. ${v.name(random)}`,
    ];
    c.write(`rujukan/fktp-${String(i).padStart(3, '0')}.txt`, `${lines.join('\n')}\n`, found, { format: 'txt', layout: 'surat-rujukan-fktp', classes: ['bpjs-referral-letter'] });
  }

  for (let i = 0; i < 40; i++) {
    const found = [];
    const control = random() < 0.5;
    const ref = v.rujukan(random, control ? 'K' : pick(random, ['B', 'N']));
    const card = v.bpjsCard(random);
    const rm = v.mrn(random);
    found.push(['bpjs-rujukan', ref.value], ['bpjs-card', card.value], ['medical-record-number', rm.value]);
    const lines = [
      v.hospital(random),
      `Jl. Ahmad Yani No. ${v.int(random, 1, 99)} ${v.city(random)} - Telp. ${v.switchboard(random)} Fax. ${v.switchboard(random)}`,
      '',
      control ? 'SURAT RENCANA KONTROL' : 'SURAT RUJUKAN',
      control ? '' : '== Rujukan Penuh ==',
      `${control ? 'No. Surat Kontrol' : 'No. Rujukan'} : ${ref.text}`,
      `Kepada Yth : ${v.hospital(random)}`,
      'Mohon pemeriksaan dan penanganan lebih lanjut penderita :',
      `Nama      : ${v.name(random)}`,
      `No. Kartu : ${card.text}`,
      `No. RM    : ${rm.text}`,
      `Diagnosa  : ${pick(random, ['N40', 'I60', 'C46.0'])}`,
      'Demikian atas bantuannya, diucapkan banyak terima kasih.',
      `* Rujukan Berlaku Sampai Dengan ${v.otherDate(random)}`,
      `Tgl. Cetak ${v.otherDate(random)}`,
    ];
    c.write(`rujukan/rs-${String(i).padStart(3, '0')}.txt`, `${lines.join('\n')}\n`, found, { format: 'txt', layout: control ? 'surat-kontrol' : 'surat-rujukan-rs', classes: ['bpjs-referral-letter'] });
  }
  return c.result;
}

function pick(random, list) {
  return list[Math.floor(random() * list.length)];
}

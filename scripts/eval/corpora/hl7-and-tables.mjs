import { IDENTIFIER_DETECTORS, collector } from '../collector.mjs';
import * as v from '../values.mjs';

/**
 * Layouts that are harder for label-driven detectors: HL7 v2 ADT messages (PID-3 with MR and NIK
 * identifiers, PID-7 birth date, PID-13 phone, IN1-36 BPJS card), text tables exported from a
 * SIMRS screen (a header row, then value rows), and forms whose text extraction put each label
 * on the line above its value.
 */
export const name = 'hl7-and-tables';

export function generate(dir, random) {
  const c = collector(dir, IDENTIFIER_DETECTORS);
  for (let i = 0; i < 40; i++) {
    const found = [];
    const rm = { value: `${v.digits(random, 8)}` };
    const nik = v.nik(random);
    const born = v.date(random, 1935, 2023);
    const phone = v.mobile(random);
    const card = v.bpjsCard(random);
    found.push(['medical-record-number', rm.value], ['nik', nik.value], ['birth-date', born.iso], ['phone-id', phone.value], ['bpjs-card', card.value]);
    const stamp = `${v.date(random, 2024, 2025).iso.replace(/-/g, '')}${v.pad(v.int(random, 0, 23))}${v.pad(v.int(random, 0, 59))}`;
    const [first, last] = v.name(random).split(' ');
    const message = [
      `MSH|^~\\&|SIMRS|RSUD CONTOH|SATUSEHAT|KEMKES|${stamp}||ADT^A04|MSG${v.digits(random, 8)}|P|2.5`,
      `EVN|A04|${stamp}`,
      `PID|1||${rm.value}^^^RSUD CONTOH^MR~${nik.value}^^^DUKCAPIL^NIK||${last}^${first}||${born.iso.replace(/-/g, '')}|${pick(random, ['M', 'F'])}|||Jl. Melati No. 5^^${v.city(random)}^^${v.int(random, 10110, 99999)}^ID||${phone.value.replace('+62', '0')}`,
      `PV1|1|O|POLI PENYAKIT DALAM^^^RSUD CONTOH||||${v.digits(random, 5)}^dr. ${v.name(random)}`,
      `IN1|1|JKN|BPJS|BPJS KESEHATAN|||||||||||||||||||||||||||||||||${card.value}`,
    ];
    c.write(`adt-${String(i).padStart(3, '0')}.hl7`, `${message.join('\r')}\r`, found, { format: 'hl7', layout: 'hl7-adt' });
  }

  for (let i = 0; i < 30; i++) {
    const found = [];
    const rows = [];
    const count = v.int(random, 3, 10);
    rows.push('| No | No. RM   | Nama                 | NIK              | Tgl. Lahir | No. HP         |', '|----|----------|----------------------|------------------|------------|----------------|');
    for (let r = 0; r < count; r++) {
      const rm = { value: v.digits(random, 6) };
      const nik = v.nik(random);
      const born = v.birthDate(random, random() * 0.5);
      const phone = v.mobile(random);
      rows.push(`| ${r + 1}  | ${rm.value}   | ${v.name(random).padEnd(20)} | ${nik.value} | ${born.text} | ${phone.text} |`);
      found.push(['medical-record-number', rm.value], ['nik', nik.value], ['birth-date', born.value], ['phone-id', phone.value]);
    }
    c.write(`tabel-${String(i).padStart(3, '0')}.txt`, `DAFTAR PASIEN POLI ${pick(random, ['ANAK', 'DALAM', 'SARAF'])} ${v.otherDate(random)}\n${rows.join('\n')}\n`, found, { format: 'txt', layout: 'text-table', classes: ['patient-register'] });
  }

  for (let i = 0; i < 30; i++) {
    const found = [];
    const nik = v.nik(random);
    const rm = v.mrn(random);
    const born = v.birthDate(random);
    const card = v.bpjsCard(random);
    found.push(['nik', nik.value], ['medical-record-number', rm.value], ['birth-date', born.value], ['bpjs-card', card.value]);
    const lines = ['FORMULIR PENDAFTARAN RAWAT JALAN', 'Nama Pasien', v.name(random), 'No. Rekam Medis', rm.text, 'NIK', nik.text, 'Tanggal Lahir', born.text, 'No. Kartu BPJS', card.text, 'Poli Tujuan', 'Penyakit Dalam'];
    c.write(`form-${String(i).padStart(3, '0')}.txt`, `${lines.join('\n')}\n`, found, { format: 'txt', layout: 'label-above-value' });
  }
  return c.result;
}

function pick(random, list) {
  return list[Math.floor(random() * list.length)];
}

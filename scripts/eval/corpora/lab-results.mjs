import { IDENTIFIER_DETECTORS, collector } from '../collector.mjs';
import * as v from '../values.mjs';

/**
 * Laboratory result printouts (domain.md §6, §7.3): a lab letterhead with its public phone, a
 * patient header (No. RM / NO.PASIEN, NIK, `Usia / Tanggal Lahir`), a results table, and an order
 * number shaped like a 16-digit timestamp (a hard negative for `nik`).
 */
export const name = 'lab-results';

export function generate(dir, random) {
  const c = collector(dir, IDENTIFIER_DETECTORS);
  for (let i = 0; i < 80; i++) {
    const found = [];
    const rm = v.mrn(random);
    const born = v.birthDate(random, random() * 0.5);
    const nik = v.nik(random);
    found.push(['medical-record-number', rm.value], ['birth-date', born.value], ['nik', nik.value]);
    const rmLabel = pick(random, ['No. RM', 'NO.PASIEN', 'No. Rekam Medis']);
    const lines = [
      `LABORATORIUM KLINIK ${v.hospital(random)}`,
      `Jl. Dr. Wahidin No. ${v.int(random, 1, 99)}, ${v.city(random)} Telp. ${v.switchboard(random)}`,
      '',
      'HASIL PEMERIKSAAN LABORATORIUM',
      `Nama                 : ${v.name(random)}            NO. REG       : ${v.digits(random, 13)}`,
      `${rmLabel.padEnd(20)} : ${rm.text}               TANGGAL ORDER : ${v.otherDate(random)}`,
      `Jenis Kelamin        : ${pick(random, ['Laki-laki', 'Perempuan'])}`,
      random() < 0.5 ? `Usia / Tanggal Lahir : ${2025 - born.date.year} Th / ${born.text}` : `Tgl. Lahir           : ${born.text}`,
      `NIK                  : ${nik.text}`,
      `No. Order            : ${v.timestampId(random)}`,
      `Dokter Pengirim      : dr. ${v.name(random)}`,
      'PERAWATAN : RAWAT JALAN',
      '',
      'PEMERIKSAAN          HASIL      NILAI RUJUKAN      SATUAN',
      `Hemoglobin           ${(11 + random() * 6).toFixed(1)}       13.0 - 17.0        g/dL`,
      `Leukosit             ${v.int(random, 3000, 15000)}       4000 - 10000       /uL`,
      `Trombosit            ${v.int(random, 100000, 450000)}     150000 - 400000    /uL`,
      `Gula Darah Puasa     ${v.int(random, 70, 250)}        70 - 100           mg/dL`,
      `HBsAg                ${pick(random, ['Non-Reaktif', 'Reaktif'])}   Non-Reaktif`,
      '',
      `Tgl Pemeriksaan : ${v.otherDate(random)}    Penanggungjawab : dr. ${v.name(random)}, Sp.PK`,
    ];
    c.write(`lab-${String(i).padStart(3, '0')}.txt`, `${lines.join('\n')}\n`, found, { format: 'txt', layout: 'lab-result', classes: ['lab-report'] });
  }
  return c.result;
}

function pick(random, list) {
  return list[Math.floor(random() * list.length)];
}

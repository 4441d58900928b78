import { IDENTIFIER_DETECTORS, collector } from '../collector.mjs';
import * as v from '../values.mjs';

/**
 * Spreadsheet / SIMRS CSV exports (domain.md §2.8 column names): patient lists with RM, NIK,
 * birth date, phone, BPJS card, e-mail and KK columns beside columns that must stay quiet —
 * order ids shaped like timestamps, virtual-account numbers, EAN-13 barcodes, payment cards.
 * Some exports went through Excel and lost NIK digits (domain.md §11).
 */
export const name = 'csv-exports';

export function generate(dir, random) {
  const c = collector(dir, IDENTIFIER_DETECTORS);
  for (let i = 0; i < 40; i++) {
    const found = [];
    const excel = i % 8 === 7;
    const delimiter = random() < 0.7 ? ',' : ';';
    const header = ['no_rkm_medis', 'nm_pasien', 'no_ktp', 'tgl_lahir', 'jk', 'no_tlp', 'no_peserta', 'email', 'no_kk', 'no_order', 'kode_va', 'barcode_gelang'];
    const rows = [header.join(delimiter)];
    const rowsCount = v.int(random, 8, 25);
    for (let r = 0; r < rowsCount; r++) {
      const person = v.name(random);
      const rm = random() < 0.8 ? { text: v.digits(random, 8), value: '' } : { text: `MR${v.digits(random, 8)}`, value: '' };
      rm.value = rm.text.toUpperCase();
      const nik = v.nik(random);
      let nikText = nik.value;
      let nikValue = nik.value;
      if (excel) {
        // Excel keeps 15 significant digits: the last digit becomes 0, or the cell shows 3.17101E+15.
        if (random() < 0.5) {
          nikText = `${nik.value.slice(0, 15)}0`;
          nikValue = nikText;
        } else {
          nikText = `${nik.value[0]}${delimiter === ',' ? '.' : ','}${nik.value.slice(1, 6)}E+15`;
          nikValue = nikText;
        }
      }
      const born = v.birthDate(random, random() * 0.65);
      const phone = v.mobile(random);
      const card = v.bpjsCard(random);
      const mail = v.email(random, person);
      const kk = v.kk(random);
      const cells = [rm.text, person, nikText, born.text, pick(random, ['L', 'P']), phone.text, card.value, mail.text, kk.value, v.timestampId(random), v.virtualAccount(random), v.ean13(random)];
      rows.push(cells.map((cell) => (cell.includes(delimiter) ? `"${cell}"` : cell)).join(delimiter));
      found.push(['medical-record-number', rm.value], ['birth-date', born.value], ['phone-id', phone.value], ['bpjs-card', card.value], ['email', mail.value.toLowerCase()], ['kk', kk.value]);
      // A zeroed last digit only reads as Excel damage when the serial became 0000; otherwise it is still a valid NIK.
      found.push(['nik', nikValue]);
    }
    c.write(`export-${String(i).padStart(3, '0')}.csv`, `${rows.join('\n')}\n`, found, { format: 'csv', layout: excel ? 'csv-export-excel-damaged' : 'csv-export', classes: ['patient-register'] });
  }
  return c.result;
}

function pick(random, list) {
  return list[Math.floor(random() * list.length)];
}

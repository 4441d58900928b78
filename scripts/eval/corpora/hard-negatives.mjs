import { IDENTIFIER_DETECTORS, collector } from '../collector.mjs';
import { nonNik } from '../non-nik.mjs';
import * as v from '../values.mjs';

/**
 * Documents with no identifier at all that look as if they had some (issue 3, domain.md §11):
 * payment receipts with Luhn-valid card numbers, virtual accounts and order ids shaped like
 * timestamps; product lists with EAN-13 barcodes; 16-digit numbers that break the NIK rules;
 * blank form templates; hospital letterheads and call-centre pages with public numbers;
 * foreign national ids; system logs full of timestamps.
 */
export const name = 'hard-negatives';

export function generate(dir, random) {
  const c = collector(dir, IDENTIFIER_DETECTORS);
  const kinds = ['receipt', 'barcodes', 'non-nik', 'blank-form', 'letterhead', 'foreign-ids', 'log'];
  for (let i = 0; i < 350; i++) {
    const kind = kinds[i % kinds.length];
    const lines = [];
    if (kind === 'receipt') {
      lines.push('BUKTI PEMBAYARAN', `No. Transaksi : ${v.timestampId(random)}`, `Order ID      : ${v.timestampId(random)}`, `Kartu kredit  : ${v.cardNumber(random)}`, `Virtual Account BCA : ${v.virtualAccount(random)}`, `Total         : Rp ${v.int(random, 50, 5000)}.000`, `Tanggal       : ${v.otherDate(random)}`, `Card number ${v.cardNumber(random)} (VISA)`);
    } else if (kind === 'barcodes') {
      lines.push('DAFTAR OBAT DAN ALKES', 'Kode Barang     Barcode          Nama                 Stok');
      for (let r = 0; r < 12; r++) lines.push(`BRG-${v.digits(random, 5)}       ${v.ean13(random)}    ${pick(random, ['Paracetamol 500mg', 'Amoxicillin 500mg', 'Spuit 3cc', 'Infus RL 500ml'])}    ${v.int(random, 1, 900)}`);
    } else if (kind === 'non-nik') {
      lines.push('Rekap nomor transaksi (bukan NIK)');
      for (let r = 0; r < 20; r++) lines.push(nonNik(random));
    } else if (kind === 'blank-form') {
      lines.push('FORMULIR PENDAFTARAN PASIEN BARU', 'No. RM        : ____________', 'NIK           : ________________', 'No. KK        : ________________', 'Nama          : ______________________', 'Tempat/Tgl Lahir : ___________ / __-__-____', 'No. HP        : 08__________', 'No. Kartu BPJS: _____________', 'NPWP          : __.___.___._-___.___', 'Email         : ____________@________', 'No. Paspor    : ________', 'Tanda tangan pasien/keluarga : ____________');
    } else if (kind === 'letterhead') {
      lines.push(v.hospital(random), `Jl. Slamet Riyadi No. ${v.int(random, 1, 500)}, ${v.city(random)} ${v.int(random, 10110, 99999)}`, `Telp. ${v.switchboard(random)}, Fax. ${v.switchboard(random)}`, `Call Center: ${v.switchboard(random)}   IGD 24 jam: ${v.switchboard(random)}`, 'Website: www.rs-contoh.go.id  Email: humas@rs-contoh.go.id', '', 'PENGUMUMAN', `Jadwal praktik poliklinik berubah mulai ${v.otherDate(random)}. Informasi: ${v.switchboard(random)}.`);
    } else if (kind === 'foreign-ids') {
      lines.push('DATA PASIEN WARGA NEGARA ASING (WNA)');
      for (let r = 0; r < 5; r++) {
        const id = v.foreignId(random);
        lines.push(`Nama: ${v.name(random)}   ${id.label}: ${id.text}`);
      }
    } else {
      for (let r = 0; r < 15; r++) lines.push(`${v.date(random, 2024, 2025).iso}T${v.pad(v.int(random, 0, 23))}:${v.pad(v.int(random, 0, 59))}:${v.pad(v.int(random, 0, 59))}.${v.digits(random, 3)}Z INFO job=${v.timestampId(random)} batch=${v.digits(random, 13)} took=${v.int(random, 1, 9000)}ms`);
    }
    c.write(`${kind}-${String(i).padStart(3, '0')}.txt`, `${lines.join('\n')}\n`, [], { format: 'txt', layout: kind, hardNegative: true });
  }
  return c.result;
}

function pick(random, list) {
  return list[Math.floor(random() * list.length)];
}

// A patient-dump-like CSV, as a leaked SIMRS export would look: one row per visit with identity,
// contact, address, diagnosis and doctor columns. Synthetic, seeded, streamed to disk.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { bpjs, digits, mobile, name, nik, notNik, pick, rng } from '../fixtures/lib.mjs';

const STREETS = ['Jl. Merdeka', 'Jl. Sudirman', 'Jl. Diponegoro', 'Gg. Mawar', 'Jl. Raya Bogor', 'Jl. Ahmad Yani'];
const CITIES = ['Kota Bandung', 'Kab. Sleman', 'Kota Surabaya', 'Kota Medan', 'Kab. Gianyar', 'Kota Makassar'];
const DIAGNOSES = ['I10 Hipertensi esensial', 'E11.9 Diabetes melitus tipe 2', 'J18.9 Pneumonia', 'U07.1 COVID-19 virus teridentifikasi', 'A09 Diare', 'K29.7 Gastritis'];
const DOCTORS = ['dr. Andi Wijaya, Sp.PD', 'dr. Rina Kusuma, Sp.A', 'dr. Hendra, Sp.P', 'dr. Maya Sari'];

export const HEADER = 'no_rkm_medis,nm_pasien,no_ktp,no_peserta,tgl_lahir,jk,alamat,no_tlp,email,kd_diagnosa,dokter,no_transaksi,catatan\n';

/** One row; every few rows carry a number that looks like a NIK but is not one. */
export function row(r, i) {
  const person = nik(r);
  const who = name(r);
  const mail = r() < 0.3 ? `${who.toLowerCase().replace(/\s+/g, '.')}${i % 97}@contoh-mail.co.id` : '';
  return `${String(100000 + (i % 900000)).padStart(8, '0')},${who},${person.value},${bpjs(r)},${person.birthDate},${person.female ? 'P' : 'L'},"${pick(r, STREETS)} No. ${1 + (i % 200)} RT ${String(1 + (i % 12)).padStart(3, '0')}/RW ${String(1 + (i % 9)).padStart(3, '0')}, ${pick(r, CITIES)}",${mobile(r)},${mail},${pick(r, DIAGNOSES)},${pick(r, DOCTORS)},${notNik(r)},kontrol ulang ${1 + (i % 4)} minggu ${digits(r, 4)}\n`;
}

/** Writes about `bytes` of dump to `path`; returns the exact size. */
export async function writeDump(path, bytes, seed = 720) {
  const r = rng(seed);
  const out = createWriteStream(path);
  let written = 0;
  let i = 0;
  out.write(HEADER);
  written += HEADER.length;
  while (written < bytes) {
    let chunk = '';
    while (chunk.length < 4 * 1024 * 1024) chunk += row(r, i++);
    written += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return written;
}

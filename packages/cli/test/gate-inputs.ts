import { crc32 } from 'node:zlib';

/**
 * Synthetic uploads for the gate tests. Values are built from the rules in domain.md, not taken
 * from any person: the NIK is region 317101 (§1.1), born 17-08-1945, serial 0001; the BPJS card
 * is 13 digits starting 000 (§2.1).
 */
export const NIK = '3171011708450001';
export const BPJS_CARD = '0001234567890';

/**
 * A primary-care referral letter laid out like the printed "Surat Rujukan FKTP" (domain.md §2.7),
 * with a NIK and a BPJS card number under their labels.
 */
export const REFERRAL_LETTER = [
  'SURAT RUJUKAN FKTP',
  'Kepada Yth. TS Dokter Poli Penyakit Dalam, RSUD Contoh',
  'Mohon pemeriksaan dan penanganan lebih lanjut pasien :',
  'Nama          : Tn. Budi Santoso',
  `No. Kartu BPJS: ${BPJS_CARD}`,
  `NIK           : ${NIK.replace(/(\d{4})(?=\d)/g, '$1 ')}`,
  'Diagnosa      : Hipertensi esensial (I10)',
  'Atas bantuannya, diucapkan terima kasih.',
  '',
].join('\n');

/** Text with nothing personal in it. */
export const CLEAN_TEXT = 'Jadwal poliklinik minggu ini: Senin sampai Jumat, pukul 08.00 - 14.00.\nMohon datang 30 menit lebih awal.\n';

/**
 * A ZIP whose one entry has general-purpose flag bit 0 set (traditional PKWARE encryption,
 * APPNOTE 4.4.4): what an "encrypted zip" upload looks like to any reader without the password.
 */
export function encryptedZip(entryName = 'hasil-lab.txt', payload: Uint8Array = new Uint8Array(64).map((_, i) => (i * 37 + 11) & 0xff)): Buffer {
  const name = Buffer.from(entryName, 'utf8');
  const crc = crc32(payload);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4); // version needed
  local.writeUInt16LE(0x0001, 6); // flags: encrypted
  local.writeUInt16LE(0, 8); // method: stored
  local.writeUInt32LE(0, 10); // time, date
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(payload.byteLength, 18);
  local.writeUInt32LE(payload.byteLength, 22);
  local.writeUInt16LE(name.length, 26);
  local.writeUInt16LE(0, 28);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4); // version made by
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(0x0001, 8);
  central.writeUInt16LE(0, 10);
  central.writeUInt32LE(0, 12);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(payload.byteLength, 20);
  central.writeUInt32LE(payload.byteLength, 24);
  central.writeUInt16LE(name.length, 28);
  // extra, comment, disk, internal attrs: 0; external attrs 0; local header offset 0
  const centralOffset = local.length + name.length + payload.byteLength;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, name, payload, central, name, end]);
}

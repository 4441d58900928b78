import { IDENTIFIER_DETECTORS, collector } from '../collector.mjs';
import * as v from '../values.mjs';

/**
 * SIMRS-style dumps: VClaim `peserta` responses as an integration log would keep them (domain.md
 * §2.1 field names), and Khanza-style `key: value` patient dumps (§2.8 column names).
 */
export const name = 'simrs-dumps';

export function generate(dir, random) {
  const c = collector(dir, IDENTIFIER_DETECTORS);
  for (let i = 0; i < 40; i++) {
    const found = [];
    const entries = [];
    const count = v.int(random, 2, 5);
    for (let r = 0; r < count; r++) {
      const card = v.bpjsCard(random);
      const nik = v.nik(random);
      const rm = { value: v.digits(random, 6) };
      const phone = v.mobile(random);
      const born = v.date(random, 1935, 2023);
      found.push(['bpjs-card', card.value], ['nik', nik.value], ['medical-record-number', rm.value], ['phone-id', phone.value], ['birth-date', born.iso]);
      entries.push(
        `${v.date(random, 2024, 2025).iso} ${v.pad(v.int(random, 0, 23))}:${v.pad(v.int(random, 0, 59))}:${v.pad(v.int(random, 0, 59))} INFO vclaim peserta/nokartu response:`,
        JSON.stringify(
          {
            metaData: { code: '200', message: 'OK' },
            response: {
              peserta: {
                cob: { nmAsuransi: null, noAsuransi: null },
                hakKelas: { keterangan: 'KELAS I', kode: '1' },
                jenisPeserta: { keterangan: 'PEGAWAI SWASTA', kode: '13' },
                mr: { noMR: rm.value, noTelepon: phone.value.replace('+62', '0') },
                nama: v.name(random),
                nik: nik.value,
                noKartu: card.value,
                provUmum: { kdProvider: v.ppk(random, 'digit'), nmProvider: 'PUSKESMAS CONTOH' },
                sex: pick(random, ['L', 'P']),
                statusPeserta: { keterangan: 'AKTIF', kode: '0' },
                tglLahir: born.iso,
                tglTAT: '2099-12-31',
                tglTMT: v.date(random, 2014, 2020).iso,
                umur: { umurSaatPelayanan: '35 tahun ,2 bulan ,10 hari', umurSekarang: '35 tahun ,2 bulan ,10 hari' },
              },
            },
          },
          null,
          2,
        ),
      );
    }
    c.write(`vclaim-${String(i).padStart(3, '0')}.log`, `${entries.join('\n')}\n`, found, { format: 'log', layout: 'vclaim-json-log' });
  }

  for (let i = 0; i < 30; i++) {
    const found = [];
    const records = [];
    const count = v.int(random, 2, 6);
    for (let r = 0; r < count; r++) {
      const rm = v.mrn(random);
      const nik = v.nik(random);
      const born = v.birthDate(random, random() * 0.65);
      const phone = v.mobile(random);
      const card = v.bpjsCard(random);
      found.push(['medical-record-number', rm.value], ['nik', nik.value], ['birth-date', born.value], ['phone-id', phone.value], ['bpjs-card', card.value]);
      records.push(
        [
          `*************************** ${r + 1}. row ***************************`,
          `no_rkm_medis: ${rm.text}`,
          `   nm_pasien: ${v.name(random)}`,
          `      no_ktp: ${nik.value}`,
          `          jk: ${pick(random, ['L', 'P'])}`,
          `   tmp_lahir: ${v.city(random).toUpperCase()}`,
          `   tgl_lahir: ${born.text}`,
          `      nm_ibu: ${v.name(random)}`,
          `      no_tlp: ${phone.text}`,
          `  no_peserta: ${card.value}`,
          `   tgl_daftar: ${v.date(random, 2015, 2025).iso}`,
        ].join('\n'),
      );
    }
    c.write(`khanza-pasien-${String(i).padStart(3, '0')}.txt`, `mysql> SELECT * FROM pasien LIMIT ${count}\\G\n${records.join('\n')}\n${count} rows in set (0.00 sec)\n`, found, { format: 'txt', layout: 'khanza-vertical-dump', classes: ['patient-register'] });
  }
  return c.result;
}

function pick(random, list) {
  return list[Math.floor(random() * list.length)];
}

import { documentClassifier } from './signals.js';

/** Printed SEP (Surat Eligibilitas Peserta), domain.md §2.6: title spelled ELEGIBILITAS (also ELIGIBILITAS, ELEGBILITAS). */
export const bpjsSep = documentClassifier(
  'bpjs-sep',
  'BPJS SEP (Surat Eligibilitas Peserta): the hospital visit eligibility letter.',
  {
    titles: ['surat elegibilitas peserta', 'surat eligibilitas peserta', 'surat elegbilitas peserta'],
    labels: [
      'no.sep', 'tgl.sep', 'no.kartu', 'nama peserta', 'jns.rawat', 'jns.kunjungan', 'kls.hak', 'kls.rawat', 'faskes perujuk', 'poli perujuk',
      'diagnosa awal', 'penjamin', 'sub/spesialis', 'sep bukan sebagai bukti penjaminan peserta', 'cetakan ke',
    ],
    findings: { 'bpjs-sep': 0.3, 'bpjs-card': 0.1, 'icd10-diagnosis': 0.05 },
    minLabels: 1,
  },
  {
    positive: ['SURAT ELEGIBILITAS PESERTA\nNo.SEP : 0301R0011117V000008\nNama Peserta : BUDI SANTOSO\nDiagnosa Awal : I10\nKls.Rawat : Kelas 1'],
    negative: ['Rapat koordinasi membahas penerbitan surat eligibilitas peserta yang lebih cepat.'],
  },
);

import { documentClassifier } from './signals.js';

/** BPJS referral letters: "Surat Rujukan FKTP" (PCare) and hospital "rujukan keluar" (domain.md §2.7). */
export const bpjsReferralLetter = documentClassifier(
  'bpjs-referral-letter',
  'BPJS referral letter (Surat Rujukan FKTP, hospital referral, Rujuk Balik).',
  {
    titles: ['surat rujukan fktp', 'rujukan penuh', 'rujuk balik', 'rujukan partial', 'surat rujukan'],
    labels: [
      'no. rujukan', 'nomor rujukan', 'fktp', 'kepada yth', 'ts dokter', 'mohon pemeriksaan dan penanganan lebih lanjut', 'salam sejawat',
      'tgl. rencana berkunjung', 'rujukan berlaku sampai dengan', 'surat rujukan berlaku', 'no. kartu bpjs', 'asal rumah sakit', 'divisi regional',
      'kantor cabang', 'jadwal praktek', 'telah diberikan',
    ],
    findings: { 'bpjs-rujukan': 0.3, 'bpjs-card': 0.1, 'icd10-diagnosis': 0.05 },
    minLabels: 2,
  },
  {
    positive: ['Surat Rujukan FKTP\nNo. Rujukan : 030107010217Y001465\nKepada Yth. TS Dokter Poli Penyakit Dalam\nMohon pemeriksaan dan penanganan lebih lanjut pasien :\nNama : SITI AMINAH\nDiagnosa : E11.9\nSalam Sejawat,'],
    negative: ['Pasien membawa surat rujukan dari puskesmas.'],
  },
);

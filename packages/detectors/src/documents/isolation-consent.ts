import { documentClassifier } from './signals.js';

/** Isolation consent / statement letters (domain.md §6: titles UNVERIFIED, Khanza records isolation status). */
export const isolationConsent = documentClassifier(
  'isolation-consent',
  'Isolation consent or self-isolation statement signed by or for a patient.',
  {
    titles: [
      'surat persetujuan isolasi', 'surat pernyataan isolasi mandiri', 'surat pernyataan isolasi', 'persetujuan isolasi', 'pernyataan bersedia isolasi',
      'persetujuan tindakan isolasi', 'surat pernyataan karantina',
    ],
    labels: [
      'yang bertanda tangan di bawah ini', 'menyatakan', 'bersedia', 'bersedia menjalani isolasi', 'isolasi mandiri', 'ruang isolasi', 'karantina', 'saksi',
      'kontak erat', 'selama 14 hari', 'selesai isolasi',
    ],
    minLabels: 2,
  },
  {
    positive: ['SURAT PERNYATAAN ISOLASI MANDIRI\nYang bertanda tangan di bawah ini:\nNama : AHMAD FAUZI\nNIK : 3171011708450001\nmenyatakan bersedia menjalani isolasi mandiri selama 14 hari.'],
    negative: ['Warga yang kontak erat diminta menjalani isolasi mandiri, kata juru bicara.'],
  },
);

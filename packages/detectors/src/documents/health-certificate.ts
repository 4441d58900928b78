import { documentClassifier } from './signals.js';

/** Health certificates and sick notes (domain.md §7.5: SURAT KETERANGAN SEHAT, MCU results). */
export const healthCertificate = documentClassifier(
  'health-certificate',
  'Health certificate, sick note or medical check-up result (Surat Keterangan Sehat/Sakit, MCU).',
  {
    titles: ['surat keterangan sehat', 'surat keterangan berbadan sehat', 'surat keterangan sakit', 'surat keterangan dokter', 'medical certificate', 'hasil medical check up'],
    labels: [
      'yang bertanda tangan di bawah ini', 'menerangkan bahwa', 'dalam keadaan sehat', 'surat keterangan ini dibuat untuk keperluan', 'dokter pemeriksa', 'sip',
      'tinggi badan', 'berat badan', 'tekanan darah', 'buta warna', 'layak kerja', 'fit', 'tempat/tgl lahir', 'istirahat',
    ],
    minLabels: 2,
  },
  {
    positive: ['SURAT KETERANGAN SEHAT\nYang bertanda tangan di bawah ini, dokter, menerangkan bahwa:\nNama : RINA MARLINA\nNIK : 3171015708450001\ndalam keadaan SEHAT.\nSurat keterangan ini dibuat untuk keperluan melamar pekerjaan.'],
    negative: ['Syarat pendaftaran: fotokopi KTP dan surat keterangan sehat dari dokter.'],
  },
);

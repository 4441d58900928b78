import { documentClassifier } from './signals.js';

/** Laboratory reports (domain.md §7.3): test names, `Hasil`, `Nilai Rujukan`, `Satuan`. */
export const labReport = documentClassifier(
  'lab-report',
  'Laboratory report (hematology, clinical chemistry, serology) for a patient.',
  {
    titles: ['hasil laboratorium', 'hasil pemeriksaan laboratorium', 'laboratorium klinik', 'hematologi', 'kimia klinik', 'urinalisa', 'instalasi laboratorium'],
    labels: [
      'nilai rujukan', 'satuan', 'hemoglobin', 'leukosit', 'trombosit', 'hematokrit', 'eritrosit', 'gula darah puasa', 'gula darah sewaktu', 'kolesterol total',
      'asam urat', 'sgot', 'sgpt', 'hbsag', 'ureum', 'kreatinin', 'trigliserida', 'anti-hiv', 'led',
    ],
    findings: { 'lab-result': 0.4 },
    minLabels: 3,
  },
  {
    positive: ['HASIL LABORATORIUM\nNama Pasien : DEWI LESTARI\nPemeriksaan | Hasil | Satuan | Nilai Rujukan\nHemoglobin | 12.5 | g/dL | 12.0 - 16.0\nLeukosit | 7.200 | /uL | 4.000 - 10.000'],
    negative: ['Hemoglobin adalah protein dalam sel darah merah yang membawa oksigen.'],
  },
);

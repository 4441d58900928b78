import { documentClassifier } from './signals.js';

/** Radiology reports (domain.md §7.2): `Expertise`, `Kesan`, thorax and USG vocabulary, `Sp.Rad`. */
export const radiologyReport = documentClassifier(
  'radiology-report',
  'Radiology report (thorax X-ray, CT, USG, MRI expertise) for a patient.',
  {
    titles: ['hasil pemeriksaan radiologi', 'instalasi radiologi', 'ekspertise', 'expertise', 'foto thorax', 'rontgen thorax', 'thorax pa', 'usg abdomen', 'ct scan'],
    labels: [
      'kesan', 'klinis', 'cor', 'pulmo', 'sinus costophrenicus', 'diafragma', 'corakan bronkovaskuler', 'infiltrat', 'ctr', 'tulang-tulang', 'hepar', 'lien',
      'vesica felea', 'vesica urinaria', 'sp.rad', 'dokter spesialis radiologi',
    ],
    findings: { 'radiology-impression': 0.3 },
    minLabels: 2,
  },
  {
    positive: ['HASIL PEMERIKSAAN RADIOLOGI\nNama : Tn. JOKO SUSILO\nFoto Thorax PA\nCor : tidak membesar\nPulmo : tampak infiltrat di paracardial kanan\nKesan : Pneumonia'],
    negative: ['Foto thorax adalah pemeriksaan yang paling sering dilakukan.'],
  },
);

import { documentClassifier } from './signals.js';

/** EKG sheets (domain.md §7.1): `Irama`, `Heart Rate`, `Axis`, `PR Interval`, `QRS`, `ST Segment`, `Kesan`. */
export const ekgReport = documentClassifier(
  'ekg-report',
  'Electrocardiogram (EKG) report for a patient.',
  {
    titles: ['elektrokardiografi', 'elektrokardiogram', 'ekg', 'ecg', 'rekam jantung'],
    labels: ['irama', 'heart rate', 'axis', 'gelombang p', 'pr interval', 'qrs complex', 'qrs', 'st segment', 'gelombang t', 'qtc', 'sinus rhythm', 'bpm', 'kesan'],
    findings: { 'ekg-finding': 0.3 },
    minLabels: 2,
  },
  {
    positive: ['HASIL EKG\nNama : Ny. SRI WAHYUNI\nIrama : Sinus Rhythm\nHeart Rate : 88 bpm\nAxis : Normal\nPR Interval : 0.16 detik'],
    negative: ['EKG merekam aktivitas listrik jantung.'],
  },
);

import { documentClassifier } from './signals.js';

/** COVID-19 result certificates: antigen, RT-PCR, TCM, antibody (domain.md §6). Needs a result finding. */
export const covidTestResultDocument = documentClassifier(
  'covid-test-result',
  'COVID-19 test result (RT-PCR, TCM, antigen, antibody) for a person.',
  {
    titles: [
      'pelaporan hasil rapid swab antigen', 'hasil pemeriksaan sars-cov-2', 'hasil pemeriksaan covid-19', 'surat keterangan hasil pemeriksaan',
      'hasil pemeriksaan laboratorium sars-cov-2', 'hasil rt-pcr', 'hasil swab', 'hasil pemeriksaan', 'sars-cov-2 rt-pcr test report',
      'covid-19 test report', 'hasil pemeriksaan rt-pcr',
    ],
    labels: ['nilai rujukan', 'spesimen', 'swab nasofaring', 'tgl pemeriksaan', 'petugas pemeriksa', 'penanggungjawab', 'no. reg', 'metode', 'sars-cov-2'],
    findings: { 'covid-test-result': 0.5 },
    onePerson: true,
  },
  {
    positive: ['HASIL PEMERIKSAAN\nNama : BUDI SANTOSO\nNIK : 3171011708450001\nRapid Swab Antigen SARS-CoV-2 | Negatif | Negatif'],
    negative: ['Kasus positif COVID-19 bertambah 1.234 orang hari ini, kata juru bicara.'],
  },
);

import { documentClassifier } from './signals.js';

/** Transfer and referral forms between units or facilities (domain.md §7.4: Khanza, SISRUTE). */
export const patientTransferForm = documentClassifier(
  'patient-transfer-form',
  'Patient transfer form (between wards, units or hospitals; SISRUTE referral).',
  {
    titles: [
      'transfer pasien antar ruang', 'transfer pasien antar ruangan', 'formulir transfer pasien', 'transfer pasien antar unit', 'transfer pasien antar rumah sakit',
      'serah terima pasien', 'rujukan keluar', 'sisrute',
    ],
    labels: [
      'dari unit', 'ke unit', 'dikirim ke unit', 'petugas handover', 'alasan rujuk', 'alasan transfer', 'faskes tujuan', 'kesadaran', 'tekanan darah', 'nadi',
      'suhu', 'respirasi', 'keadaan umum', 'tingkat nyeri', 'alergi', 'rs tujuan', 'ruang asal', 'ruang tujuan',
    ],
    minLabels: 2,
  },
  {
    positive: ['FORMULIR TRANSFER PASIEN ANTAR RUANGAN\nNama : Tn. BAMBANG SUTRISNO\nNo.RM : 00469120\nDari Unit : IGD\nKe Unit : ICU\nKesadaran : Compos mentis\nTekanan Darah : 130/80'],
    negative: ['Pasien dipindahkan ke ruang ICU setelah kondisinya memburuk.'],
  },
);

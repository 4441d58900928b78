// Labelled synthetic documents for issue 4: patient names, COVID-19 results, document classes and
// the UU PDP label, plus hard negatives (blank templates, news, textbook text, letterheads).
// Every value is built from the rules in ../shared/domain.md with a seeded RNG: no real person.
// Each document: { name, text, truth: { names: [...], covid: [...], documentClass, label } }
//   names: expected `patient-name` values (upper case, single-spaced, no honorific/suffix)
//   covid: expected `covid-test-result` values (`pcr:positive` …)
//   documentClass: the expected top document class, `template`, or `none`
//   label: the expected UU PDP label of the file (`public` | `personal` | `sensitive-health`)
//   hardNegative: true for text that must never be classified as a filled document
import { bpjs, digits, nik, pick, rng } from '../../fixtures/lib.mjs';
import { collector } from '../collector.mjs';

/** Corpus module name for `pnpm eval`. */
export const name = 'pdp-documents';
/** The detectors this module labels exhaustively in its documents. */
export const PDP_DETECTORS = ['patient-name', 'covid-test-result'];

/** Names across Indonesia's naming patterns (domain.md §5): Javanese, Arabic-derived, Balinese, Batak, single names, Chinese-Indonesian. */
const NAMES = [
  'Bambang Sutrisno', 'Slamet Riyadi', 'Sri Wahyuni', 'Endang Purwaningsih', 'Joko Susilo', 'Wahyu Hidayat', 'Sugeng Purwanto', 'Tri Handayani',
  'Muhammad Rizky Ramadhan', 'Siti Nur Aisyah', 'Ahmad Fauzi', 'Abdul Rahman', 'Nurul Hidayah', 'Aisyah Putri', 'Ahmad bin Abdullah', 'Fatimah Azzahra',
  'I Wayan Sudarma', 'Ni Made Ayu Lestari', 'I Gede Putu Wirawan', 'Ni Nyoman Sari', 'I Ketut Suardana', 'Ni Luh Putu Ariani',
  'Ramos Hutagalung', 'Margaretha br. Simanjuntak', 'Tiurma Nainggolan', 'Parlindungan Siregar', 'Rumondang Sitorus', 'Hotman Panjaitan',
  'Sukarno', 'Suparman', 'Sulastri', 'Mulyono', 'Wartini', 'Sumarni',
  'Hendra Gunawan', 'Linda Wijaya', 'Kevin Tjandra', 'Yohanes Setiawan', 'Maria Ulfa', 'Dedi Kurniawan', 'Rina Marlina', 'Eko Prasetyo',
];
/** Names with academic suffixes (domain.md §4.3, §5: `NAME,BA`). */
const SUFFIXED = [['Dewi Lestari', ', S.Pd'], ['Agus Salim', ', S.Kom'], ['Rahmat Hidayat', ', S.H., M.H.'], ['Budi Santoso', ',BA'], ['Yuliana Siregar', ', A.Md.Keb']];
const DOCTORS = ['dr. Andi Wijaya, Sp.PD', 'dr. Rina Kusuma, Sp.A', 'dr. Hartono, Sp.Rad', 'dr. Made Sudira, Sp.JP', 'dr. Lukman Hakim', 'dr. Sarah Nasution, Sp.PK'];
const FACILITIES = ['RSUD SAWERIGADING PALOPO', 'RSUP DR. SARDJITO', 'RSU MUHAMMADIYAH METRO', 'RS Bhayangkara Polda Kepri', 'Klinik Sehat Gajah Mada'];

/** The value the detector reports for a name: upper case, no dot after `br`, single spaces. */
const valueOf = (name) => name.replace(/\./g, '').toUpperCase().replace(/\s+/g, ' ').trim();
const pad = (n, w = 2) => String(n).padStart(w, '0');

function person(r, { child = false } = {}) {
  const name = pick(r, NAMES);
  const female = /Sri|Siti|Endang|Tri |Nurul|Aisyah|Fatimah|Ni |Margaretha|Tiurma|Rumondang|Sulastri|Wartini|Sumarni|Linda|Maria|Rina/.test(name);
  const id = nik(r, { female, year: child ? 2015 + Math.floor(r() * 8) : 1950 + Math.floor(r() * 50) });
  const honorific = child ? pick(r, ['An.', 'By. Ny.']) : female ? pick(r, ['Ny.', 'Nn.', 'Sdri.']) : pick(r, ['Tn.', 'Sdr.']);
  const upper = r() < 0.6;
  return { name, written: upper ? name.toUpperCase() : name, value: valueOf(name), nik: id.value, birth: id.birthDate, honorific, female, child };
}

function date(r, year = 2020 + Math.floor(r() * 3)) {
  return `${pad(1 + Math.floor(r() * 28))}-${pad(1 + Math.floor(r() * 12))}-${year}`;
}

function sepNumber(r) {
  return `0301R0${pad(1 + Math.floor(r() * 20))}${pad(1 + Math.floor(r() * 12))}${pad(20 + Math.floor(r() * 5))}V${digits(r, 6)}`;
}

// ---------------------------------------------------------------------------------------------
// Filled documents, one builder per class. `p` is the patient; `withHonorific` varies layouts.

const BUILDERS = {
  'bpjs-sep'(r, p) {
    const title = pick(r, ['SURAT ELEGIBILITAS PESERTA', 'SURAT ELIGIBILITAS PESERTA', 'SURAT ELEGBILITAS PESERTA']);
    const text = `BPJS Kesehatan\n${title}\n${pick(r, FACILITIES)}\n\nNo.SEP          : ${sepNumber(r)}\nTgl.SEP         : ${date(r)}\nNo.Kartu        : ${bpjs(r)} (MR: ${digits(r, 6)})\nNama Peserta    : ${p.written}\nTgl.Lahir       : ${p.birth}   Kelamin : ${p.female ? 'Perempuan' : 'Laki-laki'}\nNo.Telepon      : 0812${digits(r, 8)}\nSub/Spesialis   : Penyakit Dalam\nDokter          : ${pick(r, DOCTORS)}\nFaskes Perujuk  : PUSKESMAS SITEBA\nDiagnosa Awal   : ${pick(r, ['I10 - Essential (primary) hypertension', 'E11.9 - Diabetes mellitus', 'N40 - Hyperplasia of prostate', 'J18.9 - Pneumonia'])}\nCatatan         : -\nPeserta         : PEGAWAI SWASTA\nJns.Rawat       : Rawat Jalan\nKls.Hak         : Kelas 1\nPenjamin        : -\n\n*Saya menyetujui BPJS Kesehatan menggunakan informasi medis pasien jika diperlukan\n*SEP bukan sebagai bukti penjaminan peserta\nPasien/Keluarga Pasien\n\nCetakan ke 1 ${date(r)}\n`;
    return { text, names: [p.value], covid: [], label: 'sensitive-health' };
  },
  'bpjs-referral-letter'(r, p) {
    const text = `BPJS Kesehatan\nDivisi Regional : VI\nKantor Cabang : Surakarta\nSurat Rujukan FKTP\nNo. Rujukan : 03010701${pad(1 + Math.floor(r() * 12))}${pad(20 + Math.floor(r() * 4))}Y${digits(r, 6)}\nFKTP : PUSKESMAS SITEBA (03010701)\nKabupaten / Kota : Surakarta\n\nKepada Yth. TS Dokter Poli Penyakit Dalam\nDi ${pick(r, FACILITIES)}\nMohon pemeriksaan dan penanganan lebih lanjut pasien :\nNama : ${p.written}\nUmur : ${30 + Math.floor(r() * 40)} Tahun : ${p.birth}\nNo. Kartu BPJS : ${bpjs(r)}\nStatus : [ 1 ] Utama/Tanggungan [${p.female ? 'P' : 'L'}]\nDiagnosa : Diabetes mellitus tipe 2 (E11.9)\nCatatan : kontrol gula darah\nTelah diberikan : metformin\n\nAtas bantuannya, diucapkan terima kasih\nTgl. Rencana Berkunjung : ${date(r)}\nSurat rujukan berlaku 1[satu] kali kunjungan, berlaku sampai dengan : ${date(r)}\nSalam Sejawat,\n${pick(r, DOCTORS)}\n`;
    return { text, names: [p.value], covid: [], label: 'sensitive-health' };
  },
  'covid-test-result'(r, p) {
    const layout = Math.floor(r() * 7);
    const header = `${pick(r, FACILITIES)}\nLaboratorium Klinik\n`;
    const ident = `Nama : ${p.honorific} ${p.written}\nNIK : ${p.nik}\nJenis Kelamin : ${p.female ? 'Perempuan' : 'Laki-laki'}\nUsia / Tanggal Lahir : ${p.birth}\nTgl Pemeriksaan : ${date(r, 2021)}\nNO. REG : ${digits(r, 8)}\n`;
    let body;
    let covid;
    if (layout === 0) {
      const res = pick(r, ['Positif', 'Negatif', 'POSITIF', 'NEGATIF']);
      covid = [`antigen:${/pos/i.test(res) ? 'positive' : 'negative'}`];
      body = `Pelaporan Hasil Rapid Swab Antigen SARS-CoV-2\n${ident}\nHASIL PEMERIKSAAN\nPEMERIKSAAN | HASIL | NILAI RUJUKAN | SATUAN | KETERANGAN\nRapid Swab Antigen SARS-CoV-2 | ${res} | Negatif | - | Swab Nasofaring\n\nHasil Negatif : tetap menjaga protokol kesehatan, isolasi mandiri bila bergejala.\nHasil Positif : Disarankan untuk mengikuti Swab Tes PCR\n`;
    } else if (layout === 1) {
      const positive = r() < 0.5;
      const ct = 15 + Math.floor(r() * 20);
      covid = [positive ? 'pcr:positive' : 'pcr:negative'];
      body = `HASIL PEMERIKSAAN SARS-CoV-2\n${ident}\nJenis Spesimen : Swab Nasofaring/Orofaring\nMetode : Real Time PCR\nHasil RT-PCR SARS-CoV-2 : ${positive ? `Terdeteksi (CT value ${ct})` : 'Tidak Terdeteksi'}\nNilai Rujukan : Tidak Terdeteksi\n`;
    } else if (layout === 2) {
      const res = pick(r, ['Reaktif', 'Non Reaktif', 'Non-Reaktif']);
      covid = [`antibody:${res === 'Reaktif' ? 'reactive' : 'non-reactive'}`];
      body = `HASIL PEMERIKSAAN\n${ident}\nNo | Parameter | Hasil | Nilai rujukan\n1 | Rapid Test Antibodi Covid-19 | ${res} | Non Reaktif\n`;
    } else if (layout === 4) {
      // English printout from an analyser (domain.md §6: Detected / Not Detected, CT value).
      const positive = r() < 0.5;
      covid = [positive ? 'pcr:positive' : 'pcr:negative'];
      body = `SARS-CoV-2 RT-PCR TEST REPORT\n${ident}\nTest                    Result          Reference\nSARS-CoV-2 RNA          ${positive ? 'Detected' : 'Not Detected'}        Not Detected\n`;
    } else if (layout === 5) {
      // Lower-case data entry and an abbreviated result.
      const positive = r() < 0.5;
      covid = [positive ? 'antigen:positive' : 'antigen:negative'];
      body = `hasil pemeriksaan covid-19\nnama pasien : ${p.name.toLowerCase()}\nnik : ${p.nik}\nantigen sars-cov-2 : ${positive ? 'pos' : 'neg'}\n`;
    } else {
      const res = pick(r, ['Positif', 'Negatif']);
      covid = [`tcm:${res === 'Positif' ? 'positive' : 'negative'}`];
      body = `SURAT KETERANGAN HASIL PEMERIKSAAN\n${ident}\nJenis Pemeriksaan : TCM SARS-CoV-2 (GeneXpert)\nHasil : ${res}\nPetugas Pemeriksa : Laboran\nPenanggungjawab : ${pick(r, DOCTORS)}\n`;
    }
    return { text: header + body, names: [p.value], covid, label: 'sensitive-health' };
  },
  'lab-report'(r, p) {
    const text = `INSTALASI LABORATORIUM ${pick(r, FACILITIES)}\nHASIL PEMERIKSAAN LABORATORIUM\nNama Pasien : ${p.written}\nNo. RM : ${digits(r, 6)}\nTgl. Lahir : ${p.birth}\nDokter Pengirim : ${pick(r, DOCTORS)}\n\nHEMATOLOGI\nPemeriksaan | Hasil | Satuan | Nilai Rujukan\nHemoglobin | ${(10 + r() * 6).toFixed(1)} | g/dL | 12.0 - 16.0\nLeukosit | ${4000 + Math.floor(r() * 8000)} | /uL | 4000 - 10000\nTrombosit | ${150000 + Math.floor(r() * 250000)} | /uL | 150000 - 400000\nHematokrit | ${30 + Math.floor(r() * 15)} | % | 37 - 47\nKIMIA KLINIK\nGula Darah Puasa | ${70 + Math.floor(r() * 80)} | mg/dL | 70 - 110\nHBsAg | Non Reaktif | - | Non Reaktif\n`;
    return { text, names: [p.value], covid: [], label: 'sensitive-health' };
  },
  'radiology-report'(r, p) {
    const text = `INSTALASI RADIOLOGI\nHASIL PEMERIKSAAN RADIOLOGI\nNama : ${p.honorific} ${p.written}\nNo. RM : ${digits(r, 8)}\nUmur : ${20 + Math.floor(r() * 50)} th\nPemeriksaan : Foto Thorax PA\nKlinis : batuk lama\n\nEkspertise:\nCor : tidak membesar, CTR < 50%\nPulmo : tampak infiltrat di lapangan atas paru kanan, corakan bronkovaskuler meningkat\nSinus costophrenicus kanan kiri tajam\nDiafragma licin\nTulang-tulang intak\n\nKesan : ${pick(r, ['Proses spesifik aktif', 'Bronkopneumonia', 'Cor dan pulmo dalam batas normal'])}\n\n${pick(r, DOCTORS.filter((d) => d.includes('Rad')))}\nDokter Spesialis Radiologi\n`;
    return { text, names: [p.value], covid: [], label: 'sensitive-health' };
  },
  'ekg-report'(r, p) {
    const text = `${pick(r, FACILITIES)}\nHASIL PEMERIKSAAN ELEKTROKARDIOGRAFI (EKG)\nNama : ${p.honorific} ${p.written}\nNo.RM : ${digits(r, 6)}\nTgl : ${date(r)}\n\nIrama : ${pick(r, ['Sinus Rhythm', 'Sinus Tachycardia', 'Atrial Fibrillation'])}\nHeart Rate : ${60 + Math.floor(r() * 60)} bpm\nAxis : Normal\nGelombang P : normal\nPR Interval : 0.16 detik\nQRS Complex : 0.08 detik\nST Segment : Isoelektrik\nGelombang T : normal\nKesan : ${pick(r, ['EKG normal', 'Sinus takikardia', 'Old MI inferior'])}\nPetugas : perawat jaga\n${pick(r, DOCTORS.filter((d) => d.includes('JP')))}\n`;
    return { text, names: [p.value], covid: [], label: 'sensitive-health' };
  },
  'isolation-consent'(r, p) {
    const text = `${pick(r, FACILITIES)}\n${pick(r, ['SURAT PERNYATAAN ISOLASI MANDIRI', 'SURAT PERSETUJUAN ISOLASI'])}\n\nYang bertanda tangan di bawah ini:\nNama : ${p.written}\nNIK : ${p.nik}\nAlamat : Jl. Melati No. ${1 + Math.floor(r() * 90)}, RT 003/RW 005\nNo. HP : 0813${digits(r, 8)}\n\nmenyatakan bersedia menjalani isolasi mandiri selama 14 hari sesuai anjuran petugas karena merupakan kontak erat kasus konfirmasi COVID-19.\n\nSaksi,\t\tYang menyatakan,\n`;
    return { text, names: [p.value], covid: [], label: 'sensitive-health' };
  },
  'patient-transfer-form'(r, p) {
    const text = `FORMULIR TRANSFER PASIEN ANTAR RUANGAN\n${pick(r, FACILITIES)}\nNama Pasien : ${p.written}\nNo.RM : ${digits(r, 8)}\nNIK : ${p.nik}\nDari Unit : IGD\nKe Unit : ${pick(r, ['ICU', 'Ruang Melati', 'HCU'])}\nTgl : ${date(r)}  Jam : 14.30\nKeadaan Umum : sedang\nKesadaran : Compos mentis\nTekanan Darah : ${100 + Math.floor(r() * 60)}/${60 + Math.floor(r() * 30)} mmHg\nNadi : ${60 + Math.floor(r() * 50)} x/menit\nSuhu : 37.${Math.floor(r() * 9)} C\nRespirasi : 20 x/menit\nAlergi : tidak ada\nDiagnosa : J18.9 Pneumonia\nPetugas Handover : perawat IGD\n`;
    return { text, names: [p.value], covid: [], label: 'sensitive-health' };
  },
  'health-certificate'(r, p) {
    const text = `${pick(r, FACILITIES)}\nSURAT KETERANGAN SEHAT\nNomor : ${digits(r, 3)}/SKS/${pad(1 + Math.floor(r() * 12))}/2022\n\nYang bertanda tangan di bawah ini, dokter ${pick(r, FACILITIES)}, menerangkan bahwa:\nNama : ${p.written}\nTempat/Tgl Lahir : Surakarta, ${p.birth}\nJenis Kelamin : ${p.female ? 'Perempuan' : 'Laki-laki'}\nAlamat : Jl. Kenanga No. ${1 + Math.floor(r() * 90)}\nTinggi Badan : ${150 + Math.floor(r() * 30)} cm\nBerat Badan : ${45 + Math.floor(r() * 40)} kg\nTekanan Darah : 120/80 mmHg\nButa Warna : tidak\n\nBerdasarkan pemeriksaan, yang bersangkutan dalam keadaan SEHAT.\nSurat keterangan ini dibuat untuk keperluan melamar pekerjaan.\n\nDokter Pemeriksa,\n${pick(r, DOCTORS)}\nSIP. 446/${digits(r, 4)}/DKK/2021\n`;
    return { text, names: [p.value], covid: [], label: 'sensitive-health' };
  },
};

/** A CSV register with `rows` patients (domain.md §2.8 Khanza columns); over 100 is a bulk export. */
function register(r, rows) {
  const names = [];
  const covid = [];
  const withCovid = r() < 0.5;
  const header = withCovid ? 'no_rkm_medis,nm_pasien,no_ktp,tgl_lahir,hasil_pcr,kd_diagnosa' : 'no_rkm_medis,nm_pasien,no_ktp,tgl_lahir,kd_diagnosa';
  const lines = [header];
  const seen = new Set();
  for (let i = 0; i < rows; i++) {
    const p = person(r, { child: r() < 0.1 });
    // Registers hold many people: make the name distinct with a second family name.
    const SURNAMES = ['Santoso', 'Wibowo', 'Lubis', 'Hasibuan', 'Pratama', 'Saputra', 'Utami', 'Rahayu', 'Kusumawati', 'Nasution', 'Harahap', 'Tanjung', 'Wirawan', 'Susanto'];
    let written = `${p.name} ${pick(r, SURNAMES)}`.toUpperCase();
    for (let k = 0; seen.has(written) && k < 50; k++) written = `${pick(r, NAMES)} ${pick(r, SURNAMES)}`.toUpperCase();
    seen.add(written);
    names.push(valueOf(written));
    // Data entry is not always upper case.
    const caseStyle = r();
    if (caseStyle < 0.15) written = written.toLowerCase();
    else if (caseStyle < 0.3) written = written.toLowerCase().replace(/\b[a-z]/g, (c) => c.toUpperCase());
    const pcr = pick(r, ['POSITIF', 'NEGATIF']);
    if (withCovid) covid.push(`pcr:${pcr === 'POSITIF' ? 'positive' : 'negative'}`);
    const row = [pad(100000 + i, 6), written, p.nik, p.birth, ...(withCovid ? [pcr] : []), pick(r, ['U07.1', 'Z20.8', 'J18.9', 'I10'])];
    lines.push(row.join(','));
  }
  return { text: `${lines.join('\n')}\n`, names, covid, label: 'sensitive-health' };
}

/** The labels of a class's form with every value left blank: a template. */
function blank(text) {
  return text
    .split('\n')
    .map((line) => line.replace(/(:\s*).*$/, '$1..........').replace(/^(\s*[^|]+\|).*$/, '$1').replace(/^([^:|]*?[^ :|]) {2,}[^:|]*$/, '$1'))
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// Hard negatives: never a filled document, never a patient, never a COVID result.

const NEWS = [
  'JAKARTA - Menteri Kesehatan Budi Gunadi Sadikin mengatakan kasus positif COVID-19 bertambah 1.234 orang hari ini. Juru bicara Satgas, dr. Reisa Broto Asmoro, meminta warga yang kontak erat untuk menjalani isolasi mandiri dan segera tes PCR. Gubernur Ridwan Kamil menambahkan, hasil tes antigen yang positif harus dikonfirmasi dengan RT-PCR.',
  'SURABAYA - Wali Kota Eri Cahyadi meninjau RSUD dr. Soetomo. Bapak Presiden Joko Widodo sebelumnya meminta rumah sakit menambah ruang isolasi. Ibu Kota Nusantara juga akan memiliki rumah sakit rujukan COVID-19.',
  'Kepala Dinas Kesehatan mengatakan sebanyak 20 pasien positif COVID-19 dirawat di ruang isolasi. "Hasil swab PCR mereka masih menunggu," ujarnya. Pemerintah juga membuka layanan surat keterangan sehat gratis bagi pelamar kerja.',
];
const TEXTBOOK = [
  'Pemeriksaan RT-PCR merupakan standar baku diagnosis COVID-19. Tes PCR dapat memberikan hasil positif atau negatif tergantung jumlah virus pada spesimen. Nilai CT (cycle threshold) yang rendah menunjukkan jumlah virus yang tinggi. Tes antigen lebih cepat tetapi kurang sensitif; hasil negatif pada tes antigen tidak menyingkirkan infeksi.',
  'Hemoglobin adalah protein dalam sel darah merah. Nilai normal hemoglobin pada pria adalah 13 - 17 g/dL dan pada wanita 12 - 15 g/dL. Leukosit normal berkisar 4.000 - 10.000 /uL. Pemeriksaan laboratorium sebaiknya dilakukan setelah puasa.',
  'Elektrokardiografi (EKG) merekam aktivitas listrik jantung. Irama sinus normal memiliki heart rate 60 - 100 bpm, PR interval 0,12 - 0,20 detik dan QRS kurang dari 0,12 detik. ST elevasi dapat menandakan infark miokard akut.',
  'Foto thorax PA adalah pemeriksaan radiologi yang paling sering dilakukan. Pada foto thorax normal, cor tidak membesar (CTR < 50%), pulmo tidak tampak infiltrat, dan sinus costophrenicus tajam. Kode ICD-10 untuk pneumonia adalah J18.9, sedangkan COVID-19 dikode U07.1.',
];
const LETTERHEADS = [
  'dr. Andi Wijaya, Sp.PD\nSpesialis Penyakit Dalam\nPraktek: Senin - Jumat 17.00 - 20.00\nJl. Diponegoro No. 12, Surakarta\nTelp. (0271) 634634\nSIP. 446/123/DKK/2021',
  'KLINIK PRATAMA SEHAT GAJAH MADA\ndrg. Siti Rahma\nDokter Gigi\nMelayani peserta BPJS Kesehatan\nJl. Gajah Mada No. 5',
  'RSUD SAWERIGADING PALOPO\nInstalasi Radiologi\ndr. Hartono, Sp.Rad\nDokter Spesialis Radiologi\nJl. Dr. Ratulangi No. 1',
];
const JOB_AD = [
  'Lowongan kerja perawat. Syarat: fotokopi KTP, surat keterangan sehat dari dokter, hasil tes antigen atau PCR negatif, dan bersedia ditempatkan di ruang isolasi.',
];

/** Names written in structured formats: FHIR JSON, HL7 PID-5, file names (domain.md §3, §10.4). */
function structured(r) {
  const docs = [];
  for (let i = 0; i < 4; i++) {
    const p = person(r);
    docs.push({
      name: `fhir-patient-${i}.json`,
      text: JSON.stringify({ resourceType: 'Patient', identifier: [{ system: 'https://fhir.kemkes.go.id/id/nik', value: p.nik }], name: [{ use: 'official', text: p.written }], birthDate: p.birth, gender: p.female ? 'female' : 'male' }),
      truth: { names: [p.value], covid: [], documentClass: 'none', label: 'personal' },
    });
  }
  for (let i = 0; i < 3; i++) {
    const p = person(r);
    const parts = p.name.toUpperCase().split(' ');
    const family = parts.length > 1 ? parts.slice(-1)[0] : parts[0];
    const given = parts.length > 1 ? parts.slice(0, -1).join(' ') : '';
    docs.push({
      name: `adt-${i}.hl7`,
      text: `MSH|^~\\&|SIMRS|RSUD|PACS|RSUD|20240101120000||ADT^A04|${digits(r, 6)}|P|2.5\rPID|1||${digits(r, 6)}^^^RS^MR||${family}^${given}^^^${p.female ? 'NY' : 'TN'}||${p.birth.replace(/-/g, '')}|${p.female ? 'F' : 'M'}\rPV1|1|O|POLI||||12345^WIJAYA^ANDI^^^dr.\r`,
      // The HL7 extractor joins a name's components as written (FAMILY GIVEN); PID-3 is a No. RM,
      // which the medical-record-number detector files as medical-record (health) content.
      truth: { names: [valueOf(`${family} ${given}`.trim())], covid: [], documentClass: 'none', label: 'sensitive-health' },
    });
  }
  return docs;
}

/**
 * The corpus: every class filled (several layouts and names each), registers (one a bulk
 * export), blank templates of every class, and hard negatives. Deterministic for a seed.
 */
export function pdpDocuments(seed = 4) {
  const r = rng(seed);
  const docs = [];
  const classes = Object.keys(BUILDERS);
  for (const cls of classes) {
    for (let i = 0; i < 8; i++) {
      const p = person(r, { child: cls !== 'health-certificate' && r() < 0.15 });
      const built = BUILDERS[cls](r, p);
      docs.push({ name: `${cls}-${i}.txt`, text: built.text, truth: { names: built.names, covid: built.covid, documentClass: cls, label: built.label, child: p.child } });
    }
    // Its blank form: a template, no names, no results.
    const blankText = blank(BUILDERS[cls](r, person(r)).text).replace(/\b(dr|drg)\.[^\n]*/g, '..........');
    docs.push({ name: `${cls}-template.txt`, text: blankText, truth: { names: [], covid: [], documentClass: 'template', label: 'public', hardNegative: true } });
  }
  for (const [i, rows] of [[5, 0], [12, 1], [40, 2], [150, 3]].map(([n, i]) => [i, n])) {
    const built = register(r, rows);
    docs.push({ name: `register-${i}.csv`, text: built.text, truth: { names: built.names, covid: built.covid, documentClass: 'patient-register', label: built.label, bulkExport: rows > 100 } });
  }
  // Suffixed and honorific-only names in short notes.
  // File names carry no names here: a name in a file name is a finding too (patient-name reads them).
  for (const [i, [name, suffix]] of SUFFIXED.entries()) {
    docs.push({ name: `note-${i}.txt`, text: `Catatan pendaftaran\nNama Peserta : ${name.toUpperCase()}${suffix}\nNo. Kartu : ${bpjs(r)}\n`, truth: { names: [valueOf(name)], covid: [], documentClass: 'none', label: 'personal' } });
  }
  docs.push(...structured(r));
  for (const [i, text] of NEWS.entries()) docs.push({ name: `news-${i}.txt`, text, truth: { names: [], covid: [], documentClass: 'none', label: 'public', hardNegative: true } });
  for (const [i, text] of TEXTBOOK.entries()) docs.push({ name: `textbook-${i}.txt`, text, truth: { names: [], covid: [], documentClass: 'none', label: 'public', hardNegative: true } });
  for (const [i, text] of LETTERHEADS.entries()) docs.push({ name: `letterhead-${i}.txt`, text, truth: { names: [], covid: [], documentClass: 'none', label: 'public', hardNegative: true } });
  for (const [i, text] of JOB_AD.entries()) docs.push({ name: `job-ad-${i}.txt`, text, truth: { names: [], covid: [], documentClass: 'none', label: 'public', hardNegative: true } });
  return docs;
}

/** Filled classes (everything but `template` and `none`): a hard negative must never get one. */
export const FILLED_CLASSES = [...Object.keys(BUILDERS), 'patient-register'];

/**
 * Writes the corpus under `dir` for `pnpm eval` (scripts/eval/collector.mjs): each document with
 * its `patient-name` and `covid-test-result` ground truth, its expected document class
 * (`classes`, empty for none), its UU PDP `label` and whether it is a hard negative.
 */
export function generate(dir, random) {
  const c = collector(dir, PDP_DETECTORS);
  const seed = Math.floor(random() * 2 ** 31);
  for (const doc of pdpDocuments(seed)) {
    const found = [...doc.truth.names.map((v) => ['patient-name', v]), ...doc.truth.covid.map((v) => ['covid-test-result', v])];
    const format = doc.name.slice(doc.name.lastIndexOf('.') + 1);
    c.write(doc.name, doc.text, found, {
      format,
      layout: doc.truth.documentClass,
      hardNegative: doc.truth.hardNegative === true,
      classes: doc.truth.documentClass === 'none' ? [] : [doc.truth.documentClass],
      label: doc.truth.label,
      ...(doc.truth.bulkExport ? { bulkExport: true } : {}),
    });
  }
  return c.result;
}

import { describe, expect, it } from 'vitest';
import { allFindings, findingsOf } from '../../test/scan-text.js';

describe('covid-test-result', () => {
  it.each([
    // Test and result on one line, in a table row, or in the next `Hasil :` line (domain.md §6).
    ['Hasil RT-PCR SARS-CoV-2 : POSITIF', ['pcr:positive']],
    ['Hasil RT-PCR SARS-CoV-2 : Terdeteksi (CT value 24)', ['pcr:positive']],
    ['PCR SARS-CoV-2 | Tidak Terdeteksi | Tidak Terdeteksi', ['pcr:negative']],
    ['RT-PCR (swab nasofaring): CT value 24', ['pcr:ct=24']],
    ['1 | Rapid Swab Antigen SARS-CoV-2 | Negatif | Negatif | - |', ['antigen:negative']],
    ['Pemeriksaan : Swab Antigen SARS-CoV-2\nHasil : Positif', ['antigen:positive']],
    ['Rapid Test Antibodi Covid-19 : Non Reaktif', ['antibody:non-reactive']],
    ['IgG/IgM : Reaktif', ['antibody:reactive']],
    ['TCM SARS-CoV-2 (GeneXpert) : Terdeteksi', ['tcm:positive']],
    ['Rapid Antigen / RT-PCR : Negatif', ['antigen:negative']],
    // A text about testing is not a result.
    ['Tes PCR dapat memberikan hasil positif atau negatif tergantung jumlah virus.', []],
    ['Hasil positif pada tes antigen harus dikonfirmasi dengan RT-PCR.', []],
    ['Hasil Positif : Disarankan untuk mengikuti Swab Tes PCR', []],
    ['Syarat: hasil tes antigen atau PCR negatif, dan bersedia isolasi.', []],
    ['Jenis Pemeriksaan : Swab Antigen SARS-CoV-2\nHasil : ..........', []],
    ['Nilai CT di atas 40 pada RT-PCR dianggap negatif.', []],
    ['Kasus positif COVID-19 bertambah 1.234 orang.', []],
  ])('%j', async (text, expected) => {
    expect((await allFindings(text, 'a.txt', ['covid-test-result'])).map((f) => f.slice(f.indexOf('=') + 1))).toEqual(expected);
  });

  it('reads a result column', async () => {
    const csv = 'no_rm,nama_pasien,hasil_pcr,hasil_antigen\n000123,SITI AMINAH,POSITIF,Negatif\n';
    expect(await allFindings(csv, 'x.csv', ['covid-test-result'])).toEqual(['covid-test-result=pcr:positive', 'covid-test-result=antigen:negative']);
  });

  it('hides the result in the mask', async () => {
    const [found] = await findingsOf('covid-test-result', 'Hasil RT-PCR : Positif');
    expect(found).toMatchObject({ masked: 'pcr:********', pattern: 'test-and-result', confidence: 'high' });
  });
});

describe('icd10-diagnosis', () => {
  it.each([
    ['Diagnosa Awal : I10 - Essential (primary) hypertension', ['I10']],
    ['Dx: U07.1', ['U07.1']],
    ['Diagnosa : Z20.8 (kontak erat)', ['Z20.8']],
    ['Diagnosa : Diabetes mellitus tipe 2 (E11.9), Hipertensi (I10)', ['E11.9', 'I10']],
    ['{"diagAwal": "J18.9"}', ['J18.9']],
    ['kd_diagnosa=A150', ['A15.0']],
    ['Kamar A12 lantai 2, kertas A4', []],
    ['Kode ICD-10 untuk pneumonia adalah J18.9.', []],
    ['Model X12 terbaru', []],
  ])('%j', async (text, expected) => {
    expect((await allFindings(text, text.startsWith('{') ? 'a.json' : 'a.txt', ['icd10-diagnosis'])).map((f) => f.slice(f.indexOf('=') + 1))).toEqual(expected);
  });

  it('reads a diagnosis column', async () => {
    expect(await allFindings('no_rm,kd_diagnosa\n000123,U07.1\n000124,Z20.8\n', 'x.csv', ['icd10-diagnosis'])).toEqual(['icd10-diagnosis=U07.1', 'icd10-diagnosis=Z20.8']);
  });
});

describe('lab-result', () => {
  it.each([
    ['Hemoglobin | 12.5 | g/dL | 12.0 - 16.0', ['hemoglobin:12.5']],
    ['Gula Darah Puasa     126        70 - 100           mg/dL', ['glucose-fasting:126']],
    ['HBsAg : Non Reaktif', ['hbsag:non-reactive']],
    ['Leukosit : 7.200 /uL', ['leukocytes:7.200']],
    ['Nilai normal hemoglobin pada pria adalah 13 - 17 g/dL.', []],
    ['Hemoglobin : ..........', []],
    ['Hemoglobin | | g/dL | 12.0 - 16.0', []],
  ])('%j', async (text, expected) => {
    expect((await allFindings(text, 'a.txt', ['lab-result'])).map((f) => f.slice(f.indexOf('=') + 1))).toEqual(expected);
  });
});

describe('ekg-finding', () => {
  it.each([
    ['HASIL EKG\nIrama : Sinus Rhythm\nHeart Rate : 88 bpm\nAxis : Normal\nPR Interval : 0.16 detik\nST Segment : Isoelektrik', ['rhythm:sinus-rhythm', 'hr:88', 'axis:normal', 'pr:0.16s', 'st:isoelectric']],
    ['Irama : Sinus Rhythm', []],
    ['EKG merekam irama jantung; heart rate normal 60 - 100 bpm.', []],
  ])('%j', async (text, expected) => {
    expect((await allFindings(text, 'a.txt', ['ekg-finding'])).map((f) => f.slice(f.indexOf('=') + 1))).toEqual(expected);
  });
});

describe('radiology-impression', () => {
  it.each([
    ['Foto Thorax PA\nCor : tidak membesar\nKesan : Bronkopneumonia', ['cor:tidak membesar', 'kesan:bronkopneumonia']],
    ['Kesan : Bronkopneumonia', []],
    ['HASIL EKG\nKesan : EKG normal', []],
    ['Foto Thorax PA\nKesan : ..........', []],
  ])('%j', async (text, expected) => {
    expect((await allFindings(text, 'a.txt', ['radiology-impression'])).map((f) => f.slice(f.indexOf('=') + 1))).toEqual(expected);
  });
});

/**
 * @saring/detectors — the one registry of Saring's detectors. Adding a detector is one file,
 * its test, and one line here.
 */
import type { Detector, FileClassifier } from '@saring/core';
import { bpjsCard } from './bpjs/bpjs-card.js';
import { bpjsRujukan } from './bpjs/bpjs-rujukan.js';
import { bpjsSep } from './bpjs/bpjs-sep.js';
import { ihsNumber } from './id/ihs-number.js';
import { kk } from './id/kk.js';
import { medicalRecordNumber } from './id/medical-record-number.js';
import { nik } from './id/nik.js';
import { npwp } from './id/npwp.js';
import { passportId } from './id/passport-id.js';
import { birthDate } from './person/birth-date.js';
import { email } from './person/email.js';
import { phoneId } from './person/phone-id.js';
import { patientName } from './person/patient-name.js';
import { practitionerName } from './person/practitioner-name.js';
import { covidTestResult } from './health/covid-test-result.js';
import { icd10Diagnosis } from './health/icd10-diagnosis.js';
import { labResult } from './health/lab-result.js';
import { ekgFinding } from './health/ekg-finding.js';
import { radiologyImpression } from './health/radiology-impression.js';
import { bpjsSep as bpjsSepDocument } from './documents/bpjs-sep.js';
import { bpjsReferralLetter } from './documents/bpjs-referral-letter.js';
import { covidTestResultDocument } from './documents/covid-test-result.js';
import { labReport } from './documents/lab-report.js';
import { radiologyReport } from './documents/radiology-report.js';
import { ekgReport } from './documents/ekg-report.js';
import { isolationConsent } from './documents/isolation-consent.js';
import { patientTransferForm } from './documents/patient-transfer-form.js';
import { healthCertificate } from './documents/health-certificate.js';
import { patientRegister } from './documents/patient-register.js';
import { dicomPhi } from './dicom/dicom-phi.js';
import { dicomBurnedIn } from './dicom/dicom-burned-in.js';

/** Every built-in detector, in priority order (earlier wins a tie on overlapping matches). */
export const allDetectors: readonly Detector[] = [
  nik,
  kk,
  npwp,
  passportId,
  bpjsCard,
  bpjsSep,
  bpjsRujukan,
  ihsNumber,
  medicalRecordNumber,
  phoneId,
  patientName,
  practitionerName,
  covidTestResult,
  icd10Diagnosis,
  labResult,
  ekgFinding,
  radiologyImpression,
  email,
  birthDate,
  dicomPhi,
  dicomBurnedIn,
];

/** Named subsets for configuration (`presets` in saring.config.json). */
export const presets: Readonly<Record<string, readonly string[]>> = {
  all: allDetectors.map((d) => d.id),
  identifiers: ['nik', 'kk', 'npwp', 'passport-id', 'bpjs-card', 'bpjs-sep', 'bpjs-rujukan', 'ihs-number', 'medical-record-number'],
  contact: ['phone-id', 'email'],
};

export function detectorById(id: string): Detector | undefined {
  return allDetectors.find((d) => d.id === id);
}

export { nik, kk, npwp, passportId, bpjsCard, bpjsSep, bpjsRujukan, ihsNumber, medicalRecordNumber, phoneId, email, birthDate };
export { checkNpwp, type NpwpCheck } from './validators/npwp.js';
export { parseBpjsLetterNumber, type BpjsLetterNumber } from './validators/bpjs-letter-number.js';
export { readDate, type ParsedDate } from './validators/date-text.js';
export { LabelGroups, IDENTITY_LABELS } from './labels.js';
export { checkNikStructure, PROVINCE_CODES, type NikCheck } from './validators/nik-structure.js';
export { luhnValid } from './validators/luhn.js';
export { patientName, practitionerName, covidTestResult, icd10Diagnosis, labResult, ekgFinding, radiologyImpression };

/**
 * Every built-in document classifier (documents/), run at the end of each file and archive
 * member: pass as `classifiers` to scan(). A file without a person in it is a `template`.
 */
export const allClassifiers: readonly FileClassifier[] = [
  bpjsSepDocument,
  bpjsReferralLetter,
  covidTestResultDocument,
  labReport,
  radiologyReport,
  ekgReport,
  isolationConsent,
  patientTransferForm,
  healthCertificate,
  patientRegister,
];
export { DOCUMENT_WEIGHT, weigh, documentClassifier, type DocumentSignals } from './documents/signals.js';
export { isRealDate, isoDate } from './validators/calendar.js';
export { SCORE, CONTEXT_WINDOW_CHARS, NEAR_WINDOW_CHARS } from './score.js';

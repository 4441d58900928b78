import { maskMiddle, type DetectorMatch, type SegmentDetector } from '@saring/core';
import { SCORE, clamp } from '../score.js';
import { dicomExample } from './example.js';

/** Attributes that name or number the patient directly (PS3.15 Table E.1-1, ../shared/domain.md §10.2, §10.4). */
const IDENTIFIERS: ReadonlySet<string> = new Set([
  'PatientID', 'OtherPatientIDs', 'IssuerOfPatientID', 'PatientBirthDate', 'PatientBirthTime', 'PatientAddress', 'PatientTelephoneNumbers',
  'AccessionNumber', 'MedicalRecordLocator', 'AdmissionID', 'PatientInsurancePlanCodeSequence', 'OtherPatientIDsSequence', 'StudyID',
  'RequestedProcedureID', 'PlacerOrderNumberImagingServiceRequest', 'FillerOrderNumberImagingServiceRequest', 'ReferencedPatientPhotoSequence',
]);

/** A description of a value (`<3 items>`, `<1024 bytes>`, `<5 private attributes>`), not the value. */
const SUMMARY = /^<[0-9]+ [a-z ]+>$/;

/**
 * DICOM header attributes listed in the PS3.15 Annex E Basic Application Level Confidentiality
 * Profile (all rows of Table E.1-1, generated into core's `extract/dicom/profile.ts`), and blocks of
 * private attributes (odd groups, which the profile removes). The DICOM extractor marks each value's
 * segment with `context.dicom` (tag, keyword, profile action); this detector reports every such
 * value. It scores below the specific detectors, so a PatientID that is a NIK is reported as `nik`,
 * a PatientName as `patient-name`, and `dicom-phi` reports what no other detector claims.
 */
export const dicomPhi: SegmentDetector = {
  id: 'dicom-phi',
  meta: {
    entity: 'DICOM PHI attribute',
    category: 'spesifik-kesehatan',
    severity: 'medium',
    description: 'A DICOM header attribute that the PS3.15 Basic Confidentiality Profile says to remove or replace (patient, physician, institution, dates, UIDs, private tags).',
    reference: 'domain.md §10.1–10.3; DICOM PS3.15 Annex E Table E.1-1',
  },
  scan(view): DetectorMatch[] {
    const dicom = view.context?.dicom;
    if (!dicom || (!dicom.profileAction && !(dicom.isPrivate && dicom.summary))) return [];
    const text = view.text;
    if (!text.trim()) return [];
    const identifier = dicom.vr === 'PN' || IDENTIFIERS.has(dicom.keyword);
    const linking = dicom.isPrivate || dicom.profileAction === 'U' || dicom.vr === 'UI';
    const score = identifier ? SCORE.DICOM_IDENTIFIER : linking ? SCORE.DICOM_LINKING : SCORE.DICOM_ATTRIBUTE;
    const notes: string[] = [];
    if (dicom.claimsDeidentified) notes.push('the file says PatientIdentityRemoved YES, but this value was not removed');
    if (dicom.summary && dicom.isPrivate) notes.push('private attributes may hold anything, including PHI');
    // A UID's segment reads `<UID> <long digit groups>`: the finding covers `<UID>` and reports the UID.
    const summaryEnd = dicom.value !== undefined ? text.indexOf('>') + 1 : text.length;
    return [
      {
        start: 0,
        end: summaryEnd > 0 ? summaryEnd : text.length,
        value: dicom.value ?? text,
        score: clamp(score),
        explanation: {
          pattern: dicom.isPrivate ? 'dicom-private-block' : `dicom-basic-profile ${dicom.profileAction ?? ''}`.trim(),
          validation: 'unchecked',
          context: [`${dicom.keyword} ${dicom.tag}`],
          ...(notes.length ? { notes } : {}),
        },
      },
    ];
  },
  mask(value) {
    return SUMMARY.test(value) ? value : maskMiddle(value);
  },
  examples: {
    positive: [dicomExample([[0x0008, 0x0060, 'CS', 'CT'], [0x0008, 0x1030, 'LO', 'THORAX PA']])],
    negative: [dicomExample([[0x0008, 0x0060, 'CS', 'CT'], [0x0008, 0x0070, 'LO', 'ACME']]), 'StudyDescription: THORAX PA'],
  },
};

import { keywordSet, maskMiddle, type CandidateDetector } from '@saring/core';
import { pipeTableHeader } from '../labels.js';
import { SCORE, clamp } from '../score.js';

/** Labels of the hospital medical-record number (domain.md §0, §4.1, §2.6 `(MR: …)`, §2.8 `no_rkm_medis`). */
const LABELS = keywordSet([
  'no rm', 'no. rm', 'norm', 'no_rm', 'nomor rm', 'no rekam medis', 'nomor rekam medis', 'no rekam medik', 'nomor rekam medik', 'rekam medis',
  'no mr', 'no. mr', 'nomr', 'mr', 'no_rkm_medis', 'no rkm medis', 'mrn', 'medical record number', 'medical record no', 'no pasien',
  'nomor pasien',
]);

/**
 * Field labels that hold the MRN in structured data: the text labels above plus DICOM PatientID
 * (0010,0020) and HL7 PID-3, where Indonesian hospitals put the No. RM (domain.md §10.4).
 */
const FIELD_LABELS = keywordSet([...LABELS.words, 'patientid', 'patient id', 'pid 3', 'pid-3', 'pid.3', 'patient identifier']);

/** After the label: spaces, an optional quote, `:` `=` `.` `#`, one optional line break (a form whose label sits above its value), another optional quote. Each `[ \t]*` follows a fixed character, so nothing is ambiguous. */
const AFTER_LABEL = /[ \t]*(?:["'][ \t]*)?(?:[:=.#][ \t]*)?(?:\r?\n[ \t]*)?(?:["'][ \t]*)?((?:[A-Za-z]{1,4}[-.]?)?[0-9](?:[0-9]|[-./][0-9]){3,17})(?![A-Za-z0-9])/y;
/** A whole code candidate in an MRN field: `MR2301000234`. */
const CODE_VALUE = /^[A-Za-z]{1,4}[0-9]{4,15}$/;

const MIN_DIGITS = 4;

/**
 * No. RM / MRN (domain.md §4.1): no national format, so it is label-driven only — the value right
 * after an RM label (`No. RM: 00469120`, `(MR: 123456)`, `"no_rkm_medis": "000123"`), or a value
 * in a column / key / DICOM PatientID / HL7 PID-3 field named like one. Never a bare number.
 */
export const medicalRecordNumber: CandidateDetector = {
  id: 'medical-record-number',
  meta: {
    entity: 'Medical record number (No. RM)',
    category: 'spesifik-kesehatan',
    severity: 'high',
    description: 'Hospital medical-record number (No. RM / MRN): the value after an RM label or in an RM / PatientID / PID-3 field; never a bare number.',
    reference: 'domain.md §4.1, §10.4',
  },
  triggers: { labels: LABELS, numbers: { minDigits: MIN_DIGITS, maxDigits: 15 }, codes: true },
  detect(candidate, view) {
    if (candidate.kind === 'keyword') {
      AFTER_LABEL.lastIndex = candidate.end;
      const m = AFTER_LABEL.exec(view.text);
      if (!m) return undefined;
      const raw = m[1]!;
      if (digitCount(raw) < MIN_DIGITS) return undefined;
      const start = m.index + m[0].length - raw.length;
      return match(start, raw, 'rm-after-label', [candidate.keyword]);
    }
    if (candidate.partOfLongerNumber) return undefined;
    const label = view.fieldLabel(candidate.start) ?? pipeTableHeader(view, candidate.start);
    if (label === undefined) return undefined;
    const words = FIELD_LABELS.matchLabel(label);
    if (!words.length) return undefined;
    if (candidate.kind === 'code' && !CODE_VALUE.test(candidate.text)) return undefined;
    if (candidate.kind === 'number' && candidate.text.startsWith('+')) return undefined;
    return match(candidate.start, candidate.text, 'rm-in-field', [`field ${label}`]);
  },
  mask(value) {
    return maskMiddle(value, 1, 2);
  },
  examples: {
    positive: ['No. RM: 00469120', 'No.Kartu : 0001234567890 (MR: 298036)', 'Nomor Rekam Medis : RM-0048', '"no_rkm_medis": "000123"', 'NORM 25080188'],
    negative: ['00469120', 'No. RM: 123', 'Mr. Budi 123456', 'No. RM:', 'Kamar 123456'],
  },
};

function match(start: number, raw: string, pattern: string, context: string[]) {
  return {
    start,
    end: start + raw.length,
    value: raw.toUpperCase(),
    score: clamp(SCORE.LABELLED_VALUE),
    explanation: { pattern, validation: 'unchecked' as const, validationNote: 'hospital-specific format', context },
  };
}

function digitCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) n++;
  return n;
}

/** The regexes above, for the ReDoS test. */
export const MRN_REGEXES = [AFTER_LABEL, CODE_VALUE] as const;

import { keywordSet, type CandidateDetector, type DetectView, type DetectorMatch } from '@saring/core';
import { SCORE, clamp } from '../score.js';

/** Labels of a diagnosis (domain.md §2.5 `diagAwal`, §2.6 `Diagnosa Awal`, §2.7, §7.4 `kd_diagnosa`, §7.5). */
const DIAGNOSIS_LABELS = keywordSet([
  'diagnosa', 'diagnosis', 'diagnose', 'dx', 'diag', 'diagawal', 'diag awal', 'diagnosa awal', 'diagnosa utama', 'diagnosa sekunder', 'diagnosa masuk',
  'diagnosa akhir', 'diagnosa sementara', 'diagnosa kerja', 'diagnosa banding', 'kd diagnosa', 'kd_diagnosa', 'kode diagnosa', 'kd penyakit',
  'kd_penyakit', 'kode penyakit', 'icd', 'icd-10', 'icd10', 'kode icd', 'icd x', 'diagnosa rujuk', 'diagnosa_rujuk', 'primary diagnosis',
  'secondary diagnosis', 'condition code', 'penyakit', 'diagnosa prb', 'dx awal', 'dx akhir',
]);
/** Characters between a diagnosis label and a code (`Diagnosa Awal : I10 - Essential hypertension, E11.9`). */
const LABEL_WINDOW_CHARS = 80;

/** ICD-10 three-character category: a letter (U only for the emergency codes) and two digits (domain.md §11). */
const CATEGORY = /^[A-Z][0-9]{2}$/;
/** ICD-10 written without its dot (`J189`, `A150`): Khanza and claim exports do this. */
const UNDOTTED = /^[A-Z][0-9]{3,4}$/;
/** The subcategory after the dot: one or two digits, sometimes a letter (`Z11.5x` in claim codes). */
const SUBCATEGORY = /\.([0-9]{1,2}[A-Za-z]?)(?![0-9A-Za-z])/y;

/** COVID-19 codes (domain.md §6): U07.1 virus identified, U07.2 clinically diagnosed, Z20.8 contact. */
const COVID_CODES = new Set(['U07.1', 'U07.2', 'Z20.8', 'U07']);

/**
 * ICD-10 diagnosis codes in a diagnosis context (domain.md §2.5, §6, §11): after `Diagnosa`,
 * `Dx`, `diagAwal`, `kd_diagnosa`, in a column or key named like one. A code-shaped token with
 * no such context (a room `A12`, a paper size `A4`) is never reported: ICD codes are health
 * data only next to a diagnosis label and a patient.
 */
export const icd10Diagnosis: CandidateDetector = {
  id: 'icd10-diagnosis',
  meta: {
    entity: 'Diagnosis (ICD-10 code)',
    category: 'spesifik-kesehatan',
    severity: 'high',
    description: 'ICD-10 diagnosis codes (incl. COVID-19 U07.1, U07.2, Z20.8) next to a diagnosis label or under a diagnosis column.',
    reference: 'domain.md §2.5, §6, §11; UU 27/2022 Art. 4(2)(a)',
  },
  triggers: { codes: true },
  keywords: DIAGNOSIS_LABELS,
  detect(candidate, view) {
    return readCode(candidate.text, candidate.start, candidate.end, view);
  },
  /** The code as written (upper case, dotted): `J18.9`, `U07.1`; the mask keeps the chapter letter only. */
  mask(value) {
    return value.replace(/[0-9A-Za-z]/g, (c, i: number) => (i === 0 ? c : '*'));
  },
  examples: {
    positive: ['Diagnosa Awal : I10 - Essential (primary) hypertension', 'Dx: U07.1', 'diagAwal: "J18.9"', 'Diagnosa : Z20.8 (kontak erat)', 'kd_diagnosa=A150'],
    negative: ['Kamar A12 lantai 2', 'Kertas ukuran A4', 'Model X12 terbaru', 'Kode pos A15'],
  },
};

function readCode(token: string, start: number, end: number, view: DetectView): DetectorMatch | undefined {
  let code: string;
  let matchEnd = end;
  if (CATEGORY.test(token)) {
    SUBCATEGORY.lastIndex = end;
    const sub = SUBCATEGORY.exec(view.text);
    code = sub ? `${token}.${sub[1]!.toUpperCase()}` : token;
    if (sub) matchEnd = end + sub[0].length;
  } else if (UNDOTTED.test(token)) {
    code = `${token.slice(0, 3)}.${token.slice(3)}`;
  } else return undefined;
  const context = view.contextWords(DIAGNOSIS_LABELS, start, matchEnd, LABEL_WINDOW_CHARS);
  if (!context.length) return undefined;
  // The label must come before the code (or be its field): a label after it belongs to something else.
  const label = view.fieldLabel(start);
  const labelled = (label !== undefined && DIAGNOSIS_LABELS.matchLabel(label).length > 0) || labelBefore(view.text, start);
  if (!labelled) return undefined;
  return {
    start,
    end: matchEnd,
    value: code,
    score: clamp(SCORE.HEALTH_VALUE),
    explanation: {
      pattern: UNDOTTED.test(token) ? 'icd10-undotted' : 'icd10-code',
      validation: 'unchecked',
      validationNote: COVID_CODES.has(code) ? 'COVID-19 code (U07.1/U07.2/Z20.8)' : 'ICD-10 shape',
      context,
    },
  };
}

/**
 * True when a diagnosis label sits before `start` on the same line, followed by a separator
 * (`Diagnosa Awal : I10`, `kd_diagnosa=A150`, `"diagAwal": "J18.9"`, a table cell): prose such as
 * `Kode ICD-10 untuk pneumonia adalah J18.9` has no separator and is not a patient's diagnosis.
 */
function labelBefore(text: string, start: number): boolean {
  const from = Math.max(0, start - LABEL_WINDOW_CHARS);
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(Math.max(from, lineStart), start).replace(/[_]+/g, ' ');
  const m = LABEL_THEN_SEPARATOR.exec(before);
  return m !== null && DIAGNOSIS_LABELS.matchLabel(m[1]!).length > 0;
}

/** The text before a separator on the line (the last `:`, `=`, `|`, tab or quote-colon). */
const LABEL_THEN_SEPARATOR = /^(.*)[:=|\t"]/;

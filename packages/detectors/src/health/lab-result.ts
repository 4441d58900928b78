import { compactKeyword, keywordSet, type CandidateDetector, type DetectorMatch } from '@saring/core';
import { SCORE, clamp } from '../score.js';
import { isPunct, lineEnd, tokensOf } from './line-tokens.js';

/** Laboratory tests printed on Indonesian lab reports, normalized (domain.md §7.3). */
const TESTS: Readonly<Record<string, string>> = {
  hemoglobin: 'hemoglobin', hb: 'hemoglobin', leukosit: 'leukocytes', lekosit: 'leukocytes', trombosit: 'platelets', hematokrit: 'hematocrit',
  eritrosit: 'erythrocytes', 'gula darah puasa': 'glucose-fasting', 'gula darah sewaktu': 'glucose-random', 'gula darah 2 jam pp': 'glucose-2h-pp',
  'glukosa puasa': 'glucose-fasting', 'glukosa sewaktu': 'glucose-random', 'kolesterol total': 'cholesterol-total', 'kolesterol hdl': 'hdl', 'kolesterol ldl': 'ldl',
  hdl: 'hdl', ldl: 'ldl', trigliserida: 'triglycerides', 'asam urat': 'uric-acid', sgot: 'sgot', sgpt: 'sgpt', ureum: 'urea', kreatinin: 'creatinine',
  hba1c: 'hba1c', albumin: 'albumin', 'bilirubin total': 'bilirubin-total', natrium: 'sodium', kalium: 'potassium', hbsag: 'hbsag', 'anti-hiv': 'anti-hiv',
  'anti hcv': 'anti-hcv', vdrl: 'vdrl', 'anti-hcv': 'anti-hcv',
};
const TEST_BY_KEY = new Map(Object.entries(TESTS).map(([word, test]) => [compactKeyword(word), test]));
const LABELS = keywordSet(Object.keys(TESTS));

/** Qualitative results (serology: `HBsAg Non Reaktif`). */
const QUALITATIVE: Readonly<Record<string, string>> = { reaktif: 'reactive', 'non-reaktif': 'non-reactive', nonreaktif: 'non-reactive', positif: 'positive', negatif: 'negative' };
/** Words that may sit between a test's name and its value (`Hemoglobin (Hb) : 12.5`). */
const FILLER = new Set(['hb', 'darah', 'serum', 'plasma', 'hasil', 'kadar', 'total', 'puasa', 'sewaktu', 'hbsag', 'hiv', 'hcv']);
/** Units on lab reports (domain.md §7.3), lower-case as a line is compared. */
const UNIT = /(?:^|[\s|(])(?:g\/dl|mg\/dl|\/ul|\/µl|\/mm3|%|u\/l|iu\/l|fl|pg|mmol\/l|meq\/l|10\^?3\/ul|10\^?6\/ul|ribu\/ul|juta\/ul|rb\/ul|jt\/ul)(?=$|[\s|)])/;
/** A reference range `12.0 - 16.0`, `4000 – 10000`, `< 200`. */
const RANGE = /[0-9](?:[.,][0-9]+)?[ \t]*[-–][ \t]*[0-9]|[<>≤≥][ \t]*[0-9]/;

/**
 * Laboratory values (domain.md §7.3): a test's name, its value, and on the same line a unit or
 * a reference range — a lab report's row (`Hemoglobin | 12.5 | g/dL | 12.0 - 16.0`). A sentence
 * about normal values (`Nilai normal hemoglobin pada pria adalah 13 - 17 g/dL`) is not a result:
 * the value must follow the test's name with nothing but separators between.
 */
export const labResult: CandidateDetector = {
  id: 'lab-result',
  meta: {
    entity: 'Laboratory result',
    category: 'spesifik-kesehatan',
    severity: 'medium',
    description: 'Laboratory values (hematology, chemistry, serology) in a report row with a unit or a reference range.',
    reference: 'domain.md §7.3; UU 27/2022 Art. 4(2)(a)',
  },
  triggers: { labels: LABELS },
  detect(candidate, view): DetectorMatch | undefined {
    const test = TEST_BY_KEY.get(compactKeyword(candidate.keyword));
    if (!test) return undefined;
    const text = view.text;
    const end = lineEnd(text, candidate.end);
    const tokens = tokensOf(text, candidate.end, end);
    let i = 0;
    while (i < tokens.length && (isPunct(tokens[i]!) || FILLER.has(tokens[i]!.lower))) i++;
    const first = tokens[i];
    if (!first) return undefined;
    let value: string | undefined;
    let valueEnd = first.end;
    if (/^[0-9]/.test(first.text)) value = first.text.replace(/,(?=[0-9]{1,2}$)/, '.');
    else if (QUALITATIVE[first.lower]) value = QUALITATIVE[first.lower];
    else if (first.lower === 'non' && tokens[i + 1]?.lower === 'reaktif') {
      value = 'non-reactive';
      valueEnd = tokens[i + 1]!.end;
    }
    if (!value) return undefined;
    // A row has a unit or a reference range after the value (a qualitative result may stand alone).
    const rest = text.slice(valueEnd, end).toLowerCase();
    const numeric = /^[0-9]/.test(value);
    if (numeric && !UNIT.test(rest) && !RANGE.test(rest)) return undefined;
    if (!numeric) {
      const next = tokens.find((t) => t.start >= valueEnd && !isPunct(t));
      if (next && !QUALITATIVE[next.lower] && next.lower !== 'non' && next.lower !== 'nilai' && !/^[0-9]/.test(next.text)) return undefined;
    }
    return {
      start: first.start,
      end: valueEnd,
      value: `${test}:${value}`,
      score: clamp(SCORE.HEALTH_VALUE_NEAR_LABEL),
      explanation: { pattern: 'lab-row', validation: 'valid', validationNote: numeric ? 'value with a unit or reference range' : 'qualitative serology result', context: [candidate.keyword] },
    };
  },
  /** The test stays readable, the value is hidden: `hemoglobin:****`. */
  mask(value) {
    const colon = value.indexOf(':');
    return colon < 0 ? '*'.repeat(value.length) : `${value.slice(0, colon + 1)}${'*'.repeat(value.length - colon - 1)}`;
  },
  examples: {
    positive: ['Hemoglobin | 12.5 | g/dL | 12.0 - 16.0', 'Gula Darah Puasa     126        70 - 100           mg/dL', 'HBsAg : Non Reaktif', 'Leukosit : 7.200 /uL'],
    negative: [
      'Nilai normal hemoglobin pada pria adalah 13 - 17 g/dL.',
      'Hemoglobin : ..........',
      'Pemeriksaan hemoglobin dilakukan pagi hari.',
      'Hemoglobin | | g/dL | 12.0 - 16.0',
    ],
  },
};

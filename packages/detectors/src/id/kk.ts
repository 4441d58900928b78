import { keywordSet, type CandidateDetector } from '@saring/core';
import { IDENTITY_LABELS } from '../labels.js';
import { SCORE, clamp } from '../score.js';
import { checkNikStructure } from '../validators/nik-structure.js';

/** Labels of the family-card number (domain.md §0, §1.5; SATUSEHAT system `…/id/kk`, §3). */
const KEYWORDS = keywordSet(['kk', 'no kk', 'nomor kk', 'no_kk', 'nokk', 'kartu keluarga', 'nomor kartu keluarga', 'no kartu keluarga', 'nkk']);

/**
 * KK (Kartu Keluarga) number: the NIK's shape `PPRRSS DDMMYY SSSS` where DDMMYY is the date the
 * card was recorded, without the +40 (domain.md §1.5). It is told apart from a NIK only by its
 * label, so it needs one: the nearest label before it must be a KK label (or the column header /
 * JSON key). Its score is above a labelled NIK's so it wins the overlap with `nik`
 * (engine/findings.ts `resolveOverlaps`); a day of 41–71 is a woman's NIK, never a KK.
 */
export const kk: CandidateDetector = {
  id: 'kk',
  meta: {
    entity: 'Family card (KK) number',
    category: 'umum',
    severity: 'high',
    description: 'Indonesian family card (Kartu Keluarga) number: 16 digits shaped like a NIK without the +40 day, next to a KK label.',
    reference: 'domain.md §1.5, §3',
  },
  triggers: { numbers: { minDigits: 16, maxDigits: 16 } },
  keywords: KEYWORDS,
  detect(candidate, view) {
    const label = IDENTITY_LABELS.nearest(view, candidate.start);
    if (label?.group !== 'kk') return undefined;
    const check = checkNikStructure(candidate.digits, { femaleDayOffset: false });
    if (!check.valid) return undefined;
    const score = SCORE.OWN_LABEL - (candidate.partOfLongerNumber ? SCORE.PART_OF_LONGER_NUMBER : 0);
    return {
      start: candidate.start,
      end: candidate.end,
      value: candidate.digits,
      score: clamp(score),
      explanation: {
        pattern: 'kk-16-digits',
        validation: 'valid',
        validationNote: `province code ${String(check.province)}, real record date, serial not 0000`,
        context: [label.word],
      },
    };
  },
  /** Like a NIK: the area code and serial stay, the record date is hidden. */
  mask(value) {
    return value.length === 16 ? `${value.slice(0, 4)}********${value.slice(12)}` : '*'.repeat(value.length);
  },
  examples: {
    positive: ['No. KK: 3273010101900005', 'Nomor Kartu Keluarga 3171 0117 0845 0001', '"no_kk": "3273010101900005"'],
    negative: ['NIK: 3273010101900005', '3273010101900005', 'No. KK: 3273015101900005', 'No. KK: 3273010101900000', 'No. KK: 2024010112345678'],
  },
};

import { keywordSet, maskMiddle, type CandidateDetector } from '@saring/core';
import { contextOf } from '../labels.js';
import { CONTEXT_WINDOW_CHARS, SCORE, clamp } from '../score.js';

/** Labels of the BPJS Kesehatan / JKN / KIS card number (domain.md §0, §2.1, §2.6). */
const KEYWORDS = keywordSet([
  'bpjs', 'no bpjs', 'no. bpjs', 'no_bpjs', 'nomor bpjs', 'no kartu', 'no.kartu', 'nomor kartu', 'no kartu bpjs', 'no_kartu', 'nokartu', 'noka',
  'no peserta', 'nomor peserta', 'no_peserta', 'jkn', 'kis', 'kartu indonesia sehat', 'bpjs kesehatan', 'jaminan kesehatan',
]);

/**
 * BPJS Kesehatan card number: 13 digits, no published checksum, so it needs a label or a column
 * header (domain.md §2.1, libraries.md §E4). A 13-digit number starting `08` is a phone number
 * (domain.md §11); without context the score stays below the default threshold.
 */
export const bpjsCard: CandidateDetector = {
  id: 'bpjs-card',
  meta: {
    entity: 'BPJS Kesehatan card number',
    category: 'umum',
    severity: 'high',
    description: 'BPJS Kesehatan / JKN / KIS participant card number: 13 digits next to a card label or under a card column.',
    reference: 'domain.md §2.1, §11',
  },
  triggers: { numbers: { minDigits: 13, maxDigits: 13 } },
  keywords: KEYWORDS,
  detect(candidate, view) {
    const digits = candidate.digits;
    if (digits.startsWith('08') || digits.startsWith('62')) return undefined;
    // 13 digits cut out of a longer run (`1 2025-02-02 17.59.41` in a print footer) are not a card.
    if (candidate.partOfLongerNumber) return undefined;
    const context = contextOf(view, KEYWORDS, candidate.start, candidate.end, CONTEXT_WINDOW_CHARS);
    const typicalPrefix = digits.startsWith('000') || digits.startsWith('001');
    let score = SCORE.SHAPE_ONLY;
    if (context.length) score = SCORE.VALID_SHAPE + SCORE.CONTEXT_BOOST - (typicalPrefix ? 0 : SCORE.UNTYPICAL_CARD_PREFIX);
    return {
      start: candidate.start,
      end: candidate.end,
      value: digits,
      score: clamp(score),
      explanation: {
        pattern: 'bpjs-13-digits',
        validation: 'unchecked',
        validationNote: typicalPrefix ? 'starts with 000/001 like issued cards' : 'no checksum is published',
        context,
      },
    };
  },
  mask(value) {
    return maskMiddle(value, 3, 3);
  },
  examples: {
    positive: ['No. Kartu BPJS: 0001234567890', 'Noka 0002035020396'],
    negative: ['0001234567890', 'No. Kartu: 0812345678901', 'EAN 8991234567890'],
  },
};

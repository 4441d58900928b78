import { keywordSet, maskMiddle, type CandidateDetector } from '@saring/core';
import { contextOf } from '../labels.js';
import { NEAR_WINDOW_CHARS, SCORE, clamp } from '../score.js';

/** Passport labels (domain.md §1.2 Purview keywords, §1.7 FHIR systems `…/id/paspor`, `passport-IDN`). */
const KEYWORDS = keywordSet([
  'paspor', 'no paspor', 'nomor paspor', 'paspor no', 'paspornomor', 'passport', 'passport no', 'passport number', 'no passport',
  'passport idn', 'nomor passport',
]);

/** Labels that say the passport is not Indonesian. */
const FOREIGN = keywordSet(['wna', 'warga negara asing', 'foreign', 'kewarganegaraan asing']);

/** One or two letters and six or seven digits (domain.md §1.2, §1.7). */
const SHAPE = /^[A-Za-z]{1,2}[0-9]{6,7}$/;

/**
 * Indonesian passport number: one or two letters and six or seven digits. The shape alone is
 * far too common (order codes, room numbers), so it needs a passport label near it or a
 * passport column; a label saying the holder is foreign keeps it out.
 */
export const passportId: CandidateDetector = {
  id: 'passport-id',
  meta: {
    entity: 'Indonesian passport number',
    category: 'umum',
    severity: 'high',
    description: 'Indonesian passport number: 1–2 letters and 6–7 digits, only next to a passport label.',
    reference: 'domain.md §1.2, §1.7',
  },
  triggers: { codes: true },
  keywords: KEYWORDS,
  negativeKeywords: FOREIGN,
  detect(candidate, view) {
    const text = candidate.text;
    if (text.length < 7 || text.length > 9 || !SHAPE.test(text)) return undefined;
    const context = contextOf(view, KEYWORDS, candidate.start, candidate.end, NEAR_WINDOW_CHARS);
    if (!context.length) return undefined;
    if (contextOf(view, FOREIGN, candidate.start, candidate.end, NEAR_WINDOW_CHARS).length) return undefined;
    const score = SCORE.VALID_SHAPE + SCORE.CONTEXT_BOOST;
    return {
      start: candidate.start,
      end: candidate.end,
      value: text.toUpperCase(),
      score: clamp(score),
      explanation: { pattern: 'passport-letters-digits', validation: 'unchecked', validationNote: 'no checksum is published', context },
    };
  },
  mask(value) {
    return maskMiddle(value, 1, 2);
  },
  examples: {
    positive: ['No. Paspor: A1234567', 'Passport number B9876543', 'paspor: x7654321'],
    negative: ['A1234567', 'No. Paspor: A12345678', 'Kamar A1234567', 'Paspor (WNA): A1234567'],
  },
};

/** The regexes above, for the ReDoS test. */
export const PASSPORT_REGEXES = [SHAPE] as const;

import { keywordSet, maskMiddle, type CandidateDetector } from '@saring/core';
import { CONTEXT_WINDOW_CHARS, SCORE, clamp } from '../score.js';
import { parseBpjsLetterNumber } from '../validators/bpjs-letter-number.js';

/** Labels of referral and control letters (domain.md §0, §2.4, §2.7). */
const KEYWORDS = keywordSet([
  'rujukan', 'no rujukan', 'nomor rujukan', 'no_rujukan', 'norujukan', 'no kunjungan', 'surat rujukan', 'surat kontrol', 'no surat kontrol',
  'no skdp', 'noskdp', 'spri', 'rencana kontrol',
]);

/** Letters seen in the samples: `P`/`Y` FKTP referral, `B` hospital referral, `K` control letter / SPRI, `N` internal. */
const LETTER_MEANING: Readonly<Record<string, string>> = { P: 'FKTP referral', Y: 'FKTP referral', B: 'hospital referral', K: 'control letter', N: 'internal referral' };

/**
 * No. Rujukan / No. Kunjungan / control-letter number: the SEP's 19-character layout with the
 * referring facility's code and the letter P, Y, B, K or N (domain.md §2.4). High on its own.
 */
export const bpjsRujukan: CandidateDetector = {
  id: 'bpjs-rujukan',
  meta: {
    entity: 'BPJS referral / control letter number',
    category: 'spesifik-kesehatan',
    severity: 'high',
    description: 'BPJS Kesehatan referral (rujukan), visit or control-letter number: 19 characters with the letter P, Y, B, K or N.',
    reference: 'domain.md §2.4',
  },
  triggers: { codes: true },
  keywords: KEYWORDS,
  detect(candidate, view) {
    if (candidate.text.length !== 19) return undefined;
    const parsed = parseBpjsLetterNumber(candidate.text);
    const meaning = parsed ? LETTER_MEANING[parsed.letter] : undefined;
    if (!parsed || meaning === undefined) return undefined;
    const context = view.contextWords(KEYWORDS, candidate.start, candidate.end, CONTEXT_WINDOW_CHARS);
    let score = SCORE.LETTER_NUMBER_SHAPE + (context.length ? SCORE.CONTEXT_BOOST : 0);
    if (parsed.ppkType === 'other') score -= SCORE.UNUSUAL_PPK_TYPE;
    return {
      start: candidate.start,
      end: candidate.end,
      value: candidate.text.toUpperCase(),
      score: clamp(score),
      explanation: {
        pattern: 'rujukan-19-chars',
        validation: 'valid',
        validationNote: `letter ${parsed.letter} (${meaning}), month ${String(parsed.month).padStart(2, '0')}`,
        context,
      },
    };
  },
  mask(value) {
    return maskMiddle(value, 8, 2);
  },
  examples: {
    positive: ['No. Rujukan: 030107010217Y001465', '0221R0380623B000001', 'Surat Kontrol 0301R0110520K000013'],
    negative: ['0301R0011117V000008', '0001R0040116A000001', '030107011317Y001465', 'RJKMR9835001'],
  },
};

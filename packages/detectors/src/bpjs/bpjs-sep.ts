import { keywordSet, maskMiddle, type CandidateDetector } from '@saring/core';
import { CONTEXT_WINDOW_CHARS, SCORE, clamp } from '../score.js';
import { parseBpjsLetterNumber } from '../validators/bpjs-letter-number.js';

/** Labels and headings of a SEP (domain.md §0, §2.6; the print title is spelled three ways). */
const KEYWORDS = keywordSet([
  'sep', 'no sep', 'no.sep', 'nomor sep', 'no_sep', 'nosep', 'surat eligibilitas peserta', 'surat elegibilitas peserta', 'surat elegbilitas peserta',
]);

/**
 * No. SEP (Surat Eligibilitas Peserta): 19 characters `PPK(8) MMYY V serial(6)` (domain.md §2.3),
 * letter case-insensitive. The layout is specific enough to be high on its own; a label adds to it.
 */
export const bpjsSep: CandidateDetector = {
  id: 'bpjs-sep',
  meta: {
    entity: 'BPJS SEP number',
    category: 'spesifik-kesehatan',
    severity: 'high',
    description: 'BPJS Kesehatan SEP (eligibility letter) number: 19 characters, facility code, month/year, the letter V and a 6-digit serial.',
    reference: 'domain.md §2.3, §11',
  },
  triggers: { codes: true },
  keywords: KEYWORDS,
  detect(candidate, view) {
    if (candidate.text.length !== 19) return undefined;
    const parsed = parseBpjsLetterNumber(candidate.text);
    if (!parsed || parsed.letter !== 'V') return undefined;
    const context = view.contextWords(KEYWORDS, candidate.start, candidate.end, CONTEXT_WINDOW_CHARS);
    let score = SCORE.LETTER_NUMBER_SHAPE + (context.length ? SCORE.CONTEXT_BOOST : 0);
    if (parsed.ppkType === 'other') score -= SCORE.UNUSUAL_PPK_TYPE;
    return {
      start: candidate.start,
      end: candidate.end,
      value: candidate.text.toUpperCase(),
      score: clamp(score),
      explanation: {
        pattern: 'sep-19-chars',
        validation: 'valid',
        validationNote: `facility ${parsed.ppkType === 'R' ? 'hospital' : 'type ' + parsed.ppkType} code, month ${String(parsed.month).padStart(2, '0')}, letter V`,
        context,
      },
    };
  },
  mask(value) {
    return maskMiddle(value, 8, 2);
  },
  examples: {
    positive: ['No.SEP : 0301R0011117V000008', '1828r0011221v000001', 'no_sep;0905R0031020V000397'],
    negative: ['0301R0011317V000008', '0301R0110520K000013', '0301R0011117V00000', 'X0301R0011117V000008'],
  },
};

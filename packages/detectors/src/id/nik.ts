import { keywordSet, type CandidateDetector } from '@saring/core';
import { CONTEXT_WINDOW_CHARS, NEAR_WINDOW_CHARS, SCORE, clamp } from '../score.js';
import { checkNikStructure } from '../validators/nik-structure.js';

/** Labels printed next to a NIK (domain.md §0, §1.2: Purview's keywords plus hospital forms). */
const KEYWORDS = keywordSet([
  'nik', 'no nik', 'nomor nik', 'ktp', 'no ktp', 'nomor ktp', 'no_ktp', 'e-ktp', 'kartu tanda penduduk', 'nomor induk kependudukan',
  'no identitas', 'nomor identitas', 'no. identitas', 'identity card', 'national id', 'nik pasien', 'nik ibu',
]);

/** Words that make a 16-digit number something else when no NIK label is near (domain.md §11). */
const NOT_A_NIK = keywordSet([
  'kartu kredit', 'credit card', 'card number', 'visa', 'mastercard', 'virtual account', 'va', 'no rekening', 'rekening', 'order id', 'no order',
  'invoice', 'transaksi', 'transaction', 'resi', 'barcode', 'serial number',
]);

/**
 * NIK (Nomor Induk Kependudukan, the KTP number): 16 digits `PP RR SS DDMMYY XXXX` checked for
 * structure (domain.md §1.1). A number that fails the check is never a NIK finding; a valid one
 * without a label nearby is medium at most.
 */
export const nik: CandidateDetector = {
  id: 'nik',
  meta: {
    entity: 'NIK (KTP number)',
    category: 'umum',
    severity: 'high',
    description: 'Indonesian national identity number (NIK/KTP): 16 digits with a province code, a birth date (+40 for women) and a serial.',
    reference: 'domain.md §1.1–1.3; UU 27/2022 Art. 4(3)(f)',
  },
  triggers: { numbers: { minDigits: 16, maxDigits: 16 } },
  keywords: KEYWORDS,
  negativeKeywords: NOT_A_NIK,
  detect(candidate, view) {
    const check = checkNikStructure(candidate.digits);
    if (!check.valid) return undefined;
    const context = view.contextWords(KEYWORDS, candidate.start, candidate.end, CONTEXT_WINDOW_CHARS);
    if (context.length === 0 && view.contextWords(NOT_A_NIK, candidate.start, candidate.end, NEAR_WINDOW_CHARS).length) return undefined;
    const notes = candidate.partOfLongerNumber ? ['part of a longer run of digit groups'] : undefined;
    const score = SCORE.VALID_SHAPE + (context.length ? SCORE.CONTEXT_BOOST : 0) - (candidate.partOfLongerNumber ? SCORE.PART_OF_LONGER_NUMBER : 0);
    return {
      start: candidate.start,
      end: candidate.end,
      value: candidate.digits,
      score: clamp(score),
      explanation: {
        pattern: 'nik-16-digits',
        validation: 'valid',
        // Never the birth date or sex: they are what the mask hides.
        validationNote: `province code ${String(check.province)}, real birth date, serial not 0000`,
        context,
        ...(notes ? { notes } : {}),
      },
    };
  },
  /** Hides digits 5–12 (district, birth date and sex): `3174********0001` (libraries.md §F). */
  mask(value) {
    return value.length === 16 ? `${value.slice(0, 4)}********${value.slice(12)}` : '*'.repeat(value.length);
  },
  examples: {
    positive: ['NIK: 3171011708450001', 'No. KTP 32 7301 010101 0001', 'nik;3171015708450001'],
    negative: ['2024010112345678', '4111111111111111', 'NIK: 3171013208450001', '3171011708450000', 'Kartu kredit 3171011708450001'],
  },
};

import { keywordSet, type CandidateDetector } from '@saring/core';
import { NEAR_WINDOW_CHARS, SCORE, clamp } from '../score.js';

/** Mobile operator prefixes after the leading 0 (domain.md §8.1). */
const MOBILE_PREFIXES: ReadonlySet<string> = new Set([
  '811', '812', '813', '821', '822', '823', '851', '852', '853', // Telkomsel, by.U
  '814', '815', '816', '855', '856', '857', '858', // Indosat
  '817', '818', '819', '859', '877', '878', '879', // XL
  '831', '832', '833', '838', // Axis
  '895', '896', '897', '898', '899', // Tri
  '881', '882', '883', '884', '885', '886', '887', '888', '889', // Smartfren
]);

/** Labels of a personal phone number (domain.md §8.1). */
const KEYWORDS = keywordSet([
  'hp', 'no hp', 'no. hp', 'nomor hp', 'handphone', 'telp', 'no telp', 'telepon', 'no telepon', 'notelp', 'notelep', 'no_tlp', 'no_hp',
  'wa', 'whatsapp', 'hp/wa', 'phone', 'mobile', 'kontak', 'contact', 'telp pasien', 'telp keluarga',
]);

/** Labels that make a landline a facility's number rather than a person's. */
const PUBLIC_NUMBER = keywordSet(['fax', 'faks', 'call center', 'hotline', 'layanan', 'informasi', 'igd', 'switchboard', 'kantor', 'office']);

/** Turns a candidate's digits into `0…` national form, or undefined if it is not Indonesian. */
function nationalForm(digits: string, text: string): string | undefined {
  if (digits.startsWith('62') && (text.startsWith('+') || digits.length >= 11)) return `0${digits.slice(2)}`;
  if (digits.startsWith('0')) return digits;
  return undefined;
}

/**
 * Personal Indonesian phone numbers: mobiles (`08…`, `+62 8…`, `62 8…`, 10–13 digits with a known
 * operator prefix) anywhere; landlines only next to a personal label (domain.md §8.1).
 */
export const phoneId: CandidateDetector = {
  id: 'phone-id',
  meta: {
    entity: 'Phone number',
    category: 'umum',
    severity: 'medium',
    description: 'Indonesian personal phone numbers: mobiles with a known operator prefix, landlines only with a personal label.',
    reference: 'domain.md §8.1',
  },
  triggers: { numbers: { minDigits: 9, maxDigits: 15 } },
  keywords: KEYWORDS,
  negativeKeywords: PUBLIC_NUMBER,
  detect(candidate, view) {
    const national = nationalForm(candidate.digits, candidate.text);
    if (!national || national.length < 9 || national.length > 13) return undefined;
    const context = view.contextWords(KEYWORDS, candidate.start, candidate.end, NEAR_WINDOW_CHARS);
    const isMobile = national.startsWith('08') && national.length >= 10 && MOBILE_PREFIXES.has(national.slice(1, 4));
    let score: number;
    let pattern: string;
    if (isMobile) {
      pattern = 'mobile-number';
      score = SCORE.MOBILE_PREFIX + (context.length ? SCORE.CONTEXT_BOOST : 0);
    } else {
      // A landline (area code 02x–09x) counts only with a personal label and no public-service label.
      if (national.startsWith('08') || national.startsWith('00') || !context.length) return undefined;
      if (view.contextWords(PUBLIC_NUMBER, candidate.start, candidate.end, NEAR_WINDOW_CHARS).length) return undefined;
      pattern = 'landline-with-label';
      score = SCORE.VALID_SHAPE;
    }
    if (candidate.partOfLongerNumber) score -= SCORE.PART_OF_LONGER_NUMBER;
    return {
      start: candidate.start,
      end: candidate.end,
      value: `+62${national.slice(1)}`,
      score: clamp(score),
      explanation: {
        pattern,
        validation: isMobile ? 'valid' : 'unchecked',
        validationNote: isMobile ? `operator prefix 0${national.slice(1, 4)}` : 'landline area code',
        context,
      },
    };
  },
  /** `+62812****890`: country and operator prefix stay, the subscriber part is hidden. */
  mask(value) {
    return value.length > 8 ? `${value.slice(0, 6)}${'*'.repeat(value.length - 9)}${value.slice(-3)}` : '*'.repeat(value.length);
  },
  examples: {
    positive: ['HP: 0812-3456-7890', '+62 813 1234 5678', 'no_hp\n081234567890', 'Telp rumah (rumah): 0274 512345'],
    negative: ['0274 512345', '08001234567', 'Fax 021 5551234', '1234567890'],
  },
};

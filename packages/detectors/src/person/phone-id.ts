import { keywordSet, type CandidateDetector } from '@saring/core';
import { contextOf, ownPrefixStart } from '../labels.js';
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

/**
 * Words that make a number a facility's rather than a person's: a letterhead (`RSUD …, Jl. …,
 * Telp. (0271) 634634, Fax …`), a call centre, an emergency line.
 */
const PUBLIC_NUMBER = keywordSet([
  'fax', 'faks', 'facsimile', 'call center', 'callcenter', 'hotline', 'layanan', 'informasi', 'igd', 'gawat darurat', 'switchboard', 'kantor',
  'office', 'pengaduan', 'website', 'www', 'kode pos', 'rumah sakit', 'rs', 'rsu', 'rsud', 'rsup', 'rsia', 'rsab', 'puskesmas', 'klinik',
  'laboratorium', 'wa center', 'sms center', 'ambulans', 'ambulance', 'jl', 'jln', 'jalan',
]);

/** An area code in parentheses right before the subscriber number: `(0271) 634 634` (domain.md §8.1). */
const AREA_CODE_BEFORE = /\((0[2-9][0-9]{1,2})\)[ -]?$/;
/** The country code in parentheses: `(+62) 812 3456 7890` (domain.md §8.1). */
const COUNTRY_CODE_BEFORE = /\(\+?62\)[ -]?$/;

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
  // From 5 digits: the subscriber part of `(0271) 634 634` arrives without its area code.
  triggers: { numbers: { minDigits: 5, maxDigits: 15 } },
  keywords: KEYWORDS,
  negativeKeywords: PUBLIC_NUMBER,
  detect(candidate, view) {
    let start = candidate.start;
    let national: string | undefined;
    const before = view.text.slice(Math.max(0, start - 9), start);
    const area = AREA_CODE_BEFORE.exec(before);
    const country = area ? null : COUNTRY_CODE_BEFORE.exec(before);
    if (area) {
      if (candidate.digits.length > 8 || candidate.text.startsWith('+')) return undefined;
      national = area[1]! + candidate.digits;
      start -= area[0].length;
    } else if (country) {
      if (!candidate.digits.startsWith('8')) return undefined;
      national = `0${candidate.digits}`;
      start -= country[0].length;
    } else {
      if (candidate.digits.length < 9) return undefined;
      national = nationalForm(candidate.digits, candidate.text);
    }
    if (!national || national.length < 9 || national.length > 13) return undefined;
    if (view.contextWords(PUBLIC_NUMBER, start, candidate.end, 0).length) return undefined; // a public-number column
    if (view.keywordsIn(PUBLIC_NUMBER, ownPrefixStart(view, start, NEAR_WINDOW_CHARS), start).length) return undefined; // a letterhead line
    const context = contextOf(view, KEYWORDS, start, candidate.end, NEAR_WINDOW_CHARS);
    const isMobile = national.startsWith('08') && national.length >= 10 && MOBILE_PREFIXES.has(national.slice(1, 4));
    let score: number;
    let pattern: string;
    if (isMobile) {
      pattern = 'mobile-number';
      score = SCORE.MOBILE_PREFIX + (context.length ? SCORE.CONTEXT_BOOST : 0);
      // `62812…` without `+` and without a label is as often an id or a batch number as a phone.
      if (!context.length && !country && candidate.digits.startsWith('62') && !candidate.text.startsWith('+')) score -= SCORE.BARE_COUNTRY_CODE;
    } else {
      // A landline (area code 02x–09x) counts only with a personal label and no public-service label.
      if (national.startsWith('08') || national.startsWith('00') || !context.length) return undefined;
      if (contextOf(view, PUBLIC_NUMBER, start, candidate.end, NEAR_WINDOW_CHARS).length) return undefined;
      pattern = area ? 'landline-area-code-in-parentheses' : 'landline-with-label';
      score = SCORE.VALID_SHAPE;
    }
    if (candidate.partOfLongerNumber) score -= SCORE.PART_OF_LONGER_NUMBER;
    return {
      start,
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
    positive: ['HP: 0812-3456-7890', '+62 813 1234 5678', 'no_hp\n081234567890', 'Telp rumah (rumah): 0274 512345', 'No. Telp : (0271) 634 634', 'HP/WA: (+62) 812 3456 7890'],
    negative: ['0274 512345', '08001234567', 'Fax 021 5551234', '1234567890', '(0271) 634 634', 'RSUD Kota, Jl. Slamet Riyadi 1, Telp. (0271) 634634', 'Call Center: 0811-2345-6789'],
  },
};

/** The regexes above, for the ReDoS test. */
export const PHONE_REGEXES = [AREA_CODE_BEFORE, COUNTRY_CODE_BEFORE] as const;

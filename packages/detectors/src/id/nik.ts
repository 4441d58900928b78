import { keywordSet, type CandidateDetector, type Candidate, type DetectView, type DetectorMatch } from '@saring/core';
import { IDENTITY_LABELS, contextOf } from '../labels.js';
import { CONTEXT_WINDOW_CHARS, NEAR_WINDOW_CHARS, SCORE, clamp } from '../score.js';
import { PROVINCE_CODES, checkNikStructure } from '../validators/nik-structure.js';
import { isMinor } from '../validators/age.js';

/** Labels printed next to a NIK (domain.md §0, §1.2: Purview's keywords plus hospital forms). */
const KEYWORDS = keywordSet([
  'nik', 'no nik', 'nomor nik', 'ktp', 'no ktp', 'nomor ktp', 'no_ktp', 'e-ktp', 'kartu tanda penduduk', 'nomor induk kependudukan',
  'no identitas', 'nomor identitas', 'no. identitas', 'identity card', 'national id', 'nik pasien', 'nik ibu',
]);

/**
 * Words that make a 16-digit number something else when no NIK label is near (domain.md §11),
 * plus the KK and NPWP labels, so the engine indexes them even when `kk` or `npwp` is switched
 * off and `nik` can still tell whose label is nearest.
 */
const NOT_A_NIK = keywordSet([
  'kartu kredit', 'credit card', 'card number', 'visa', 'mastercard', 'virtual account', 'va', 'no rekening', 'rekening', 'order id', 'no order',
  'invoice', 'transaksi', 'transaction', 'resi', 'barcode', 'serial number',
  'no kk', 'nomor kk', 'kartu keluarga', 'nomor kartu keluarga', 'npwp',
]);
const NOT_A_NIK_ONLY = keywordSet(NOT_A_NIK.words.filter((w) => !['no kk', 'nomor kk', 'kartu keluarga', 'nomor kartu keluarga', 'npwp'].includes(w)));

/** A NIK inside a SATUSEHAT search URL or log: `…/id/nik|<NIK>`, `…/id/nik-ibu%7C<NIK>` (domain.md §3). */
const URL_SYSTEM_BEFORE = /\/id\/nik(?:-ibu)?(?:\||%7C)$/i;
/** `%7C3171011708450001`: the scanner sees `7C…` as one letters-and-digits code. */
const ENCODED_PIPE_CODE = /^7C([0-9]{16})$/i;
/** Excel's scientific notation for a 16-digit number, right after the mantissa: `3.17101E+15`. */
const EXPONENT_AFTER = /[eE]\+15(?![0-9])/y;
/**
 * `3,17101E+15` (Indonesian-locale decimal comma): the scanner sees `3`, then `17101E` as one
 * letters-and-digits code, since a comma does not join digit groups.
 */
const COMMA_MANTISSA_CODE = /^[0-9]{1,14}[eE]$/;
/** The mantissa as Excel writes it: one digit, a decimal point (or comma), up to 14 digits. */
const MANTISSA = /^[0-9][.,][0-9]{1,14}$/;

/**
 * NIK (Nomor Induk Kependudukan, the KTP number): 16 digits `PP RR SS DDMMYY XXXX` checked for
 * structure (domain.md §1.1). A number that fails the check is never a NIK finding — except the
 * two shapes Excel leaves behind (domain.md §11), which are reported as probable NIKs only next
 * to a NIK label or in a NIK column. A valid one without a label nearby is medium at most; when
 * the nearest label says KK or NPWP it stays medium so the `kk` / `npwp` finding wins the overlap.
 */
export const nik: CandidateDetector = {
  id: 'nik',
  meta: {
    entity: 'NIK (KTP number)',
    category: 'umum',
    severity: 'high',
    description: 'Indonesian national identity number (NIK/KTP): 16 digits with a province code, a birth date (+40 for women) and a serial.',
    reference: 'domain.md §1.1–1.3, §3, §11; UU 27/2022 Art. 4(3)(f)',
  },
  // Shorter numbers are only looked at as the mantissa of Excel's `3.17101E+15`.
  triggers: { numbers: { minDigits: 2, maxDigits: 16 }, codes: true },
  keywords: KEYWORDS,
  negativeKeywords: NOT_A_NIK,
  detect(candidate, view) {
    if (candidate.kind === 'code') return COMMA_MANTISSA_CODE.test(candidate.text) ? detectScientific(candidate, view) : detectEncodedUrl(candidate, view);
    if (candidate.digits.length < 16) return detectScientific(candidate, view);
    const digits = candidate.digits;
    const check = checkNikStructure(digits);
    if (!check.valid) return check.reason === 'serial 0000' ? detectZeroedLastDigit(candidate, view) : undefined;
    const inUrl = URL_SYSTEM_BEFORE.test(view.text.slice(Math.max(0, candidate.start - 12), candidate.start));
    const context = contextOf(view, KEYWORDS, candidate.start, candidate.end, CONTEXT_WINDOW_CHARS);
    if (inUrl) context.unshift('SATUSEHAT identifier system …/id/nik');
    if (context.length === 0 && contextOf(view, NOT_A_NIK_ONLY, candidate.start, candidate.end, NEAR_WINDOW_CHARS).length) return undefined;
    const owner = IDENTITY_LABELS.nearestBefore(view, candidate.start);
    const otherLabel = !inUrl && (owner === 'kk' || owner === 'npwp');
    const notes: string[] = [];
    if (candidate.partOfLongerNumber) notes.push('part of a longer run of digit groups');
    if (otherLabel) notes.push(`the nearest label is a ${owner === 'kk' ? 'family card (KK)' : 'NPWP'} label`);
    const boost = context.length && !otherLabel ? SCORE.CONTEXT_BOOST : 0;
    const score = SCORE.VALID_SHAPE + boost - (candidate.partOfLongerNumber ? SCORE.PART_OF_LONGER_NUMBER : 0);
    return {
      start: candidate.start,
      end: candidate.end,
      value: digits,
      score: clamp(score),
      explanation: {
        pattern: inUrl ? 'nik-in-url' : 'nik-16-digits',
        validation: 'valid',
        // Never the birth date or sex: they are what the mask hides.
        validationNote: `province code ${String(check.province)}, real birth date, serial not 0000`,
        context,
        ...(notes.length ? { notes } : {}),
      },
      // A child's NIK (UU 27/2022 Art. 4(2)(e), domain.md §9.1): YY read as 20YY when that is under
      // 18 years ago — a child is far likelier than someone born 100+ years ago in 19YY.
      ...(isMinor(check.birthDate.replace(/^19/, '20')) ? { child: true as const } : {}),
    };
  },
  /** Hides digits 5–12 (district, birth date and sex): `3174********0001` (libraries.md §F). */
  mask(value) {
    return value.length === 16 ? `${value.slice(0, 4)}********${value.slice(12)}` : '*'.repeat(value.length);
  },
  examples: {
    positive: [
      'NIK: 3171011708450001', 'No. KTP 32 7301 010101 0001', 'nik;3171015708450001',
      'GET /Patient?identifier=https://fhir.kemkes.go.id/id/nik|3171011708450001', 'identifier=https%3A%2F%2Ffhir.kemkes.go.id%2Fid%2Fnik%7C3171011708450001',
      'NIK: 3.17101E+15', 'NIK: 3171011708450000',
    ],
    negative: ['2024010112345678', '4111111111111111', 'NIK: 3171013208450001', '3171011708450000', 'Kartu kredit 3171011708450001', '3.17101E+15', 'NIK: 2.02401E+15'],
  },
};

/** `nik%7C<NIK>` in a URL-encoded SATUSEHAT search. */
function detectEncodedUrl(candidate: Candidate, view: DetectView): DetectorMatch | undefined {
  if (candidate.text.length !== 18) return undefined;
  const m = ENCODED_PIPE_CODE.exec(candidate.text);
  if (!m || view.text[candidate.start - 1] !== '%') return undefined;
  if (!/nik(?:-ibu)?%$/i.test(view.text.slice(Math.max(0, candidate.start - 8), candidate.start))) return undefined;
  const digits = m[1]!;
  const check = checkNikStructure(digits);
  if (!check.valid) return undefined;
  return {
    start: candidate.start + 2,
    end: candidate.end,
    value: digits,
    score: clamp(SCORE.VALID_SHAPE + SCORE.CONTEXT_BOOST),
    explanation: {
      pattern: 'nik-in-url',
      validation: 'valid',
      validationNote: `province code ${String(check.province)}, real birth date, serial not 0000`,
      context: ['SATUSEHAT identifier system …/id/nik (URL-encoded)'],
    },
  };
}

/**
 * True when a NIK label (not KK / NPWP) owns the value: its column, or the nearest label before it
 * on its own line. Stricter than for valid NIKs: a damaged number has nothing else going for it.
 */
function nikLabelled(candidate: Candidate, view: DetectView): boolean {
  return IDENTITY_LABELS.nearestBefore(view, candidate.start, false) === 'nik';
}

/** `3.17101E+15` (or `3,17101E+15` in an Indonesian-locale export) next to a NIK label. */
function detectScientific(candidate: Candidate, view: DetectView): DetectorMatch | undefined {
  // A code candidate `17101E` ends on the E; a number candidate `3.17101` stops before it.
  const mantissaEnd = candidate.kind === 'code' ? candidate.end - 1 : candidate.end;
  const next = view.text.charCodeAt(mantissaEnd);
  if (next !== 69 && next !== 101) return undefined; // E / e
  let start = candidate.start;
  let mantissa = view.text.slice(start, mantissaEnd);
  if (!MANTISSA.test(mantissa)) {
    // Comma-decimal: the scanner sees `3` and `17101` apart; take the digit and comma before.
    if (candidate.partOfLongerNumber || view.text[start - 1] !== ',' || !/[0-9]/.test(view.text[start - 2] ?? '')) return undefined;
    if (start >= 3 && /[0-9]/.test(view.text[start - 3]!)) return undefined;
    start -= 2;
    mantissa = view.text.slice(start, mantissaEnd);
    if (!MANTISSA.test(mantissa)) return undefined;
  } else if (candidate.partOfLongerNumber) return undefined;
  EXPONENT_AFTER.lastIndex = mantissaEnd;
  const exponent = EXPONENT_AFTER.exec(view.text);
  if (!exponent) return undefined;
  const known = mantissa.replace(/[.,]/, '');
  if (!PROVINCE_CODES.has(Number(known.slice(0, 2))) || known.slice(2, 4) === '00' || known.slice(4, 6) === '00') return undefined;
  if (!nikLabelled(candidate, view)) return undefined;
  const end = mantissaEnd + exponent[0].length;
  return excelDamaged(start, end, view.text.slice(start, end).toUpperCase(), 'nik-excel-scientific', `Excel-damaged: scientific notation keeps only ${String(known.length)} of 16 digits`);
}

/** 16 digits whose serial reads 0000 because Excel kept 15 significant digits and zeroed the 16th. */
function detectZeroedLastDigit(candidate: Candidate, view: DetectView): DetectorMatch | undefined {
  const digits = candidate.digits;
  if (!digits.endsWith('0') || candidate.partOfLongerNumber) return undefined;
  if (!checkNikStructure(`${digits.slice(0, 15)}1`).valid || !nikLabelled(candidate, view)) return undefined;
  return excelDamaged(candidate.start, candidate.end, digits, 'nik-excel-15-digits', 'Excel-damaged: 15 significant digits, the last digit was zeroed');
}

function excelDamaged(start: number, end: number, value: string, pattern: string, note: string): DetectorMatch {
  return {
    start,
    end,
    value,
    score: clamp(SCORE.EXCEL_DAMAGED),
    explanation: { pattern, validation: 'unchecked', validationNote: 'province, regency and district codes fit; the rest was lost', context: ['nik label or column'], notes: [note, 'probable NIK'] },
  };
}

/** The regexes above, for the ReDoS test. */
export const NIK_REGEXES = [URL_SYSTEM_BEFORE, ENCODED_PIPE_CODE, EXPONENT_AFTER, MANTISSA, COMMA_MANTISSA_CODE] as const;

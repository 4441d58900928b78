import { keywordSet, type CandidateDetector } from '@saring/core';
import { IDENTITY_LABELS, contextOf } from '../labels.js';
import { NEAR_WINDOW_CHARS, SCORE, clamp } from '../score.js';
import { checkNpwp } from '../validators/npwp.js';

/** Labels of the tax number (domain.md §0, §1.6). */
const KEYWORDS = keywordSet(['npwp', 'no npwp', 'nomor npwp', 'npwp 16', 'nomor pokok wajib pajak', 'tax id', 'tax number']);

/** The printed old form `99.999.999.9-999.999` (domain.md §1.6). */
const PRINTED_OLD = /^[0-9]{2}\.[0-9]{3}\.[0-9]{3}\.[0-9]-[0-9]{3}\.[0-9]{3}$/;

/**
 * NPWP (tax number), domain.md §1.6. Old 15 digits with a Luhn check digit over digits 1–8:
 * printed `99.999.999.9-999.999` it is medium on its own, high with an NPWP label. The 16-digit
 * forms (`0` + old 15, or a resident's NIK) need the NPWP label to be the nearest one, and then
 * score above a NIK so they win the overlap with `nik`.
 */
export const npwp: CandidateDetector = {
  id: 'npwp',
  meta: {
    entity: 'NPWP (tax number)',
    category: 'umum',
    severity: 'high',
    description: 'Indonesian tax number (NPWP): 15 digits 99.999.999.9-999.999 with a Luhn check digit, or the 16-digit forms next to an NPWP label.',
    reference: 'domain.md §1.6',
  },
  triggers: { numbers: { minDigits: 15, maxDigits: 16 } },
  keywords: KEYWORDS,
  detect(candidate, view) {
    const check = checkNpwp(candidate.digits);
    if (!check.valid) return undefined;
    const label = IDENTITY_LABELS.nearest(view, candidate.start);
    const labelled = label?.group === 'npwp';
    const context = contextOf(view, KEYWORDS, candidate.start, candidate.end, NEAR_WINDOW_CHARS);
    const printed = check.form === 'npwp-15' && PRINTED_OLD.test(candidate.text);
    let score: number;
    if (labelled) score = SCORE.OWN_LABEL;
    else if (check.form !== 'npwp-15') return undefined; // 16 digits without the label: a NIK or nothing
    else if (printed) score = SCORE.VALID_SHAPE + (context.length ? SCORE.CONTEXT_BOOST : 0.1);
    else score = context.length ? SCORE.VALID_SHAPE + SCORE.CONTEXT_BOOST : SCORE.SHAPE_ONLY;
    if (candidate.partOfLongerNumber) score -= SCORE.PART_OF_LONGER_NUMBER;
    return {
      start: candidate.start,
      end: candidate.end,
      value: candidate.digits,
      score: clamp(score),
      explanation: {
        pattern: printed ? 'npwp-printed-15' : `npwp-${candidate.digits.length}-digits`,
        validation: 'valid',
        validationNote: check.form === 'nik-as-npwp' ? 'a NIK used as NPWP (PMK 112/2022)' : 'Luhn check digit matches',
        context: labelled ? [label.word, ...context.filter((w) => w !== label.word)] : context,
      },
    };
  },
  examples: {
    positive: ['NPWP: 01.300.066.6-091.000', 'NPWP 013000666091000', 'NPWP: 0013000666091000', 'NPWP 16: 3171011708450001', '01.300.066.6-091.000'],
    negative: ['013000666091000', 'NPWP: 01.300.066.7-091.000', 'NPWP: 1013000666091000', '3171011708450001 NPWP'],
  },
};

/** The regexes above, for the ReDoS test. */
export const NPWP_REGEXES = [PRINTED_OLD] as const;

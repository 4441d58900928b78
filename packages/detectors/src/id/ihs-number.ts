import { keywordSet, maskMiddle, type CandidateDetector } from '@saring/core';
import { contextOf } from '../labels.js';
import { CONTEXT_WINDOW_CHARS, SCORE, clamp } from '../score.js';

/** SATUSEHAT context (domain.md §0, §3): labels and the FHIR identifier system `…/id/ihs-number`. */
const KEYWORDS = keywordSet(['ihs', 'ihs number', 'ihs-number', 'no ihs', 'nomor ihs', 'satusehat', 'satu sehat', 'id satusehat', 'satusehat id', 'patient id']);

const SHAPE = /^[Pp][0-9]{11}$/;
/** A FHIR reference `Patient/P…` right before the value. */
const PATIENT_REFERENCE = /Patient\/$/;

/**
 * SATUSEHAT patient id (IHS number): `P` + 11 digits (domain.md §3). Needs SATUSEHAT context,
 * the FHIR identifier system, or a `Patient/` reference; the bare shape is low.
 */
export const ihsNumber: CandidateDetector = {
  id: 'ihs-number',
  meta: {
    entity: 'SATUSEHAT patient id (IHS number)',
    category: 'umum',
    severity: 'high',
    description: 'SATUSEHAT / IHS patient number: P followed by 11 digits, with SATUSEHAT context or in a FHIR Patient reference.',
    reference: 'domain.md §3',
  },
  triggers: { codes: true },
  keywords: KEYWORDS,
  detect(candidate, view) {
    const text = candidate.text;
    if (text.length !== 12 || !SHAPE.test(text)) return undefined;
    const context = contextOf(view, KEYWORDS, candidate.start, candidate.end, CONTEXT_WINDOW_CHARS);
    const reference = PATIENT_REFERENCE.test(view.text.slice(Math.max(0, candidate.start - 8), candidate.start));
    if (reference) context.push('Patient/ reference');
    const score = context.length ? SCORE.VALID_SHAPE + SCORE.CONTEXT_BOOST : SCORE.SHAPE_ONLY;
    return {
      start: candidate.start,
      end: candidate.end,
      value: text.toUpperCase(),
      score: clamp(score),
      explanation: { pattern: 'ihs-p-11-digits', validation: 'unchecked', validationNote: 'no checksum is published', context },
    };
  },
  mask(value) {
    return maskMiddle(value, 3, 3);
  },
  examples: {
    positive: ['IHS Number: P02478375538', '"reference": "Patient/P02478375538"', '{"system": "https://fhir.kemkes.go.id/id/ihs-number", "value": "P02428473601"}'],
    negative: ['P02478375538', 'IHS: P0247837553', 'SATUSEHAT Q02478375538'],
  },
};

/** The regexes above, for the ReDoS test. */
export const IHS_REGEXES = [SHAPE, PATIENT_REFERENCE] as const;

import { keywordSet, type CandidateDetector, type DetectorMatch } from '@saring/core';
import { SCORE, clamp } from '../score.js';
import { lineEnd } from './line-tokens.js';

/** Where a radiologist's read is written (domain.md §7.2). */
const LABELS = keywordSet(['kesan', 'impression', 'kesimpulan', 'ekspertise', 'expertise', 'hasil bacaan', 'cor', 'pulmo', 'conclusion']);
/** Words that make a `Kesan :` a radiology report's rather than an EKG's or a lab's. */
const RADIOLOGY_CONTEXT = keywordSet([
  'radiologi', 'thorax', 'toraks', 'rontgen', 'foto thorax', 'ct scan', 'usg', 'mri', 'x-ray', 'xray', 'ekspertise', 'expertise', 'sp rad', 'sp.rad',
  'spesialis radiologi', 'ultrasonografi', 'ctr', 'pulmo', 'sinus costophrenicus',
]);
const RADIOLOGY_CONTEXT_CHARS = 2000;
/** Separator then a value that starts with a letter: `Kesan : Bronkopneumonia`. Bounded, sticky. */
const VALUE_START = /[ \t]*[:=][ \t]*(?=[A-Za-z])/y;
/** A read is at least this long; less is a blank or a stray word. */
const MIN_VALUE_CHARS = 3;
const MAX_VALUE_CHARS = 120;

/**
 * Radiology impressions (domain.md §7.2): the text after `Kesan :`, `Impression:`, `Cor :`,
 * `Pulmo :` on a report that says it is radiology (thorax, CT, USG, `Sp.Rad`). The value is the
 * impression, lower-case (`pulmo:tampak infiltrat …`); blank fields and EKG impressions are not read.
 */
export const radiologyImpression: CandidateDetector = {
  id: 'radiology-impression',
  meta: {
    entity: 'Radiology impression',
    category: 'spesifik-kesehatan',
    severity: 'medium',
    description: "A radiologist's impression or finding (Kesan, Cor, Pulmo) on a radiology report.",
    reference: 'domain.md §7.2; UU 27/2022 Art. 4(2)(a)',
  },
  triggers: { labels: LABELS },
  keywords: RADIOLOGY_CONTEXT,
  detect(candidate, view): DetectorMatch | undefined {
    const text = view.text;
    VALUE_START.lastIndex = candidate.end;
    const sep = VALUE_START.exec(text);
    if (!sep) return undefined;
    const context = view.contextWords(RADIOLOGY_CONTEXT, candidate.start, candidate.end, RADIOLOGY_CONTEXT_CHARS).filter((w) => w.toLowerCase() !== candidate.keyword.toLowerCase());
    if (!context.length) return undefined;
    const start = candidate.end + sep[0].length;
    const end = Math.min(lineEnd(text, start), start + MAX_VALUE_CHARS);
    const raw = text.slice(start, end).trim();
    if (raw.length < MIN_VALUE_CHARS || /^[._-]+$/.test(raw)) return undefined;
    const field = candidate.keyword.toLowerCase().replace(/[^a-z]+/g, '-');
    return {
      start,
      end: start + raw.length,
      value: `${field}:${raw.toLowerCase().replace(/\s+/g, ' ')}`,
      score: clamp(SCORE.HEALTH_VALUE_NEAR_LABEL),
      explanation: { pattern: 'radiology-read', validation: 'unchecked', validationNote: 'text after a radiology label', context: [candidate.keyword, ...context] },
    };
  },
  /** The field stays, the read is hidden: `kesan:***********`. */
  mask(value) {
    const colon = value.indexOf(':');
    return colon < 0 ? '*'.repeat(value.length) : `${value.slice(0, colon + 1)}${'*'.repeat(Math.min(12, value.length - colon - 1))}`;
  },
  examples: {
    positive: ['Foto Thorax PA\nKesan : Bronkopneumonia', 'HASIL PEMERIKSAAN RADIOLOGI\nPulmo : tampak infiltrat di lapangan atas paru kanan'],
    negative: ['Kesan : Bronkopneumonia', 'HASIL EKG\nKesan : EKG normal', 'Foto Thorax PA\nKesan : ..........', 'Pada foto thorax, kesan pneumonia bila tampak infiltrat.'],
  },
};

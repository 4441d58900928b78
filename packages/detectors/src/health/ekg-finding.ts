import { compactKeyword, keywordSet, type CandidateDetector, type DetectorMatch } from '@saring/core';
import { SCORE, clamp } from '../score.js';
import { isPunct, lineEnd, tokensOf, type Token } from './line-tokens.js';

/** EKG report fields (domain.md §7.1), normalized to what the finding's value names. */
const FIELDS: Readonly<Record<string, 'hr' | 'rhythm' | 'axis' | 'pr' | 'qrs' | 'qt' | 'qtc' | 'st'>> = {
  'heart rate': 'hr', hr: 'hr', 'frekuensi jantung': 'hr', irama: 'rhythm', rhythm: 'rhythm', ritme: 'rhythm', axis: 'axis', aksis: 'axis',
  'pr interval': 'pr', 'interval pr': 'pr', 'qrs complex': 'qrs', 'kompleks qrs': 'qrs', 'qrs duration': 'qrs', 'qt interval': 'qt', qtc: 'qtc',
  'st segment': 'st', 'segmen st': 'st',
};
const FIELD_BY_KEY = new Map(Object.entries(FIELDS).map(([word, field]) => [compactKeyword(word), field]));
const LABELS = keywordSet(Object.keys(FIELDS));
/** Words that put a field on an EKG sheet rather than a vital-signs chart or an HR form. */
const EKG_CONTEXT = keywordSet(['ekg', 'ecg', 'elektrokardiografi', 'elektrokardiogram', 'rekam jantung', 'electrocardiogram']);
const EKG_CONTEXT_CHARS = 1500;

/** Rhythms (domain.md §7.1), first words → normalized name. */
const RHYTHMS: readonly [RegExp, string][] = [
  [/^(?:normal )?sinus (?:rhythm|ritme)|^irama sinus|^ritme sinus/, 'sinus-rhythm'],
  [/^sinus (?:tachycardia|takikardi)/, 'sinus-tachycardia'],
  [/^sinus (?:bradycardia|bradikardi)/, 'sinus-bradycardia'],
  [/^(?:atrial fibrillation|fibrilasi atrium|af)\b/, 'atrial-fibrillation'],
  [/^(?:atrial flutter|flutter atrium)/, 'atrial-flutter'],
  [/^(?:svt|supraventricular tachycardia)\b/, 'svt'],
  [/^(?:vt|ventricular tachycardia)\b/, 'vt'],
  [/^(?:av block|blok av)/, 'av-block'],
];
const AXES: readonly [RegExp, string][] = [
  [/^normal/, 'normal'],
  [/^(?:lad|left axis deviation|deviasi (?:aksis )?kiri)/, 'lad'],
  [/^(?:rad|right axis deviation|deviasi (?:aksis )?kanan)/, 'rad'],
];
const ST: readonly [RegExp, string][] = [
  [/^(?:isoelektrik|isoelectric|normal)/, 'isoelectric'],
  [/^(?:st )?(?:elevasi|elevation)/, 'elevation'],
  [/^(?:st )?(?:depresi|depression)/, 'depression'],
];
const DURATION_UNITS = new Set(['detik', 'dtk', 's', 'sec', 'ms', 'msec']);
const RATE_UNITS = new Set(['bpm', 'x', 'kali']);

function firstValueToken(tokens: readonly Token[]): number {
  let i = 0;
  while (i < tokens.length && isPunct(tokens[i]!)) i++;
  return i;
}

function phrase(text: string, from: number, to: number, table: readonly [RegExp, string][]): { value: string; length: number } | undefined {
  const rest = text.slice(from, to).toLowerCase();
  for (const [pattern, value] of table) {
    const m = pattern.exec(rest);
    if (m) return { value, length: m[0].length };
  }
  return undefined;
}

/**
 * EKG measurements and findings (domain.md §7.1): heart rate, rhythm, axis, PR/QRS/QT intervals,
 * ST segment, read after their labels on a sheet that says it is an EKG. The value names the
 * field: `hr:88`, `rhythm:sinus-rhythm`, `pr:0.16s`, `axis:normal`.
 */
export const ekgFinding: CandidateDetector = {
  id: 'ekg-finding',
  meta: {
    entity: 'EKG finding',
    category: 'spesifik-kesehatan',
    severity: 'medium',
    description: 'EKG measurements (heart rate, PR/QRS/QT intervals) and findings (rhythm, axis, ST segment) on an EKG report.',
    reference: 'domain.md §7.1; UU 27/2022 Art. 4(2)(a)',
  },
  triggers: { labels: LABELS },
  keywords: EKG_CONTEXT,
  detect(candidate, view): DetectorMatch | undefined {
    const field = FIELD_BY_KEY.get(compactKeyword(candidate.keyword));
    if (!field) return undefined;
    const text = view.text;
    const context = view.contextWords(EKG_CONTEXT, candidate.start, candidate.end, EKG_CONTEXT_CHARS);
    if (!context.length) return undefined;
    const end = lineEnd(text, candidate.end);
    const tokens = tokensOf(text, candidate.end, end);
    const i = firstValueToken(tokens);
    const first = tokens[i];
    // The value follows a separator: `Irama : Sinus Rhythm`, `HR | 88 bpm`; not `irama jantung dapat …`.
    if (!first || i === 0) return undefined;
    let value: string | undefined;
    let valueEnd = first.end;
    if (field === 'rhythm' || field === 'axis' || field === 'st') {
      const found = phrase(text, first.start, end, field === 'rhythm' ? RHYTHMS : field === 'axis' ? AXES : ST);
      if (found) {
        value = `${field}:${found.value}`;
        valueEnd = first.start + found.length;
      } else if (field === 'axis' && /^-?[0-9]+$/.test(first.text)) value = `axis:${first.text}`;
    } else if (/^[0-9]/.test(first.text)) {
      const unit = tokens[i + 1];
      const n = Number(first.text.replace(',', '.'));
      if (field === 'hr') {
        if (!(n >= 20 && n <= 300) || (unit && !RATE_UNITS.has(unit.lower) && !isPunct(unit))) return undefined;
        value = `hr:${n}`;
      } else {
        if (!unit || !DURATION_UNITS.has(unit.lower)) return undefined;
        value = `${field}:${first.text.replace(',', '.')}${unit.lower === 'ms' || unit.lower === 'msec' ? 'ms' : 's'}`;
        valueEnd = unit.end;
      }
    }
    if (!value) return undefined;
    return {
      start: first.start,
      end: valueEnd,
      value,
      score: clamp(SCORE.HEALTH_VALUE_NEAR_LABEL),
      explanation: { pattern: `ekg-${field}`, validation: 'valid', validationNote: 'an EKG field and its value', context: [candidate.keyword, ...context] },
    };
  },
  mask(value) {
    const colon = value.indexOf(':');
    return colon < 0 ? '*'.repeat(value.length) : `${value.slice(0, colon + 1)}${'*'.repeat(value.length - colon - 1)}`;
  },
  examples: {
    positive: ['HASIL EKG\nIrama : Sinus Rhythm', 'Elektrokardiografi\nHeart Rate : 88 bpm', 'EKG 12 lead\nPR Interval : 0.16 detik'],
    negative: ['Irama : Sinus Rhythm', 'EKG merekam irama jantung; heart rate normal 60 - 100 bpm.', 'HASIL EKG\nIrama : ..........'],
  },
};

import { compactKeyword, keywordSet, type CandidateDetector, type DetectView, type DetectorMatch } from '@saring/core';
import { SCORE, clamp } from '../score.js';
import { forEachLabelledCell } from '../cells.js';

/** COVID-19 tests, normalized to the test kind the finding's value names (domain.md §6). */
const TESTS: Readonly<Record<string, 'pcr' | 'tcm' | 'antigen' | 'antibody'>> = {
  pcr: 'pcr', 'rt-pcr': 'pcr', 'rt pcr': 'pcr', 'rtpcr': 'pcr', 'swab pcr': 'pcr', 'real time pcr': 'pcr', 'naat': 'pcr', 'pcr sars-cov-2': 'pcr',
  'hasil pcr': 'pcr', 'hasil swab pcr': 'pcr', 'sars-cov-2 rna': 'pcr', 'rna sars-cov-2': 'pcr', 'pcr test': 'pcr', 'covid-19 pcr': 'pcr',
  tcm: 'tcm', genexpert: 'tcm', 'tes cepat molekuler': 'tcm', 'xpert xpress': 'tcm',
  antigen: 'antigen', 'swab antigen': 'antigen', 'rapid antigen': 'antigen', 'rapid swab antigen': 'antigen', 'rdt-ag': 'antigen', 'rdt ag': 'antigen',
  'ag sars-cov-2': 'antigen', 'hasil antigen': 'antigen',
  antibodi: 'antibody', antibody: 'antibody', 'rapid test antibodi': 'antibody', 'rapid tes antibodi': 'antibody', 'rapid test': 'antibody',
  'rapid test antibodi covid-19': 'antibody', 'igg/igm': 'antibody', 'igm/igg': 'antibody', 'anti sars-cov-2': 'antibody', 'rapid tes': 'antibody',
};
const TEST_BY_KEY = new Map(Object.entries(TESTS).map(([word, kind]) => [compactKeyword(word), kind]));
const LABELS = keywordSet(Object.keys(TESTS));

/** Words that may sit between the test's name and its result (`Swab Antigen SARS-CoV-2 (Nasofaring) : Negatif`). */
const FILLER = new Set([
  'sars', 'cov', 'sars-cov', 'sars-cov-2', 'covid', 'covid-19', 'covid19', 'ncov', '19', '2', 'hasil', 'result', 'swab', 'nasofaring', 'orofaring',
  'nasopharyngeal', 'oropharyngeal', 'nasofaring/orofaring', 'spesimen', 'specimen', 'sputum', 'saliva', 'kualitatif', 'qualitative', 'test', 'tes', 'rapid',
  'pemeriksaan', 'ag', 'ab', 'rt', 'real', 'time', 'metode', 'method', 'igm', 'igg', 'virus', 'corona', 'antigen', 'antibodi', 'pcr', 'cepat',
  'molekuler', 'tcm', 'naat', 'genexpert', 'xpert', 'xpress', 'hasilnya', 'nilai', 'ct', 'value', 'rt-pcr', 'rdt-ag', 'rdt', 'sars-cov-2',
  'covid-19', 'anti', 'total', 'swab/pcr', 'rna', 'kualitatif/qualitative',
]);
const PUNCT = new Set([':', '=', '|', '(', ')', '/', '-', ',', '[', ']', '"', "'", '.', '*', ';']);

/** Result words, normalized (domain.md §6: Positif/Negatif, Reaktif/Non Reaktif, Terdeteksi/Tidak Terdeteksi). */
const RESULTS: Readonly<Record<string, string>> = {
  positif: 'positive', positive: 'positive', pos: 'positive', negatif: 'negative', negative: 'negative', neg: 'negative', reaktif: 'reactive',
  reactive: 'reactive', 'non-reaktif': 'non-reactive', nonreaktif: 'non-reactive', 'non-reactive': 'non-reactive', nonreactive: 'non-reactive',
  // Detected / not detected is how molecular tests (PCR, TCM) say positive / negative.
  terdeteksi: 'positive', detected: 'positive', 'tidak-terdeteksi': 'negative', 'not-detected': 'negative', undetected: 'negative',
};
/** Two-word results: `Non Reaktif`, `Tidak Terdeteksi`, `Not Detected`. */
const RESULT_PAIRS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  non: { reaktif: 'non-reactive', reactive: 'non-reactive' },
  tidak: { terdeteksi: 'negative', reaktif: 'non-reactive' },
  not: { detected: 'negative', reactive: 'non-reactive' },
};
/**
 * What may follow a result on its line: nothing, punctuation, a reference value or a CT value.
 * Anything else is a sentence (`positif berarti …`, `positif atau negatif`): a textbook, not a result.
 */
const AFTER_RESULT = new Set([
  'negatif', 'negative', 'non', 'nilai', 'rujukan', 'normal', 'ct', 'value', 'satuan', 'keterangan', 'ket', 'metode', 'method', 'reaktif', 'tidak',
  'terdeteksi', 'not', 'detected', 'rt-pcr', 'pcr', 'antigen', 'rdt-ag', 'qualitative', 'kualitatif', 'index', 'coi', 'cutoff',
]);
/** Words that join a result to more prose (`… PCR negatif, dan bersedia …`) or list tests (`antigen atau PCR`). */
const CONJUNCTIONS = new Set(['atau', 'or', 'dan', 'and', 'serta', 'maupun', 'dengan', 'seperti', 'yang', 'untuk']);

/** Largest plausible cycle threshold; a CT above it is not a CT value. */
const MAX_CT = 45;

/** Characters of a line read after the test's name. */
const LINE_CHARS = 160;
const TOKEN = /[A-Za-z]+(?:-[A-Za-z0-9]+)*|[0-9]+(?:[.,][0-9]+)?|[^\sA-Za-z0-9]/g;

interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
}

function tokensOf(text: string, from: number, to: number): Token[] {
  const slice = text.slice(from, to);
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(slice)) !== null) out.push({ text: m[0], lower: m[0].toLowerCase(), start: from + m.index, end: from + m.index + m[0].length });
  return out;
}

/** The lower-case word right before `pos` (at most three separators between), or ''. */
function wordBefore(text: string, pos: number): string {
  let p = pos;
  const stop = Math.max(0, pos - 3);
  while (p > stop && !/[A-Za-z\n]/.test(text[p - 1]!)) p--;
  let start = p;
  while (start > 0 && start > p - 16 && /[A-Za-z]/.test(text[start - 1]!)) start--;
  return text.slice(start, p).toLowerCase();
}

function lineEnd(text: string, from: number): number {
  const limit = Math.min(text.length, from + LINE_CHARS);
  for (let i = from; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return limit;
}

interface Read {
  start: number;
  end: number;
  result: string | undefined;
  ct: string | undefined;
}

/**
 * Walks the tokens after a test's name: fillers and punctuation only, then a result (or a CT
 * value), then nothing that reads like a sentence. Returns undefined otherwise.
 */
function readResult(tokens: readonly Token[]): Read | undefined | 'filler-only' {
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    const pair = RESULT_PAIRS[t.lower];
    const next = tokens[i + 1];
    let result: string | undefined;
    let end = t.end;
    let used = 1;
    if (pair && next && pair[next.lower]) {
      result = pair[next.lower];
      end = next.end;
      used = 2;
    } else if (RESULTS[t.lower]) result = RESULTS[t.lower];
    if (result) {
      let ct: string | undefined;
      const after = tokens.slice(i + used);
      const ctRead = readCt(after);
      if (ctRead) ct = ctRead.value;
      const first = after[0];
      if (first && !PUNCT.has(first.text) && !AFTER_RESULT.has(first.lower) && !/^[0-9]/.test(first.text)) return undefined;
      // `positif atau negatif`, `negatif, dan bersedia …`: a description or a sentence, not a result.
      const word = after.find((a) => !PUNCT.has(a.text));
      if (word && CONJUNCTIONS.has(word.lower)) return undefined;
      return { start: t.start, end, result, ct };
    }
    if (t.lower === 'ct') {
      const ctRead = readCt(tokens.slice(i));
      if (ctRead) return { start: ctRead.start, end: ctRead.end, result: undefined, ct: ctRead.value };
    }
    if (!FILLER.has(t.lower) && !PUNCT.has(t.text)) return undefined;
    i++;
  }
  return 'filler-only';
}

/** `CT 24`, `Ct value: 31.5`, `(CT=18)`. */
function readCt(tokens: readonly Token[]): { start: number; end: number; value: string } | undefined {
  const at = tokens.findIndex((t) => t.lower === 'ct');
  if (at < 0 || at > 2) return undefined;
  for (let j = at + 1; j < Math.min(tokens.length, at + 5); j++) {
    const t = tokens[j]!;
    if (/^[0-9]/.test(t.text)) {
      const n = Number(t.text.replace(',', '.'));
      if (!(n > 0 && n <= MAX_CT)) return undefined;
      return { start: tokens[at]!.start, end: t.end, value: String(n) };
    }
    if (!PUNCT.has(t.text) && t.lower !== 'value' && t.lower !== 'nilai') return undefined;
  }
  return undefined;
}

function finding(kind: string, read: Read, context: string[], pattern: string, score: number): DetectorMatch | undefined {
  const value = read.result ? `${kind}:${read.result}` : read.ct ? `${kind}:ct=${read.ct}` : undefined;
  if (!value) return undefined;
  return {
    start: read.start,
    end: read.end,
    value,
    score: clamp(score),
    explanation: {
      pattern,
      validation: 'valid',
      validationNote: read.result ? `a ${kind} test and its result on one line` : `a ${kind} test and its CT value`,
      context,
      ...(read.result && read.ct ? { notes: ['CT value given too'] } : {}),
    },
  };
}

/** `Hasil : Negatif` on the line after `Jenis Pemeriksaan : Swab Antigen SARS-CoV-2`. */
const NEXT_LINE_RESULT = /[ \t]*(?:hasil(?:[ \t]+pemeriksaan)?|result|kesimpulan)[ \t]*[:=]/iy;

/**
 * COVID-19 test results (domain.md §6): an RT-PCR, TCM, antigen or antibody test and its result
 * tied together on one line, in the next `Hasil :` line, or in a result column. The value says
 * which: `pcr:positive`, `antigen:negative`, `antibody:non-reactive`, `pcr:ct=24` (Terdeteksi /
 * Tidak Terdeteksi are a molecular test's positive / negative). A paragraph
 * about testing is not a result: between the test's name and the result only fillers are
 * allowed, and after it no sentence.
 */
export const covidTestResult: CandidateDetector = {
  id: 'covid-test-result',
  meta: {
    entity: 'COVID-19 test result',
    category: 'spesifik-kesehatan',
    severity: 'high',
    description: 'COVID-19 test results (RT-PCR, TCM, antigen, antibody) with their result: positive/negative, reactive/non-reactive, detected, CT value.',
    reference: 'domain.md §6; UU 27/2022 Art. 4(2)(a)',
  },
  triggers: { labels: LABELS },
  detect(candidate, view) {
    const kind = TEST_BY_KEY.get(compactKeyword(candidate.keyword));
    if (!kind) return undefined;
    const text = view.text;
    // `tes antigen atau PCR negatif`: a test named in a list or a sentence is not a result's label.
    if (CONJUNCTIONS.has(wordBefore(text, candidate.start))) return undefined;
    const end = lineEnd(text, candidate.end);
    const read = readResult(tokensOf(text, candidate.end, end));
    if (read === undefined) return undefined;
    if (read !== 'filler-only') return finding(kind, read, [candidate.keyword], 'test-and-result', SCORE.HEALTH_VALUE);
    // The result on the next line, after a `Hasil :` label.
    let next = end;
    if (text.charCodeAt(next) === 13) next++;
    if (text.charCodeAt(next) !== 10) return undefined;
    NEXT_LINE_RESULT.lastIndex = next + 1;
    const label = NEXT_LINE_RESULT.exec(text);
    if (!label) return undefined;
    const from = next + 1 + label[0].length;
    const below = readResult(tokensOf(text, from, lineEnd(text, from)));
    if (!below || below === 'filler-only') return undefined;
    return finding(kind, below, [candidate.keyword, 'hasil'], 'test-then-result-line', SCORE.HEALTH_VALUE);
  },
  scanFields(view: DetectView) {
    const out: DetectorMatch[] = [];
    const context = view.context;
    if (!context?.fields) return out;
    const text = view.text;
    forEachLabelledCell(view, testOfField, (start, end, label, kind) => {
      const read = readResult(tokensOf(text, start, end));
      if (!read || read === 'filler-only') return;
      const found = finding(kind, read, [`field ${label}`], 'result-column', SCORE.HEALTH_VALUE_NEAR_LABEL);
      if (found) out.push(found);
    });
    return out;
  },
  /** The test stays readable, the result is hidden: `pcr:********`. */
  mask(value) {
    const colon = value.indexOf(':');
    return colon < 0 ? '*'.repeat(value.length) : `${value.slice(0, colon + 1)}${'*'.repeat(value.length - colon - 1)}`;
  },
  examples: {
    positive: [
      'Hasil RT-PCR SARS-CoV-2 : POSITIF',
      'Rapid Swab Antigen SARS-CoV-2 | Negatif | Negatif',
      'Rapid Test Antibodi Covid-19 : Non Reaktif',
      'Pemeriksaan : Swab Antigen SARS-CoV-2\nHasil : Positif',
      'TCM SARS-CoV-2: Terdeteksi',
      'RT-PCR (swab nasofaring): CT value 24',
    ],
    negative: [
      'Tes PCR dapat memberikan hasil positif atau negatif tergantung jumlah virus.',
      'Hasil positif pada tes antigen harus dikonfirmasi dengan RT-PCR.',
      'Hasil Positif : Disarankan untuk mengikuti Swab Tes PCR',
      'Jenis Pemeriksaan : Swab Antigen SARS-CoV-2\nHasil : ..........',
      'PCR adalah metode pemeriksaan yang sensitif.',
    ],
  },
};

/** The test a column or key is about (`hasil_pcr`, `antigen`, `Observation.valueCodeableConcept` under a PCR code is not read here). */
function testOfField(label: string): string | undefined {
  const words = label.replace(/[_.\-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2');
  for (const word of LABELS.matchLabel(words)) {
    const kind = TEST_BY_KEY.get(compactKeyword(word));
    if (kind) return kind;
  }
  return undefined;
}

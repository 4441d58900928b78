import type { DocumentClass, FileClassification, FileClassifier, FileFacts, PdpLabel } from '../model/classification.js';
import { BULK_EXPORT_PEOPLE } from '../model/classification.js';
import type { Detector } from '../model/detector.js';
import type { FileReport } from '../model/report.js';
import type { Segment } from '../model/segment.js';
import { compactKeyword, keywordSource } from './keywords.js';
import type { RawMatch } from './findings.js';
import type { SegmentView } from './scanner.js';

/**
 * Distinct values tracked per person-identifying detector. Beyond it the count stops growing
 * (`peopleCapped`): memory stays bounded however large the export. 10 000 is far above the
 * bulk-export line (100), so the flag is exact.
 */
export const MAX_PEOPLE_COUNTED = 10_000;

/** Risk points per label, before people and children are added (0..100 overall). */
const LABEL_RISK: Readonly<Record<PdpLabel, number>> = { public: 0, personal: 25, 'sensitive-health': 55 };
/** Points per factor of ten people: 1 person +0, 10 +12, 100 +24, 1000 +36. */
const RISK_PER_DECADE_OF_PEOPLE = 12;
const CHILD_RISK = 10;
/** A document class below this confidence is not reported. */
export const MIN_DOCUMENT_CONFIDENCE = 0.5;

/**
 * 53-bit string hash (cyrb53). Distinct people are counted by hashing values in memory only for
 * the duration of one file; nothing of it is reported, so a fast unkeyed hash is enough here
 * (report fingerprints stay keyed HMACs).
 */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * What one file's scan has seen so far, for its label and document classes: distinct people
 * per identifying detector, health and person evidence, classifier keywords, table rows with a
 * person. Fed by the engine for every match (also those beyond the detailed-findings cap).
 */
export class FileEvidence {
  private readonly people = new Map<string, Set<number>>();
  private peopleCapped = false;
  private personFindings = 0;
  private healthFindings = 0;
  private child = false;
  private umum = false;
  /** Findings above low severity: a doctor's name alone (low) does not make a file personal. */
  private significant = 0;
  private readonly keywordCounts = new Map<string, number>();
  private readonly personRows = new Set<number>();
  private blankFields = 0;
  private personRowsCapped = false;

  constructor(
    private readonly classifiers: readonly FileClassifier[],
    private readonly classifierKeys: ReadonlySet<string>,
  ) {}

  /**
   * Records the matches, the classifier keywords and the blank form fields of one segment. The
   * view is part of the signature for classifiers that may want the detectors' keyword index.
   */
  observe(segment: Segment, _view: SegmentView, matches: readonly RawMatch[]): void {
    const fromName = segment.context?.source === 'file-name';
    for (const { detector, match } of matches) {
      if (detector.meta.severity !== 'low') this.significant++;
      if (match.child) this.child = true;
      if (detector.meta.category === 'umum' && detector.meta.severity !== 'low') this.umum = true;
      // A file name alone does not make the content about a person; it is still counted as a finding.
      if (fromName) continue;
      if (detector.meta.category === 'spesifik-kesehatan') this.healthFindings++;
      if (!isPersonIdentifier(detector)) continue;
      this.personFindings++;
      let values = this.people.get(detector.id);
      if (!values) this.people.set(detector.id, (values = new Set()));
      if (values.size < MAX_PEOPLE_COUNTED) values.add(hash53(match.value));
      else this.peopleCapped = true;
      const row = rowOf(segment, match.start);
      if (row !== undefined) {
        if (this.personRows.size < MAX_PEOPLE_COUNTED) this.personRows.add(row);
        else this.personRowsCapped = true;
      }
    }
    if (this.classifiers.length && !fromName) this.blankFields += countBlankFields(segment.text, segment.reportFrom ?? 0, segment.reportTo ?? segment.text.length);
    if (this.classifierKeys.size && !fromName) this.countKeywords(segment.text, segment.reportFrom ?? 0, segment.reportTo ?? segment.text.length);
  }

  /**
   * Counts the classifiers' titles and labels in `[from, to)`. Their own pass, not the detectors'
   * keyword pass: a title such as `Hasil RT-PCR` must not hide the `RT-PCR` label a detector
   * reads its value after (one regex matches one keyword at a position). Only when classifiers run.
   */
  private countKeywords(text: string, from: number, to: number): void {
    const pattern = vocabularyPattern(this.classifiers);
    if (!pattern) return;
    pattern.lastIndex = from;
    let m: RegExpExecArray | null;
    while ((m = pattern.exec(text)) !== null && m.index < to) {
      const key = compactKeyword(m[0]);
      if (this.classifierKeys.has(key)) this.keywordCounts.set(key, (this.keywordCounts.get(key) ?? 0) + 1);
    }
  }

  /** The file's classification, from everything observed and the finished report. */
  classify(report: Omit<FileReport, 'classification'>): FileClassification {
    let people = 0;
    for (const values of this.people.values()) people = Math.max(people, values.size);
    const health = this.healthFindings > 0;
    const person = this.personFindings > 0;
    const documents = this.documents(report, people);
    // A filled health document (any class but a register or a template) is health data about its person.
    const healthDocument = documents.some((d) => !NON_HEALTH_DOCUMENTS.has(d.id));
    // Findings of low severity only (a doctor's name on a letterhead) leave a file `public`.
    const label: PdpLabel =
      report.findingCount === 0 || this.significant === 0 ? 'public' : (health || healthDocument) && person ? 'sensitive-health' : 'personal';
    const categories: FileClassification['categories'] = [];
    if (this.umum) categories.push('umum');
    if (health || (healthDocument && person)) categories.push('spesifik-kesehatan');
    if (this.child) categories.push('anak');
    const decades = people > 0 ? Math.log10(people) : 0;
    const risk = label === 'public' ? 0 : Math.min(100, Math.round(LABEL_RISK[label] + RISK_PER_DECADE_OF_PEOPLE * decades + (this.child ? CHILD_RISK : 0)));
    return {
      label,
      categories,
      people,
      ...(this.peopleCapped ? { peopleCapped: true as const } : {}),
      bulkExport: people > BULK_EXPORT_PEOPLE,
      risk,
      documents,
    };
  }

  private documents(report: Omit<FileReport, 'classification'>, people: number): DocumentClass[] {
    if (!this.classifiers.length || report.status === 'skipped' || report.status === 'failed') return [];
    const counts = this.keywordCounts;
    const facts: FileFacts = {
      path: report.path,
      format: report.format,
      // Classifiers ask for each of their titles and labels: most files count none of them.
      keywordCount: counts.size === 0 ? () => 0 : (word) => counts.get(compactKeyOf(word)) ?? 0,
      countsByDetector: report.countsByDetector,
      findings: report.findings,
      people,
      personFindings: this.personFindings,
      healthFindings: this.healthFindings,
      personRows: this.personRowsCapped ? MAX_PEOPLE_COUNTED : this.personRows.size,
      blankFields: this.blankFields,
    };
    const found: DocumentClass[] = [];
    for (const classifier of this.classifiers) {
      const result = classifier.classify(facts);
      if (result && result.confidence >= MIN_DOCUMENT_CONFIDENCE) found.push(result);
    }
    if (!found.length) return [];
    // A form with its labels but no person in it is a blank template, never a filled document;
    // without blank fields it is text that only talks about such documents (news, a textbook).
    if (this.personFindings === 0) {
      if (this.blankFields < MIN_BLANK_FIELDS) return [];
      const best = Math.max(...found.map((d) => d.confidence));
      return [{ id: 'template', confidence: best, evidence: [`labels of ${found.map((d) => d.id).join(', ')}`, 'no person identified'] }];
    }
    return found.sort((a, b) => b.confidence - a.confidence);
  }
}

/** Blank fields a file needs to be called a template. */
const MIN_BLANK_FIELDS = 2;

/** A label's `:` or `|` at the end of a line, or followed only by dots or underscores: a blank form field. */
const BLANK_FIELD = /[:|][ \t]*(?:[._]{2,}[ \t]*)?(?=\r?\n|$)/g;

/** Counts blank form fields in `[from, to)`. One linear pass, only when classifiers run. */
function countBlankFields(text: string, from: number, to: number): number {
  let count = 0;
  BLANK_FIELD.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = BLANK_FIELD.exec(text)) !== null && m.index < to) {
    count++;
    if (m[0].length === 0) BLANK_FIELD.lastIndex++;
  }
  return count;
}

/** Document classes that are not health documents in themselves: a register may list anything, a template is blank. */
const NON_HEALTH_DOCUMENTS: ReadonlySet<string> = new Set(['patient-register', 'template']);

/** Person-identifying detectors: those that say so, plus the built-in identifier ids. */
const PERSON_IDENTIFIER_IDS: ReadonlySet<string> = new Set([
  'nik', 'patient-name', 'bpjs-card', 'medical-record-number', 'ihs-number', 'kk', 'npwp', 'passport-id', 'bpjs-sep', 'bpjs-rujukan',
]);

export function isPersonIdentifier(detector: Detector): boolean {
  return detector.meta.identifiesPerson ?? PERSON_IDENTIFIER_IDS.has(detector.id);
}

/** The table row of an offset (CSV/sheet cells), so a register can be told from a form. */
function rowOf(segment: Segment, offset: number): number | undefined {
  const locator = segment.context?.fields?.locatorAt(offset);
  if (!locator) return undefined;
  if (locator.kind === 'csv-cell') return locator.row;
  if (locator.kind === 'sheet-cell') {
    const digits = /[0-9]+$/.exec(locator.cell)?.[0];
    // Rows of different sheets must not merge: offset them by a hash of the sheet name.
    return digits === undefined ? undefined : (hash53(locator.sheet) % 1_000_000) * 10_000_000 + Number(digits);
  }
  return undefined;
}

const vocabularies = new WeakMap<readonly FileClassifier[], RegExp | undefined>();

/** Compact keys of the words classifiers ask about (their own titles and labels: a small, fixed set). */
const compactKeys = new Map<string, string>();
const MAX_COMPACT_KEYS = 10_000;

function compactKeyOf(word: string): string {
  let key = compactKeys.get(word);
  if (key === undefined) {
    if (compactKeys.size >= MAX_COMPACT_KEYS) compactKeys.clear();
    compactKeys.set(word, (key = compactKeyword(word)));
  }
  return key;
}

/**
 * One regex for every classifier keyword (longest first, word boundaries), compiled once per
 * classifier list. Its first use costs some 50 ms in every process (V8 compiles the ~200 words
 * with their `{0,3}` separators unrolled); a trie-shaped source (`keywordTrieSource`) was measured
 * no cheaper to compile and slower to build, so the flat alternation stays.
 */
function vocabularyPattern(classifiers: readonly FileClassifier[]): RegExp | undefined {
  if (vocabularies.has(classifiers)) return vocabularies.get(classifiers);
  const words = [...new Set(classifiers.flatMap((c) => c.keywords.words))].filter((w) => compactKeyword(w)).sort((a, b) => b.length - a.length);
  const pattern = words.length ? new RegExp(`(?<![A-Za-z0-9])(?:${words.map(keywordSource).join('|')})(?![A-Za-z0-9])`, 'gi') : undefined;
  vocabularies.set(classifiers, pattern);
  return pattern;
}

/** Compact keys of every classifier keyword: what the classifiers' keyword pass counts. */
export function classifierKeys(classifiers: readonly FileClassifier[]): Set<string> {
  const keys = new Set<string>();
  for (const c of classifiers) for (const w of c.keywords.words) keys.add(compactKeyword(w));
  return keys;
}

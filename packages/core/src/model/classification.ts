import type { KeywordSet } from './detector.js';
import type { Finding } from './report.js';

/**
 * A file's label under UU 27/2022 (PDP) Art. 4 (../shared/domain.md §9.1):
 * - `public`: nothing found;
 * - `personal`: general personal data (Art. 4(3), `umum`) and no health data tied to a person;
 * - `sensitive-health`: health data (Art. 4(2)(a), `spesifik`) and a person identifier in the same file.
 */
export type PdpLabel = 'public' | 'personal' | 'sensitive-health';
export const PDP_LABELS: readonly PdpLabel[] = ['public', 'personal', 'sensitive-health'];

/** Files with identifiers of more than this many distinct people are flagged `bulkExport` (the 2022 leak was such files). */
export const BULK_EXPORT_PEOPLE = 100;

/** A document class with how sure the classifier is and why (labels seen, findings). */
export interface DocumentClass {
  /** The classifier's id, e.g. `bpjs-sep`, or `template` for a blank form of some class. */
  id: string;
  /** 0..1 */
  confidence: number;
  /** Labels and findings that made the class, e.g. `title "SURAT ELEGIBILITAS PESERTA"`, `finding covid-test-result`. Never a value. */
  evidence: string[];
}

/** What a file is, for a person deciding what to do with it. Set on every file report. */
export interface FileClassification {
  label: PdpLabel;
  /**
   * Categories of the data found (UU 27/2022 Art. 4): `umum`, `spesifik-kesehatan`, and
   * `anak` when a patient is a child (Art. 4(2)(e): `An.`/`By.` honorific, age under 18).
   */
  categories: ('umum' | 'spesifik-kesehatan' | 'anak')[];
  /**
   * Distinct people identified: the most distinct values any one person-identifying detector
   * (NIK, patient name, BPJS card, medical-record number …) found, counted also beyond the
   * detailed-findings cap. Capped at MAX_PEOPLE_COUNTED (then `peopleCapped`).
   */
  people: number;
  peopleCapped?: true;
  /** True when `people` > BULK_EXPORT_PEOPLE. */
  bulkExport: boolean;
  /** 0..100: grows with the label, the number of people and children's data. */
  risk: number;
  /** Document classes, most confident first; empty when none applies. */
  documents: DocumentClass[];
}

/**
 * What the engine knows about a file when it is done, handed to every classifier. Memory is
 * bounded: keyword counts are over the classifiers' own (finite) vocabulary, findings are the
 * detailed ones (capped), counts cover every finding.
 */
export interface FileFacts {
  path: string;
  /** Detected format (`text`, `csv`, `pdf` …). */
  format: string;
  /** How often a classifier keyword (as declared, e.g. `Surat Elegibilitas Peserta`) occurred in the content. */
  keywordCount(word: string): number;
  /** Findings per detector, including those beyond the detailed-findings cap. */
  countsByDetector: Readonly<Record<string, number>>;
  /** The detailed findings (at most `maxFindingsPerFile`). */
  findings: readonly Finding[];
  /** Distinct people (see FileClassification.people). */
  people: number;
  /** Findings from person-identifying detectors (content only, not the file name). */
  personFindings: number;
  /** Findings from health-category detectors (content only). */
  healthFindings: number;
  /** Distinct table rows (CSV/sheet) holding a person identifier; 0 for non-tabular files. */
  personRows: number;
  /**
   * Form fields left blank: lines ending in a label's `:` or `|` with nothing, dots or
   * underscores after it (`Nama Pasien : ..........`). What tells a blank template from prose
   * that merely mentions a form's words.
   */
  blankFields: number;
}

/**
 * Recognizes one kind of document from the labels seen and the findings of a whole file (or
 * archive member). Pure: no I/O, no text. Its keywords are found in the engine's one pass.
 * A class needs values: when a file has no person identifiers the engine turns every class
 * into `template` if the form's fields are blank (`blankFields`), and drops them otherwise (a
 * text that only talks about such documents), so a classifier only judges the structure.
 */
export interface FileClassifier {
  /** The document class, e.g. `bpjs-sep`; equals the classifier's file name. */
  readonly id: string;
  readonly description: string;
  /** Titles and labels this class is recognized by. */
  readonly keywords: KeywordSet;
  /** Returns the class with its confidence and evidence, or undefined. */
  classify(facts: FileFacts): DocumentClass | undefined;
  /** Examples the classifier test runs: documents of this class and hard negatives. */
  readonly examples?: { positive: readonly string[]; negative: readonly string[] };
}

import type { SegmentContext } from './segment.js';

/**
 * UU 27/2022 (PDP) Art. 4: personal data is `umum` (general) or `spesifik` (specific);
 * health data is specific (Art. 4(2)(a)). See ../shared/domain.md §9.1.
 */
export type DataCategory = 'umum' | 'spesifik-kesehatan';

export type Severity = 'low' | 'medium' | 'high' | 'critical';
export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];

export type ConfidenceLevel = 'low' | 'medium' | 'high';
export const CONFIDENCE_LEVELS: readonly ConfidenceLevel[] = ['low', 'medium', 'high'];

/** What a detector is about; shown in `saring detectors`, reports and SARIF rules. */
export interface DetectorMeta {
  /** The kind of thing found, e.g. `NIK (KTP number)`. */
  entity: string;
  category: DataCategory;
  severity: Severity;
  description: string;
  /** Where the rule comes from (a section of domain.md, a regulation). */
  reference?: string;
  /**
   * True for detectors whose values each point at one person (NIK, patient name, BPJS card,
   * medical-record number): the engine counts distinct people with them and a file needs one
   * for health data to make it `sensitive-health` (model/classification.ts).
   */
  identifiesPerson?: boolean;
}

/** The result of checking a value beyond its shape. A named union, never a tri-state boolean. */
export type Validation = 'valid' | 'invalid' | 'unchecked';

/** Why a detector reported what it reported. Every finding carries one. */
export interface Explanation {
  /** The pattern or rule that matched, e.g. `nik-16-digits`. */
  pattern: string;
  validation: Validation;
  /** What the validation checked or found, e.g. `province 31, born 1945-08-17, male`. */
  validationNote?: string;
  /** Context that raised the score: keywords found nearby, or a column header / key. */
  context: string[];
  /** Anything else worth saying, e.g. `Excel-damaged: 15 significant digits`. */
  notes?: string[];
}

/** One match a detector returns, in the coordinates of the segment text. */
export interface DetectorMatch {
  start: number;
  end: number;
  /** The normalized value (separators stripped, dates in ISO form): what is masked and fingerprinted. */
  value: string;
  /** 0..1. */
  score: number;
  explanation: Explanation;
  /** The person is a child (`An.`, `By.` honorific, age under 18): UU 27/2022 Art. 4(2)(e) `data anak`. */
  child?: true;
}

/** The kinds of candidates the engine's one-pass scanner finds. */
export type CandidateKind = 'number' | 'code' | 'email' | 'keyword';

/**
 * A candidate found by the engine's one-pass scanner, handed to the detectors that asked for
 * its kind. Offsets are in the segment text.
 *
 * - `number`: digits with single separators (space . - /) between groups and an optional
 *   leading `+`, e.g. `+62 812-3456-7890`, `32 7300 010101 0001`, `17-08-1945`. The engine
 *   splits a run of several numbers into every contiguous run of groups, so `groups`
 *   says where this candidate sits in the run it came from.
 * - `code`: a token of letters and digits containing both, e.g. `0301R0011117V000008`, `P02478375538`.
 * - `email`: the domain part starting at `@`; the detector extends it to the left.
 * - `keyword`: one of the detector's own `labels`, found on word boundaries (case-insensitive).
 */
export interface Candidate {
  kind: CandidateKind;
  start: number;
  end: number;
  /** The candidate text as written. */
  text: string;
  /** `number` only: the digits without separators or `+`. */
  digits: string;
  /** `number` only: true when more digit groups touch this candidate with single separators. */
  partOfLongerNumber: boolean;
  /** `keyword` only: the label as the detector declared it. */
  keyword: string;
}

/** Keyword hits near a position, for context scoring. */
export interface KeywordHit {
  keyword: string;
  start: number;
  end: number;
}

/** The detector's read-only view of the segment being scanned. */
export interface DetectView {
  readonly text: string;
  readonly context: SegmentContext | undefined;
  /** The label of the field containing `offset` (column header, JSON key, segment label). */
  fieldLabel(offset: number): string | undefined;
  /**
   * Keywords from `words` (normalized lower-case, matched on word boundaries) that occur within
   * `window` characters before `start` or after `end`, nearest first; a field label that
   * contains one of them counts too (distance 0).
   */
  contextWords(words: KeywordSet, start: number, end: number, window: number): string[];
  /**
   * Keywords from `words` lying wholly inside `[from, to)`, in text order, from the engine's
   * keyword index (nothing is re-read): a label looked for on a value's own line or in its cell.
   */
  keywordsIn(words: KeywordSet, from: number, to: number): string[];
}

/**
 * A compiled set of context words. Build it once per detector with `keywordSet()`
 * so the engine can find all detectors' words in one pass.
 */
export interface KeywordSet {
  readonly words: readonly string[];
  /**
   * Returns the matching words contained (on word boundaries) in `label`. Underscores, dots and
   * dashes between words count as spaces (`no_ktp`, `No.KTP`), so a column header needs no rewriting.
   */
  matchLabel(label: string): string[];
}

/** What triggers a candidate-driven detector. */
export interface Triggers {
  /** Number candidates with this many digits (inclusive). */
  numbers?: { minDigits: number; maxDigits: number };
  codes?: boolean;
  emails?: boolean;
  /** Labels after which the detector reads a value itself (e.g. `Tgl. Lahir`, `No. RM`). */
  labels?: KeywordSet;
}

interface DetectorBase {
  /** Stable id used in configuration, reports and docs, e.g. `nik`. */
  readonly id: string;
  readonly meta: DetectorMeta;
  /** Context words; the engine finds them in the same pass as the candidates. */
  readonly keywords?: KeywordSet;
  /**
   * Words that make a candidate something else when they are near (`kartu kredit` next to 16
   * digits). Indexed in the same pass; query them with `view.contextWords`.
   */
  readonly negativeKeywords?: KeywordSet;
  /**
   * Masks a normalized value for display. The default keeps a few characters at each end.
   * NIK masking hides digits 7–12 (birth date and sex): `3174********0001`.
   */
  mask?(value: string): string;
  /** Examples the registry test runs: every detector ships positives and hard negatives. */
  readonly examples?: { positive: readonly string[]; negative: readonly string[] };
}

/**
 * A detector driven by the engine's one-pass candidate scanner: fast, and the shape
 * every built-in detector uses. `detect` is pure: no I/O, no masking, no line numbers.
 */
export interface CandidateDetector extends DetectorBase {
  readonly triggers: Triggers;
  detect(candidate: Candidate, view: DetectView): DetectorMatch | readonly DetectorMatch[] | undefined;
  /**
   * Optional: reads values that no candidate announces, in structured segments only — those
   * with field labels (table cells under a `nama_pasien` header), a segment label (`PID-5`,
   * DICOM `PatientName`) or a file name (`context.source === 'file-name'`). Never called for
   * plain text, so it costs nothing there. Must be linear in the segment length.
   */
  scanFields?(view: DetectView): readonly DetectorMatch[];
}

/**
 * A detector that reads the whole segment itself, e.g. a custom regular expression.
 * Simpler to write, slower on large files: each one is an extra pass over the text.
 */
export interface SegmentDetector extends DetectorBase {
  readonly triggers?: undefined;
  scan(view: DetectView): readonly DetectorMatch[];
}

export type Detector = CandidateDetector | SegmentDetector;

export function isCandidateDetector(detector: Detector): detector is CandidateDetector {
  return detector.triggers !== undefined;
}

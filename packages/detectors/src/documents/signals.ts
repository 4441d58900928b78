import { keywordSet, type DocumentClass, type FileClassifier, type FileFacts } from '@saring/core';

/**
 * How much each kind of evidence adds to a document class's confidence (0..1). A title alone
 * is not enough (a letter may quote another document's title); a title plus two of the form's
 * labels, or the findings the form is filled with, is.
 */
export const DOCUMENT_WEIGHT = {
  /** One of the document's titles (`SURAT ELEGIBILITAS PESERTA`). */
  TITLE: 0.45,
  /** Each distinct form label seen (`No.SEP`, `Kls.Rawat`) … */
  LABEL: 0.1,
  /** … up to this much in all. */
  MAX_LABELS: 0.4,
} as const;

/** Table rows with a person identifier from which a file is a patient register (patient-register.ts). */
export const REGISTER_MIN_ROWS = 3;

/** What a document class is recognized by. */
export interface DocumentSignals {
  /** Titles printed on the document; any one counts. */
  titles: readonly string[];
  /** Labels printed on the form; each distinct one adds DOCUMENT_WEIGHT.LABEL. */
  labels: readonly string[];
  /** Findings the filled document holds, with what each adds (once, however many). */
  findings?: Readonly<Record<string, number>>;
  /** Findings the class cannot do without (e.g. a COVID result for `covid-test-result`). */
  requires?: readonly string[];
  /** At least this many distinct labels (besides the title) for the class. Default 0. */
  minLabels?: number;
  /**
   * The document is about one person (a result certificate). Its findings alone do not make a
   * register (REGISTER_MIN_ROWS people or more in a table) one: a register with a `hasil_pcr`
   * column is a patient register holding results. A title or a form label still counts.
   */
  onePerson?: boolean;
}

/** Weighs a file's facts against a class's signals; the evidence lists labels and detectors, never values. */
export function weigh(id: string, signals: DocumentSignals, facts: FileFacts): DocumentClass | undefined {
  for (const detector of signals.requires ?? []) if (!(facts.countsByDetector[detector] ?? 0)) return undefined;
  const evidence: string[] = [];
  let confidence = 0;
  const title = signals.titles.find((t) => facts.keywordCount(t) > 0);
  if (title) {
    confidence += DOCUMENT_WEIGHT.TITLE;
    evidence.push(`title "${title}"`);
  }
  const labels = signals.labels.filter((l) => facts.keywordCount(l) > 0);
  if (labels.length < (signals.minLabels ?? 0)) return undefined;
  if (labels.length) {
    confidence += Math.min(DOCUMENT_WEIGHT.MAX_LABELS, labels.length * DOCUMENT_WEIGHT.LABEL);
    evidence.push(`labels ${labels.map((l) => `"${l}"`).join(', ')}`);
  }
  for (const [detector, weight] of Object.entries(signals.findings ?? {})) {
    const count = facts.countsByDetector[detector] ?? 0;
    if (!count) continue;
    confidence += weight;
    evidence.push(`finding ${detector} ×${count}`);
  }
  if (!evidence.length) return undefined;
  if (signals.onePerson && !title && !labels.length && facts.personRows >= REGISTER_MIN_ROWS) return undefined;
  return { id, confidence: Math.round(Math.min(1, confidence) * 100) / 100, evidence };
}

/** Builds a classifier from its signals: the common shape of every class in this folder. */
export function documentClassifier(
  id: string,
  description: string,
  signals: DocumentSignals,
  examples: { positive: readonly string[]; negative: readonly string[] },
): FileClassifier {
  return {
    id,
    description,
    keywords: keywordSet([...signals.titles, ...signals.labels]),
    classify: (facts) => weigh(id, signals, facts),
    examples,
  };
}

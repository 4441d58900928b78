import type { DetectView } from '@saring/core';

/** A piece of a cell: the text between delimiters (`,` `;` `|` tab, quote, line break). */
const CELL = /[^\t,;|\n\r"]+/g;

/**
 * Visits every cell piece (its start and end) that lies in a field whose label `kindOf` accepts
 * (returns something other than undefined), in text order, with the label and its kind. Detectors
 * that read only some columns (names, test results) use it: with a FieldMap that lists its fields
 * (`forEachLabelled`), each label is judged once per segment and the other columns are never
 * read, so a million-row export costs one look per wanted cell, not a label lookup per cell.
 * `visit` may return the offset where reading should resume (a name read past a delimiter).
 */
export function forEachLabelledCell<K>(view: DetectView, kindOf: (label: string) => K | undefined, visit: (start: number, end: number, label: string, kind: K) => number | void): void {
  const fields = view.context?.fields;
  if (!fields) return;
  const text = view.text;
  const kinds = new Map<string, K | undefined>();
  const judge = (label: string): K | undefined => {
    if (kinds.has(label)) return kinds.get(label);
    const kind = kindOf(label);
    kinds.set(label, kind);
    return kind;
  };
  let resumeAt = 0;
  const readPieces = (from: number, until: number, label: string, kind: K) => {
    CELL.lastIndex = Math.max(from, resumeAt);
    let m: RegExpExecArray | null;
    while ((m = CELL.exec(text)) !== null && m.index <= until) {
      const next = visit(m.index, m.index + m[0].length, label, kind);
      resumeAt = Math.max(m.index + m[0].length, typeof next === 'number' ? next : 0);
      CELL.lastIndex = resumeAt;
    }
  };
  if (fields.forEachLabelled) {
    fields.forEachLabelled((start, end, label) => {
      if (end < resumeAt) return;
      const kind = judge(label);
      if (kind !== undefined) readPieces(start, end, label, kind);
    });
    return;
  }
  CELL.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CELL.exec(text)) !== null) {
    const label = fields.labelAt(m.index);
    if (label === undefined) continue;
    const kind = judge(label);
    if (kind === undefined) continue;
    const next = visit(m.index, m.index + m[0].length, label, kind);
    if (typeof next === 'number' && next > CELL.lastIndex) CELL.lastIndex = next;
  }
}

/** The regex above, for the ReDoS test. */
export const CELL_REGEXES = [CELL] as const;

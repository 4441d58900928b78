import { compactKeyword, keywordTrieSource, type DetectView, type KeywordSet } from '@saring/core';
import { LABEL_LOOKBACK_CHARS } from './score.js';

/**
 * Which label a value belongs to. The same 16 digits are a NIK, a family-card number or a
 * resident's NPWP depending on the label written in front of them (domain.md §1.5, §1.6), and
 * a 300-character context window cannot tell them apart when a KTP form prints `No. KK` and
 * `NIK` on adjacent lines: the label *after* a value is often nearer than its own. So this
 * looks only backwards, on the value's own line and the one before, and the nearest label wins.
 * A column header or JSON key (the field label) beats anything in the text.
 */
export class LabelGroups<G extends string> {
  private readonly pattern: RegExp;
  private readonly groupByKey = new Map<string, { group: G; word: string }>();

  constructor(groups: Readonly<Record<G, readonly string[]>>) {
    const words: string[] = [];
    for (const [group, list] of Object.entries(groups) as [G, readonly string[]][]) {
      for (const word of list) {
        const key = compactKeyword(word);
        if (!key) continue;
        if (!this.groupByKey.has(key)) this.groupByKey.set(key, { group, word });
        words.push(word);
      }
    }
    // A trie tries the longest continuation first, so `no kk` wins over `kk` at the same position,
    // and fails after a letter or two where a flat list of words would try every one.
    this.pattern = new RegExp(`(?<![A-Za-z0-9])(?:${keywordTrieSource(words)})(?![A-Za-z0-9])`, 'gi');
  }

  /** The regex this set compiles to, for the ReDoS test. */
  get regex(): RegExp {
    return this.pattern;
  }

  /** The last label in `text` and its group, if any. */
  lastIn(text: string): LabelHit<G> | undefined {
    let found: LabelHit<G> | undefined;
    this.pattern.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = this.pattern.exec(text)) !== null) found = this.groupByKey.get(compactKeyword(m[0])) ?? found;
    return found;
  }

  /**
   * The group of the label that a value at `start` belongs to: the field label (column header,
   * JSON key) if it names one of the groups, else the nearest label before `start` on the same
   * line (or the line before, with `lineBefore`), within LABEL_LOOKBACK_CHARS.
   */
  nearestBefore(view: DetectView, start: number, lineBefore = true): G | undefined {
    return this.nearest(view, start, lineBefore)?.group;
  }

  /** Like `nearestBefore`, with the label as declared (for explanations); a field label says `field …`. */
  nearest(view: DetectView, start: number, lineBefore = true): LabelHit<G> | undefined {
    const field = view.fieldLabel(start);
    if (field !== undefined) {
      const hit = this.ofField(field);
      if (hit !== undefined) return hit;
    }
    const prefix = ownPrefix(view, start, LABEL_LOOKBACK_CHARS, lineBefore);
    return hasLetter(prefix) ? this.lastIn(prefix) : undefined;
  }

  /** Column headers repeat for every cell: each is matched once (bounded, like `KeywordSet.matchLabel`). */
  private readonly fieldHits = new Map<string, LabelHit<G> | null>();

  private ofField(field: string): LabelHit<G> | undefined {
    let hit = this.fieldHits.get(field);
    if (hit === undefined) {
      const found = this.lastIn(field.replace(/_/g, ' '));
      hit = found === undefined ? null : { group: found.group, word: `field ${field}` };
      if (this.fieldHits.size >= MAX_REMEMBERED_FIELDS) this.fieldHits.clear();
      this.fieldHits.set(field, hit);
    }
    return hit ?? undefined;
  }
}

/** Distinct field labels remembered per label set. */
const MAX_REMEMBERED_FIELDS = 10_000;

/** True when `text` holds a letter: without one there is no label to look for. */
export function hasLetter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) | 32;
    if (c >= 97 && c <= 122) return true;
  }
  return false;
}

/**
 * The text before `start` where a label for the value there can be written: its own line (and
 * the line before when `lineBefore`), at most `maxChars`, and never further back than the start
 * of its own cell in a table with column headers (CSV, sheet): the cells before it in the row
 * are other columns' values, not labels. `Jl. Merdeka 1` in the address column must not make the
 * phone number in the next column a public number.
 */
export function ownPrefix(view: DetectView, start: number, maxChars: number, lineBefore = false): string {
  return view.text.slice(ownPrefixStart(view, start, maxChars, lineBefore), start);
}

/** Where `ownPrefix` begins. */
export function ownPrefixStart(view: DetectView, start: number, maxChars: number, lineBefore = false): number {
  let from = Math.max(0, start - maxChars);
  // Only under a column header: a sheet laid out as a form (`No. KK` in A5, the number in B5) has
  // no header, and there the cell before is the label.
  const fields = view.context?.fields;
  const fieldStart = fields?.fieldStartAt && fields.labelAt(start) !== undefined ? fields.fieldStartAt(start) : undefined;
  if (fieldStart !== undefined && fieldStart > from) from = fieldStart;
  // Back to the line break (or the second one with `lineBefore`), reading at most `maxChars`.
  const text = view.text;
  let breaks = lineBefore ? 2 : 1;
  for (let i = start - 1; i >= from; i--) {
    if (text.charCodeAt(i) === 10 && --breaks === 0) return i + 1;
  }
  return from;
}

/** A label found before a value: its group and the word as declared. */
export interface LabelHit<G extends string> {
  group: G;
  word: string;
}

/**
 * Identity-number labels shared by `nik`, `kk` and `npwp`: whichever is nearest decides which
 * detector owns a 16-digit value (domain.md §0, §1.4–1.6, §3 identifier systems).
 */
export const IDENTITY_LABELS = new LabelGroups({
  nik: [
    'nik', 'no nik', 'nomor nik', 'ktp', 'no ktp', 'nomor ktp', 'no_ktp', 'e-ktp', 'kartu tanda penduduk', 'nomor induk kependudukan',
    'no identitas', 'nomor identitas', 'nik pasien', 'nik ibu', 'nik-ibu', 'nik penanggung jawab',
  ],
  kk: ['kk', 'no kk', 'nomor kk', 'no. kk', 'no_kk', 'nokk', 'kartu keluarga', 'nomor kartu keluarga', 'no kartu keluarga', 'nkk'],
  npwp: ['npwp', 'no npwp', 'nomor npwp', 'npwp 16', 'nomor pokok wajib pajak'],
});

/** How far back in its own cell a label such as `NIK:` is looked for when the value sits in a table. */
const IN_CELL_LABEL_CHARS = 24;

/**
 * Context words for a value. In a table (CSV, sheet) the column header is the context: the
 * 300-character window would also take in the headers of the *other* columns on row 2 and
 * call a `kode_va` cell a NIK because `no_ktp` is the next column. So in a table (a FieldMap, or a
 * text table) only the cell's own header and a label written in the cell count; elsewhere the
 * engine's window does.
 */
export function contextOf(view: DetectView, words: KeywordSet, start: number, end: number, window: number): string[] {
  // A text table (`| No. HP |` over `|---|`) counts as a table too.
  const fieldHeader = view.context?.fields?.labelAt(start);
  const header = fieldHeader ?? pipeTableHeader(view, start);
  if (header === undefined) return view.contextWords(words, start, end, window);
  // A copy: `matchLabel` hands out its remembered answer, which must not grow.
  const found = [...words.matchLabel(header)];
  let from = ownPrefixStart(view, start, IN_CELL_LABEL_CHARS);
  if (fieldHeader === undefined) from = Math.max(from, view.text.lastIndexOf('|', start - 1) + 1); // a text table's own cell (the row starts with `|`)
  for (const word of view.keywordsIn(words, from, start)) if (!found.includes(word)) found.push(word);
  return found;
}

/** How far above a row the header of its pipe table is looked for. */
const TABLE_LOOKBACK_CHARS = 16 * 1024;
const PIPE = 124;

interface PipeTable {
  headers: string[];
  /** Offset after which every line up to `verifiedTo` is a row of this table. */
  verifiedTo: number;
}

/** What the last look-up in a segment found: a table, or no header above the row at `searchedTo`. */
type TableMemo = PipeTable | { headers: undefined; searchedTo: number };

const pipeTables = new WeakMap<DetectView, TableMemo>();

/**
 * The column header above `offset` when it sits in a row of a text table (`| No. RM | NIK |`,
 * a `|---|---|` line, then rows), as SIMRS screens and Markdown exports print them. The header
 * found is remembered per segment and rows are checked once as the scan moves down, so a long
 * table costs one pass, not one look-back per value.
 */
export function pipeTableHeader(view: DetectView, offset: number): string | undefined {
  const text = view.text;
  // Bounded: on a megabyte-long line, looking for its start from every value would be quadratic.
  const lineStart = lineStartOf(view, offset);
  if (offset - lineStart > MAX_ROW_CHARS || text.charCodeAt(lineStart) !== PIPE) return undefined;
  const memo = pipeTables.get(view);
  let table = memo?.headers !== undefined && rowsContinue(text, memo, lineStart) ? memo : undefined;
  if (!table) {
    // Rows above a row already searched in vain need no second look: stop there.
    const stopAt = memo?.headers === undefined && memo !== undefined && memo.searchedTo <= lineStart ? memo.searchedTo : 0;
    table = findPipeTable(text, lineStart, stopAt);
    pipeTables.set(view, table ?? { headers: undefined, searchedTo: lineStart });
    if (!table) return undefined;
  }
  let column = 0;
  for (let i = lineStart; i < offset; i++) if (text.charCodeAt(i) === PIPE) column++;
  return table.headers[column - 1];
}

/** Longest table row looked at; a longer line is not a table a person prints. */
const MAX_ROW_CHARS = 4096;

const lineStarts = new WeakMap<DetectView, { at: number; lineStart: number }>();

/**
 * The start of the line holding `offset`. Values arrive in text order, so the search resumes where
 * the previous one stopped: one pass over a megabyte-long line, not one look-back per value.
 */
function lineStartOf(view: DetectView, offset: number): number {
  const text = view.text;
  const last = lineStarts.get(view);
  const floor = last && last.at <= offset ? last.at : 0;
  let lineStart = last && last.at <= offset ? last.lineStart : 0;
  for (let i = offset - 1; i >= floor; i--) {
    if (text.charCodeAt(i) === 10) {
      lineStart = i + 1;
      break;
    }
  }
  lineStarts.set(view, { at: offset, lineStart });
  return lineStart;
}

/** True when every line from the last verified row down to `lineStart` is a table row. */
function rowsContinue(text: string, table: PipeTable, lineStart: number): boolean {
  if (lineStart < table.verifiedTo) return false;
  let at = table.verifiedTo;
  while (at < lineStart) {
    if (text.charCodeAt(at) !== PIPE) return false;
    const next = text.indexOf('\n', at);
    if (next === -1 || next >= lineStart) break;
    at = next + 1;
  }
  table.verifiedTo = lineStart;
  return true;
}

const SEPARATOR_ROW = /^\|[ \t:|-]{3,}\r?$/;

/**
 * Walks up from a row to the `|---|` separator (rows only in between) and reads the header line
 * above it; gives up at a line that is not a row, at `stopAt`, or after TABLE_LOOKBACK_CHARS.
 */
function findPipeTable(text: string, lineStart: number, stopAt: number): PipeTable | undefined {
  const floor = Math.max(0, lineStart - TABLE_LOOKBACK_CHARS, stopAt);
  let end = lineStart - 1; // the '\n' ending the previous line
  while (end > floor) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    if (line.charCodeAt(0) !== PIPE) return undefined;
    if (SEPARATOR_ROW.test(line)) {
      if (start === 0) return undefined;
      const headerStart = text.lastIndexOf('\n', start - 2) + 1;
      const header = text.slice(headerStart, start - 1);
      if (header.charCodeAt(0) !== PIPE) return undefined;
      return { headers: header.split('|').slice(1).map((h) => h.trim()), verifiedTo: lineStart };
    }
    end = start - 1;
  }
  return undefined;
}

/** The regexes above, for the ReDoS test. */
export const LABEL_REGEXES = [SEPARATOR_ROW] as const;

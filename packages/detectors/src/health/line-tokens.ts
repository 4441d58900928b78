/**
 * Reading a value on the rest of a line after a label, shared by the health detectors: one
 * bounded slice, one linear tokenizer, no backtracking.
 */

/** Characters of a line read after a label. */
export const LINE_CHARS = 160;

export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
}

const TOKEN = /[A-Za-z]+(?:[-'][A-Za-z0-9]+)*|[0-9]+(?:[.,][0-9]+)*|[^\sA-Za-z0-9]/g;

/** Tokens of `text[from, to)`: words (with inner hyphens), numbers (with `.`/`,`), single punctuation. */
export function tokensOf(text: string, from: number, to: number): Token[] {
  const slice = text.slice(from, to);
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(slice)) !== null) out.push({ text: m[0], lower: m[0].toLowerCase(), start: from + m.index, end: from + m.index + m[0].length });
  return out;
}

/** The end of the line that `from` is on, at most LINE_CHARS away. */
export function lineEnd(text: string, from: number): number {
  const limit = Math.min(text.length, from + LINE_CHARS);
  for (let i = from; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return limit;
}

/** Separators between a label and its value in forms and tables. */
export const SEPARATORS = new Set([':', '=', '|', ';', '"', "'"]);

/** True for a token that is only punctuation. */
export function isPunct(token: Token): boolean {
  return token.text.length === 1 && !/[A-Za-z0-9]/.test(token.text);
}

import type { KeywordSet } from '../model/detector.js';

/** Letters and digits only, lower-case: `No. KTP` -> `noktp`. The key keyword hits are looked up by. */
export function compactKeyword(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

const WORD_PARTS = /[a-z0-9]+/g;
/** Distinct labels remembered per keyword set. */
const MAX_CACHED_LABELS = 10_000;
/**
 * Longer labels are matched without the cache. Long enough for a DICOM attribute's label with its
 * synonyms (`PatientID (patient id, no rm, …)`), which every file of a study repeats.
 */
const MAX_CACHED_LABEL_CHARS = 160;

/**
 * A regex source matching `keyword` with flexible punctuation between its words:
 * `no. ktp` matches `No.KTP`, `NO KTP`, `no_ktp`. Parts are separated by at most three
 * characters that are neither letters, digits nor line breaks, so the pattern stays linear.
 */
export function keywordSource(keyword: string): string {
  const parts = keyword.toLowerCase().match(WORD_PARTS) ?? [];
  return parts.join('[^A-Za-z0-9\\n]{0,3}');
}

const SEPARATOR = '[^A-Za-z0-9\\n]{0,3}';

interface TrieNode {
  children: Map<string, TrieNode>;
  terminal: boolean;
}

/**
 * One regex source for many keywords, factored as a trie: `n(?:ik|o${SEPARATOR}(?:ktp|kk))`.
 * A flat alternation of hundreds of words makes the regex engine try each word at every
 * letter; the trie fails after a character or two, which keeps the one-pass scanner fast
 * however many context words the detectors declare. Between word parts the same flexible
 * separator as `keywordSource` is allowed. Longer continuations come before the end of a word,
 * so the longest keyword wins.
 */
export function keywordTrieSource(keywords: readonly string[]): string {
  const root: TrieNode = { children: new Map(), terminal: false };
  for (const keyword of keywords) {
    const parts = keyword.toLowerCase().match(WORD_PARTS) ?? [];
    if (!parts.length) continue;
    let node = root;
    parts.forEach((part, i) => {
      const tokens = i === 0 ? [...part] : [' ', ...part];
      for (const token of tokens) {
        let next = node.children.get(token);
        if (!next) node.children.set(token, (next = { children: new Map(), terminal: false }));
        node = next;
      }
    });
    node.terminal = true;
  }
  const emit = (node: TrieNode): string => {
    const alternatives = [...node.children].map(([token, child]) => (token === ' ' ? SEPARATOR : token) + emit(child));
    if (node.terminal) alternatives.push('');
    if (alternatives.length === 0) return '';
    if (alternatives.length === 1) return alternatives[0]!;
    return `(?:${alternatives.join('|')})`;
  };
  return emit(root);
}

class CompiledKeywordSet implements KeywordSet {
  readonly words: readonly string[];
  /** compact key -> declared word */
  readonly byKey: ReadonlyMap<string, string>;
  private pattern: RegExp | null | undefined;

  constructor(words: readonly string[]) {
    const unique = [...new Set(words.map((w) => w.trim()).filter((w) => compactKeyword(w).length > 0))];
    this.words = unique;
    this.byKey = byCompactKey(unique);
  }

  /** Compiled on first use: every detector module builds its sets at import, and a CLI run may use few. */
  private get labelPattern(): RegExp | null {
    if (this.pattern === undefined) {
      this.pattern = this.words.length ? new RegExp(`(?<![A-Za-z0-9])${keywordTrieSource(this.words)}(?![A-Za-z0-9])`, 'gi') : null;
    }
    return this.pattern;
  }

  has(compactKey: string): boolean {
    return this.byKey.has(compactKey);
  }

  /** Labels repeat (a column header for every cell): remember the answer, within bounds. */
  private readonly labelCache = new Map<string, string[]>();

  matchLabel(label: string): string[] {
    // Only short labels repeat (column headers, keys); a stretch of free text is never asked twice.
    if (label.length > MAX_CACHED_LABEL_CHARS) return this.matchLabelUncached(label);
    const cached = this.labelCache.get(label);
    if (cached) return cached;
    const found = this.matchLabelUncached(label);
    if (this.labelCache.size >= MAX_CACHED_LABELS) this.labelCache.clear();
    this.labelCache.set(label, found);
    return found;
  }

  private matchLabelUncached(label: string): string[] {
    const pattern = this.labelPattern;
    if (!pattern) return [];
    const found: string[] = [];
    pattern.lastIndex = 0;
    for (const match of label.matchAll(pattern)) {
      const word = this.byKey.get(compactKeyword(match[0]));
      if (word !== undefined && !found.includes(word)) found.push(word);
    }
    return found;
  }
}

/** Words split into parts, as `keywordSource` joins them. */
export function wordPartCount(word: string): number {
  return (word.toLowerCase().match(WORD_PARTS) ?? []).length;
}

/**
 * compact key -> declared word. When several words share a key (`no sep`, `nosep`), the one with
 * the most parts is kept: its pattern also matches the compact spelling, not the other way round.
 */
function byCompactKey(words: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const word of words) {
    const key = compactKeyword(word);
    const known = map.get(key);
    if (known === undefined || wordPartCount(word) > wordPartCount(known)) map.set(key, word);
  }
  return map;
}

/**
 * Compiles a detector's context words (Indonesian and English), matched case-insensitively on
 * word boundaries — never as substrings (Presidio's "lic" inside "duplicate" is the mistake
 * to avoid). Build it once at module load.
 */
export function keywordSet(words: readonly string[]): KeywordSet {
  return new CompiledKeywordSet(words);
}

/** Engine-internal access to the compact keys of a set built by `keywordSet`. */
export function keywordKeys(set: KeywordSet): ReadonlyMap<string, string> {
  if (set instanceof CompiledKeywordSet) return set.byKey;
  return new Map(set.words.map((w) => [compactKeyword(w), w]));
}

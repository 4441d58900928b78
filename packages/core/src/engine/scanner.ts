import type { Candidate, CandidateDetector, DetectView, DetectorMatch, KeywordSet } from '../model/detector.js';
import type { SegmentContext } from '../model/segment.js';
import { compactKeyword, keywordKeys, keywordTrieSource, wordPartCount } from './keywords.js';

/** Longest token the scanner looks at; longer runs are split into sub-runs of groups anyway. */
const MAX_CODE_LENGTH = 64;

/**
 * The engine's one pass over a segment. One combined regular expression finds every
 * candidate kind at once (alphanumeric codes, numbers, e-mail domains, keywords), then
 * candidates are handed only to the detectors that asked for their kind and length. This is
 * what keeps Saring within reach of ripgrep: no detector runs its own pass over the text.
 *
 * Every alternative is linear: each starts on a token boundary and consumes disjoint
 * character classes, so there is nothing to backtrack into.
 */
export class CandidateScanner {
  private readonly pattern: RegExp | undefined;
  private readonly numberDetectors: CandidateDetector[][] = [];
  private readonly minDigits: number;
  private readonly maxDigits: number;
  private readonly codeDetectors: CandidateDetector[];
  private readonly emailDetectors: CandidateDetector[];
  /** compact label key -> detectors that read a value after it */
  private readonly labelDetectors = new Map<string, { detector: CandidateDetector; word: string }[]>();
  private readonly keywordWords = new Map<string, string>();

  constructor(detectors: readonly CandidateDetector[], extraKeywordSets: readonly KeywordSet[] = []) {
    let min = Infinity;
    let max = 0;
    for (const detector of detectors) {
      const numbers = detector.triggers.numbers;
      if (!numbers) continue;
      min = Math.min(min, numbers.minDigits);
      max = Math.max(max, numbers.maxDigits);
      for (let count = numbers.minDigits; count <= numbers.maxDigits; count++) {
        (this.numberDetectors[count] ??= []).push(detector);
      }
    }
    this.minDigits = min;
    this.maxDigits = max;
    this.codeDetectors = detectors.filter((d) => d.triggers.codes);
    this.emailDetectors = detectors.filter((d) => d.triggers.emails);

    const keywordSets: KeywordSet[] = [...extraKeywordSets];
    for (const detector of detectors) {
      if (detector.keywords) keywordSets.push(detector.keywords);
      if (detector.negativeKeywords) keywordSets.push(detector.negativeKeywords);
      const labels = detector.triggers.labels;
      if (!labels) continue;
      keywordSets.push(labels);
      for (const [key, word] of keywordKeys(labels)) {
        const list = this.labelDetectors.get(key) ?? [];
        list.push({ detector, word });
        this.labelDetectors.set(key, list);
      }
    }
    for (const set of keywordSets) {
      for (const [key, word] of keywordKeys(set)) {
        // `no sep` also matches `nosep`; keep the spelling with the most parts (keywords.ts).
        const known = this.keywordWords.get(key);
        if (known === undefined || wordPartCount(word) > wordPartCount(known)) this.keywordWords.set(key, word);
      }
    }

    // No capture groups: which alternative matched is read from the match's own characters
    // (`kindAt`), so a match allocates no capture strings — a dump has one every 15 bytes.
    const alternatives: string[] = [];
    // 1: code — letters then a digit, or digits then a letter, on a token start.
    if (this.codeDetectors.length) alternatives.push('(?<![0-9A-Za-z])(?:[A-Za-z]+[0-9]|[0-9]+[A-Za-z])[0-9A-Za-z]*');
    // 2: number — digit groups joined by single separators, optional leading +.
    if (max > 0) alternatives.push('(?<![0-9A-Za-z+])\\+?[0-9]+(?:[ .\\-/][0-9]+)*');
    // 3: e-mail domain, anchored on @.
    if (this.emailDetectors.length) alternatives.push('@[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)+');
    // 4: keywords, longest first. None starts with a digit or `@`, or `kindAt` could not tell.
    const words = [...this.keywordWords.values()].filter((w) => /^[a-z]/i.test(w.trim()));
    if (words.length) alternatives.push(`(?<![A-Za-z0-9])${keywordTrieSource(words)}(?![A-Za-z0-9])`);
    this.pattern = alternatives.length ? new RegExp(alternatives.join('|'), 'gi') : undefined;
  }

  /** The one combined regular expression (undefined when there is nothing to find), for the ReDoS test. */
  get regex(): RegExp | undefined {
    return this.pattern;
  }

  /**
   * Finds candidates in `text`, builds the keyword index for context lookups and returns
   * every detector match whose start lies in `[from, to)`.
   */
  scan(text: string, from: number, to: number, context: SegmentContext | undefined, sink: (detector: CandidateDetector, match: DetectorMatch) => void): SegmentView {
    const view = new SegmentView(text, context);
    const pattern = this.pattern;
    if (!pattern) return view;

    // Pass 1: one regex over the text; keywords are indexed, candidates queued.
    const kinds: number[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    pattern.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = pattern.exec(text)) !== null) {
      const start = m.index;
      const end = start + m[0].length;
      const kind = kindAt(text, start, end);
      if (kind === KEYWORD) {
        const key = this.compactKey(m[0]);
        view.addKeyword(start, end, key);
        if (start >= from && start < to && this.labelDetectors.has(key)) {
          kinds.push(KEYWORD);
          starts.push(start);
          ends.push(end);
        }
        continue;
      }
      if (start < from - MAX_CODE_LENGTH || start >= to) continue;
      kinds.push(kind);
      starts.push(start);
      ends.push(end);
    }

    // Pass 2: dispatch, now that context on both sides is known.
    for (let i = 0; i < kinds.length; i++) {
      const kind = kinds[i]!;
      const start = starts[i]!;
      const end = ends[i]!;
      if (kind === NUMBER) this.dispatchNumber(text, start, end, from, to, view, sink);
      else if (kind === CODE) {
        if (start < from || end - start > MAX_CODE_LENGTH) continue;
        const candidate = makeCandidate('code', start, end, text.slice(start, end), '', false, '');
        for (const detector of this.codeDetectors) emit(detector, detector.detect(candidate, view), sink);
      } else if (kind === EMAIL) {
        if (start < from) continue;
        const candidate = makeCandidate('email', start, end, text.slice(start, end), '', false, '');
        for (const detector of this.emailDetectors) emit(detector, detector.detect(candidate, view), sink);
      } else {
        const key = this.compactKey(text.slice(start, end));
        const targets = this.labelDetectors.get(key);
        if (!targets) continue;
        for (const { detector, word } of targets) {
          const candidate = makeCandidate('keyword', start, end, text.slice(start, end), '', false, word);
          emit(detector, detector.detect(candidate, view), sink);
        }
      }
    }
    return view;
  }

  /** Keyword spellings seen (`Jl.`, `dr`, `No. KTP`) -> compact key: a dump repeats the same few. */
  private readonly compactKeys = new Map<string, string>();

  private compactKey(spelling: string): string {
    let key = this.compactKeys.get(spelling);
    if (key === undefined) {
      key = compactKeyword(spelling);
      if (this.compactKeys.size >= MAX_REMEMBERED_SPELLINGS) this.compactKeys.clear();
      this.compactKeys.set(spelling, key);
    }
    return key;
  }

  /** Start and end of each digit group of the number being dispatched (reused). */
  private readonly groups: number[] = [];

  private dispatchNumber(text: string, start: number, end: number, from: number, to: number, view: SegmentView, sink: (detector: CandidateDetector, match: DetectorMatch) => void): void {
    // Digit groups from char codes: no regex, and no string until a detector wants the digits.
    const groups = this.groups;
    groups.length = 0;
    let at = text.charCodeAt(start) === 43 ? start + 1 : start; // after a '+'
    while (at < end) {
      const groupStart = at;
      while (at < end && isDigitCode(text.charCodeAt(at))) at++;
      groups.push(groupStart, at);
      at++; // the one separator between groups
    }
    // Fast path: one group of digits, by far the most common token.
    if (groups.length === 2 && groups[0] === start) {
      if (start < from) return;
      const detectors = this.numberDetectors[end - start];
      if (!detectors) return;
      const token = text.slice(start, end);
      const candidate = makeCandidate('number', start, end, token, token, false, '');
      for (const detector of detectors) emit(detector, detector.detect(candidate, view), sink);
      return;
    }
    // Several groups (or a `+`): every contiguous run of groups whose digit count some detector wants.
    const plus = groups[0] !== start;
    const last = groups.length / 2 - 1;
    for (let i = 0; i <= last; i++) {
      const runStart = i === 0 && plus ? start : groups[2 * i]!;
      if (runStart < from || runStart >= to) continue;
      let count = 0;
      for (let j = i; j <= last; j++) {
        count += groups[2 * j + 1]! - groups[2 * j]!;
        if (count > this.maxDigits) break;
        if (count < this.minDigits) continue;
        const detectors = this.numberDetectors[count];
        if (!detectors) continue;
        const runEnd = groups[2 * j + 1]!;
        let digits = '';
        for (let k = i; k <= j; k++) digits += text.slice(groups[2 * k]!, groups[2 * k + 1]!);
        const candidate = makeCandidate('number', runStart, runEnd, text.slice(runStart, runEnd), digits, i !== 0 || j !== last, '');
        for (const detector of detectors) emit(detector, detector.detect(candidate, view), sink);
      }
    }
  }
}

const CODE = 1;
const NUMBER = 2;
const EMAIL = 3;
const KEYWORD = 4;

const isDigitCode = (c: number) => c >= 48 && c <= 57;
const isLetterCode = (c: number) => (c | 32) >= 97 && (c | 32) <= 122;

/**
 * Which alternative of the combined regex matched `[start, end)`, from its characters: `@` starts
 * an e-mail domain and `+` a number; a run of digits (or letters) followed by a letter (or digit)
 * is a code, as the code alternative comes first; other digit runs are numbers, other letter runs
 * keywords.
 */
function kindAt(text: string, start: number, end: number): number {
  const first = text.charCodeAt(start);
  if (first === 64) return EMAIL; // '@'
  if (first === 43) return NUMBER; // '+'
  let i = start + 1;
  if (isDigitCode(first)) {
    while (i < end && isDigitCode(text.charCodeAt(i))) i++;
    return i < end && isLetterCode(text.charCodeAt(i)) ? CODE : NUMBER;
  }
  while (i < end && isLetterCode(text.charCodeAt(i))) i++;
  return i < end && isDigitCode(text.charCodeAt(i)) ? CODE : KEYWORD;
}

/** Distinct keyword spellings remembered by a scanner. */
const MAX_REMEMBERED_SPELLINGS = 10_000;

function makeCandidate(kind: Candidate['kind'], start: number, end: number, text: string, digits: string, partOfLongerNumber: boolean, keyword: string): Candidate {
  return { kind, start, end, text, digits, partOfLongerNumber, keyword };
}

function emit(detector: CandidateDetector, result: DetectorMatch | readonly DetectorMatch[] | undefined, sink: (detector: CandidateDetector, match: DetectorMatch) => void): void {
  if (result === undefined) return;
  if (Array.isArray(result)) for (const match of result as readonly DetectorMatch[]) sink(detector, match);
  else sink(detector, result as DetectorMatch);
}

/** The read-only view detectors get: text, context, and the keyword index of this segment. */
export class SegmentView implements DetectView {
  private readonly kwStarts: number[] = [];
  private readonly kwEnds: number[] = [];
  private readonly kwKeys: string[] = [];
  private readonly labelCache = new Map<KeywordSet, Map<string, string[]>>();

  constructor(
    readonly text: string,
    readonly context: SegmentContext | undefined,
  ) {}

  addKeyword(start: number, end: number, key: string): void {
    this.kwStarts.push(start);
    this.kwEnds.push(end);
    this.kwKeys.push(key);
  }

  /** Keyword spans overlapping `[from, to)` (keywords are indexed in text order). */
  keywordSpans(from: number, to: number): [number, number][] {
    const spans: [number, number][] = [];
    for (let i = firstAtLeast(this.kwEnds, from + 1); i < this.kwStarts.length && this.kwStarts[i]! < to; i++) {
      if (this.kwEnds[i]! > from) spans.push([this.kwStarts[i]!, this.kwEnds[i]!]);
    }
    return spans;
  }

  keywordsIn(words: KeywordSet, from: number, to: number): string[] {
    const found: string[] = [];
    if (from >= to) return found;
    const keys = keywordKeys(words);
    for (let i = firstAtLeast(this.kwStarts, from); i < this.kwStarts.length && this.kwEnds[i]! <= to; i++) {
      const word = keys.get(this.kwKeys[i]!);
      if (word !== undefined && !found.includes(word)) found.push(word);
    }
    return found;
  }

  private labelOffset = -1;
  private labelAtOffset: string | undefined;

  fieldLabel(offset: number): string | undefined {
    // Every detector of a candidate asks about the same offset: one search answers them all.
    if (offset !== this.labelOffset) {
      this.labelOffset = offset;
      this.labelAtOffset = this.context?.fields?.labelAt(offset) ?? this.context?.label;
    }
    return this.labelAtOffset;
  }

  contextWords(words: KeywordSet, start: number, end: number, window: number): string[] {
    const keys = keywordKeys(words);
    const found: string[] = [];
    // The field label's words first (distance 0), then the window's, nearest first.
    const label = this.fieldLabel(start);
    if (label !== undefined) {
      for (const word of this.labelWords(words, label)) if (!found.includes(word)) found.push(word);
    }
    const starts = this.kwStarts;
    // Usually none or one: kept in two small arrays, ordered by insertion (stable for equal distances).
    let near: string[] | undefined;
    let distances: number[] | undefined;
    // From the first keyword that can be in the window.
    for (let i = firstAtLeast(this.kwEnds, start - window); i < starts.length && starts[i]! <= end + window; i++) {
      const kwStart = starts[i]!;
      const kwEnd = this.kwEnds[i]!;
      if (kwEnd > start && kwStart < end) continue; // inside the candidate itself
      const word = keys.get(this.kwKeys[i]!);
      if (word === undefined) continue;
      const distance = kwEnd <= start ? start - kwEnd : kwStart - end;
      if (distance > window) continue;
      near ??= [];
      distances ??= [];
      let at = near.length;
      while (at > 0 && distances[at - 1]! > distance) at--;
      near.splice(at, 0, word);
      distances.splice(at, 0, distance);
    }
    if (near) for (const word of near) if (!found.includes(word)) found.push(word);
    return found;
  }

  private labelWords(words: KeywordSet, label: string): string[] {
    let perSet = this.labelCache.get(words);
    if (!perSet) this.labelCache.set(words, (perSet = new Map()));
    let hit = perSet.get(label);
    if (!hit) perSet.set(label, (hit = words.matchLabel(label.replace(/_/g, ' '))));
    return hit;
  }
}

/** Index of the first of the sorted `values` that is at least `target` (`values.length` if none). */
function firstAtLeast(values: readonly number[], target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

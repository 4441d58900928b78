import type { Detector, DetectorMatch } from '../model/detector.js';
import type { Locator } from '../model/locator.js';
import type { Finding } from '../model/report.js';
import type { Segment } from '../model/segment.js';
import { fingerprint } from '../report/fingerprint.js';
import { MASK_CHAR, confidenceOf, maskMiddle } from '../report/mask.js';
import type { SegmentView } from './scanner.js';

/** Characters of context on each side of a finding in its snippet. */
export const SNIPPET_CONTEXT_CHARS = 24;

export interface RawMatch {
  detector: Detector;
  match: DetectorMatch;
}

/**
 * Keeps the best match where matches overlap: the same 16 digits may be a NIK to one detector
 * and a KK number to another; the one with more evidence (a higher score) wins, then the
 * detector listed first.
 */
export function resolveOverlaps(matches: RawMatch[], order: ReadonlyMap<Detector, number>): RawMatch[] {
  if (matches.length < 2) return matches;
  // Candidates arrive in text order; only field readers and multi-group numbers add matches out of it.
  const byStart = isInTextOrder(matches) ? matches : [...matches].sort(byPosition);
  const kept: RawMatch[] = [];
  // Sweep clusters of mutually overlapping matches (usually one or two); rank only inside a cluster,
  // so a segment with a hundred thousand findings costs n log n, not n². A cluster is a range of
  // `byStart`: a lone match (nearly all of them) costs no array.
  const flush = (from: number, to: number) => {
    if (to - from === 1) kept.push(byStart[from]!);
    else if (to - from > 1) {
      const ranked = byStart.slice(from, to).sort((a, b) => b.match.score - a.match.score || (order.get(a.detector) ?? 0) - (order.get(b.detector) ?? 0) || a.match.start - b.match.start);
      const chosen: RawMatch[] = [];
      for (const candidate of ranked) {
        const { start, end } = candidate.match;
        if (!chosen.some((k) => k.match.start < end && start < k.match.end)) chosen.push(candidate);
      }
      kept.push(...chosen.sort((a, b) => a.match.start - b.match.start));
    }
  };
  let clusterStart = 0;
  let clusterEnd = -1;
  for (let i = 0; i < byStart.length; i++) {
    const { start, end } = byStart[i]!.match;
    if (start >= clusterEnd) {
      flush(clusterStart, i);
      clusterStart = i;
      clusterEnd = end;
    } else if (end > clusterEnd) clusterEnd = end;
  }
  flush(clusterStart, byStart.length);
  return kept;
}

function byPosition(a: RawMatch, b: RawMatch): number {
  return a.match.start - b.match.start || a.match.end - b.match.end;
}

function isInTextOrder(matches: readonly RawMatch[]): boolean {
  for (let i = 1; i < matches.length; i++) if (byPosition(matches[i - 1]!, matches[i]!) > 0) return false;
  return true;
}

export function maskValue(detector: Detector, value: string): string {
  return detector.mask ? detector.mask(value) : maskMiddle(value);
}

/**
 * A short, safe piece of context: labels (keywords the engine knows) stay readable, the finding
 * is shown masked, and every other letter or digit around it is masked too, since a name or a
 * number below the threshold may sit right next to it.
 */
export function buildSnippet(view: SegmentView, start: number, end: number, masked: string): string {
  const text = view.text;
  let from = Math.max(0, start - SNIPPET_CONTEXT_CHARS);
  let to = Math.min(text.length, end + SNIPPET_CONTEXT_CHARS);
  const lineStart = text.lastIndexOf('\n', start - 1);
  if (lineStart >= from) from = lineStart + 1;
  const lineEnd = text.indexOf('\n', end);
  if (lineEnd !== -1 && lineEnd < to) to = lineEnd;
  const spans = view.keywordSpans(from, to);
  const keep = (i: number) => spans.some(([s, e]) => i >= s && i < e);
  const part = (a: number, b: number): string => {
    let out = '';
    for (let i = a; i < b; i++) {
      const ch = text[i]!;
      out += /[\p{L}\p{N}]/u.test(ch) && !keep(i) ? MASK_CHAR : ch === '\t' || ch === '\r' ? ' ' : ch;
    }
    return out;
  };
  return (part(from, start) + masked + part(end, to)).trim();
}

const lineBreaks = new WeakMap<Segment, number[]>();

/** Offsets of the line breaks in a segment, computed once per segment that has findings. */
function breaksOf(segment: Segment): number[] {
  let breaks = lineBreaks.get(segment);
  if (!breaks) {
    breaks = [];
    const text = segment.text;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) breaks.push(i);
    lineBreaks.set(segment, breaks);
  }
  return breaks;
}

/** Where a match sits: the field's own locator, or the line and column for text. */
export function locate(segment: Segment, offset: number): Locator {
  const fromField = segment.context?.fields?.locatorAt(offset);
  if (fromField) return fromField;
  const base = segment.locator;
  if (base.kind !== 'text') return base;
  const breaks = breaksOf(segment);
  // Number of line breaks before offset.
  let lo = 0;
  let hi = breaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (breaks[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return { kind: 'text', line: base.line + lo, column: lo === 0 ? base.column + offset : offset - breaks[lo - 1]! };
}

export interface FindingOptions {
  key: Uint8Array;
  reveal: boolean;
}

export function toFinding(raw: RawMatch, segment: Segment, view: SegmentView, options: FindingOptions): Finding {
  const { detector, match } = raw;
  const masked = maskValue(detector, match.value);
  const score = Math.max(0, Math.min(1, Math.round(match.score * 1000) / 1000));
  const finding: Finding = {
    detector: detector.id,
    entity: detector.meta.entity,
    category: detector.meta.category,
    severity: detector.meta.severity,
    confidence: confidenceOf(score),
    score,
    locator: locate(segment, match.start),
    masked,
    snippet: buildSnippet(view, match.start, match.end, masked),
    fingerprint: fingerprint(options.key, detector.id, match.value),
    explanation: match.explanation,
  };
  if (match.child) finding.child = true;
  if (options.reveal) finding.value = match.value;
  return finding;
}

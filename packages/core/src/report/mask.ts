/** The character that replaces hidden characters in every output. */
export const MASK_CHAR = '*';

/**
 * The default mask: keeps a few characters at each end, fewer for short values, so a
 * reader can tell two findings apart without learning the value. Separators are not kept:
 * masks work on normalized values.
 */
export function maskMiddle(value: string, keepStart?: number, keepEnd?: number): string {
  const n = value.length;
  if (n <= 4) return MASK_CHAR.repeat(n);
  const start = keepStart ?? (n <= 8 ? 1 : 2);
  const end = keepEnd ?? (n <= 8 ? 1 : 2);
  if (start + end >= n) return MASK_CHAR.repeat(n);
  return value.slice(0, start) + MASK_CHAR.repeat(n - start - end) + value.slice(n - end);
}

/** Replaces every letter and digit with the mask character, keeping punctuation and spacing. */
export function maskAllAlphanumerics(text: string): string {
  return text.replace(/[\p{L}\p{N}]/gu, MASK_CHAR);
}

export type ConfidenceThreshold = 'low' | 'medium' | 'high';

/** Confidence levels: low < 0.4 <= medium < 0.75 <= high. */
export const MEDIUM_SCORE = 0.4;
export const HIGH_SCORE = 0.75;

export function confidenceOf(score: number): ConfidenceThreshold {
  return score >= HIGH_SCORE ? 'high' : score >= MEDIUM_SCORE ? 'medium' : 'low';
}

export function minScoreOf(level: ConfidenceThreshold): number {
  return level === 'high' ? HIGH_SCORE : level === 'medium' ? MEDIUM_SCORE : 0;
}

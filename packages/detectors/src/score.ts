/**
 * Every score constant in one place (style.md §3). Confidence levels are derived from scores:
 * low < 0.4 <= medium < 0.75 <= high.
 */
export const SCORE = {
  /** A shape that validates but has no label nearby: at most medium (issue 2: a plausible NIK without a keyword). */
  VALID_SHAPE: 0.5,
  /** Shape only, nothing checked: below the default threshold. */
  SHAPE_ONLY: 0.2,
  /** Added when a context word or a column header supports the match. */
  CONTEXT_BOOST: 0.35,
  /** Subtracted when the candidate is part of a longer run of digit groups. */
  PART_OF_LONGER_NUMBER: 0.2,
  /** A value read right after its own label (`No. RM: 123456`). */
  LABELLED_VALUE: 0.85,
  /** A mobile number with a known operator prefix, no label. */
  MOBILE_PREFIX: 0.55,
  /** A generic mailbox (info@, admin@) rather than a person's. */
  ROLE_MAILBOX: 0.3,
  /** A personal-looking e-mail address. */
  EMAIL: 0.6,
} as const;

/** Characters around a candidate searched for context words (Purview uses 300 for NIK; domain.md §1.2). */
export const CONTEXT_WINDOW_CHARS = 300;
/** Smaller window for labels that must be close (a phone label, a card label). */
export const NEAR_WINDOW_CHARS = 60;

export function clamp(score: number): number {
  return Math.max(0, Math.min(1, score));
}

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
  /** Subtracted from an unlabelled mobile written `62…` without `+`: as often an id as a phone. */
  BARE_COUNTRY_CODE: 0.2,
  /** A generic mailbox (info@, admin@) rather than a person's. */
  ROLE_MAILBOX: 0.3,
  /** A personal-looking e-mail address. */
  EMAIL: 0.6,
  /**
   * A value whose own label is the nearest one before it (`No. KK`, `NPWP`). Higher than a NIK
   * with context (VALID_SHAPE + CONTEXT_BOOST) so the labelled detector wins an overlap.
   */
  OWN_LABEL: 0.9,
  /** A 19-character BPJS letter number (SEP, rujukan) whose layout checks out, no label. */
  LETTER_NUMBER_SHAPE: 0.8,
  /** Subtracted from a BPJS card number that does not start with 000/001 like issued cards (domain.md §2.1). */
  UNTYPICAL_CARD_PREFIX: 0.1,
  /** Subtracted from a letter number whose facility-type character is not R/B/U/digit. */
  UNUSUAL_PPK_TYPE: 0.2,
  /** An Excel-damaged NIK (last digit zeroed, or scientific notation) next to a NIK label: probable. */
  EXCEL_DAMAGED: 0.6,
  /** Subtracted when the value sits in a URL or log line rather than next to a label. */
  NO_LABEL_ONLY_SHAPE: 0.1,
  /**
   * DICOM Basic Profile attributes (`dicom-phi`): the attribute is PHI by definition, but the score
   * stays below what `patient-name`, `nik`, `medical-record-number`, `birth-date` give the same value
   * with its label, so their more specific finding wins the overlap; `dicom-phi` covers the rest.
   */
  DICOM_IDENTIFIER: 0.7,
  /** Other Basic Profile attributes: dates, institution, descriptions, device, sequences. */
  DICOM_ATTRIBUTE: 0.55,
  /** UIDs (action U) and private blocks: link records rather than name a person. */
  DICOM_LINKING: 0.45,
  /** `dicom-burned-in`: the header says the pixels show identifying text. */
  DICOM_BURNED_IN_DECLARED: 0.85,
  /** `dicom-burned-in`: a rule of thumb (secondary capture, ultrasound) says they may. */
  DICOM_BURNED_IN_LIKELY: 0.6,
  /** Added when a name's words are in the Indonesian name lists (person/names-id.ts). */
  NAME_IN_GAZETTEER: 0.05,
  /** A name after a hospital honorific (`Tn.`, `Ny.`, `An.`, `By. Ny.`). */
  NAME_AFTER_HONORIFIC: 0.8,
  /** A name after `Ibu`/`Bapak`, with patient context nearby. */
  NAME_AFTER_WEAK_HONORIFIC: 0.65,
  /** Known Indonesian names in a file name (`BUDI_SANTOSO_thorax.pdf`): plausible, not certain. */
  NAME_IN_FILE_NAME: 0.55,
  /** A doctor's name: reported at medium confidence, low severity (practitioner-name). */
  PRACTITIONER_NAME: 0.6,
  /** A health value (COVID result, diagnosis code, lab value) read right after its own label. */
  HEALTH_VALUE: 0.9,
  /** A health value whose context is a column header or a nearby label, not its own label. */
  HEALTH_VALUE_NEAR_LABEL: 0.8,
} as const;

/** Characters around a candidate searched for context words (Purview uses 300 for NIK; domain.md §1.2). */
export const CONTEXT_WINDOW_CHARS = 300;
/** Smaller window for labels that must be close (a phone label, a card label). */
export const NEAR_WINDOW_CHARS = 60;
/** How far back on the current and previous line a value's own label is looked for. */
export const LABEL_LOOKBACK_CHARS = 80;

export function clamp(score: number): number {
  return Math.max(0, Math.min(1, score));
}

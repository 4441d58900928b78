import type { Locator } from './locator.js';

/**
 * Labelled sub-ranges of a segment: table cells under a column header, JSON values under
 * their key, form fields under their label. A detector asks for the label at an offset
 * (a column header counts as context for every cell below it); the engine asks for the
 * locator only when it reports a finding, so a million cells cost no objects.
 */
export interface FieldMap {
  /** The label of the field that contains `offset` (a column header, key, form label), if any. */
  labelAt(offset: number): string | undefined;
  /** Where `offset` sits, precise enough for a report (a cell, a pointer). */
  locatorAt(offset: number): Locator | undefined;
  /**
   * Where the field containing `offset` starts. A detector looking back for a label written in
   * the cell itself (`NIK: 3171…`) stops there instead of reading the previous cells of the row
   * (an address column ending in `Jl. …` would make the phone after it a public number).
   * Optional for custom maps.
   */
  fieldStartAt?(offset: number): number | undefined;
  /**
   * Visits every labelled field in text order (`end` inclusive, as `labelAt` counts it). A detector
   * that reads only some columns (names, test results) checks each distinct label once and skips
   * the rest instead of asking for the label of every cell. Optional for custom maps.
   */
  forEachLabelled?(visit: (start: number, end: number, label: string) => void): void;
}

/** What a detector needs beside the text. */
export interface SegmentContext {
  /** A label that applies to the whole segment: a JSON key, a form field name, `PID-5`, a DICOM keyword. */
  label?: string;
  /** Labelled sub-ranges for tabular and structured text. */
  fields?: FieldMap;
  /** Where the text came from when that changes its meaning (`file-name`, `ocr`, `metadata`, `comment`). */
  source?: 'content' | 'file-name' | 'metadata' | 'comment' | 'ocr';
  /** OCR confidence 0..100 for text read from pixels; a low value lowers the finding's confidence. */
  ocrConfidence?: number;
  /** Set by the DICOM extractor: the attribute this text is the value of (read by `dicom-phi`, `dicom-burned-in`). */
  dicom?: DicomAttributeContext;
}

/**
 * The DICOM attribute a segment comes from. The text is the attribute's value (names with `^`
 * as spaces, dates as `YYYY-MM-DD`), or a description such as `<3 items>` when `summary` is set.
 */
export interface DicomAttributeContext {
  /** `(0010,0010)`. */
  tag: string;
  /** `PatientName`; `PrivateCreator`/`PrivateAttribute` for private tags. */
  keyword: string;
  vr: string;
  /** The PS3.15 Table E.1-1 Basic Profile action (`Z`, `X/Z/D`, `U`, ...); absent when the attribute is not in the table. */
  profileAction?: string;
  /** An attribute of an odd (private) group. */
  isPrivate?: boolean;
  /** The text describes the value (sequence items, binary length) rather than being it. */
  summary?: boolean;
  /**
   * The value itself when the text is not it: a UID is given to detectors as `<UID>` plus its long
   * digit groups only (a NIK hidden in a UID), since its dozens of short groups are no PHI to them.
   */
  value?: string;
  /** The file says PatientIdentityRemoved YES, yet this value is still there. */
  claimsDeidentified?: boolean;
  /** Why the pixels may carry PHI (`BurnedInAnnotation YES`, `secondary capture`, ...), on the attribute that says so. */
  pixelRisk?: string;
}

/**
 * One piece of text an extractor hands to the detectors.
 *
 * Large text arrives as a series of overlapping segments. The engine reports a match only
 * when it starts inside `[reportFrom, reportTo)`, so a match that spans a chunk boundary is
 * found exactly once, and the overlap before `reportFrom` gives detectors their context.
 */
export interface Segment {
  text: string;
  /** Where offset 0 of `text` is. For `text` locators the engine derives line and column per finding. */
  locator: Locator;
  context?: SegmentContext;
  /** First offset this segment owns (default 0). */
  reportFrom?: number;
  /** Offset after the last one this segment owns (default `text.length`). */
  reportTo?: number;
}

import { isRealDate, isoDate } from './calendar.js';

/** Indonesian month names and their short forms (domain.md §8.3), plus English ones. */
const MONTHS: Readonly<Record<string, number>> = {
  januari: 1, jan: 1, january: 1,
  februari: 2, feb: 2, pebruari: 2, february: 2,
  maret: 3, mar: 3, march: 3,
  april: 4, apr: 4,
  mei: 5, may: 5,
  juni: 6, jun: 6, june: 6,
  juli: 7, jul: 7, july: 7,
  agustus: 8, agu: 8, agt: 8, agus: 8, ags: 8, aug: 8, august: 8,
  september: 9, sep: 9, sept: 9,
  oktober: 10, okt: 10, oct: 10, october: 10,
  november: 11, nov: 11, nop: 11,
  desember: 12, des: 12, dec: 12, december: 12,
};

/**
 * One date as written, anchored at the start of the input (use with `exec` on a slice or
 * with the sticky flag): `17-08-1945`, `17/08/1945`, `17.08.1945`, `1945-08-17`, DICOM
 * `19450817`, `17 Agustus 1945`, `17-Agu-1945`. Bounded quantifiers only.
 */
export const DATE_SOURCE =
  '(?:([0-9]{4})-([0-9]{2})-([0-9]{2})(?![0-9])' + // ISO
  '|([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})(?![0-9])' + // DD-MM-YYYY
  '|([0-9]{4})([0-9]{2})([0-9]{2})(?![0-9])' + // DICOM DA
  '|([0-9]{1,2})[ -]([A-Za-z]{3,9})\\.?[ -]([0-9]{4})(?![0-9]))'; // 17 Agustus 1945

const DATE = new RegExp(DATE_SOURCE, 'y');

export interface ParsedDate {
  /** `YYYY-MM-DD`. */
  iso: string;
  /** Characters consumed from `offset`. */
  length: number;
  format: 'iso' | 'dd-mm-yyyy' | 'yyyymmdd' | 'month-name';
}

/**
 * Reads a date at `offset` in `text`; undefined unless it is a real calendar date between
 * 1900 and `maxYear`.
 */
export function readDate(text: string, offset: number, maxYear: number): ParsedDate | undefined {
  DATE.lastIndex = offset;
  const m = DATE.exec(text);
  if (!m) return undefined;
  let year: number;
  let month: number;
  let day: number;
  let format: ParsedDate['format'];
  if (m[1] !== undefined) [year, month, day, format] = [Number(m[1]), Number(m[2]), Number(m[3]), 'iso'];
  else if (m[4] !== undefined) [year, month, day, format] = [Number(m[6]), Number(m[5]), Number(m[4]), 'dd-mm-yyyy'];
  else if (m[7] !== undefined) [year, month, day, format] = [Number(m[7]), Number(m[8]), Number(m[9]), 'yyyymmdd'];
  else {
    const named = MONTHS[m[11]!.toLowerCase()];
    if (named === undefined) return undefined;
    [year, month, day, format] = [Number(m[12]), named, Number(m[10]), 'month-name'];
  }
  if (year < 1900 || year > maxYear || !isRealDate(year, month, day)) return undefined;
  return { iso: isoDate(year, month, day), length: m[0].length, format };
}

/** The regexes above, for the ReDoS test. */
export const DATE_REGEXES = [DATE] as const;

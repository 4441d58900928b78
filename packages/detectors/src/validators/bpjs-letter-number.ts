/** The parts of a 19-character BPJS letter number (SEP, rujukan, control letter). */
export interface BpjsLetterNumber {
  /** 8-character facility (PPK) code, upper-case. */
  ppk: string;
  /** `R` hospital, `B`/`U` clinic, `digit` puskesmas, `other` anything else (domain.md §2.2). */
  ppkType: 'R' | 'B' | 'U' | 'digit' | 'other';
  month: number;
  /** Two-digit year of issue. */
  year: number;
  /** The type letter, upper-case: `V` SEP; `P`/`Y` FKTP, `B` hospital, `K` control, `N` internal referral. */
  letter: string;
  serial: string;
}

const LAYOUT = /^([0-9]{4}[0-9A-Z][0-9]{3})(0[1-9]|1[0-2])([0-9]{2})([A-Z])([0-9]{6})$/;

/**
 * Parses `PPK(8) MMYY(4) letter(1) serial(6)` (domain.md §2.3, §2.4, §11), case-insensitively
 * because catalogue samples include `1828r0011221v000001`. MM must be 01–12; the year is
 * not checked (catalogue dummy data is not date-consistent). Returns undefined otherwise.
 */
export function parseBpjsLetterNumber(code: string): BpjsLetterNumber | undefined {
  if (code.length !== 19) return undefined;
  const m = LAYOUT.exec(code.toUpperCase());
  if (!m) return undefined;
  const ppk = m[1]!;
  const type = ppk[4]!;
  const ppkType = type === 'R' || type === 'B' || type === 'U' ? type : /[0-9]/.test(type) ? 'digit' : 'other';
  return { ppk, ppkType, month: Number(m[2]), year: Number(m[3]), letter: m[4]!, serial: m[5]! };
}

/** The regexes above, for the ReDoS test. */
export const BPJS_LETTER_NUMBER_REGEXES = [LAYOUT] as const;

import { isRealDate, isoDate } from './calendar.js';

/**
 * Province codes accepted as the first two NIK digits: the union recommended by domain.md §1.3
 * ({11–19, 21, 31–36, 51–53, 61–65, 71–76, 81–82, 91–97}), since Papua codes differ between
 * Kemendagri, python-stdnum and BPS-style tables and NIKs never change after a split.
 */
export const PROVINCE_CODES: ReadonlySet<number> = new Set([
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91,
  92, 93, 94, 95, 96, 97,
]);

export type NikCheck =
  | { valid: true; province: number; birthDate: string; sex: 'male' | 'female' }
  | { valid: false; reason: string };

export interface NikRules {
  /** NIK adds 40 to the day for women; a KK number's date is a record date without it (domain.md §1.5). */
  femaleDayOffset: boolean;
}

/**
 * The NIK structure check (domain.md §1.1 validator recipe): 16 digits `PP RR SS DDMMYY XXXX`,
 * province in the accepted set, regency and district not 00, DD 01–31 (41–71 for women), a real
 * date in 19YY or 20YY, serial not 0000. There is no checksum. Input: digits only.
 */
const ALL_DIGITS = /^[0-9]+$/;

export function checkNikStructure(digits: string, rules: NikRules = { femaleDayOffset: true }): NikCheck {
  if (digits.length !== 16 || !ALL_DIGITS.test(digits)) return { valid: false, reason: 'not 16 digits' };
  // Two digits at a time from char codes: this runs for every 16-digit number in a dump.
  const pair = (at: number) => (digits.charCodeAt(at) - 48) * 10 + digits.charCodeAt(at + 1) - 48;
  const province = pair(0);
  if (!PROVINCE_CODES.has(province)) return { valid: false, reason: `province code ${digits.slice(0, 2)} does not exist` };
  if (pair(2) === 0) return { valid: false, reason: 'regency code 00' };
  if (pair(4) === 0) return { valid: false, reason: 'district code 00' };
  let day = pair(6);
  const month = pair(8);
  const yy = pair(10);
  let sex: 'male' | 'female' = 'male';
  if (rules.femaleDayOffset && day > 40) {
    day -= 40;
    sex = 'female';
  }
  // python-stdnum tries 19YY first, then 20YY (domain.md §1.1).
  const year = isRealDate(1900 + yy, month, day) ? 1900 + yy : isRealDate(2000 + yy, month, day) ? 2000 + yy : undefined;
  if (year === undefined) return { valid: false, reason: 'digits 7–12 are not a real date' };
  if (pair(12) === 0 && pair(14) === 0) return { valid: false, reason: 'serial 0000' };
  return { valid: true, province, birthDate: isoDate(year, month, day), sex };
}

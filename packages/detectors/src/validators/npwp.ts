import { luhnValid } from './luhn.js';
import { checkNikStructure } from './nik-structure.js';

export type NpwpCheck =
  | { valid: true; form: 'npwp-15' | 'npwp-16' | 'nik-as-npwp' }
  | { valid: false; reason: string };

/**
 * NPWP check (domain.md §1.6, python-stdnum's rules): 15 digits `99.999.999.9-999.999` with
 * digit 9 a Luhn check over digits 1–8; 16 digits starting with `0` = `0` + the old 15 (Luhn
 * over the first 10); any other 16 digits is a resident's NIK used as NPWP. Input: digits only.
 */
export function checkNpwp(digits: string): NpwpCheck {
  if (/^[0-9]{15}$/.test(digits)) {
    return luhnValid(digits.slice(0, 9)) ? { valid: true, form: 'npwp-15' } : { valid: false, reason: 'check digit 9 does not match' };
  }
  if (!/^[0-9]{16}$/.test(digits)) return { valid: false, reason: 'not 15 or 16 digits' };
  if (digits.startsWith('0')) {
    return luhnValid(digits.slice(0, 10)) ? { valid: true, form: 'npwp-16' } : { valid: false, reason: 'check digit 10 does not match' };
  }
  const nik = checkNikStructure(digits);
  return nik.valid ? { valid: true, form: 'nik-as-npwp' } : { valid: false, reason: `not a NIK: ${nik.reason}` };
}

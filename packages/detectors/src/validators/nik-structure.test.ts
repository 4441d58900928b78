import { describe, expect, it } from 'vitest';
import { checkNikStructure } from './nik-structure.js';

describe('checkNikStructure', () => {
  it.each([
    ['3171011708450001', { valid: true, province: 31, birthDate: '1945-08-17', sex: 'male' }],
    ['3171015708450001', { valid: true, province: 31, birthDate: '1945-08-17', sex: 'female' }],
    ['3273000101010001', { valid: false, reason: 'district code 00' }],
    ['3273010101010001', { valid: true, province: 32, birthDate: '1901-01-01', sex: 'male' }],
    ['9471012902000001', { valid: true, province: 94, birthDate: '2000-02-29', sex: 'male' }],
    ['9771016902000001', { valid: true, province: 97, birthDate: '2000-02-29', sex: 'female' }],
  ])('accepts %s', (digits, expected) => {
    expect(checkNikStructure(digits)).toEqual(expected);
  });

  it.each([
    ['2024010112345678', 'province code 20 does not exist'],
    ['4111111111111111', 'province code 41 does not exist'],
    ['3100011708450001', 'regency code 00'],
    ['3171013208450001', 'digits 7–12 are not a real date'],
    ['3171017208450001', 'digits 7–12 are not a real date'],
    ['3171011713450001', 'digits 7–12 are not a real date'],
    ['3171013102450001', 'digits 7–12 are not a real date'],
    ['3171011708450000', 'serial 0000'],
    ['317101170845000', 'not 16 digits'],
  ])('rejects %s (%s)', (digits, reason) => {
    expect(checkNikStructure(digits)).toEqual({ valid: false, reason });
  });

  it('has no +40 rule for KK numbers', () => {
    expect(checkNikStructure('3273015101900005', { femaleDayOffset: false })).toEqual({ valid: false, reason: 'digits 7–12 are not a real date' });
    expect(checkNikStructure('3273010101900005', { femaleDayOffset: false })).toMatchObject({ valid: true, birthDate: '1990-01-01' });
  });
});

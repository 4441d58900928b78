import { describe, expect, it } from 'vitest';
import { checkNpwp } from './npwp.js';

describe('checkNpwp', () => {
  it.each([
    ['013000666091000', { valid: true, form: 'npwp-15' }],
    ['0013000666091000', { valid: true, form: 'npwp-16' }],
    ['3171011708450001', { valid: true, form: 'nik-as-npwp' }],
  ])('accepts %s', (digits, expected) => {
    expect(checkNpwp(digits)).toEqual(expected);
  });

  it.each([
    ['013000667091000', 'check digit 9 does not match'],
    ['0013000667091000', 'check digit 10 does not match'],
    ['2024010112345678', 'not a NIK: province code 20 does not exist'],
    ['01300066609100', 'not 15 or 16 digits'],
    ['01.300.066.6-091.000', 'not 15 or 16 digits'],
  ])('rejects %s (%s)', (digits, reason) => {
    expect(checkNpwp(digits)).toEqual({ valid: false, reason });
  });
});

import { describe, expect, it } from 'vitest';
import { parseBpjsLetterNumber } from './bpjs-letter-number.js';

describe('parseBpjsLetterNumber', () => {
  it.each([
    ['0301R0011117V000008', { ppk: '0301R001', ppkType: 'R', month: 11, year: 17, letter: 'V', serial: '000008' }],
    ['1828r0011221v000001', { ppk: '1828R001', ppkType: 'R', month: 12, year: 21, letter: 'V', serial: '000001' }],
    ['030107010217Y001465', { ppk: '03010701', ppkType: 'digit', month: 2, year: 17, letter: 'Y', serial: '001465' }],
    ['0050B1070924P000001', { ppk: '0050B107', ppkType: 'B', month: 9, year: 24, letter: 'P', serial: '000001' }],
    ['0138U0200924P000001', { ppk: '0138U020', ppkType: 'U', month: 9, year: 24, letter: 'P', serial: '000001' }],
    ['0138X0200924P000001', { ppk: '0138X020', ppkType: 'other', month: 9, year: 24, letter: 'P', serial: '000001' }],
  ])('parses %s', (code, expected) => {
    expect(parseBpjsLetterNumber(code)).toEqual(expected);
  });

  it.each([['0301R0011317V000008'], ['0301R0010017V000008'], ['0301R0011117V00000'], ['0301R0011117VV00008'], ['0301RR011117V000008'], ['']])('rejects %j', (code) => {
    expect(parseBpjsLetterNumber(code)).toBeUndefined();
  });
});

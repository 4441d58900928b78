import { describe, expect, it } from 'vitest';
import { readDate } from './date-text.js';

describe('readDate', () => {
  it.each([
    ['17-08-1945', { iso: '1945-08-17', length: 10, format: 'dd-mm-yyyy' }],
    ['7/8/1945 x', { iso: '1945-08-07', length: 8, format: 'dd-mm-yyyy' }],
    ['17.08.1945', { iso: '1945-08-17', length: 10, format: 'dd-mm-yyyy' }],
    ['1945-08-17T00:00', { iso: '1945-08-17', length: 10, format: 'iso' }],
    ['19450817', { iso: '1945-08-17', length: 8, format: 'yyyymmdd' }],
    ['17 Agustus 1945', { iso: '1945-08-17', length: 15, format: 'month-name' }],
    ['6 januari 2022', { iso: '2022-01-06', length: 14, format: 'month-name' }],
    ['17-Agu-1945', { iso: '1945-08-17', length: 11, format: 'month-name' }],
    ['3 Des. 2001', { iso: '2001-12-03', length: 11, format: 'month-name' }],
    ['29-02-2000', { iso: '2000-02-29', length: 10, format: 'dd-mm-yyyy' }],
  ])('reads %j', (text, expected) => {
    expect(readDate(text, 0, 2099)).toEqual(expected);
  });

  it.each([['29-02-1900'], ['31-04-1990'], ['17-13-1945'], ['17 Foo 1945'], ['17-08-1845'], ['17-08-2100'], ['194508171'], ['17-08-19456'], ['']])('rejects %j', (text) => {
    expect(readDate(text, 0, 2099)).toBeUndefined();
  });

  it('reads at an offset', () => {
    expect(readDate('Lahir: 17-08-1945', 7, 2099)?.iso).toBe('1945-08-17');
  });
});

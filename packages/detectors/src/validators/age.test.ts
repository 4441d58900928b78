import { describe, expect, it } from 'vitest';
import { isMinor } from './age.js';

const TODAY = new Date(Date.UTC(2026, 10, 28));

describe('isMinor', () => {
  it.each([
    ['2010-01-01', true],
    ['2008-11-28', false], // 18 today
    ['2008-11-29', true], // 18 tomorrow
    ['1945-08-17', false],
    ['2030-01-01', false], // in the future: a typo, not a child
    ['17-08-2015', false], // not ISO
  ])('%s -> %s', (iso, expected) => {
    expect(isMinor(iso, TODAY)).toBe(expected);
  });
});

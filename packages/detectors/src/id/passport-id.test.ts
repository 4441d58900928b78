import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../test/scan-text.js';

describe('passport-id', () => {
  it.each([
    ['No. Paspor: A1234567', 'A1234567', ['no paspor']],
    ['Passport number B9876543', 'B9876543', ['passport number']],
    ['paspor: x7654321', 'X7654321', ['paspor']],
    ['Nomor Paspor : AB123456', 'AB123456', ['nomor paspor']],
    ['{"system": "https://fhir.kemkes.go.id/id/paspor", "value": "C1234567"}', 'C1234567', ['paspor']],
  ])('finds %j', async (text, value, context) => {
    const found = await findingsOf('passport-id', text);
    expect(found.map((f) => [f.value, f.masked, f.pattern, f.confidence, f.validation, f.context])).toEqual([
      [value, `${value[0]}${'*'.repeat(value.length - 3)}${value.slice(-2)}`, 'passport-letters-digits', 'high', 'unchecked', context],
    ]);
  });

  it.each([
    ['A1234567'],
    ['No. Paspor: A12345678'],
    ['No. Paspor: ABC12345'],
    ['No. Paspor: A12345'],
    ['Kamar A1234567'],
    ['Paspor (WNA): A1234567'],
    ['Passport (Malaysia, foreign): A12345678'],
    ['Kode order: A1234567'],
  ])('ignores %j', async (text) => {
    expect(await findingsOf('passport-id', text)).toEqual([]);
  });
});

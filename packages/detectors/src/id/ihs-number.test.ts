import { describe, expect, it } from 'vitest';
import { findingsOf } from '../../test/scan-text.js';

describe('ihs-number', () => {
  it.each([
    ['IHS Number: P02478375538', 'P02478375538', 'high', ['ihs number']],
    ['"reference": "Patient/P02478375538"', 'P02478375538', 'high', ['Patient/ reference']],
    ['{"system": "https://fhir.kemkes.go.id/id/ihs-number", "value": "P02428473601"}', 'P02428473601', 'high', ['ihs number']],
    ['ID SATUSEHAT p03647103112', 'P03647103112', 'high', ['id satusehat']],
  ])('finds %j', async (text, value, confidence, context) => {
    const found = await findingsOf('ihs-number', text);
    expect(found.map((f) => [f.value, f.masked, f.pattern, f.confidence, f.validation, f.context])).toEqual([
      [value, `${value.slice(0, 3)}******${value.slice(-3)}`, 'ihs-p-11-digits', confidence, 'unchecked', context],
    ]);
  });

  it.each([
    ['P02478375538'],
    ['IHS: P0247837553'],
    ['IHS: P024783755381'],
    ['SATUSEHAT Q02478375538'],
    ['Practitioner 10009880728 IHS'],
  ])('ignores %j', async (text) => {
    expect(await findingsOf('ihs-number', text)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { isPlaceholder, normalizeValue } from './attributes.js';
import { attributeInfo } from './keywords.js';

describe('DICOM values', () => {
  it.each(['ANON', 'Anonymized', 'ANONYMOUS', 'anon_0042', '----', 'XXXXXX', '000000', 'a3f9c2e17b5d40e8a3f9c2e17b5d40e8', 'REMOVED', '^^^', 'UNKNOWN', 'ANON PATIENT', 'ANONYMIZED ANONYMIZED', 'UNKNOWN PATIENT 0042', 'PASIEN TANPA NAMA'])(
    '%s is a placeholder',
    (value) => expect(isPlaceholder(value)).toBe(true),
  );
  it.each(['SITI AMINAH', 'Doe Archibald', 'PATIENT SITI', 'NY. ANON SUTRISNO', '00469120', 'MR2301000234', '3171011708450001', 'M', '1945-08-17', 'RSUD KOTA CONTOH'])(
    '%s is a real value',
    (value) => expect(isPlaceholder(value)).toBe(false),
  );

  it.each([
    ['SITI^AMINAH ', 'PN', 'SITI AMINAH'],
    ['WIJAYA^ANDI^^dr.^Sp.Rad', 'PN', 'WIJAYA ANDI dr. Sp.Rad'],
    ['Yamada^Tarou=山田^太郎', 'PN', 'Yamada Tarou = 山田 太郎'],
    ['19450817', 'DA', '1945-08-17'],
    ['1997.04.24', 'DA', '1997-04-24'],
    ['00469120\0', 'LO', '00469120'],
  ])('%j (%s) reads as %j', (value, vr, text) => expect(normalizeValue(value, vr)).toBe(text));
});

describe('Basic Profile table', () => {
  it.each([
    ['00100010', 'PatientName', 'Z'],
    ['00100020', 'PatientID', 'Z/D'],
    ['00080080', 'InstitutionName', 'X/Z/D'],
    ['0020000d', 'StudyInstanceUID', 'U'],
    ['60023000', 'OverlayData', 'X'],
    ['50100010', 'CurveData', 'X'],
  ])('%s is %s (%s)', (tag, keyword, action) => expect(attributeInfo(tag)).toMatchObject({ keyword, action }));

  it.each(['00080060', '00280301', '60013000', '60203000'])('%s is not in the profile', (tag) => expect(attributeInfo(tag)?.action).toBeUndefined());
});

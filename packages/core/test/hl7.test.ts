import { describe, expect, it } from 'vitest';
import { hl7FieldLabel, unescapeHl7 } from '../src/extract/hl7.js';
import { documentFixture, expectedTriples, manifest, scanDocument, triples } from './documents-helpers.js';

const truth = manifest().files;

describe('HL7 v2 extractor on the document fixtures', () => {
  it.each(['adt-a01.hl7', 'oru-r01.hl7'])('%s gives exactly its ground truth', async (name) => {
    const [report] = await scanDocument(documentFixture(name), name);
    expect([report!.format, report!.status]).toEqual(['hl7', 'scanned']);
    expect(triples(report!.findings)).toEqual(expectedTriples(truth[name]!));
  });

  it.each([
    ['\\n line ends', (s: string) => s.replace(/\r/g, '\n')],
    ['\\r\\n line ends', (s: string) => s.replace(/\r/g, '\r\n')],
    ['MLLP framing', (s: string) => `\u000b${s}\u001c\r`],
  ])('reads the same findings with %s', async (_, change) => {
    const original = documentFixture('adt-a01.hl7').toString('latin1');
    const [report] = await scanDocument(Buffer.from(change(original), 'latin1'), 'adt.hl7');
    expect(triples(report!.findings)).toEqual(expectedTriples(truth['adt-a01.hl7']!));
  });

  it('keeps what it can of a truncated message and scans damaged lines as text', async () => {
    const original = documentFixture('adt-a01.hl7').toString('latin1');
    const cut = original.slice(0, original.indexOf('|081234567890'));
    const [report] = await scanDocument(Buffer.from(`${cut}\r\u0001\u0002garbage NIK 3578021506880003\r`, 'latin1'), 'cut.hl7');
    expect(report!.status).toBe('scanned');
    const kept = { ...truth['adt-a01.hl7']!, findings: truth['adt-a01.hl7']!.findings.filter((f) => f.locator.kind === 'hl7-field' && f.locator.segment === 'PID' && f.locator.field < 13) };
    expect(triples(report!.findings)).toEqual(
      [...expectedTriples(kept), `nik 3578021506880003 @ ${JSON.stringify({ kind: 'text', line: 4, column: 1 })}`].sort(),
    );
  });
});

describe('hl7FieldLabel', () => {
  it.each([
    ['PID', 5, [], undefined, 'patient name nama pasien / PID-5'],
    ['PID', 7, [], undefined, 'birth date tanggal lahir / PID-7'],
    ['PID', 3, ['3273015203900007', '', '', 'DUKCAPIL', 'NIK'], undefined, 'patient identifier DUKCAPIL NIK / PID-3'],
    ['PID', 13, [], undefined, 'home phone telepon / PID-13'],
    ['PID', 11, [], undefined, 'patient address alamat / PID-11'],
    ['PID', 19, [], undefined, 'ssn / PID-19'],
    ['IN1', 36, [], undefined, 'insurance bpjs policy number no kartu / IN1-36'],
    ['OBX', 5, [], 'NIK ibu kandung', 'observation value NIK ibu kandung / OBX-5'],
    ['ZXY', 2, [], undefined, 'ZXY-2'],
  ] as const)('%s-%i', (segment, field, components, observation, expected) => {
    expect(hl7FieldLabel(segment, field, components, observation)).toBe(expected);
  });
});

describe('unescapeHl7', () => {
  it.each([
    ['a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f', 'a|b^c&d~e\\f'],
    ['baris\\.br\\dua', 'baris\ndua'],
    ['\\X4E494B\\ 1', 'NIK 1'],
    ['\\H\\tebal\\N\\', 'tebal'],
    ['unterminated \\F', 'unterminated \\F'],
  ])('%s', (input, expected) => {
    expect(unescapeHl7(input)).toBe(expected);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonLabel, systemLabel } from '../src/extract/json.js';
import type { FieldMap } from '../src/index.js';
import { jsonExtractor } from '../src/extract/json.js';
import { BufferSource } from '../src/walk/sources.js';
import type { ExtractContext, ReasonCode, Segment } from '../src/index.js';
import { DEFAULT_LIMITS } from '../src/engine/options.js';
import { documentFixture, expectedTriples, manifest, scanDocument, triples } from './documents-helpers.js';

const truth = manifest().files;

/** Runs the JSON extractor alone and returns `label | pointer | value` per value, plus issues. */
async function values(json: string, chunkSize = 7): Promise<{ values: string[]; issues: string[] }> {
  const bytes = Buffer.from(json);
  const issues: string[] = [];
  const source = new BufferSource(bytes);
  // Small chunks so every token is cut somewhere.
  const chunked = { size: bytes.length, head: source.head, async *chunks() { for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize); } };
  const context = {
    signal: new AbortController().signal,
    limits: DEFAULT_LIMITS,
    incomplete: (code: ReasonCode, message: string) => issues.push(`incomplete ${code}: ${message}`),
    issue: (code: ReasonCode, message: string) => issues.push(`${code}: ${message}`),
    scanMember: async () => {},
    consumeExpanded: () => true,
    setEncoding: () => {},
  } as unknown as ExtractContext;
  const out: string[] = [];
  for await (const segment of jsonExtractor.extract({ path: 'x.json', name: 'x.json', source: chunked, sniff: { format: 'json', encoding: 'utf-8' }, depth: 0 }, context)) {
    out.push(...describeSegment(segment));
  }
  return { values: out, issues };
}

function describeSegment(segment: Segment): string[] {
  const fields = segment.context?.fields as FieldMap | undefined;
  if (!fields) return [`text ${JSON.stringify(segment.locator)} ${segment.text.slice(segment.reportFrom ?? 0)}`];
  const lines: string[] = [];
  let at = 0;
  for (const line of segment.text.split('\n')) {
    if (line) {
      const locator = fields.locatorAt(at);
      lines.push(`${fields.labelAt(at)} | ${locator?.kind === 'json-pointer' ? locator.pointer : JSON.stringify(locator)} | ${line}`);
    }
    at += line.length + 1;
  }
  return lines;
}

describe('JSON extractor on the document fixtures', () => {
  it.each(['satusehat-patient-bundle.json', 'vclaim-peserta.json'])('%s gives exactly its ground truth', async (name) => {
    const [report] = await scanDocument(documentFixture(name), name);
    expect([report!.format, report!.status, report!.issues]).toEqual(['json', 'scanned', []]);
    expect(triples(report!.findings)).toEqual(expectedTriples(truth[name]!));
  });

  it('labels FHIR identifier values by their system, in either member order', async () => {
    const bundle = documentFixture('satusehat-patient-bundle.json').toString();
    const { values: found } = await values(bundle);
    expect(found.filter((v) => v.includes('/identifier/'))).toEqual([
      'Patient.identifier.use | /entry/0/resource/identifier/0/use | official',
      'Patient.identifier.system | /entry/0/resource/identifier/0/system | https://fhir.kemkes.go.id/id/nik',
      'nik Patient.identifier.value | /entry/0/resource/identifier/0/value | 3273015203900007',
      'Patient.identifier.use | /entry/0/resource/identifier/1/use | official',
      'ihs number Patient.identifier.value | /entry/0/resource/identifier/1/value | P02012345678',
      'Patient.identifier.system | /entry/0/resource/identifier/1/system | https://fhir.kemkes.go.id/id/ihs-number',
      'Patient.identifier.system | /entry/0/resource/identifier/2/system | https://fhir.kemkes.go.id/id/kk',
      'kk nomor kartu keluarga Patient.identifier.value | /entry/0/resource/identifier/2/value | 3273012005100012',
      'Patient.identifier.use | /entry/1/resource/identifier/0/use | official',
      'Patient.identifier.system | /entry/1/resource/identifier/0/system | https://fhir.kemkes.go.id/id/nik-ibu',
      'nik ibu Patient.identifier.value | /entry/1/resource/identifier/0/value | 3273016108650004',
    ]);
  });

  it.each([1, 3, 7, 4096])('reads the same values whatever the chunk size (%i)', async (size) => {
    const json = '{"a\\"b":["x\\u0041y",-1.5e3,true,null,{"c/d~e":"\\n\\\\"}],"3273015203900007":{}}';
    const { values: found, issues } = await values(json, size);
    expect(issues).toEqual([]);
    expect(found).toEqual([
      'key | /a"b | a"b',
      'a"b | /a"b/0 | xAy',
      'a"b | /a"b/1 | -1.5e3',
      'key | /a"b/4/c~1d~0e | c/d~e',
      // the value "\n\\" is a line break (an empty first line, not listed) and a backslash
      'a"b.c/d~e | /a"b/4/c~1d~0e | \\',
      'key | /3273015203900007 | 3273015203900007',
    ]);
  });

  it('reads JSON Lines, prefixing later documents', async () => {
    const { values: found } = await values('{"nik":"3273015203900007"}\n{"nik":"3578021506880003"}\n');
    expect(found).toEqual(['nik | /nik | 3273015203900007', 'nik | #2/nik | 3578021506880003']);
  });

  it('scans invalid JSON as text from where it breaks, with an issue', async () => {
    const { values: found, issues } = await values('{"nama":"Budi", oops NIK 3578021506880003\nlagi');
    expect(found).toEqual(['nama | /nama | Budi', 'text {"kind":"text","line":1,"column":15} oops NIK 3578021506880003\nlagi']);
    expect(issues).toEqual(['corrupt: The file is not valid JSON from line 1; from there on it was scanned as plain text.']);
  });

  it('keeps what a truncated file holds, with an issue', async () => {
    const { values: found, issues } = await values('{"peserta":{"nik":"3578021506880003","nama":"Bu');
    expect(found).toEqual(['peserta.nama | /peserta/nama | Bu', 'peserta.nik | /peserta/nik | 3578021506880003']);
    expect(issues).toEqual(['corrupt: The JSON ends before it is complete (truncated file); everything up to the cut was scanned.']);
  });

  it.each([
    ['truncated', (s: string) => s.slice(0, s.indexOf('"telecom"'))],
    ['garbage in the middle', (s: string) => s.replace('"active": true', '"active": tru e')],
  ])('a %s bundle is scanned, never failed', async (_, damage) => {
    const [report] = await scanDocument(Buffer.from(damage(documentFixture('satusehat-patient-bundle.json').toString())), 'b.json');
    expect(report!.status).toBe('scanned');
    expect(report!.issues.map((i) => i.code)).toEqual(['corrupt']);
    expect(report!.findings.map((f) => f.detector)).toContain('nik');
  });
});

describe('labels', () => {
  it.each([
    ['https://fhir.kemkes.go.id/id/nik', 'nik'],
    ['https://fhir.kemkes.go.id/id/ihs-number', 'ihs number'],
    ['https://fhir.kemkes.go.id/id/kk', 'kk nomor kartu keluarga'],
    ['https://fhir.kemkes.go.id/id/paspor', 'paspor'],
    ['https://fhir.kemkes.go.id/id/nik-ibu', 'nik ibu'],
    ['http://sys-ids.kemkes.go.id/mrn/10000004', 'mrn'],
    ['phone', 'phone'],
    ['urn:oid:1.2.3', 'oid'],
  ])('system %s -> %s', (system, label) => {
    expect(systemLabel(system)).toBe(label);
  });
  it.each([
    [['Patient', 'birthDate'], 'Patient.birthDate'],
    [['Patient', 'name', 'text'], 'Patient.name.text'],
    [['response', 'peserta', 'mr', 'noMR'], 'peserta.mr.noMR'],
    [['no_bpjs'], 'no_bpjs'],
  ])('%j -> %s', (keys, label) => {
    expect(jsonLabel(keys)).toBe(label);
  });
});

describe('FHIR attachments', () => {
  it('scans base64 Attachment.data as member files named by pointer and content type', async () => {
    const files = await scanDocument(documentFixture('fhir-diagnostic-report.json'), 'fhir-diagnostic-report.json');
    expect(files.map((f) => [f.path, f.format, f.status])).toEqual([
      ['fhir-diagnostic-report.json!presentedForm/0/data.pdf', 'pdf', 'scanned'],
      ['fhir-diagnostic-report.json!presentedForm/1/data.txt', 'text', 'scanned'],
      ['fhir-diagnostic-report.json', 'json', 'scanned'],
    ]);
    for (const file of files) expect(triples(file.findings)).toEqual(expectedTriples(truth[file.path]!));
  });

  it.each([
    ['limit-member-size', { maxMemberBytes: 50 }],
    ['limit-depth', { maxArchiveDepth: 0 }],
    ['limit-expanded-size', { maxExpandedBytes: 100 }],
  ] as const)('reports %s instead of reading an attachment over the limit', async (reason, limits) => {
    const files = await scanDocument(documentFixture('fhir-diagnostic-report.json'), 'r.json', { limits });
    expect(files.map((f) => [f.path, f.status, f.reason])).toEqual([['r.json', 'incomplete', reason]]);
  });

  it('leaves short or non-base64 data values as text', async () => {
    const files = await scanDocument(Buffer.from('{"data":"NIK 3578021506880003","x":{"data":"QUJD"}}'), 'd.json');
    expect(files.map((f) => [f.path, f.findings.map((x) => x.detector)])).toEqual([['d.json', ['nik']]]);
  });
});

describe('hostile JSON', () => {
  it('reads a document nested 100,000 deep as text from the point it gets too deep', async () => {
    const json = `{"nik":"3273015203900007","x":${'['.repeat(100_000)}"3578021506880003"${']'.repeat(100_000)}}`;
    const [report] = await scanDocument(Buffer.from(json), 'deep.json');
    expect(report!.status).toBe('scanned');
    expect(report!.issues).toEqual([{ code: 'corrupt', message: 'The JSON is nested more than 512 levels deep at line 1; from there on it was scanned as plain text.' }]);
    expect(report!.findings.map((f) => `${f.value} ${f.locator.kind}`).sort()).toEqual(['3273015203900007 json-pointer', '3578021506880003 text']);
  });

  it('scans a very long string in pieces, finding a value in the middle', async () => {
    const json = `{"catatan":"${'lorem ipsum '.repeat(200_000)}NIK 3578021506880003 ${'dolor '.repeat(200_000)}"}`;
    const [report] = await scanDocument(Buffer.from(json), 'long.json');
    expect(report!.findings.map((f) => [f.detector, f.locator])).toEqual([['nik', { kind: 'json-pointer', pointer: '/catatan' }]]);
  });
});

describe('the streaming tokenizer agrees with JSON.parse', () => {
  const PLAIN_KEY = /^[A-Za-z_$@][\w$@.:-]{0,63}$/;
  const text = fc.string({ unit: 'grapheme-ascii', maxLength: 12 }).filter((s) => !/[\n\r]/.test(s));
  const key = text.filter((k) => k !== 'data');
  const value = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), tie('array'), tie('object')),
    array: fc.array(tie('node'), { maxLength: 4 }),
    object: fc.dictionary(key, tie('node'), { maxKeys: 4 }),
  })).node;

  /** Every value the extractor must report: strings, numbers, and keys that are not plain names. */
  function expected(node: unknown, pointer: string, out: string[]): string[] {
    const escape = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');
    if (typeof node === 'string') {
      if (node.trim()) out.push(`${pointer} | ${node.trim()}`);
    } else if (typeof node === 'number') out.push(`${pointer} | ${JSON.stringify(node)}`);
    else if (Array.isArray(node)) node.forEach((v, i) => expected(v, `${pointer}/${i}`, out));
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k && !PLAIN_KEY.test(k) && k.trim()) out.push(`${pointer}/${escape(k)} | ${k.trim()}`);
        expected(v, `${pointer}/${escape(k)}`, out);
      }
    }
    return out;
  }

  it('reports every value with its pointer, whatever the chunk size', async () => {
    await fc.assert(
      fc.asyncProperty(value, fc.integer({ min: 1, max: 64 }), async (node, chunkSize) => {
        const json = JSON.stringify(node);
        // Duplicate keys are impossible from JSON.stringify; __proto__ keys are dropped by it.
        const { values: found, issues } = await values(json, chunkSize);
        expect(issues).toEqual([]);
        const got = found.map((line) => {
          const [, pointer, ...rest] = line.split(' | ');
          return `${pointer} | ${rest.join(' | ').trim()}`;
        });
        expect(got.sort()).toEqual(expected(node, '', []).sort());
      }),
      { numRuns: 300, seed: 20240315 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { decodeEntities } from '../src/extract/html.js';
import { documentFixture, expectedTriples, manifest, scanDocument, triples } from './documents-helpers.js';

const truth = manifest().files;

describe('XML and HTML extractors on the document fixtures', () => {
  it.each(['patient.xml', 'resume.html'])('%s gives exactly its ground truth', async (name) => {
    const [report] = await scanDocument(documentFixture(name), name);
    expect([report!.format, report!.status, report!.issues]).toEqual([truth[name]!.format, 'scanned', []]);
    expect(triples(report!.findings)).toEqual(expectedTriples(truth[name]!));
  });
});

/** `path value` for each finding, sorted. */
async function found(text: string, name: string): Promise<{ findings: string[]; status: string; issues: string[] }> {
  const [report] = await scanDocument(Buffer.from(text), name);
  return {
    findings: report!.findings.map((f) => `${f.detector} ${f.value} @ ${f.locator.kind === 'xml-path' ? f.locator.path : JSON.stringify(f.locator)}`).sort(),
    status: report!.status,
    issues: report!.issues.map((i) => `${i.code}: ${i.message}`),
  };
}

describe('XML', () => {
  it('reads element text, attributes, CDATA and comments, with prefixes dropped from paths', async () => {
    const xml = `<?xml version="1.0"?>
<ns:data xmlns:ns="urn:x"><pasien id="p1"><nik>3578021506880003</nik><catatan><![CDATA[Telp 081398765432]]></catatan>
<!-- NIK ibu 3273016108650004 --></pasien><pasien><nik>3273015203900007</nik></pasien></ns:data>`;
    expect(await found(xml, 'a.xml')).toEqual({
      findings: [
        'nik 3273015203900007 @ /data/pasien[2]/nik',
        'nik 3273016108650004 @ /data/pasien',
        'nik 3578021506880003 @ /data/pasien/nik',
        'phone-id +6281398765432 @ /data/pasien/catatan',
      ],
      status: 'scanned',
      issues: [],
    });
  });

  it('scans the rest as text after a well-formedness error, and says so', async () => {
    const xml = '<?xml version="1.0"?>\n<pasien><nik>3578021506880003</nik>\n<nama>Budi & Siti</nama>\n<hp>081398765432</hp></pasien>';
    const result = await found(xml, 'b.xml');
    expect(result.findings).toEqual(['nik 3578021506880003 @ /pasien/nik', 'phone-id +6281398765432 @ {"kind":"text","line":4,"column":5}']);
    // saxes reads `& Siti…` as the start of an entity name and only fails at the end of the file.
    expect(result.issues).toEqual(['corrupt: The XML is broken or truncated at line 3; from there on it was scanned as plain text.']);
    expect(result.status).toBe('scanned');
  });

  it('falls back at a broken tag in the middle of a file', async () => {
    const result = await found('<r>\n<nik>3578021506880003</nik>\n<a b=c>NIK 3273015203900007</a>\n</r>', 'd.xml');
    expect(result.findings).toEqual(['nik 3273015203900007 @ {"kind":"text","line":3,"column":12}', 'nik 3578021506880003 @ /r/nik']);
    expect(result.issues).toEqual(['corrupt: The file is not well-formed XML from line 3; from there on it was scanned as plain text.']);
  });

  it('keeps what a truncated file holds', async () => {
    const result = await found('<pasien><nik>3578021506880003</nik><hp>0813987', 'c.xml');
    expect(result.findings).toEqual(['nik 3578021506880003 @ /pasien/nik']);
    expect(result.status).toBe('scanned');
    expect(result.issues).toEqual(['corrupt: The XML is broken or truncated at line 1; from there on it was scanned as plain text.']);
  });

  it('does not expand entities declared in a DTD (no entity bomb)', async () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><r>&b;&b;&b; NIK 3578021506880003</r>';
    const result = await found(bomb, 'bomb.xml');
    expect(result.status).toBe('scanned');
    expect(result.findings).toHaveLength(1);
  });
});

describe('HTML', () => {
  it('survives tag soup: unclosed cells, void elements, stray < and entities', async () => {
    const html = '<table><tr><th>NIK<td>3578021506880003<tr><th>No.&nbsp;HP<td>0813&#45;9876&#x2D;5432</table><p>a < b<br>nilai 1 < 2<p>Email budi.santoso@example.com';
    expect((await found(html, 'soup.html')).findings).toEqual([
      'email budi.santoso@example.com @ /p[2]',
      'nik 3578021506880003 @ /table/tr/td',
      'phone-id +6281398765432 @ /table/tr[2]/td',
    ]);
  });

  it.each([
    ['cut inside a tag', '<html><body><p>NIK 3578021506880003</p><input name="hp" value="08139876'],
    ['cut inside a comment', '<p>NIK 3578021506880003</p><!-- catatan 0813'],
    ['cut inside a script', '<p>NIK 3578021506880003</p><script>var x = "08'],
  ])('a truncated page (%s) is scanned for what it holds', async (_, html) => {
    const result = await found(html, 'cut.html');
    expect(result.status).toBe('scanned');
    expect(result.findings.map((f) => f.split(' @ ')[0])).toEqual(['nik 3578021506880003']);
  });

  it('finds the same whatever the chunk boundaries (a large page)', async () => {
    const filler = `<p>${'lorem ipsum '.repeat(20)}</p>\n`.repeat(2000);
    const html = `<html><body>${filler}<div title="NIK 3578021506880003">x</div><script>if (a<b) { nik = "3273015203900007"; }</script>${filler}</body></html>`;
    expect((await found(html, 'big.html')).findings).toEqual(['nik 3273015203900007 @ /html/body/script', 'nik 3578021506880003 @ /html/body/div/@title']);
  });

  it.each([
    ['&amp;&lt;&gt;&quot;&#39;', '&<>"\''],
    ['&#x4E;&#73;&#75;', 'NIK'],
    ['&unknown; &#0;', '&unknown; &#0;'],
  ])('decodes %s', (input, expected) => {
    expect(decodeEntities(input)).toBe(expected);
  });
});

describe('legacy Office (.doc/.xls)', () => {
  it('is skipped as unsupported with a hint, never passed as clean', async () => {
    const ole2 = Buffer.alloc(1024);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole2);
    const [report] = await scanDocument(ole2, 'rujukan.doc');
    expect([report!.format, report!.status, report!.reason]).toEqual(['ole2', 'skipped', 'unsupported-format']);
    expect(report!.reasonMessage).toMatch(/\.docx\/\.xlsx/);
  });
});

describe('hostile markup', () => {
  it.each([
    ['xml', 'deep.xml'],
    ['html', 'deep.html'],
  ])('%s nested 20,000 deep is read, text included', async (_, name) => {
    const text = `${'<a>'.repeat(20_000)}NIK 3578021506880003${'</a>'.repeat(20_000)}`;
    const [report] = await scanDocument(Buffer.from(text), name);
    expect(report!.status).toBe('scanned');
    expect(report!.findings.map((f) => f.value)).toEqual(['3578021506880003']);
  });
});

describe('lines of text', () => {
  it.each([
    ['html', 'a.html', '<div>Nama: <b>BUDI SANTOSO</b>, NIK <span>3578021506880003</span></div><div>lain</div>'],
    ['xml', 'a.xml', '<r><div>Nama: <b>BUDI SANTOSO</b>, NIK <span>3578021506880003</span></div><div>lain</div></r>'],
  ])('%s: inline markup keeps a sentence on one line, so a label reaches its value', async (_, name, text) => {
    const [report] = await scanDocument(Buffer.from(text), name);
    expect(report!.findings.map((f) => [f.detector, f.value, f.explanation.context])).toEqual([
      ['patient-name', 'BUDI SANTOSO', ['nama']],
      ['nik', '3578021506880003', ['nik']],
    ]);
    expect(report!.findings[1]!.snippet).toBe('Nama: **** *******, NIK 3578********0003');
  });
});

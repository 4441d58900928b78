import { describe, expect, it } from 'vitest';
import type { ExtractContext, Segment } from '../src/index.js';
import { DEFAULT_LIMITS, BufferSource, sniff } from '../src/index.js';
import { zipExtractor } from '../src/extract/zip.js';
import { columnName, isDateFormat, numberText, parseCellRef, serialToIsoDate } from '../src/extract/xlsx.js';
import { NameRegistry, safeMemberName } from '../src/extract/member-names.js';
import { zip } from '../../../scripts/fixtures/archive-writers.mjs';

/** Runs the ZIP-family extractor on bytes and returns its segments and the incomplete reasons it reported. */
async function extract(bytes: Uint8Array, name: string): Promise<{ segments: Segment[]; incomplete: string[] }> {
  const incomplete: string[] = [];
  const context: ExtractContext = {
    signal: new AbortController().signal,
    limits: DEFAULT_LIMITS,
    incomplete: (code, message) => incomplete.push(`${code}: ${message}`),
    scanMember: async () => {},
    consumeExpanded: () => true,
    setEncoding: () => {},
  };
  const source = new BufferSource(bytes);
  const segments: Segment[] = [];
  for await (const segment of zipExtractor.extract({ path: name, name, source, sniff: sniff(source.head, name), depth: 0 }, context)) segments.push(segment);
  return { segments, incomplete };
}

const cells = (segments: Segment[]) => segments.filter((s) => s.locator.kind === 'sheet-cell');
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A one-sheet workbook with inline strings and numbers; `rows` of [ref, type, value]. */
function workbook(rows: string, extra: { name: string; data: string }[] = []): Uint8Array {
  return zip([
    { name: '[Content_Types].xml', data: '<Types/>' },
    { name: 'xl/workbook.xml', data: '<workbook xmlns:r="r"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>' },
    { name: 'xl/_rels/workbook.xml.rels', data: '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>' },
    { name: 'xl/worksheets/sheet1.xml', data: `<worksheet><sheetData>${rows}</sheetData></worksheet>` },
    ...extra,
  ]);
}
const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${esc(text)}</t></is></c>`;
const num = (ref: string, value: string) => `<c r="${ref}"><v>${value}</v></c>`;

describe('XLSX cell values', () => {
  it.each([
    ['3171015708900003', '3171015708900003'],
    ['3171015708900000', '3171015708900000'],
    ['3.1710157089E+15', '3171015708900000'],
    ['1.5', '1.5'],
    ['2.5E-3', '0.0025'],
    ['-42', '-42'],
  ])('number %s is written as %s', (stored, shown) => {
    expect(numberText(stored)).toBe(shown);
  });

  it.each([
    [33102, false, '1990-08-17'],
    [1, false, '1900-01-01'],
    [60, false, '1900-02-29'],
    [61, false, '1900-03-01'],
    [0, true, undefined],
    [1, true, '1904-01-02'],
  ] as const)('serial %d (1904: %s) is %s', (serial, date1904, iso) => {
    expect(serialToIsoDate(serial, date1904)).toBe(iso);
  });

  it.each([
    ['dd/mm/yyyy', true],
    ['[$-421]d mmmm yyyy', true],
    ['0.00', false],
    ['"day "0', false],
    ['h:mm', false],
  ])('format %s is a date: %s', (code, date) => {
    expect(isDateFormat(code)).toBe(date);
  });

  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('column %d is %s', (index, name) => {
    expect(columnName(index)).toBe(name);
    expect(parseCellRef(`${name}7`)).toEqual({ column: index, row: 7 });
  });
});

describe('XLSX sheets stream into a few large segments', () => {
  it('batches thousands of rows, locates any cell and labels it with its column header', async () => {
    const rows = [`<row r="1">${inline('A1', 'NIK')}${inline('B1', 'no_hp')}</row>`];
    for (let r = 2; r <= 5000; r++) rows.push(`<row r="${r}">${num(`A${r}`, String(3171015708900000 + r))}${inline(`B${r}`, `0812${String(r).padStart(8, '0')}`)}</row>`);
    const { segments: all, incomplete } = await extract(workbook(rows.join('')), 'big.xlsx');
    expect(incomplete).toEqual([]);
    const segments = cells(all);
    expect(segments.length).toBe(1);
    const segment = segments[0]!;
    expect(segment.text.split('\n')).toHaveLength(5000);
    const offset = segment.text.indexOf('081200004000');
    expect(segment.context?.fields?.locatorAt(offset)).toEqual({ kind: 'sheet-cell', sheet: 'Data', cell: 'B4000' });
    expect(segment.context?.fields?.labelAt(offset)).toBe('no_hp');
    expect(segment.context?.fields?.labelAt(segment.text.indexOf('NIK'))).toBeUndefined();
  });

  it('finds the header row below a title row', async () => {
    const rows = `<row r="1">${inline('A1', 'LAPORAN PASIEN JANUARI')}</row><row r="3">${inline('A3', 'Nama')}${inline('B3', 'No. Kartu BPJS')}</row><row r="4">${inline('A4', 'x')}${inline('B4', '0001234567890')}</row>`;
    const { segments } = await extract(workbook(rows), 'title.xlsx');
    const text = segments[0]!.text;
    expect(segments[0]!.context?.fields?.labelAt(text.indexOf('0001234567890'))).toBe('No. Kartu BPJS');
  });

  it('decodes entities, character references and CDATA, and skips comments', async () => {
    const rows = `<row r="1"><!-- komentar --><c r="A1" t="inlineStr"><is><t>a &amp; b &#x41;&#66; &lt;c&gt;</t></is></c><c r="B1" t="inlineStr"><is><t><![CDATA[<mentah> & ]]></t></is></c></row>`;
    const { segments } = await extract(workbook(rows), 'e.xlsx');
    expect(cells(segments).map((s) => s.text)).toEqual(['a & b AB <c>\t<mentah> & ']);
  });

  it('reads print headers and footers, sheet names and the values a chart caches', async () => {
    const sheet = `<worksheet><sheetData>${`<row r="1">${inline('A1', 'x')}</row>`}</sheetData><headerFooter><oddHeader>&amp;L&amp;"Arial,Bold"&amp;12RS Sehat&amp;RNIK 3171015708900003</oddHeader></headerFooter></worksheet>`;
    const chart = '<c:chartSpace xmlns:c="c" xmlns:a="a"><c:chart><c:title><c:tx><c:rich><a:p><a:r><a:t>Kunjungan</a:t></a:r></a:p></c:rich></c:tx></c:title><c:ser><c:cat><c:strRef><c:strCache><c:pt idx="0"><c:v>Siti Rahmawati</c:v></c:pt></c:strCache></c:strRef></c:cat></c:ser></c:chart></c:chartSpace>';
    const bytes = zip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'xl/workbook.xml', data: '<workbook xmlns:r="r"><sheets><sheet name="Budi Santoso" sheetId="1" r:id="rId1"/></sheets></workbook>' },
      { name: 'xl/_rels/workbook.xml.rels', data: '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>' },
      { name: 'xl/worksheets/sheet1.xml', data: sheet },
      { name: 'xl/charts/chart1.xml', data: chart },
    ]);
    const { segments } = await extract(bytes, 'c.xlsx');
    expect(segments.map((s) => [s.text, s.locator])).toEqual([
      ['RS Sehat NIK 3171015708900003', { kind: 'document-property', property: 'Budi Santoso oddHeader', part: 'xl/worksheets/sheet1.xml' }],
      ['x', { kind: 'sheet-cell', sheet: 'Budi Santoso', cell: 'A1' }],
      ['Budi Santoso', { kind: 'document-property', property: 'sheet name', part: 'xl/workbook.xml' }],
      ['Kunjungan\nSiti Rahmawati\n', { kind: 'docx-paragraph', part: 'xl/charts/chart1.xml', paragraph: 1 }],
    ]);
  });

  it('reads the copy of the source rows a pivot cache keeps, with field names as labels', async () => {
    const definition = '<pivotCacheDefinition><cacheFields count="2"><cacheField name="Nama"><sharedItems count="2"><s v="Siti Rahmawati"/><s v="Budi Santoso"/></sharedItems></cacheField><cacheField name="NIK"><sharedItems containsNumber="1"/></cacheField></cacheFields></pivotCacheDefinition>';
    const records = '<pivotCacheRecords count="2"><r><x v="0"/><n v="3171015708900003"/></r><r><x v="1"/><n v="3.2730141018500E+15"/></r></pivotCacheRecords>';
    const bytes = zip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'xl/workbook.xml', data: '<workbook/>' },
      { name: 'xl/pivotCache/pivotCacheDefinition1.xml', data: definition },
      { name: 'xl/pivotCache/pivotCacheRecords1.xml', data: records },
    ]);
    const { segments } = await extract(bytes, 'p.xlsx');
    expect(segments.map((s) => s.text)).toEqual(['Siti Rahmawati\nBudi Santoso', '3171015708900003\n3273014101850000']);
    const [items, rows] = segments as [Segment, Segment];
    expect(items.context?.fields?.labelAt(0)).toBe('Nama');
    expect(rows.context?.fields?.labelAt(rows.text.indexOf('3273'))).toBe('NIK');
    expect(rows.context?.fields?.locatorAt(rows.text.indexOf('3273'))).toEqual({ kind: 'document-property', property: 'pivot cache record 2, NIK', part: 'xl/pivotCache/pivotCacheRecords1.xml' });
  });

  it('keeps shared strings after the sheets and reads rich text runs but not phonetic hints', async () => {
    const sst = '<sst><si><r><t>Siti </t></r><r><t>Rahma</t></r><rPh><t>ignored</t></rPh></si></sst>';
    const { segments } = await extract(
      workbook('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', [{ name: 'xl/sharedStrings.xml', data: sst }]),
      'sst.xlsx',
    );
    expect(cells(segments).map((s) => s.text)).toEqual(['Siti Rahma']);
  });

  const okRow = `<row r="1">${inline('A1', 'ok')}</row>`;
  it.each([
    ['an undefined entity', `<worksheet><sheetData>${okRow}<row r="2"><c r="A2" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>`, ['ok'], 'undefined entity'],
    ['a DTD with an external entity', `<!DOCTYPE w [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><worksheet><sheetData>${okRow}<row r="2"><c r="A2" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>`, [], 'a document type declaration, which Office documents may not contain'],
    ['a "billion laughs" DTD', `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><worksheet><sheetData>${okRow}</sheetData></worksheet>`, [], 'a document type declaration, which Office documents may not contain'],
    ['a mismatched closing tag', `<worksheet><sheetData>${okRow}<row r="2"></c></sheetData></worksheet>`, ['ok'], 'a closing tag that does not match'],
    ['a cut-off end', `<worksheet><sheetData>${okRow}<row r="2"><c r="A2" t="inl`, ['ok'], 'it ends inside a tag'],
    ['a bare ampersand', `<worksheet><sheetData>${okRow}<row r="2"><c r="A2" t="inlineStr"><is><t>a & b</t></is></c></row></sheetData></worksheet>`, ['ok'], 'a bare "&"'],
  ])('a sheet with %s is read up to the error and reported damaged, nothing resolved', async (_name, xml, texts, problem) => {
    const bytes = zip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'xl/workbook.xml', data: '<workbook/>' },
      { name: 'xl/worksheets/sheet1.xml', data: xml },
    ]);
    const { segments, incomplete } = await extract(bytes, 'bad.xlsx');
    expect(segments.map((s) => s.text)).toEqual(texts);
    expect(incomplete).toEqual([`corrupt: The part xl/worksheets/sheet1.xml is damaged (${problem}); the rest of it was not read.`]);
  });
});

describe('DOCX paragraphs', () => {
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  const docx = (body: string) =>
    zip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/document.xml', data: `<w:document ${W}><w:body>${body}</w:body></w:document>` },
    ]);

  it('numbers paragraphs (tables and text boxes too), joins runs, keeps tabs and breaks', async () => {
    const body =
      '<w:p><w:r><w:t>Nama</w:t></w:r><w:r><w:tab/><w:t>Budi</w:t></w:r></w:p>' +
      '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>NIK</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>3171</w:t></w:r><w:r><w:t>015708900003</w:t></w:r></w:p></w:tc></w:tr></w:tbl>' +
      '<w:p/><w:p><w:r><w:t>a</w:t><w:br/><w:t>b</w:t></w:r></w:p>';
    const { segments } = await extract(docx(body), 'a.docx');
    expect(segments).toHaveLength(1);
    const { text, context } = segments[0]!;
    expect(text).toBe('Nama\tBudi\nNIK\n3171015708900003\na\nb\n');
    expect(context?.fields?.locatorAt(text.indexOf('3171'))).toEqual({ kind: 'docx-paragraph', part: 'word/document.xml', paragraph: 3 });
    expect(context?.fields?.locatorAt(text.indexOf('b\n'))).toEqual({ kind: 'docx-paragraph', part: 'word/document.xml', paragraph: 5 });
  });

  it('reads field codes and external hyperlink targets (mailto addresses)', async () => {
    const bytes = zip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/document.xml', data: `<w:document ${W}><w:body><w:p><w:r><w:instrText xml:space="preserve"> HYPERLINK "mailto:budi@example.com" </w:instrText></w:r><w:r><w:t>surel</w:t></w:r></w:p></w:body></w:document>` },
      { name: 'word/_rels/document.xml.rels', data: '<Relationships><Relationship Id="rId9" Type="x/hyperlink" Target="mailto:siti%40example.com" TargetMode="External"/><Relationship Id="rId1" Type="x/styles" Target="styles.xml"/></Relationships>' },
    ]);
    const { segments } = await extract(bytes, 'h.docx');
    expect(segments.map((s) => [s.text, s.locator])).toEqual([
      [' HYPERLINK "mailto:budi@example.com" surel\n', { kind: 'docx-paragraph', part: 'word/document.xml', paragraph: 1 }],
      ['mailto:siti@example.com', { kind: 'document-property', property: 'hyperlink', part: 'word/_rels/document.xml.rels' }],
    ]);
  });

  it('a very long document is split into several segments, each locating its own paragraphs', async () => {
    const paragraphs = Array.from({ length: 4000 }, (_, i) => `<w:p><w:r><w:t>paragraf ${i + 1} ${'x'.repeat(100)}</w:t></w:r></w:p>`).join('');
    const { segments } = await extract(docx(paragraphs), 'long.docx');
    expect(segments.length).toBeGreaterThan(1);
    const last = segments[segments.length - 1]!;
    expect(last.context?.fields?.locatorAt(last.text.indexOf('paragraf 4000 '))).toEqual({ kind: 'docx-paragraph', part: 'word/document.xml', paragraph: 4000 });
  });
});

describe('member names', () => {
  it.each([
    ['a/b.txt', 'a/b.txt', false],
    ['../../etc/passwd', 'etc/passwd', true],
    ['/abs/x', 'abs/x', true],
    ['C:\\Users\\x.txt', 'Users/x.txt', true],
    ['a/./b//c', 'a/b/c', false],
    ['..', 'fallback', true],
    ['nul\u0000byte', 'nul_byte', true],
  ])('%j becomes %j (unsafe: %s)', (raw, name, unsafe) => {
    expect(safeMemberName(raw, 'fallback')).toEqual({ name, unsafe });
  });

  it('gives duplicates a numbered name before the extension', () => {
    const names = new NameRegistry();
    expect(['scan.pdf', 'scan.pdf', 'dir/.profile', 'dir/.profile', 'scan.pdf'].map((n) => names.claim(n).name)).toEqual([
      'scan.pdf',
      'scan (2).pdf',
      'dir/.profile',
      'dir/.profile (2)',
      'scan (3).pdf',
    ]);
  });
});

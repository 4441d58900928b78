import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { allDetectors } from '../../detectors/src/index.js';
import { scanStream } from '../src/index.js';
import { openPdf, pageText, pagesNeedingOcr, pdfExtractor } from '../src/extract/pdf.js';
import { KEY, documentFixture, expectedTriples, manifest, scanDocument, triples } from './documents-helpers.js';

const truth = manifest().files;
const pdfs = Object.keys(truth).filter((path) => path.endsWith('.pdf') && !path.includes('!'));

describe('PDF extractor on the document fixtures', () => {
  it.each(pdfs)('%s gives exactly its ground truth', async (name) => {
    const files = await scanDocument(documentFixture(name), name);
    const report = files[files.length - 1]!;
    const expected = truth[name]!;
    expect(report.path).toBe(name);
    expect(report.format).toBe('pdf');
    expect([report.status, report.reason]).toEqual([expected.status, expected.reason]);
    expect(triples(report.findings)).toEqual(expectedTriples(expected));
  });

  it('scans an embedded file as its own member report', async () => {
    const files = await scanDocument(documentFixture('pdf-attachment.pdf'), 'pdf-attachment.pdf');
    expect(files.map((f) => [f.path, f.status])).toEqual([
      ['pdf-attachment.pdf!rujukan.txt', 'scanned'],
      ['pdf-attachment.pdf', 'scanned'],
    ]);
    const member = truth['pdf-attachment.pdf!rujukan.txt']!;
    expect(triples(files[0]!.findings)).toEqual(expectedTriples(member));
  });

  it.each([
    ['limit-depth', { maxArchiveDepth: 0 }],
    ['limit-expanded-size', { maxExpandedBytes: 10 }],
    ['limit-member-size', { maxMemberBytes: 10 }],
  ] as const)('reports %s instead of reading an attachment over the limit', async (reason, limits) => {
    const files = await scanDocument(documentFixture('pdf-attachment.pdf'), 'a.pdf', { limits });
    expect(files.map((f) => [f.path, f.status, f.reason])).toEqual([['a.pdf', 'incomplete', reason]]);
  });

  it('explains encryption and missing text layers to an administrator', async () => {
    const [encrypted] = await scanDocument(documentFixture('pdf-encrypted.pdf'), 'e.pdf');
    expect(encrypted!.reasonMessage).toMatch(/password-protected/);
    // The extractor without an OCR hook says which pages need OCR.
    const [scanned] = await scanDocument(documentFixture('pdf-scanned.pdf'), 's.pdf', { extractors: [pdfExtractor] });
    expect(scanned!.reasonMessage).toBe('1 of 2 pages have no text layer (scanned images) and need OCR: page 2.');
  });

  it('reads a PDF that arrives as a stream (no random access)', async () => {
    const bytes = documentFixture('pdf-text.pdf');
    const { files } = await scanStream(Readable.from([bytes.subarray(0, 100), bytes.subarray(100)]), { detectors: allDetectors, filename: 'upload.pdf', fingerprintKey: KEY, reveal: true, scanFileNames: false });
    expect(triples(files[0]!.findings)).toEqual(expectedTriples(truth['pdf-text.pdf']!));
  });
});

describe('damaged PDFs fail with an admin-readable reason', () => {
  const text = documentFixture('pdf-text.pdf');
  const variants: [string, Uint8Array][] = [
    ['truncated to half', text.subarray(0, text.length >> 1)],
    ['truncated before the trailer', text.subarray(0, text.length - 60)],
    ['header then garbage', Buffer.from('%PDF-1.7\n\u0000\u0001garbage 3273015203900007 not a pdf')],
    ['header only', Buffer.from('%PDF-1.4\n')],
  ];
  it.each(variants)('%s', async (_, bytes) => {
    const [report] = await scanDocument(bytes, 'broken.pdf');
    expect([report!.status, report!.reason]).toEqual(['failed', 'corrupt']);
    expect(report!.reasonMessage).toBe('The PDF is damaged or truncated (its structure could not be read), so its content was not checked.');
    expect(report!.findings).toEqual([]);
  });
});

describe('openPdf and pagesNeedingOcr (for the OCR hook)', () => {
  it('lists the pages without a text layer on one loaded document', async () => {
    const pdf = await openPdf(new Uint8Array(documentFixture('pdf-scanned.pdf')));
    try {
      expect(pdf.pageCount).toBe(2);
      expect(await pagesNeedingOcr(pdf, [1, 2])).toEqual([2]);
    } finally {
      await pdf.close();
    }
  });
});

describe('pageText', () => {
  const item = (str: string, x: number, y: number, width = 10, hasEOL = false) => ({ str, transform: [1, 0, 0, 1, x, y], width, hasEOL });
  it.each([
    ['items on one baseline apart get a space', [item('NIK:', 72, 700, 20), item('3273015203900007', 100, 700)], 'NIK: 3273015203900007'],
    ['touching items stay joined', [item('3273', 72, 700, 20), item('015203900007', 92, 700)], '3273015203900007'],
    ['a new baseline starts a line', [item('Nama', 72, 700), item('Budi', 72, 684)], 'Nama\nBudi'],
    ['pdf.js end-of-line marks are kept', [item('Nama', 72, 700, 10, true), item('Budi', 72, 684)], 'Nama\nBudi'],
    ['marked-content items without text are skipped', [{ type: 'beginMarkedContent' }, item('x', 1, 1)], 'x'],
  ])('%s', (_, items, expected) => {
    expect(pageText(items)).toBe(expected);
  });
});

describe('a page tree that claims more pages than it holds', () => {
  // pdf.js checks the last page on load and counts the real pages instead (the extractor also
  // stops after 20 damaged pages in a row, for trees pdf.js cannot correct).
  it.each(['/Count 9', '/Count 99999999'])('%s is read for the pages it has', async (count) => {
    const bytes = Buffer.from(documentFixture('pdf-text.pdf').toString('latin1').replace('/Count 2', count), 'latin1');
    const [report] = await scanDocument(bytes, 'pages.pdf');
    expect(report!.status).toBe('scanned');
    expect(triples(report!.findings)).toEqual(expectedTriples(truth['pdf-text.pdf']!));
  });
});

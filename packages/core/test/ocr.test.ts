import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allDetectors } from '../../detectors/src/index.js';
import { OcrRuntime, collect, maskMiddle, resolveOcrLimits, scan, scanBuffer, type FileReport, type OcrLimits, type OcrMode } from '../src/index.js';

/**
 * OCR end to end on the generated scans (scripts/fixtures/scans.mjs, ground truth in
 * fixtures/scans/manifest.json). OCR is slow, so these cases are few and small: one skewed
 * 150 dpi letter, one page of a scanned PDF, and a one-line strip per image format. Recall over
 * every scan is measured by `pnpm eval`, speed by `pnpm bench`.
 */

const scans = new URL('../../../fixtures/scans/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', scans), 'utf8')) as {
  files: { file: string; expected: { page: number; nik: string; name: string; bpjs: string }[] }[];
};
const detectors = allDetectors.filter((d) => d.id === 'nik' || d.id === 'bpjs-card');
const maskOf = (id: string, value: string) => {
  const detector = detectors.find((d) => d.id === id)!;
  return detector.mask ? detector.mask(value) : maskMiddle(value);
};
const key = 'k'.repeat(32);
const path = (file: string) => new URL(file, scans).pathname;

function options(ocr: OcrMode = 'auto', ocrLimits: Partial<OcrLimits> = {}) {
  return { detectors, fingerprintKey: key, scanFileNames: false, ocr, ocrLimits: { workers: 2, ...ocrLimits } };
}

/** Findings as [detector, masked, page], sorted: what the ground truth says should be found. */
const found = (report: FileReport) =>
  report.findings
    .map((f) => {
      if (f.locator.kind !== 'ocr-region') throw new Error(`expected an OCR locator, got ${f.locator.kind}`);
      return [f.detector, f.masked, f.locator.page];
    })
    .sort();

const expected = (file: string, pages?: number[]) =>
  manifest.files
    .find((f) => f.file === file)!
    .expected.filter((e) => !pages || pages.includes(e.page))
    .flatMap((e) => [
      ['bpjs-card', maskOf('bpjs-card', e.bpjs), e.page],
      ['nik', maskOf('nik', e.nik), e.page],
    ])
    .sort();

describe('OCR of images (eng+ind, offline)', () => {
  const files = ['referral-letter-04-150dpi-skew3.png', 'strip.png', 'strip.jpg', 'strip.bmp', 'strip.gif', 'strip.webp', 'strip.tif', 'strips-2pages.tif'];

  it('reads the NIK and BPJS number from a skewed 150 dpi letter, a strip in every image format and each page of a TIFF', async () => {
    // recycleAfterJobs 3: nine pages on two workers recycle each worker at least once.
    const { files: reports } = await collect(scan(files.map(path), options('auto', { recycleAfterJobs: 3 })));
    expect(reports.map((r) => [r.path.split('/').pop(), r.status, r.reason])).toEqual(files.map((f) => [f, 'scanned', undefined]));
    for (const report of reports) expect(found(report)).toEqual(expected(report.path.split('/').pop()!));
    const letter = reports[0]!.findings.find((f) => f.detector === 'nik')!;
    expect(letter.locator).toMatchObject({ kind: 'ocr-region', page: 1 });
    if (letter.locator.kind === 'ocr-region') {
      // The NIK line sits in the upper half of the 1240 × 1033 page; confidence is 0..100.
      expect(letter.locator.bbox.x).toBeLessThan(400);
      expect(letter.locator.bbox.y).toBeGreaterThan(200);
      expect(letter.locator.bbox.y).toBeLessThan(700);
      expect(letter.locator.confidence).toBeGreaterThan(50);
    }
    expect(letter.value).toBeUndefined();
  }, 120_000);

  it('reads scanned PDF pages without a text layer, up to the page limit', async () => {
    const { files: reports } = await collect(scan([path('scanned-covid-2pages.pdf')], options('auto', { maxPages: 1 })));
    const report = reports.at(-1)!;
    expect([report.status, report.reason]).toEqual(['incomplete', 'needs-ocr']);
    expect(report.reasonMessage).toBe('Only the first 1 pages were read with OCR (OCR page limit); the rest was not read.');
    expect(found(report)).toEqual(expected('scanned-covid-2pages.pdf', [1]));
  }, 120_000);
});

describe('a shared OCR pool (ocrPool)', () => {
  it('serves several scanBuffer calls, like a server, and is closed by its owner', async () => {
    const pool = new OcrRuntime('auto', resolveOcrLimits({ workers: 1 }));
    try {
      for (const file of ['strip.png', 'strip.jpg']) {
        const { files: reports } = await scanBuffer(new Uint8Array(readFileSync(path(file))), { detectors, fingerprintKey: key, scanFileNames: false, ocrPool: pool, filename: file });
        expect(found(reports.at(-1)!)).toEqual(expected(file));
        expect(pool.workerCount).toBe(1); // still running: the scan did not close a pool it does not own
      }
    } finally {
      await pool.close();
    }
    expect(pool.workerCount).toBe(0);
  }, 60_000);
});

describe('--ocr always', () => {
  it('also reads PDF pages that have a text layer: the NIK is found in the text and in the pixels', async () => {
    const pdf = new URL('../../../fixtures/documents/pdf-text.pdf', import.meta.url).pathname;
    const { files: reports } = await collect(scan([pdf], { ...options('always'), detectors: detectors.filter((d) => d.id === 'nik'), reveal: true }));
    const report = reports.at(-1)!;
    expect(report.status).toBe('scanned');
    expect(report.findings.map((f) => [f.value, f.locator.kind, 'page' in f.locator ? f.locator.page : undefined])).toEqual([
      ['3578021506880003', 'pdf-page', 1],
      ['3578021506880003', 'ocr-region', 1],
    ]);
  }, 120_000);
});

describe('OCR limits and failures', () => {
  it.each([
    ['strip.png', 'This image was not read because OCR is off (--ocr never); any text in it (a scanned letter, a photographed card) was not checked.'],
    ['scanned-referral.pdf', '1 of 1 pages have no text layer (scanned images) and were not read because OCR is off (--ocr never).'],
  ])('with OCR off, %s is incomplete (needs-ocr), never clean', async (file, message) => {
    const { files: reports } = await scanBuffer(new Uint8Array(readFileSync(path(file))), { ...options('never'), filename: file });
    const report = reports.at(-1)!;
    expect([report.status, report.reason, report.reasonMessage, report.findings]).toEqual(['incomplete', 'needs-ocr', message, []]);
  });

  it('abandons a page over the time limit (its worker is killed) and says so', async () => {
    const { files: reports } = await scanBuffer(new Uint8Array(readFileSync(path('strip.png'))), { ...options('auto', { pageTimeoutMs: 1 }), filename: 'strip.png' });
    const report = reports.at(-1)!;
    expect([report.status, report.reason, report.reasonMessage]).toEqual(['incomplete', 'timeout', 'OCR of page 1 took longer than 0.001 s (OCR page time limit); that page was not read.']);
  }, 60_000);

  it('stops at the page limit before decoding more pages', async () => {
    const { files: reports } = await scanBuffer(new Uint8Array(readFileSync(path('strip.tif'))), { ...options('auto', { maxPages: 0 }), filename: 'fax.tif' });
    const report = reports.at(-1)!;
    expect([report.status, report.reason, report.reasonMessage]).toEqual(['incomplete', 'needs-ocr', 'Only the first 0 pages were read with OCR (OCR page limit); the rest was not read.']);
  });

  it('refuses a pixel bomb without decoding it', async () => {
    const png = new Uint8Array(readFileSync(path('strip.png')));
    const view = new DataView(png.buffer, png.byteOffset);
    view.setUint32(16, 100_000);
    view.setUint32(20, 100_000);
    const { files: reports } = await scanBuffer(png, { ...options(), filename: 'bomb.png' });
    const report = reports.at(-1)!;
    expect([report.status, report.reason, report.reasonMessage]).toEqual(['incomplete', 'needs-ocr', 'This image is 100000 × 100000 pixels, over the OCR limit of 50,000,000 pixels; it was not read.']);
  });

  it.each([
    ['gif', 'strip.gif', 'The image could not be read by OCR (damaged or unusual file).'],
    ['bmp', 'strip.bmp', 'The BMP image is cut short (damaged file).'],
    ['webp', 'strip.webp', 'The image could not be read by OCR (damaged or unusual file).'],
  ])('a damaged %s (read by tesseract itself) is corrupt, without crashing the scan', async (format, file, message) => {
    const bytes = new Uint8Array(readFileSync(path(file))).slice(0, 400);
    bytes.fill(0x5a, 60);
    const { files: reports } = await scanBuffer(bytes, { ...options(), filename: `damaged.${format}` });
    const report = reports.at(-1)!;
    expect([report.status, report.reason, report.reasonMessage]).toEqual(['failed', 'corrupt', message]);
  }, 60_000);

  it('reports a damaged image as corrupt', async () => {
    const png = new Uint8Array(readFileSync(path('strip.png'))).subarray(0, 200);
    const { files: reports } = await scanBuffer(png, { ...options(), filename: 'cut.png' });
    const report = reports.at(-1)!;
    expect([report.status, report.reason, report.reasonMessage]).toEqual(['failed', 'corrupt', 'The PNG image could not be decoded (damaged or unusual file).']);
  });
});

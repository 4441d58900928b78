import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { findFlateBomb } from '../src/extract/pdf-streams.js';
import { scanDocument } from './documents-helpers.js';

const LIMITS = { maxCompressionRatio: 100, maxMemberBytes: 100 * 1024 * 1024 };

/** A one-page PDF whose page content is `content` (a stream dictionary and its raw bytes), with Helvetica as F1. */
function onePagePdf(content: { dict: string; data: Uint8Array }, extra: { dict: string; data: Uint8Array }[] = []): Buffer {
  const objects: (string | { dict: string; data: Uint8Array })[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    content,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ...extra,
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n')];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(length);
    const body = typeof object === 'string'
      ? Buffer.from(`${i + 1} 0 obj\n${object}\nendobj\n`)
      : Buffer.concat([Buffer.from(`${i + 1} 0 obj\n${object.dict.replace('>>', ` /Length ${object.data.length} >>`)}\nstream\n`), object.data, Buffer.from('\nendstream\nendobj\n')]);
    parts.push(body);
    length += body.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`));
  return Buffer.concat(parts);
}

const flate = (text: string | Buffer) => ({ dict: '<< /Filter /FlateDecode >>', data: deflateSync(text) });

describe('Flate bombs inside a PDF', () => {
  it('a page whose content stream inflates 1,000-fold is incomplete before pdf.js reads it', async () => {
    const bomb = onePagePdf(flate(Buffer.alloc(64 * 1024 * 1024, 0x20)));
    const started = Date.now();
    const [report] = await scanDocument(bomb, 'hasil-lab.pdf');
    expect(Date.now() - started).toBeLessThan(5000);
    expect([report!.status, report!.reason, report!.findings]).toEqual(['incomplete', 'limit-ratio', []]);
    expect(report!.reasonMessage).toMatch(/^The PDF holds a compressed stream that expands to more than 6 MiB from 0\.06 MiB \(a decompression bomb/);
  });

  it('ordinary compressed text is read as before', async () => {
    const page = onePagePdf(flate('BT /F1 11 Tf 72 760 Td (NIK: 3171011708450001) Tj ET'));
    const [report] = await scanDocument(page, 'surat.pdf');
    expect([report!.status, report!.findings.map((f) => [f.detector, f.value])]).toEqual(['scanned', [['nik', '3171011708450001']]]);
  });

  it('leaves image streams to the OCR limits, and stops at maxMemberBytes whatever the ratio', () => {
    const blankScan = { dict: '<< /Type /XObject /Subtype /Image /Width 4096 /Height 4096 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode >>', data: deflateSync(Buffer.alloc(4096 * 4096, 0xff)) };
    expect(findFlateBomb(onePagePdf(flate('BT ET'), [blankScan]), LIMITS)).toBeUndefined();
    const large = onePagePdf(flate(Buffer.alloc(3 * 1024 * 1024, 0x20)));
    expect(findFlateBomb(large, { maxCompressionRatio: 100_000, maxMemberBytes: 2 * 1024 * 1024 })).toMatchObject({ reason: 'limit-member-size', limitBytes: 2 * 1024 * 1024 });
  });
});

import { describe, expect, it } from 'vitest';
import { ocrSegments, repairLabelSeparator } from './segments.js';

describe('repairLabelSeparator', () => {
  it.each([
    // Misreads seen on the generated scans.
    ['Nama | : PUTRI AMELIA', 'Nama :   PUTRI AMELIA'],
    ['Nama . HENDRA GUNAWAN.', 'Nama : HENDRA GUNAWAN.'],
    ['No. Kartu BPJS + 0009680770111', 'No. Kartu BPJS : 0009680770111'],
    ['Tgl. Lahir ; 25-11-1956', 'Tgl. Lahir : 25-11-1956'],
    // Left alone: already a colon, no label, prose, a digit where the colon was.
    ['NIK : 5208044305870512 :', 'NIK : 5208044305870512 :'],
    ['3171 0117 . 0845', '3171 0117 . 0845'],
    ['Mohon pemeriksaan dan penanganan lebih lanjut pasien:', 'Mohon pemeriksaan dan penanganan lebih lanjut pasien:'],
    ['NIK 2 3529050107820025', 'NIK 2 3529050107820025'],
  ])('%j -> %j', (line, repaired) => {
    expect(repairLabelSeparator(line)).toBe(repaired);
    expect(repairLabelSeparator(line)).toHaveLength(line.length);
  });
});

describe('ocrSegments', () => {
  it('makes one segment per line, with the line before as context only', () => {
    const bbox = { x: 1, y: 2, width: 3, height: 4 };
    const segments = ocrSegments({ confidence: 90, lines: [{ text: 'NIK', bbox, confidence: 95, words: [] }, { text: '3171011708450001', bbox, confidence: 70, words: [] }] }, 2);
    expect(segments).toEqual([
      { text: 'NIK', reportFrom: 0, locator: { kind: 'ocr-region', page: 2, bbox, confidence: 95 }, context: { source: 'ocr', ocrConfidence: 95 } },
      { text: 'NIK\n3171011708450001', reportFrom: 4, locator: { kind: 'ocr-region', page: 2, bbox, confidence: 70 }, context: { source: 'ocr', ocrConfidence: 70 } },
    ]);
  });
});

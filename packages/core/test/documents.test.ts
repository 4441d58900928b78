import { describe, expect, it } from 'vitest';
import { allDetectors } from '../../detectors/src/index.js';
import { collect, scan, type InputScanOptions } from '../src/index.js';
import { DOCUMENTS_DIR, KEY, manifest, triples, expectedTriples } from './documents-helpers.js';

describe('a scan of fixtures/documents', () => {
  it('accounts for every file exactly as the manifest says', async () => {
    const options = { detectors: allDetectors, fingerprintKey: KEY, reveal: true, scanFileNames: false, ocr: 'never' };
    const { files } = await collect(scan([DOCUMENTS_DIR], options as InputScanOptions));
    const truth = manifest().files;
    const relative = (path: string) => path.slice(DOCUMENTS_DIR.length + 1);
    expect(files.map((f) => relative(f.path)).sort()).toEqual(Object.keys(truth).sort());
    for (const file of files) {
      const expected = truth[relative(file.path)]!;
      expect([relative(file.path), file.format, file.status, file.reason]).toEqual([expected.path, expected.format, expected.status, expected.reason]);
      expect(triples(file.findings)).toEqual(expectedTriples(expected));
      // Masked values, where the manifest knows the detector's mask.
      const masked = (list: { detector: string; value?: string; masked?: string }[]) => list.filter((f) => f.masked !== undefined).map((f) => `${f.detector} ${f.value} ${f.masked}`).sort();
      expect(masked(file.findings.filter((f) => expected.findings.some((e) => e.detector === f.detector && e.masked !== undefined)))).toEqual(masked(expected.findings));
    }
  });
});

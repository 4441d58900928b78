import { describe, expect, it } from 'vitest';
import { scanBuffer, type FileClassifier, type FileReport } from '@saring/core';
import { allClassifiers, allDetectors } from '../index.js';

const KEY = 'test-key-0123456789abcdef';

/** A first line of comma-separated words without a colon is a CSV header. */
function nameFor(text: string): string {
  const first = text.split('\n')[0]!;
  return first.split(',').length > 2 && !first.includes(':') ? 'example.csv' : 'example.txt';
}

async function reportFor(text: string): Promise<FileReport> {
  const { files } = await scanBuffer(Buffer.from(text), { detectors: allDetectors, classifiers: allClassifiers, filename: nameFor(text), fingerprintKey: KEY, scanFileNames: false });
  return files[files.length - 1]!;
}

/** Every classifier proves itself on its own examples, as the detector registry does (style.md §5). */
describe('document classifiers', () => {
  it('have unique ids', () => {
    const ids = allClassifiers.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(allClassifiers.flatMap((c) => (c.examples?.positive ?? []).map((text) => [c.id, text] as const)))('%s: its positive example is its top class', async (id, text) => {
    const report = await reportFor(text);
    expect(report.classification?.documents[0]?.id).toBe(id);
  });

  it.each(allClassifiers.flatMap((c) => (c.examples?.negative ?? []).map((text) => [c.id, text] as const)))('%s: its negative example is not classified as it', async (id, text) => {
    const report = await reportFor(text);
    expect(report.classification?.documents.map((d) => d.id) ?? []).not.toContain(id);
  });

  it.each(allClassifiers.filter((c: FileClassifier) => c.id !== 'patient-register').map((c) => [c.id, c] as const))('%s: its example with the values blanked out is a template', async (_id, classifier) => {
    // Keep the labels, drop every value after a colon: a blank form.
    const blank = classifier.examples!.positive[0]!.split('\n').map((line) => line.replace(/:.*$/, ': ..........').replace(/\|.*$/, '|')).join('\n');
    const report = await reportFor(blank);
    const ids = report.classification?.documents.map((d) => d.id) ?? [];
    expect(ids.filter((d) => d !== 'template')).toEqual([]);
  });

  // The classifiers' own passes (their keywords, blank fields) must stay linear like the detectors'.
  it.each([
    ['a register with a PCR result column', 'no_rm,nm_pasien,no_ktp,hasil_pcr\n100001,BUDI SANTOSO,3171011708450001,POSITIF\n100002,SITI AMINAH,3273015203900007,NEGATIF\n100003,JOKO WIDODO,3578021506880003,NEGATIF\n', ['patient-register']],
    ['two people\'s results as table rows', 'no_rm,nm_pasien,no_ktp,hasil_pcr\n100001,BUDI SANTOSO,3171011708450001,POSITIF\n100002,SITI AMINAH,3273015203900007,NEGATIF\n', ['covid-test-result']],
  ])('%s: a COVID result certificate is about one person', async (_name, text, classes) => {
    const report = await reportFor(text);
    expect(report.classification!.documents.map((d) => d.id)).toEqual(classes);
  });

  it.each([
    ['colons', ':'.repeat(1 << 20)],
    ['blank fields', 'Nama : ..........\n'.repeat(1 << 16)],
    ['title soup', 'surat rujukan hasil pemeriksaan '.repeat(1 << 15)],
    ['spaces after colons', `: ${' '.repeat(1 << 20)}x`],
  ])('scans 1 MB of %s with classifiers in linear time', async (_name, text) => {
    const started = performance.now();
    const report = await reportFor(text);
    expect(report.status).toBe('scanned');
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

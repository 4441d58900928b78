import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allDetectors } from '../../detectors/src/index.js';
import { scanBuffer, type FileReport, type Finding, type InputScanOptions } from '../src/index.js';

/** Fixtures written by scripts/fixtures/documents.mjs (committed). */
export const DOCUMENTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/documents');

export function documentFixture(name: string): Buffer {
  return readFileSync(join(DOCUMENTS_DIR, name));
}

export interface ManifestEntry {
  path: string;
  format: string;
  status: string;
  reason?: string;
  findings: { detector: string; value: string; locator: Finding['locator']; masked?: string }[];
}

/** The ground truth, by report path (`pdf-attachment.pdf!rujukan.txt` for members). */
export function manifest(): { files: Record<string, ManifestEntry> } {
  const raw = JSON.parse(readFileSync(join(DOCUMENTS_DIR, 'manifest.json'), 'utf8')) as { files: ManifestEntry[] };
  return { files: Object.fromEntries(raw.files.map((f) => [f.path, f])) };
}

export const KEY = 'test-key-0123456789abcdef';
export const detectorIds = new Set(allDetectors.map((d) => d.id));

/**
 * Scans bytes with every registered detector, raw values revealed for exact assertions. OCR is
 * off (`ocr: 'never'`): these tests are about text layers; pages without one stay `needs-ocr`.
 */
export async function scanDocument(bytes: Uint8Array, filename: string, extra: Partial<InputScanOptions> = {}): Promise<FileReport[]> {
  const options = { detectors: allDetectors, filename, fingerprintKey: KEY, reveal: true, scanFileNames: false, ocr: 'never', ...extra };
  const { files } = await scanBuffer(bytes, options as InputScanOptions);
  return files;
}

/** `detector value @ locator` triples, sorted, for exact comparison. */
export function triples(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.detector} ${f.value} @ ${JSON.stringify(f.locator)}`).sort();
}

/** The manifest's expected findings for a file, restricted to detectors that exist today. */
export function expectedTriples(entry: ManifestEntry): string[] {
  return entry.findings.filter((f) => detectorIds.has(f.detector)).map((f) => `${f.detector} ${f.value} @ ${JSON.stringify(f.locator)}`).sort();
}

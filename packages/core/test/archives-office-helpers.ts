import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allDetectors } from '../../detectors/src/index.js';
import { collect, scan, scanBuffer, type FileReport, type Finding, type Locator, type ScanLimits } from '../src/index.js';

export const KEY = 'test-key-0123456789abcdef';
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'fixtures');

/** One expected file of a manifest (fixtures/office or fixtures/archives). */
export interface ExpectedFile {
  path: string;
  format: string;
  status: string;
  reason?: string;
  findings: { detector: string; locator: Locator; masked: string; value: string }[];
}

export function manifest(folder: 'office' | 'archives'): { detectors: string[]; files: ExpectedFile[] } {
  return JSON.parse(readFileSync(join(FIXTURES, folder, 'manifest.json'), 'utf8'));
}

/** What is compared: detector, locator, masked value and the raw value (reveal is on in tests). */
export function triples(findings: readonly Finding[], detectors: readonly string[]): string[] {
  return findings
    .filter((f) => detectors.includes(f.detector))
    .map((f) => JSON.stringify([f.detector, f.locator, f.masked, f.value]))
    .sort();
}

export function expectedTriples(file: ExpectedFile): string[] {
  return file.findings.map((f) => JSON.stringify([f.detector, f.locator, f.masked, f.value])).sort();
}

/** Scans a fixture folder; report paths are made relative to it. */
export async function scanFolder(folder: 'office' | 'archives'): Promise<FileReport[]> {
  const dir = join(FIXTURES, folder);
  const { files } = await collect(scan([dir], { detectors: allDetectors, fingerprintKey: KEY, reveal: true, scanFileNames: false }));
  return files.map((f) => ({ ...f, path: relative(dir, f.path) }));
}

export async function scanBytes(bytes: Uint8Array, filename: string, limits?: Partial<ScanLimits>): Promise<FileReport[]> {
  const { files } = await scanBuffer(bytes, { detectors: allDetectors, fingerprintKey: KEY, reveal: true, scanFileNames: false, filename, ...(limits ? { limits } : {}) });
  return files;
}

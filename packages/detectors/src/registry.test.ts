import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scanBuffer, type Detector, type Finding } from '@saring/core';
import { allDetectors } from './index.js';

const SRC = fileURLToPath(new URL('.', import.meta.url));
const KEY = 'test-key-0123456789abcdef';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : [path];
  });
}

async function findingsFor(text: string): Promise<Finding[]> {
  const { files } = await scanBuffer(Buffer.from(text), { detectors: allDetectors, filename: 'example.txt', fingerprintKey: KEY, scanFileNames: false });
  return files.flatMap((f) => f.findings);
}

/**
 * The registry refuses a detector that does not prove itself, as gitleaks refuses a rule whose
 * samples fail (style.md §5).
 */
describe('detector registry', () => {
  const files = sourceFiles(SRC).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

  it('has unique ids', () => {
    const ids = allDetectors.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(allDetectors.map((d) => [d.id, d] as const))('%s: id equals its file name, has a description and examples', (id, detector: Detector) => {
    expect(files.some((f) => f.endsWith(`/${id}.ts`))).toBe(true);
    expect(detector.meta.description.length).toBeGreaterThan(10);
    expect(detector.examples?.positive.length).toBeGreaterThan(0);
    expect(detector.examples?.negative.length).toBeGreaterThan(0);
  });

  it.each(allDetectors.flatMap((d) => (d.examples?.positive ?? []).map((text) => [d.id, text] as const)))('%s finds its positive example %j', async (id, text) => {
    const findings = await findingsFor(text);
    expect(findings.filter((f) => f.detector === id)).toHaveLength(1);
  });

  it.each(allDetectors.flatMap((d) => (d.examples?.negative ?? []).map((text) => [d.id, text] as const)))('%s ignores its negative example %j', async (id, text) => {
    const findings = await findingsFor(text);
    expect(findings.filter((f) => f.detector === id)).toEqual([]);
  });

  // Linear time: 1 MB of each adversarial shape must scan well within a generous budget;
  // a quadratic pattern would take minutes.
  const adversarial: [string, string][] = [
    ['one long digit run', '3'.repeat(1 << 20)],
    ['digit groups joined by spaces', '3171 '.repeat(1 << 18)],
    ['separator runs', '-. /'.repeat(1 << 18)],
    ['at signs', 'a@'.repeat(1 << 19)],
    ['letters and digits', 'a1'.repeat(1 << 19)],
    ['keyword soup', 'nik no ktp bpjs '.repeat(1 << 16)],
    ['dotted domains', '@a.'.repeat(350_000)],
  ];
  it.each(adversarial)('scans 1 MB of %s in linear time', async (_name, text) => {
    const started = performance.now();
    await findingsFor(text);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

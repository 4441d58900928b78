import { scanBuffer, type Finding } from '@saring/core';
import { allDetectors } from '../src/index.js';

const KEY = 'test-key-0123456789abcdef';

/** What a detector test asserts about one finding: exact value, mask, pattern and context. */
export interface Seen {
  detector: string;
  value: string | undefined;
  masked: string;
  confidence: string;
  pattern: string;
  validation: string;
  validationNote: string | undefined;
  context: string[];
  notes: string[];
}

/**
 * Scans `text` as a file named `filename` (so `.csv` goes through the CSV extractor and its
 * column headers) with every built-in detector, revealing values, and returns the findings of
 * `detector` in a compact shape tests can compare exactly.
 */
export async function findingsOf(detector: string, text: string, filename = 'example.txt'): Promise<Seen[]> {
  const { files } = await scanBuffer(Buffer.from(text), { detectors: allDetectors, filename, fingerprintKey: KEY, scanFileNames: false, reveal: true });
  return files.flatMap((f) => f.findings).filter((f) => f.detector === detector).map(seen);
}

/** The findings of `detectors` in `text`, as `detector=value` strings, in order. */
export async function allFindings(text: string, filename: string, detectors: readonly string[]): Promise<string[]> {
  const { files } = await scanBuffer(Buffer.from(text), { detectors: allDetectors, filename, fingerprintKey: KEY, scanFileNames: false, reveal: true });
  return files.flatMap((f) => f.findings).filter((f) => detectors.includes(f.detector)).map((f) => `${f.detector}=${f.value ?? ''}`);
}

function seen(f: Finding): Seen {
  return {
    detector: f.detector,
    value: f.value,
    masked: f.masked,
    confidence: f.confidence,
    pattern: f.explanation.pattern,
    validation: f.explanation.validation,
    validationNote: f.explanation.validationNote,
    context: f.explanation.context,
    notes: f.explanation.notes ?? [],
  };
}

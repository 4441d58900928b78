import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { formatLocator, UsageError, type FileReport } from '@saring/core';

/** One known finding: where it is and its keyed fingerprint. Never the value. */
export interface BaselineEntry {
  path: string;
  detector: string;
  fingerprint: string;
  /** Human-readable location when the baseline was made (lines move; not used for matching). */
  location: string;
}

/** The baseline file (`saring baseline create`), JSON. */
export interface BaselineFile {
  tool: 'saring';
  kind: 'baseline';
  schema: 1;
  createdAt: string;
  /** A keyed check value: a baseline made with another fingerprint key cannot match and is refused. */
  keyCheck: string;
  findings: BaselineEntry[];
}

/** 64 bits of HMAC over a constant: tells keys apart without revealing the key. */
export function keyCheck(key: Uint8Array): string {
  return createHmac('sha256', key).update('saring-baseline-key-check').digest('hex').slice(0, 16);
}

/** The identity of a finding in a baseline: same reported path, same detector, same value (fingerprint). */
export function baselineKey(path: string, detector: string, fingerprint: string): string {
  return `${path}\u0000${detector}\u0000${fingerprint}`;
}

export function baselineEntries(file: FileReport): BaselineEntry[] {
  return file.findings.map((f) => ({ path: file.path, detector: f.detector, fingerprint: f.fingerprint, location: formatLocator(f.locator) }));
}

export function baselineDocument(entries: BaselineEntry[], key: Uint8Array, createdAt: string): BaselineFile {
  return { tool: 'saring', kind: 'baseline', schema: 1, createdAt, keyCheck: keyCheck(key), findings: entries };
}

/** Reads a baseline and returns the set of finding keys in it; a wrong file or another key is a usage error. */
export function readBaseline(path: string, key: Uint8Array): Set<string> {
  let doc: Partial<BaselineFile>;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8')) as Partial<BaselineFile>;
  } catch (error) {
    throw new UsageError(`--baseline ${path}: cannot be read as a baseline (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
  if (doc.kind !== 'baseline' || !Array.isArray(doc.findings)) throw new UsageError(`--baseline ${path}: not a saring baseline (make one with "saring baseline create").`);
  if (doc.keyCheck !== keyCheck(key)) throw new UsageError(`--baseline ${path}: made with a different fingerprint key, so none of its findings could match; use the same key (--fingerprint-key-file, SARING_FINGERPRINT_KEY or the config's fingerprintKey).`);
  return new Set(doc.findings.map((f) => baselineKey(f.path, f.detector, f.fingerprint)));
}

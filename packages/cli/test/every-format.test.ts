import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, REPO, cli } from './helpers.js';

interface JsonFile {
  path: string;
  status: 'scanned' | 'skipped' | 'failed' | 'incomplete';
  reason?: string;
  reasonMessage?: string;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * Issue 5: a scan of a tree holding every fixture format, corrupt and truncated variants
 * included, accounts for every file and ends with exit code 3 because some could not be read.
 * OCR is off to keep the suite fast; images and scanned pages then say `needs-ocr`.
 */
describe('saring scan fixtures (every format, corrupt variants included)', { timeout: 300_000 }, async () => {
  const { code, stdout } = await cli(['scan', 'fixtures', '--format', 'json', '--ocr', 'never', '--reveal', '--fail-on', 'none']);
  const report = JSON.parse(stdout) as { files: JsonFile[]; summary: Record<string, number> };

  it('exits 3: nothing fails the threshold, but some files could not be fully read', () => {
    expect(code).toBe(3);
  });

  it('reports every file on disk (ground-truth manifests are ignored by .saringignore)', () => {
    const onDisk = filesUnder(FIXTURES)
      .map((p) => relative(REPO, p))
      .filter((p) => !p.endsWith('/manifest.json'))
      .sort();
    const topLevel = report.files.map((f) => f.path).filter((p) => !p.includes('!')).sort();
    expect(topLevel).toEqual(onDisk);
  });

  it('gives every file one status, and every status but scanned a reason and a message', () => {
    const s = report.summary;
    expect(s.scanned! + s.skipped! + s.failed! + s.incomplete!).toBe(s.filesSeen);
    expect(report.files).toHaveLength(s.filesSeen!);
    for (const file of report.files) {
      if (file.status === 'scanned') continue;
      expect(file.reason, file.path).toBeTruthy();
      expect(file.reasonMessage?.length, file.path).toBeGreaterThan(10);
    }
    expect(s.failed! + s.incomplete!).toBeGreaterThan(0);
  });
});

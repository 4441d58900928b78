import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../src/run.js';
import type { CliIO } from '../src/io.js';

export const REPO = fileURLToPath(new URL('../../..', import.meta.url));
export const FIXTURES = join(REPO, 'fixtures');
export const TEST_KEY = 'test-key-0123456789abcdef';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, as `saring <argv>` from the repository root. */
export async function cli(argv: string[], env: Record<string, string> = {}, cwd = REPO): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: { SARING_FINGERPRINT_KEY: TEST_KEY, NO_COLOR: '1', ...env },
    cwd,
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

export interface ManifestFinding {
  detector: string;
  locator: Record<string, unknown>;
  masked: string;
  value: string;
}
export interface Manifest {
  detectors: string[];
  files: { path: string; reportedPath?: string; status: string; reason?: string; format: string; encoding?: string; findings: ManifestFinding[] }[];
}

export function manifest(folder: string): Manifest {
  return JSON.parse(readFileSync(join(FIXTURES, folder, 'manifest.json'), 'utf8')) as Manifest;
}

import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useColor } from '../src/commands/scan.js';
import type { CliIO } from '../src/io.js';
import { cli } from './helpers.js';

function io(env: Record<string, string>, isTTY: boolean): CliIO {
  return { stdout: { write: () => 0, isTTY }, stderr: { write: () => 0 }, env, cwd: '/' };
}

describe('colour', () => {
  it.each([
    ['a terminal', {}, true, true, false, true],
    ['a pipe', {}, false, true, false, false],
    ['NO_COLOR', { NO_COLOR: '1' }, true, true, false, false],
    ['empty NO_COLOR does not count (no-color.org)', { NO_COLOR: '' }, true, true, false, true],
    ['FORCE_COLOR into a pipe', { FORCE_COLOR: '1' }, false, true, false, true],
    ['FORCE_COLOR=0', { FORCE_COLOR: '0' }, false, true, false, false],
    ['--no-color beats FORCE_COLOR', { FORCE_COLOR: '1' }, true, false, false, false],
    ['never into a file', { FORCE_COLOR: '1' }, true, true, true, false],
    ['TERM=dumb', { TERM: 'dumb' }, true, true, false, false],
  ] as const)('%s', (_name, env, isTTY, flag, toFile, expected) => {
    expect(useColor(flag, io(env, isTTY), toFile)).toBe(expected);
  });
});

describe('--output writes every format with mode 0600', () => {
  const dir = mkdtempSync(join(tmpdir(), 'saring-out-'));
  it.each(['pretty', 'json', 'jsonl', 'csv', 'sarif', 'html'])('%s', async (format) => {
    const out = join(dir, `report.${format}`);
    const { stdout, code } = await cli(['scan', 'fixtures/text', '--format', format, '--output', out, '--no-config']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(statSync(out).size).toBeGreaterThan(500);
  });
});

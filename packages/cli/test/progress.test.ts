import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileReport } from '@saring/core';
import { Progress, progressMode } from '../src/progress/progress.js';
import { run } from '../src/run.js';
import { TEST_KEY } from './helpers.js';

function report(path: string, counts: Record<string, number>): FileReport {
  return { path, size: 10, format: 'text', status: 'scanned', issues: [], findings: [], findingCount: 0, countsByDetector: counts, durationMs: 0, bytesRead: 10 };
}

describe('progress mode', () => {
  it.each([
    [{ stderrIsTTY: true, ci: false, quiet: false, machineOutputOnStdout: false }, 'live'],
    [{ stderrIsTTY: true, ci: false, quiet: true, machineOutputOnStdout: false }, 'off'],
    [{ stderrIsTTY: true, ci: false, quiet: false, machineOutputOnStdout: true }, 'off'],
    [{ stderrIsTTY: false, ci: false, quiet: false, machineOutputOnStdout: false }, 'off'],
    [{ stderrIsTTY: true, ci: true, quiet: false, machineOutputOnStdout: false }, 'plain'],
    [{ stderrIsTTY: false, ci: true, quiet: true, machineOutputOnStdout: false }, 'off'],
  ] as const)('%j -> %s', (input, mode) => {
    expect(progressMode(input)).toBe(mode);
  });
});

describe('the progress line', () => {
  it('shows counts, rates, findings by severity and the folder, never the file name', () => {
    let out = '';
    let now = 0;
    const severity: Record<string, 'high' | 'medium'> = { nik: 'high', 'phone-id': 'medium' };
    const p = new Progress({ write: (s: string) => (out += s), isTTY: true, columns: 200 }, 'live', { showPaths: false, now: () => now, severityOf: (id) => severity[id] });
    now = 2000;
    p.fileDone(2_000_000);
    p.report(report('share/RM 2023/hasil_lab_budi.pdf', { nik: 2, 'phone-id': 1 }), 'share/RM 2023/hasil_lab_budi.pdf');
    expect(p.line()).toBe('saring: 1 files · 1.9 MiB · 0.5 files/s · 1.0 MB/s · findings: high 2, medium 1 · in share/RM 2023');
    expect(out).toContain('\r\u001b[Ksaring: 1 files');
    expect(out).not.toContain('hasil_lab_budi');
    p.stop();
    expect(out.endsWith('\r\u001b[K')).toBe(true);
  });

  it('--show-paths shows the (masked) file path', () => {
    const p = new Progress({ write: () => 0 }, 'live', { showPaths: true, now: () => 1000, severityOf: () => undefined });
    p.report(report('share/a.txt', {}), 'share/a.txt');
    expect(p.line()).toContain('in share/a.txt');
  });

  it('shows an ETA once the counting walk is done', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saring-progress-'));
    for (let i = 0; i < 4; i++) writeFileSync(join(dir, `f${i}.txt`), 'x'.repeat(1000));
    let now = 0;
    const p = new Progress({ write: () => 0 }, 'plain', { showPaths: false, now: () => now, severityOf: () => undefined });
    p.countAhead([dir], {});
    await new Promise((r) => setTimeout(r, 200));
    now = 1000;
    p.fileDone(1000);
    expect(p.line()).toMatch(/^saring: 1\/4 files · 1000 B\/3\.9 KiB · 1\.0 files\/s · 0\.0 MB\/s · ETA 3s · no findings yet$/);
    p.stop();
  });
});

describe('saring scan on a terminal', () => {
  it('draws progress on stderr (folders only) and clears it; nothing in CI-less pipes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saring-progress-'));
    mkdirSync(join(dir, 'Budi Santoso'));
    writeFileSync(join(dir, 'Budi Santoso', 'NIK 3171011708450001.txt'), 'NIK 3171011708450001\n');
    let stderr = '';
    const io = { stdout: { write: () => 0, isTTY: true }, stderr: { write: (s: string) => (stderr += s), isTTY: true }, env: { SARING_FINGERPRINT_KEY: TEST_KEY, NO_COLOR: '1' }, cwd: dir };
    await run(['scan', '.'], io);
    expect(stderr).toMatch(/saring: 1(\/1)? files/);
    expect(stderr).not.toContain('3171011708450001');
    expect(stderr).not.toContain('Budi Santoso');

    let quiet = '';
    await run(['scan', '.', '--quiet'], { ...io, stderr: { write: (s: string) => (quiet += s), isTTY: true } });
    expect(quiet).toBe('');
    let ci = '';
    await run(['scan', '.'], { ...io, env: { ...io.env, CI: 'true' }, stderr: { write: (s: string) => (ci += s), isTTY: false } });
    expect(ci).toMatch(/^saring: 1(\/1)? files .*\n$/);
  });
});

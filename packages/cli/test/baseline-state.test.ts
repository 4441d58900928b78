import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'saring-incr-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

interface JsonReport {
  files: { path: string; bytesRead: number; findings: { detector: string; masked: string }[] }[];
  summary: { findings: number; bytesRead: number; filesSeen: number; filtered?: { baselined: number }; reused?: number };
}

describe('baselines', () => {
  it('a rescan with the baseline reports and fails only on new findings, and says how many were baselined', async () => {
    const dir = tree({ 'data/a.txt': 'NIK 3171011708450001\nHP 081234567890\n', 'data/b.txt': 'bersih\n' });
    const created = await cli(['baseline', 'create', 'data', '--output', 'baseline.json'], {}, dir);
    expect(created.code).toBe(0);
    expect(created.stderr).toContain('saring: baseline of 2 finding(s) in 1 file(s) written to baseline.json.');
    const baseline = readFileSync(join(dir, 'baseline.json'), 'utf8');
    expect(statSync(join(dir, 'baseline.json')).mode & 0o777).toBe(0o600);
    const doc = JSON.parse(baseline) as { kind: string; findings: { path: string; detector: string; fingerprint: string; location: string }[] };
    expect(doc.kind).toBe('baseline');
    expect(doc.findings.map((f) => [f.path, f.detector, f.location])).toEqual([
      ['data/a.txt', 'nik', 'line 1:5'],
      ['data/a.txt', 'phone-id', 'line 2:4'],
    ]);

    const same = await cli(['scan', 'data', '--baseline', 'baseline.json', '--format', 'json'], {}, dir);
    expect(same.code).toBe(0);
    expect(same.stderr).toContain('saring: 2 finding(s) already in the baseline were not reported.');
    expect((JSON.parse(same.stdout) as JsonReport).summary).toMatchObject({ findings: 0, filtered: { baselined: 2, suppressed: 0, allowed: 0 } });

    appendFileSync(join(dir, 'data/b.txt'), 'NIK 3273014408800002\n');
    const grown = await cli(['scan', 'data', '--baseline', 'baseline.json', '--format', 'json'], {}, dir);
    expect(grown.code).toBe(1);
    const report = JSON.parse(grown.stdout) as JsonReport;
    expect(report.files.flatMap((f) => f.findings.map((x) => [f.path, x.detector, x.masked]))).toEqual([['data/b.txt', 'nik', '3273********0002']]);
  });

  it('a baseline made with another key is refused', async () => {
    const dir = tree({ 'a.txt': 'NIK 3171011708450001\n' });
    await cli(['baseline', 'create', 'a.txt', '-o', 'b.json'], {}, dir);
    const { code, stderr } = await cli(['scan', 'a.txt', '--baseline', 'b.json'], { SARING_FINGERPRINT_KEY: 'another-key-0123456789' }, dir);
    expect(code).toBe(2);
    expect(stderr).toContain('made with a different fingerprint key');
  });
});

describe('incremental rescans with --state', () => {
  it('an unchanged file is not read again and its findings are carried over; a changed one is read', async () => {
    const dir = tree({ 'data/a.txt': 'NIK 3171011708450001\n', 'data/b.txt': 'bersih\n', 'data/sub/c.csv': 'nama,hp\nx,081234567890\n' });
    const first = await cli(['scan', 'data', '--state', '.saring/state.db', '--format', 'json'], {}, dir);
    expect(statSync(join(dir, '.saring/state.db')).mode & 0o777).toBe(0o600);
    const firstReport = JSON.parse(first.stdout) as JsonReport;
    expect(firstReport.summary.bytesRead).toBeGreaterThan(0);

    const second = await cli(['scan', 'data', '--state', '.saring/state.db', '--format', 'json'], {}, dir);
    expect(second.code).toBe(first.code);
    const secondReport = JSON.parse(second.stdout) as JsonReport;
    expect(secondReport.summary.bytesRead).toBe(0);
    expect(secondReport.summary.reused).toBe(3);
    expect(second.stderr).toContain('saring: 3 unchanged file(s) not re-read');
    const strip = (r: JsonReport) => r.files.map((f) => ({ path: f.path, findings: f.findings }));
    expect(strip(secondReport)).toEqual(strip(firstReport));

    // Change one file (new size and mtime): only it is read.
    writeFileSync(join(dir, 'data/b.txt'), 'NIK 3273014408800002\n');
    const third = JSON.parse((await cli(['scan', 'data', '--state', '.saring/state.db', '--format', 'json'], {}, dir)).stdout) as JsonReport;
    expect(third.summary.reused).toBe(2);
    expect(third.files.filter((f) => f.bytesRead > 0).map((f) => f.path)).toEqual(['data/b.txt']);

    // Same content, new mtime: recognised by its content hash, not scanned again.
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(dir, 'data/a.txt'), later, later);
    const fourth = JSON.parse((await cli(['scan', 'data', '--state', '.saring/state.db', '--format', 'json'], {}, dir)).stdout) as JsonReport;
    expect(fourth.summary.reused).toBe(3);

    const history = await cli(['history', '--state', '.saring/state.db', '--json'], {}, dir);
    const scans = JSON.parse(history.stdout) as { id: number; files: number; reused: number }[];
    expect(scans.map((s) => s.reused)).toEqual([3, 2, 3, 0]);

    const diff = await cli(['diff', '--state', '.saring/state.db', '--from', String(scans[2]!.id), '--to', String(scans[1]!.id)], {}, dir);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('1 became sensitive, 0 no longer sensitive');
    expect(diff.stdout).toContain('+ data/b.txt  (personal, 1 findings)');
  });

  it('without --state nothing is written', async () => {
    const dir = tree({ 'a.txt': 'NIK 3171011708450001\n' });
    await cli(['scan', 'a.txt'], {}, dir);
    expect(() => statSync(join(dir, '.saring'))).toThrow();
  });

  it('a state file that cannot be opened is a clear usage error', async () => {
    const dir = tree({ 'a.txt': 'bersih\n', 'not-a-folder': 'x' });
    const { code, stderr } = await cli(['scan', 'a.txt', '--state', 'not-a-folder/state.db'], {}, dir);
    expect(code).toBe(2);
    expect(stderr).toContain('saring: --state not-a-folder/state.db: the state database cannot be opened:');
  });

  it('--state with --reveal is refused', async () => {
    const { code, stderr } = await cli(['scan', 'x', '--state', 's.db', '--reveal'], {}, tree({}));
    expect(code).toBe(2);
    expect(stderr).toContain('--state cannot be combined with --reveal');
  });
});

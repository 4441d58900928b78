// Throughput and peak memory of a whole-CLI scan of a large patient dump, side by side with
// ripgrep counting the equivalent patterns on one thread.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDump } from './dump.mjs';

const REPO = new URL('../..', import.meta.url).pathname;
const CLI = join(REPO, 'packages/cli/bin/saring.js');

/** Runs a command, polling its peak resident memory (VmHWM) from /proc. */
export function measure(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let peakKiB = 0;
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d.length < 1e6 ? d : ''));
    child.stderr.on('data', (d) => (stderr += d));
    const poll = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
        if (hwm > peakKiB) peakKiB = hwm;
      } catch {}
    }, 20);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(poll);
      resolve({ code, seconds: Number(process.hrtime.bigint() - started) / 1e9, peakMiB: peakKiB / 1024, stdout, stderr });
    });
  });
}

export function ensureRipgrep(log) {
  if (spawnSync('rg', ['--version']).status === 0) return true;
  log('ripgrep not found: installing the Debian package ripgrep (apt-get) for the comparison…');
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
  spawnSync('apt-get', ['install', '-y', '-qq', 'ripgrep'], { stdio: 'ignore' });
  return spawnSync('rg', ['--version']).status === 0;
}

/** The patterns ripgrep counts: NIK-shaped 16-digit runs, 13-digit BPJS-shaped runs, +62 and 08 phones, e-mails. */
export const RG_PATTERNS = ['\\b[0-9]{16}\\b', '\\b[0-9]{13}\\b', '\\+62[0-9 -]{8,14}', '\\b08[0-9]{8,11}\\b', '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}'];

export async function benchText({ log, sizeMiB = Number(process.env.SARING_BENCH_MIB ?? 2048) }) {
  const dir = mkdtempSync(join(tmpdir(), 'saring-bench-'));
  try {
    const file = join(dir, 'dump.csv');
    log(`generating a ${sizeMiB} MiB patient dump…`);
    await writeDump(file, sizeMiB * 1024 * 1024);
    const size = statSync(file).size;
    const mb = size / 1e6;
    // Warm the page cache so both tools read from memory.
    spawnSync('cat', [file], { stdio: ['ignore', 'ignore', 'ignore'] });
    const env = { ...process.env, SARING_FINGERPRINT_KEY: 'bench-key-0123456789abcdef' };
    // One huge file: lift the per-file time limit (120 s by default) for the measurement.
    const config = join(dir, 'saring.config.json');
    writeFileSync(config, JSON.stringify({ limits: { fileTimeoutSeconds: 86_400, maxFileSize: '64GiB' } }));
    const saring = await measure('taskset', ['-c', '0', process.execPath, CLI, 'scan', file, '--config', config, '--format', 'jsonl', '--fail-on', 'none', '--output', join(dir, 'report.jsonl')], { env });
    if (saring.code !== 0) throw new Error(`saring exited ${saring.code}: ${saring.stderr.slice(0, 500)}`);
    const report = readFileSync(join(dir, 'report.jsonl'), 'utf8').trim().split('\n');
    const summary = JSON.parse(report[report.length - 1]);
    const saringMBs = mb / saring.seconds;
    log(`saring: ${mb.toFixed(0)} MB in ${saring.seconds.toFixed(2)} s = ${saringMBs.toFixed(1)} MB/s on one core, peak RSS ${saring.peakMiB.toFixed(0)} MiB, ${summary.findings} findings`);
    if (ensureRipgrep(log)) {
      // Two ways to count: `-c` counts matching lines and may stop reading a line at its first hit
      // (every row of a dump holds a NIK, so it skips most of the work); `--count-matches` finds
      // every match, as Saring must. Both are printed; the 0.3x target names neither.
      const patterns = RG_PATTERNS.flatMap((p) => ['-e', p]);
      for (const [label, flag] of [['matching lines, -c', '-c'], ['every match, --count-matches', '--count-matches']]) {
        const rg = await measure('taskset', ['-c', '0', 'rg', '-j1', flag, ...patterns, file]);
        const rgMBs = mb / rg.seconds;
        log(`ripgrep -j1 (${label}): ${rg.seconds.toFixed(2)} s = ${rgMBs.toFixed(1)} MB/s (${rg.stdout.trim()})`);
        log(`saring / ripgrep (${label}): ${(saringMBs / rgMBs).toFixed(3)}x (target >= 0.30x)`);
      }
    } else log('ripgrep unavailable: comparison skipped');
    return { saringMBs, peakMiB: saring.peakMiB };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

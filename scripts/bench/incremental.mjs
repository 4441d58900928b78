// Incremental rescans (`saring scan --state`): the second scan of an unchanged tree must read no
// file contents and take under 10% of the first scan's time. Runs the built CLI as a user would.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measure } from './text.mjs';

const REPO = new URL('../..', import.meta.url).pathname;
const CLI = join(REPO, 'packages/cli/bin/saring.js');
/** Target: the rescan of an unchanged tree takes less than this share of the first scan. */
const MAX_RATIO = 0.1;

/** Lines of a clinic note: a file is 4–32 KiB, about the size of the notes and letters on a share. */
const FILLER = 'Pasien kontrol rutin, keluhan berkurang, tekanan darah stabil, lanjutkan terapi, jadwal kontrol dua minggu lagi.\n';

/** A tree of `files` text files in folders of 100, one in ten with a synthetic NIK and phone. */
function writeTree(root, files) {
  for (let i = 0; i < files; i++) {
    const folder = join(root, `poli-${String(Math.floor(i / 100)).padStart(3, '0')}`);
    if (i % 100 === 0) mkdirSync(folder, { recursive: true });
    const head = i % 10 === 0 ? `Catatan kunjungan ${i}\nNIK: 3171011708${String(450001 + (i % 9000)).padStart(6, '0')}\nHP: 0812${String(10000000 + i).slice(0, 8)}\n` : `Catatan rapat ${i}\n`;
    writeFileSync(join(folder, `catatan-${i}.txt`), head + FILLER.repeat(36 + (i % 8) * 36));
  }
}

export async function benchIncremental({ log, files = Number(process.env.SARING_BENCH_FILES ?? 10_000) }) {
  const dir = mkdtempSync(join(tmpdir(), 'saring-bench-incr-'));
  try {
    const tree = join(dir, 'share');
    log(`generating ${files} files…`);
    writeTree(tree, files);
    const env = { ...process.env, SARING_FINGERPRINT_KEY: 'bench-key-0123456789abcdef' };
    const args = (n) => [CLI, 'scan', tree, '--state', join(dir, 'state.db'), '--format', 'jsonl', '--fail-on', 'none', '--quiet', '--no-config', '--output', join(dir, `report-${n}.jsonl`)];
    const summaryOf = (n) => {
      const lines = readFileSync(join(dir, `report-${n}.jsonl`), 'utf8').trim().split('\n');
      return JSON.parse(lines[lines.length - 1]);
    };
    const first = await measure(process.execPath, args(1), { env });
    if (first.code !== 0) throw new Error(`first scan exited ${first.code}: ${first.stderr.slice(0, 500)}`);
    const second = await measure(process.execPath, args(2), { env });
    if (second.code !== 0) throw new Error(`second scan exited ${second.code}: ${second.stderr.slice(0, 500)}`);
    const a = summaryOf(1);
    const b = summaryOf(2);
    const ratio = second.seconds / first.seconds;
    log(`first scan:  ${a.filesSeen} files, ${a.findings} findings, read ${(a.bytesRead / 1e6).toFixed(1)} MB in ${first.seconds.toFixed(2)} s (peak RSS ${first.peakMiB.toFixed(0)} MiB)`);
    log(`second scan: ${b.filesSeen} files, ${b.findings} findings, read ${b.bytesRead} bytes, ${b.reused} unchanged in ${second.seconds.toFixed(2)} s (peak RSS ${second.peakMiB.toFixed(0)} MiB)`);
    log(`rescan / first scan: ${(ratio * 100).toFixed(1)}% (target < ${MAX_RATIO * 100}%), contents read on rescan: ${b.bytesRead} bytes (target 0)`);
    if (b.bytesRead !== 0 || b.findings !== a.findings || b.reused !== files) log('WARNING: the rescan read file contents or lost findings');
    if (ratio >= MAX_RATIO) log('WARNING: the rescan is not under the target share of the first scan');
    return { firstSeconds: first.seconds, secondSeconds: second.seconds, ratio, bytesReadOnRescan: b.bytesRead };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Worker threads (`saring scan --workers`): the same patient-dump files scanned with one thread and
// with one worker per core, whole CLI, for the speed-up on this machine. Every thread's work is
// the text bench's; what changes is how many run at once.
import { availableParallelism } from 'node:os';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDump } from './dump.mjs';
import { measure } from './text.mjs';

const REPO = new URL('../..', import.meta.url).pathname;
const CLI = join(REPO, 'packages/cli/bin/saring.js');

export async function benchWorkers({ log, files = Number(process.env.SARING_BENCH_WORKER_FILES ?? 8), fileMiB = Number(process.env.SARING_BENCH_WORKER_MIB ?? 16) }) {
  const cores = availableParallelism();
  const dir = mkdtempSync(join(tmpdir(), 'saring-bench-workers-'));
  try {
    const exports = join(dir, 'exports');
    log(`generating ${files} patient dumps of ${fileMiB} MiB…`);
    mkdirSync(exports);
    let bytes = 0;
    for (let i = 0; i < files; i++) {
      const path = join(exports, `simrs-${i}.csv`);
      await writeDump(path, fileMiB * 1024 * 1024, 720 + i);
      bytes += statSync(path).size;
    }
    const env = { ...process.env, SARING_FINGERPRINT_KEY: 'bench-key-0123456789abcdef' };
    const config = join(dir, 'saring.config.json');
    writeFileSync(config, JSON.stringify({ limits: { fileTimeoutSeconds: 86_400 } }));
    const results = [];
    for (const workers of [1, cores]) {
      const report = join(dir, `report-${workers}.jsonl`);
      const run = await measure(process.execPath, [CLI, 'scan', exports, '--config', config, '--workers', String(workers), '--format', 'jsonl', '--fail-on', 'none', '--output', report], { env });
      if (run.code !== 0) throw new Error(`saring exited ${run.code}: ${run.stderr.slice(0, 500)}`);
      const summary = JSON.parse(readFileSync(report, 'utf8').trim().split('\n').pop());
      results.push(run.seconds);
      log(`--workers ${workers}: ${(bytes / 1e6).toFixed(0)} MB in ${run.seconds.toFixed(2)} s = ${(bytes / 1e6 / run.seconds).toFixed(1)} MB/s, peak RSS ${run.peakMiB.toFixed(0)} MiB (the whole process, workers included), ${summary.findings} findings`);
      if (cores === 1) break;
    }
    if (results.length === 2) log(`speed-up with ${cores} workers on ${cores} cores: ${(results[0] / results[1]).toFixed(2)}x`);
    else log('one core: nothing to compare');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

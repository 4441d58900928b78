// OCR seconds per page: Saring (tesseract.js 7 WASM, eng+ind, one worker per core) side by side
// with native tesseract 5 (Debian `tesseract-ocr` + `tesseract-ocr-ind`, one thread) on the same
// pages: the 12 full-page scans of fixtures/scans (150–300 dpi). Target from issue 6: Saring within
// 2x of native per page per core. Uses the built packages (`pnpm bench` builds first).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';

const REPO = new URL('../..', import.meta.url).pathname;
const SCANS = join(REPO, 'fixtures/scans');

function ensureTesseract(log) {
  const ok = () => spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' }).stdout?.includes('ind');
  if (ok()) return true;
  log('native tesseract (with the ind model) not found: installing Debian tesseract-ocr and tesseract-ocr-ind (apt-get) for the comparison…');
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
  spawnSync('apt-get', ['install', '-y', '-qq', 'tesseract-ocr', 'tesseract-ocr-ind'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return ok();
}

/** Runs Saring's scan over `files` with `workers` OCR workers; returns seconds. */
async function saring(files, workers) {
  const { scan, collect } = await import(join(REPO, 'packages/core/dist/index.js'));
  const { allDetectors } = await import(join(REPO, 'packages/detectors/dist/index.js'));
  const started = process.hrtime.bigint();
  const { files: reports } = await collect(scan(files, { detectors: allDetectors, fingerprintKey: 'b'.repeat(64), scanFileNames: false, concurrency: Math.max(4, workers * 2), ocrLimits: { workers } }));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const notScanned = reports.filter((r) => r.status !== 'scanned').length;
  if (notScanned) throw new Error(`${notScanned} pages were not scanned`);
  return seconds;
}

export async function benchOcr({ log }) {
  const manifest = JSON.parse(readFileSync(join(SCANS, 'manifest.json'), 'utf8'));
  const pages = manifest.files.filter((f) => f.kind === 'referral-letter' || f.kind === 'covid-result').map((f) => join(SCANS, f.file));
  const cores = availableParallelism();
  log(`${pages.length} scanned pages (150–300 dpi, A4 width), eng+ind`);

  const one = await saring(pages, 1);
  log(`Saring (tesseract.js WASM), 1 worker:        ${(one / pages.length).toFixed(2)} s/page (whole scan incl. worker start-up, ${one.toFixed(1)} s)`);
  const all = await saring(pages, cores);
  log(`Saring, ${cores} workers (one per core):        ${(all / pages.length).toFixed(2)} s/page wall, ${((all * cores) / pages.length).toFixed(2)} s/page per core`);

  if (!ensureTesseract(log)) {
    log('native tesseract unavailable: comparison skipped');
    return;
  }
  const started = process.hrtime.bigint();
  for (const page of pages) {
    const run = spawnSync('tesseract', [page, '-', '-l', 'eng+ind'], { encoding: 'utf8', env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
    if (run.status !== 0) throw new Error(`tesseract failed on ${page}: ${run.stderr}`);
  }
  const native = Number(process.hrtime.bigint() - started) / 1e9;
  log(`native tesseract 5, 1 thread:                ${(native / pages.length).toFixed(2)} s/page`);
  log(`ratio Saring/native per page per core:       ${(one / native).toFixed(2)}x (target <= 2x)`);
}

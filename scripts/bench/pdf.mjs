// PDF pages per second through the whole CLI, side by side with poppler's pdftotext (one process
// per file, as a share scanner would run it) over the same 200 generated PDFs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPdf } from '../fixtures/pdf-writer.mjs';
import { bpjs, mobile, name, nik, rng } from '../fixtures/lib.mjs';
import { measure } from './text.mjs';

const REPO = new URL('../..', import.meta.url).pathname;
const CLI = join(REPO, 'packages/cli/bin/saring.js');
const FILES = Number(process.env.SARING_BENCH_PDFS ?? 200);
const PAGES_PER_FILE = 5;

function ensurePdftotext(log) {
  if (spawnSync('pdftotext', ['-v']).status === 0) return true;
  log('pdftotext not found: installing the Debian package poppler-utils (apt-get) for the comparison…');
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
  spawnSync('apt-get', ['install', '-y', '-qq', 'poppler-utils'], { stdio: 'ignore' });
  return spawnSync('pdftotext', ['-v']).status === 0;
}

export async function benchPdf({ log }) {
  const dir = mkdtempSync(join(tmpdir(), 'saring-bench-pdf-'));
  try {
    const r = rng(2022);
    for (let f = 0; f < FILES; f++) {
      const pages = [];
      for (let p = 0; p < PAGES_PER_FILE; p++) {
        const lines = ['HASIL PEMERIKSAAN LABORATORIUM', `Nama Pasien : ${name(r)}`, `NIK : ${nik(r).value}`, `No. Kartu BPJS : ${bpjs(r)}`, `No. HP : ${mobile(r)}`];
        for (let l = 0; l < 35; l++) lines.push(`Hemoglobin ${(10 + r() * 6).toFixed(1)} g/dL   Nilai rujukan 12.0 - 16.0   Keterangan normal ${l}`);
        pages.push(lines);
      }
      writeFileSync(join(dir, `hasil-lab-${String(f).padStart(3, '0')}.pdf`), buildPdf({ pages }));
    }
    const pages = FILES * PAGES_PER_FILE;
    const env = { ...process.env, SARING_FINGERPRINT_KEY: 'bench-key-0123456789abcdef' };
    const saring = await measure(process.execPath, [CLI, 'scan', dir, '--format', 'jsonl', '--fail-on', 'none', '--ocr', 'never', '--output', join(tmpdir(), `saring-bench-pdf-${process.pid}.jsonl`)], { env });
    const saringPps = pages / saring.seconds;
    log(`saring: ${FILES} PDFs, ${pages} pages in ${saring.seconds.toFixed(2)} s = ${saringPps.toFixed(0)} pages/s (exit ${saring.code}, peak RSS ${saring.peakMiB.toFixed(0)} MiB)`);
    if (!ensurePdftotext(log)) return log('pdftotext unavailable: comparison skipped');
    const started = process.hrtime.bigint();
    for (const file of readdirSync(dir)) spawnSync('pdftotext', [join(dir, file), '-'], { stdio: ['ignore', 'ignore', 'ignore'] });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const popplerPps = pages / seconds;
    log(`pdftotext (one process per file): ${seconds.toFixed(2)} s = ${popplerPps.toFixed(0)} pages/s`);
    log(`saring / pdftotext pages per second: ${(saringPps / popplerPps).toFixed(2)}x (target >= 0.30x)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

#!/usr/bin/env node
// `pnpm bench`: reproducible throughput and memory measurements (never in unit tests).
// Each section is a module under scripts/bench/ exporting one async function.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const log = (line) => console.log(line);
const only = process.argv.slice(2);
const sections = [
  ['text', './bench/text.mjs', 'benchText'],
  ['workers', './bench/workers.mjs', 'benchWorkers'],
  ['incremental', './bench/incremental.mjs', 'benchIncremental'],
  ['pdf', './bench/pdf.mjs', 'benchPdf'],
  // A standalone script: a 200 MB XLSX export (about 2.6 M rows) through the library, peak RSS.
  ['xlsx', './bench/xlsx-large.mjs', null, [process.env.SARING_BENCH_XLSX_ROWS ?? '2600000']],
  ['dicom', './bench/dicom.mjs', 'benchDicom'],
  ['ocr', './bench/ocr.mjs', 'benchOcr'],
  ['gate', './bench/gate.mjs', 'benchGate'],
];
for (const [name, path, fn, args = []] of sections) {
  if (only.length && !only.includes(name)) continue;
  if (!existsSync(new URL(path, import.meta.url))) continue;
  log(`\n== ${name} ==`);
  if (fn === null) {
    spawnSync(process.execPath, [new URL(path, import.meta.url).pathname, ...args], { stdio: 'inherit' });
    continue;
  }
  const module = await import(path);
  await module[fn]({ log });
}

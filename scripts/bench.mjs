#!/usr/bin/env node
// `pnpm bench`: reproducible throughput and memory measurements (never in unit tests).
// Each section is a module under scripts/bench/ exporting one async function.
import { existsSync } from 'node:fs';

const log = (line) => console.log(line);
const only = process.argv.slice(2);
const sections = [
  ['text', './bench/text.mjs', 'benchText'],
  ['incremental', './bench/incremental.mjs', 'benchIncremental'],
  ['pdf', './bench/pdf.mjs', 'benchPdf'],
  ['xlsx', './bench/xlsx.mjs', 'benchXlsx'],
  ['dicom', './bench/dicom.mjs', 'benchDicom'],
  ['ocr', './bench/ocr.mjs', 'benchOcr'],
  ['gate', './bench/gate.mjs', 'benchGate'],
];
for (const [name, path, fn] of sections) {
  if (only.length && !only.includes(name)) continue;
  if (!existsSync(new URL(path, import.meta.url))) continue;
  log(`\n== ${name} ==`);
  const module = await import(path);
  await module[fn]({ log });
}

// OCR recall on the generated scans (fixtures/scans, ground truth in manifest.json): for every page
// of every scan, is the NIK, the BPJS card number and the patient's name found, by the right
// detector, on the right page? Issue 6 targets: recall >= 0.9 for `nik` and `bpjs-card`, >= 0.8 for
// `patient-name`. Uses the built packages (`pnpm eval` builds first).
//
// Call from scripts/eval.mjs:  const { evalScans } = await import('./eval/scans.mjs');
//                               const result = await evalScans({ log: console.log });  // result.pass
// or alone:                    node scripts/eval/scans.mjs
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const SCANS = join(REPO, 'fixtures/scans');
export const TARGETS = { nik: 0.9, 'bpjs-card': 0.9, 'patient-name': 0.8 };

const normal = (value) => String(value).toUpperCase().replace(/[^A-Z0-9]+/g, ' ').trim();

export async function evalScans({ log = console.log } = {}) {
  const { scan, collect } = await import(join(REPO, 'packages/core/dist/index.js'));
  const { allDetectors } = await import(join(REPO, 'packages/detectors/dist/index.js'));
  const manifest = JSON.parse(readFileSync(join(SCANS, 'manifest.json'), 'utf8'));
  const paths = manifest.files.map((f) => join(SCANS, f.file));
  const started = Date.now();
  const { files } = await collect(scan(paths, { detectors: allDetectors, fingerprintKey: 'e'.repeat(64), reveal: true, scanFileNames: false, ocr: 'auto' }));
  const byPath = new Map(files.map((f) => [f.path, f]));
  const counts = Object.fromEntries(Object.keys(TARGETS).map((d) => [d, { found: 0, total: 0 }]));
  const misses = [];
  for (const entry of manifest.files) {
    const report = byPath.get(join(SCANS, entry.file));
    for (const truth of entry.expected) {
      for (const [detector, value] of [['nik', truth.nik], ['bpjs-card', truth.bpjs], ['patient-name', truth.name]]) {
        counts[detector].total++;
        const hit = report?.findings.some((f) => f.detector === detector && f.locator.kind === 'ocr-region' && f.locator.page === truth.page && normal(f.value) === normal(value));
        if (hit) counts[detector].found++;
        else misses.push(`${entry.file} p${truth.page} ${detector} (${report ? report.status : 'no report'})`);
      }
    }
  }
  const recall = {};
  let pass = true;
  log(`OCR eval: ${manifest.files.length} scans, ${counts.nik.total} pages, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  for (const [detector, target] of Object.entries(TARGETS)) {
    const { found, total } = counts[detector];
    recall[detector] = total ? found / total : 0;
    const ok = recall[detector] >= target;
    pass &&= ok;
    log(`  ${detector.padEnd(13)} recall ${recall[detector].toFixed(2)} (${found}/${total}), target >= ${target}${ok ? '' : '  BELOW TARGET'}`);
  }
  if (misses.length) log(`  missed: ${misses.join('; ')}`);
  return { recall, pass, misses };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { pass } = await evalScans();
  process.exitCode = pass ? 0 : 1;
}

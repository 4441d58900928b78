// DICOM header scan: files per second of a whole-CLI scan over 300 CT images, side by side with
// dcmtk's `dcmdump +sb 7fe0,0010` (stop before Pixel Data) over the same files in one process,
// both on one core. Target: Saring at least 0.5x dcmdump's files/s (issue 6).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measure } from './text.mjs';

const REPO = new URL('../..', import.meta.url).pathname;
const CLI = join(REPO, 'packages/cli/bin/saring.js');
const FILES = Number(process.env.SARING_BENCH_DICOM_FILES ?? 300);
/** A 256 x 256 16-bit frame after each header: the pixels are on disk but never read. */
const PIXEL_BYTES = 256 * 256 * 2;

function ensureDcmtk(log) {
  if (spawnSync('dcmdump', ['--version']).status === 0) return true;
  log('dcmdump not found: installing the Debian package dcmtk (apt-get) for the comparison…');
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
  spawnSync('apt-get', ['install', '-y', '-qq', 'dcmtk'], { stdio: 'ignore' });
  return spawnSync('dcmdump', ['--version']).status === 0;
}

/**
 * The committed explicit-VR fixture (fixtures/dicom/ct-explicit-le.dcm), its 4x4 frame replaced by
 * a 256x256 one, copied FILES times with a different No. RM in each (same length, so offsets hold).
 */
function writeStudies(dir) {
  const template = readFileSync(join(REPO, 'fixtures/dicom/ct-explicit-le.dcm'));
  const pixel = template.lastIndexOf(Buffer.from([0xe0, 0x7f, 0x10, 0x00]));
  const header = Buffer.from(template.subarray(0, pixel + 12));
  header.writeUInt32LE(PIXEL_BYTES, pixel + 8);
  // Rows and Columns (0028,0010/0011) say 4: make them 256 like the frame.
  for (const element of [0x0010, 0x0011]) {
    const at = header.indexOf(Buffer.from([0x28, 0x00, element, 0x00, 0x55, 0x53]));
    header.writeUInt16LE(256, at + 8);
  }
  const rm = header.indexOf(Buffer.from('00469120'));
  const pixels = Buffer.alloc(PIXEL_BYTES, 0x11);
  const paths = [];
  for (let i = 0; i < FILES; i++) {
    header.write(String(10000000 + i).slice(-8), rm, 'latin1');
    const path = join(dir, `CT${String(i).padStart(4, '0')}.dcm`);
    writeFileSync(path, Buffer.concat([header, pixels]));
    paths.push(path);
  }
  return paths;
}

export async function benchDicom({ log }) {
  const dir = mkdtempSync(join(tmpdir(), 'saring-bench-dicom-'));
  try {
    const studies = join(dir, 'studies');
    spawnSync('mkdir', [studies]);
    const paths = writeStudies(studies);
    spawnSync('cat', paths, { stdio: ['ignore', 'ignore', 'ignore'] }); // warm the page cache
    const env = { ...process.env, SARING_FINGERPRINT_KEY: 'bench-key-0123456789abcdef' };
    const saring = await measure('taskset', ['-c', '0', process.execPath, CLI, 'scan', studies, '--format', 'jsonl', '--fail-on', 'none', '--output', join(dir, 'report.jsonl')], { env });
    if (saring.code !== 0) throw new Error(`saring exited ${saring.code}: ${saring.stderr.slice(0, 500)}`);
    const lines = readFileSync(join(dir, 'report.jsonl'), 'utf8').trim().split('\n');
    const summary = JSON.parse(lines[lines.length - 1]);
    const saringRate = FILES / saring.seconds;
    log(`saring: ${FILES} DICOM files in ${saring.seconds.toFixed(2)} s = ${saringRate.toFixed(0)} files/s on one core (whole CLI, startup included), peak RSS ${saring.peakMiB.toFixed(0)} MiB, ${summary.findings} findings`);
    if (!ensureDcmtk(log)) {
      log('dcmtk unavailable: comparison skipped');
      return { saringRate };
    }
    const dcmdump = await measure('taskset', ['-c', '0', 'dcmdump', '+sb', '7fe0,0010', ...paths]);
    if (dcmdump.code !== 0) log(`dcmdump exited ${dcmdump.code}: ${dcmdump.stderr.slice(0, 300)}`);
    const dcmtkRate = FILES / dcmdump.seconds;
    log(`dcmdump +sb 7fe0,0010: ${dcmdump.seconds.toFixed(2)} s = ${dcmtkRate.toFixed(0)} files/s (one process)`);
    log(`saring / dcmdump files per second: ${(saringRate / dcmtkRate).toFixed(2)}x (target >= 0.5x)`);
    return { saringRate, dcmtkRate };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

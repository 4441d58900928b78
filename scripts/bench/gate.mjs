// Gate latency through the HTTP service (`saring serve`, started here on loopback with a token):
// p50/p95/p99 for a 100 KB text, a 2 MB PDF and a 20 MB DICOM, and requests per second for the
// text at concurrency 8. Inputs are synthetic and built in memory; nothing touches the network.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { buildPdf } from '../fixtures/pdf-writer.mjs';

const REPO = new URL('../..', import.meta.url).pathname;
const CLI = join(REPO, 'packages/cli/bin/saring.js');
const NIK = '3171011708450001'; // domain.md §1.1 example layout: 317101, 17-08-1945, serial 0001

/** ~100 KB of clinic text with one labelled NIK in the middle (the gate reads it all: no stopAtFirst). */
function text100k() {
  const lines = [];
  for (let i = 0; lines.join('\n').length < 100_000; i++) {
    lines.push(i === 800 ? `NIK pasien: ${NIK}` : `Kunjungan ${i}: kontrol rutin poli penyakit dalam, tekanan darah stabil, obat dilanjutkan.`);
  }
  return Buffer.from(lines.join('\n'));
}

/** A text PDF of about 2 MB (many pages of lines, one with a labelled NIK). */
function pdf2mb() {
  const pages = [];
  const line = 'Catatan perkembangan pasien: kondisi umum baik, kesadaran compos mentis, lanjut terapi.';
  for (let p = 0; p < 350; p++) pages.push(Array.from({ length: 44 }, (_, i) => (p === 175 && i === 3 ? `NIK: ${NIK}` : `${line} ${p}.${i}`)));
  return buildPdf({ pages, info: { Title: 'Rekam medis (sintetis)' } });
}

/** A 20 MB explicit-VR little-endian DICOM: file meta, patient module with a NIK as Patient ID, then pixel data. */
function dicom20mb() {
  const el = (group, element, vr, value) => {
    let bytes = Buffer.isBuffer(value) ? value : Buffer.from(value, 'latin1');
    if (bytes.length % 2) bytes = Buffer.concat([bytes, Buffer.from([vr === 'UI' || vr === 'OB' ? 0 : 0x20])]);
    const long = ['OB', 'OW', 'SQ', 'UN', 'UT'].includes(vr);
    const head = Buffer.alloc(long ? 12 : 8);
    head.writeUInt16LE(group, 0);
    head.writeUInt16LE(element, 2);
    head.write(vr, 4, 'latin1');
    if (long) head.writeUInt32LE(bytes.length, 8);
    else head.writeUInt16LE(bytes.length, 6);
    return Buffer.concat([head, bytes]);
  };
  const meta = Buffer.concat([
    el(0x0002, 0x0001, 'OB', Buffer.from([0, 1])),
    el(0x0002, 0x0002, 'UI', '1.2.840.10008.5.1.4.1.1.7'),
    el(0x0002, 0x0003, 'UI', '2.25.1234567890.1'),
    el(0x0002, 0x0010, 'UI', '1.2.840.10008.1.2.1'),
  ]);
  const groupLength = Buffer.alloc(12);
  groupLength.writeUInt16LE(0x0002, 0);
  groupLength.writeUInt16LE(0x0000, 2);
  groupLength.write('UL', 4, 'latin1');
  groupLength.writeUInt16LE(4, 6);
  groupLength.writeUInt32LE(meta.length, 8);
  const dataset = Buffer.concat([
    el(0x0008, 0x0060, 'CS', 'OT'),
    el(0x0010, 0x0010, 'PN', 'SANTOSO^BUDI'),
    el(0x0010, 0x0020, 'LO', NIK),
    el(0x0028, 0x0010, 'US', Buffer.from([0x00, 0x10])),
    el(0x0028, 0x0011, 'US', Buffer.from([0x00, 0x0a])),
    el(0x7fe0, 0x0010, 'OW', randomBytes(20 * 1000 * 1000)),
  ]);
  return Buffer.concat([Buffer.alloc(128), Buffer.from('DICM'), groupLength, meta, dataset]);
}

function startService(token) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--max-concurrent', '16', '--max-body-size', '64MiB', '--timeout', '120'], {
      env: { ...process.env, SARING_TOKEN: token, SARING_FINGERPRINT_KEY: 'bench-key-0123456789abcdef' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
      const url = /listening on (http:\/\/\S+)/.exec(stderr)?.[1];
      if (url) resolve({ child, url });
    });
    child.on('exit', (code) => reject(new Error(`saring serve exited ${code}: ${stderr.slice(0, 300)}`)));
  });
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (v) => `${v.toFixed(1)} ms`;

export async function benchGate({ log }) {
  const token = randomBytes(24).toString('hex');
  const { child, url } = await startService(token);
  const send = async (body, filename) => {
    const started = performance.now();
    const response = await fetch(`${url}/v1/scan`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'x-filename': filename }, body });
    const verdict = await response.json();
    if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${JSON.stringify(verdict)}`);
    return { ms: performance.now() - started, decision: verdict.decision, reasons: verdict.reasons.map((r) => r.code) };
  };
  try {
    const inputs = [
      ['100 KB text', text100k(), 'kunjungan.txt', 40],
      ['2 MB PDF', pdf2mb(), 'rekam-medis.pdf', 6],
      ['20 MB DICOM', dicom20mb(), 'ct.dcm', 8],
    ];
    for (const [label, body, filename, count] of inputs) {
      await send(body, filename); // warm-up
      const times = [];
      let last;
      for (let i = 0; i < count; i++) {
        last = await send(body, filename);
        times.push(last.ms);
      }
      times.sort((a, b) => a - b);
      log(`gate ${label.padEnd(12)} (${(body.length / 1e6).toFixed(2)} MB, n=${count}): p50 ${ms(percentile(times, 50))}  p95 ${ms(percentile(times, 95))}  p99 ${ms(percentile(times, 99))}  -> ${last.decision} [${last.reasons.join(' ')}]`);
    }
    const text = inputs[0][1];
    const total = 96;
    const concurrency = 8;
    let next = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++;
        await send(text, 'kunjungan.txt');
      }
    }));
    const seconds = (performance.now() - started) / 1000;
    log(`gate throughput: ${(total / seconds).toFixed(1)} requests/s (100 KB text, concurrency ${concurrency}, ${total} requests)`);
  } finally {
    child.kill('SIGTERM');
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchGate({ log: console.log });

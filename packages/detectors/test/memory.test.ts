import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collect, scan } from '@saring/core';
import { bpjsCard, email, nik, phoneId } from '../src/index.js';

const MiB = 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'saring-memory-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A dump-like text file: every line has a NIK, a BPJS number, a phone number and an e-mail. */
async function writeFile(name: string, bytes: number): Promise<string> {
  const path = join(dir, name);
  const out = createWriteStream(path);
  let block = '';
  for (let i = 0; i < 2000; i++) {
    const serial = String(1 + (i % 9000)).padStart(4, '0');
    block += `pasien ${i} NIK 31710117084${String(i % 10)}${serial.slice(0, 1)}${serial} No. Kartu BPJS 000${String(1000000000 + i)} HP 0812${String(10000000 + i)} email p${i}@contoh.co.id\n`;
  }
  for (let written = 0; written < bytes; written += block.length) {
    if (!out.write(block)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return path;
}

/** Peak resident memory while scanning, sampled every 10 ms. */
async function peakRssWhileScanning(path: string): Promise<{ peak: number; findings: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  try {
    const { summary } = await collect(scan([path], { detectors: [nik, bpjsCard, phoneId, email], fingerprintKey: 'test-key-0123456789abcdef', limits: { maxFileBytes: 1024 * MiB }, fileTimeoutMs: 600_000 }));
    return { peak: Math.max(peak, process.memoryUsage().rss), findings: summary.findings };
  } finally {
    clearInterval(timer);
  }
}

/**
 * Memory must not grow with file size: text is streamed in overlapping segments and findings
 * beyond the per-file cap are only counted. A scan of 256 MiB may use at most a little more
 * memory than a scan of 32 MiB: the margin covers V8 collecting garbage later on a longer run,
 * while keeping the text (224 MiB more) or every finding would exceed it.
 */
describe('memory stays flat as files grow', () => {
  it('32 MiB and 256 MiB scans peak within 128 MiB of each other', { timeout: 600_000 }, async () => {
    const small = await writeFile('small.txt', 32 * MiB);
    const large = await writeFile('large.txt', 256 * MiB);
    const first = await peakRssWhileScanning(small);
    const second = await peakRssWhileScanning(large);
    expect(second.findings).toBeGreaterThan(first.findings * 6);
    expect((second.peak - first.peak) / MiB).toBeLessThan(128);
  });
});

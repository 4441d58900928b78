import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { allDetectors } from '../../detectors/src/index.js';
import { scanStream, type FileReport } from '../src/index.js';
import { gzip, nestedBomb, overlapBomb, tar, zip } from '../../../scripts/fixtures/archive-writers.mjs';
import { FIXTURES, KEY, scanBytes } from './archives-office-helpers.js';

const MiB = 1024 * 1024;
const NIK = '3171015708900003';
const NIK_MASKED = '3171********0003';

const summary = (files: FileReport[]) => files.map((f) => [f.path, f.status, f.reason ?? null]);
const niks = (file: FileReport | undefined) => file?.findings.filter((f) => f.detector === 'nik').map((f) => [f.masked, f.locator]);

/** Runs `work` while sampling RSS; returns the peak growth in bytes and the time taken. */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; rssGrowth: number; ms: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, rssGrowth: peak - before, ms: performance.now() - started };
  } finally {
    clearInterval(timer);
  }
}

describe('zip bombs end quickly, bounded, incomplete with the limit named', () => {
  it('42.zip-style nesting: one leaf is expanded, its identical copies are not', async () => {
    // 16^4 leaves of 16 MiB of zeros: 1 TiB if expanded, 23 KB on disk.
    const bomb = nestedBomb(5, 16, 16 * MiB);
    const { result: files, rssGrowth, ms } = await measured(() => scanBytes(bomb, '42.zip'));
    expect(ms).toBeLessThan(5000);
    expect(rssGrowth).toBeLessThan(300 * MiB);
    const outer = files[files.length - 1]!;
    expect([outer.path, outer.status, outer.reason]).toEqual(['42.zip', 'incomplete', 'limit-ratio']);
    expect(outer.reasonMessage).toBe('Member "lib4-0.zip": hold content cut short by a limit (limit-ratio); see their own reports.');
    expect(outer.issues.map((i) => i.message)).toEqual([
      'Member "lib4-0.zip": hold content cut short by a limit (limit-ratio); see their own reports.',
      '15 members (the first is "lib4-1.zip"): have the same compressed data as "lib4-0.zip", which was cut short by a limit (limit-ratio); not expanded again.',
    ]);
    // One leaf per path down was opened; every archive on the way says why it is incomplete.
    expect(files.filter((f) => f.path.endsWith('leaf.bin')).map((f) => f.path)).toEqual(['42.zip!lib4-0.zip!lib3-0.zip!lib2-0.zip!lib1-0.zip!leaf.bin']);
    expect(files.filter((f) => f.path.endsWith('.zip')).every((f) => f.status === 'incomplete' && f.reason === 'limit-ratio')).toBe(true);
    expect(files).toHaveLength(2 + 16 * 4);
  });

  it('the overlapping-entry bomb is refused from the central directory', async () => {
    const bomb = overlapBomb(5000, 8 * MiB);
    const { result: files, ms, rssGrowth } = await measured(() => scanBytes(bomb, 'overlap.zip'));
    expect(ms).toBeLessThan(5000);
    expect(rssGrowth).toBeLessThan(300 * MiB);
    // Only the entry that owns the kernel is read (and it stops at the ratio); 4,999 are refused.
    expect(summary(files)).toEqual([
      ['overlap.zip!file0.bin', 'skipped', 'unsupported-format'],
      ['overlap.zip', 'incomplete', 'corrupt'],
    ]);
    expect(files[1]!.reasonMessage).toBe("Zip bomb: 4999 members share or overlap another member's compressed data (the overlapping-entry zip bomb); they were not expanded.");
    expect(files[1]!.issues.map((i) => i.code)).toEqual(['corrupt', 'limit-ratio']);
  });

  it('a high-ratio member is read up to the ratio limit, and what was read is scanned', async () => {
    const archive = zip([{ name: 'log.txt', data: `NIK: ${NIK}\n${'a'.repeat(20 * MiB)}` }]);
    const { result: files, ms } = await measured(() => scanBytes(archive, 'ratio.zip'));
    expect(ms).toBeLessThan(5000);
    expect(summary(files)).toEqual([
      ['ratio.zip!log.txt', 'incomplete', 'limit-ratio'],
      ['ratio.zip', 'incomplete', 'limit-ratio'],
    ]);
    expect(files[0]!.reasonMessage).toMatch(/^The member "log.txt" expands more than 100:1 \(maxCompressionRatio\), the mark of a zip bomb; reading stopped after 1\.\d MiB\.$/);
    expect(niks(files[0])).toEqual([[NIK_MASKED, { kind: 'text', line: 1, column: 6 }]]);
  });

  it('a gzip bomb stops at the ratio limit', async () => {
    const bomb = gzip('a'.repeat(20 * MiB));
    const { result: files, ms } = await measured(() => scanBytes(bomb, 'log.txt.gz'));
    expect(ms).toBeLessThan(5000);
    expect(summary(files)).toEqual([
      ['log.txt.gz!log.txt', 'incomplete', 'limit-ratio'],
      ['log.txt.gz', 'incomplete', 'limit-ratio'],
    ]);
  });
});

describe('configurable limits are reported when hit', () => {
  const five = zip(Array.from({ length: 5 }, (_, i) => ({ name: `f${i}.txt`, data: `catatan ${i}\n` })));

  it.each([
    ['zip', five, 'five.zip'],
    ['tar', tar(Array.from({ length: 5 }, (_, i) => ({ name: `f${i}.txt`, data: `catatan ${i}\n` }))), 'five.tar'],
  ] as const)('maxArchiveMembers on a %s', async (_kind, archive, name) => {
    const files = await scanBytes(archive, name, { maxArchiveMembers: 2 });
    expect(summary(files)).toEqual([
      [`${name}!f0.txt`, 'scanned', null],
      [`${name}!f1.txt`, 'scanned', null],
      [name, 'incomplete', 'limit-members'],
    ]);
    expect(files[2]!.reasonMessage).toMatch(/maxArchiveMembers/);
  });

  it('a ZIP with more than 65,535 entries (a wrapped 16-bit count) is not cut short silently', async () => {
    const many = zip(Array.from({ length: 70_000 }, (_, i) => ({ name: `${i}`, data: '', method: 0 })));
    const files = await scanBytes(many, 'many.zip', { maxArchiveMembers: 3 });
    expect(summary(files)).toEqual([
      ['many.zip!0', 'scanned', null],
      ['many.zip!1', 'scanned', null],
      ['many.zip!2', 'scanned', null],
      ['many.zip', 'incomplete', 'limit-members'],
    ]);
    expect(files[3]!.reasonMessage).toBe('This archive lists 70000 members; only the first 3 (maxArchiveMembers) were read.');
  });

  it('maxArchiveDepth: the inner archive is not opened', async () => {
    const bundle = readFileSync(join(FIXTURES, 'archives', 'bundel.zip'));
    const files = await scanBytes(bundle, 'bundel.zip', { maxArchiveDepth: 1 });
    const inner = files.find((f) => f.path === 'bundel.zip!dalam.zip');
    expect([inner?.status, inner?.reason]).toEqual(['incomplete', 'limit-depth']);
    expect(inner?.reasonMessage).toBe('This archive is nested 1 levels deep inside other archives; containers deeper than 1 levels (maxArchiveDepth) are not opened, so its members were not checked.');
    expect(files.some((f) => f.path.startsWith('bundel.zip!dalam.zip!'))).toBe(false);
    // Documents are still read at the limit: their parts are not archive members.
    expect(files.find((f) => f.path === 'bundel.zip!dokumen/surat-kop.docx')?.countsByDetector).toMatchObject({ nik: 1, 'bpjs-card': 1 });
  });

  it('maxMemberBytes: the first part of a large member is scanned, the member and archive say so', async () => {
    const archive = zip([{ name: 'besar.txt', data: `NIK ${NIK}\n${'baris\n'.repeat(2000)}` }]);
    const files = await scanBytes(archive, 'm.zip', { maxMemberBytes: 1000 });
    expect(summary(files)).toEqual([
      ['m.zip!besar.txt', 'incomplete', 'limit-member-size'],
      ['m.zip', 'incomplete', 'limit-member-size'],
    ]);
    expect(niks(files[0])).toEqual([[NIK_MASKED, { kind: 'text', line: 1, column: 5 }]]);
  });

  it('maxMemberBytes on a tar member', async () => {
    const files = await scanBytes(tar([{ name: 'besar.txt', data: `NIK ${NIK}\n${'baris\n'.repeat(2000)}` }]), 't.tar', { maxMemberBytes: 1000 });
    expect(summary(files)).toEqual([
      ['t.tar!besar.txt', 'incomplete', 'limit-member-size'],
      ['t.tar', 'incomplete', 'limit-member-size'],
    ]);
    expect(niks(files[0])).toEqual([[NIK_MASKED, { kind: 'text', line: 1, column: 5 }]]);
  });

  it('maxExpandedBytes is shared across nesting and stops the rest', async () => {
    const inner = zip([{ name: 'a.txt', data: 'x'.repeat(3000) }, { name: 'b.txt', data: 'y'.repeat(3000) }]);
    const outer = zip([{ name: 'inner.zip', data: inner }, { name: 'c.txt', data: `NIK ${NIK}` }]);
    const files = await scanBytes(outer, 'o.zip', { maxExpandedBytes: 5000 });
    expect(summary(files)).toEqual([
      ['o.zip!inner.zip!a.txt', 'scanned', null],
      ['o.zip!inner.zip!b.txt', 'incomplete', 'limit-expanded-size'],
      ['o.zip!inner.zip', 'incomplete', 'limit-expanded-size'],
      ['o.zip!c.txt', 'incomplete', 'limit-expanded-size'],
      ['o.zip', 'incomplete', 'limit-expanded-size'],
    ]);
  });
});

describe('Office documents and the expanded-bytes budget', () => {
  const docx = readFileSync(join(FIXTURES, 'office', 'surat-kop.docx'));

  it('a document scanned directly is not an archive: its parts do not use the budget', async () => {
    const files = await scanBytes(docx, 'surat.docx', { maxExpandedBytes: 100 });
    expect(summary(files)).toEqual([['surat.docx', 'scanned', null]]);
    expect(files[0]!.countsByDetector).toMatchObject({ nik: 1, 'bpjs-card': 1 });
  });

  it('inside an archive it shares the budget with the other members', async () => {
    const files = await scanBytes(zip([{ name: 'surat.docx', data: docx, method: 0 }]), 'z.zip', { maxExpandedBytes: 3000 });
    expect(summary(files)).toEqual([
      ['z.zip!surat.docx', 'incomplete', 'limit-expanded-size'],
      ['z.zip', 'incomplete', 'limit-expanded-size'],
    ]);
  });
});

describe('inputs without random access', () => {
  it('a ZIP arriving as a stream is gathered (bounded) and read', async () => {
    const bytes = zip([{ name: 'a.txt', data: `NIK ${NIK}\n` }]);
    const { files } = await scanStream(Readable.from([bytes.subarray(0, 20), bytes.subarray(20)]), { detectors: allDetectors, filename: 'upload.zip', fingerprintKey: KEY, scanFileNames: false });
    expect(summary(files)).toEqual([
      ['upload.zip!a.txt', 'scanned', null],
      ['upload.zip', 'scanned', null],
    ]);
    expect(niks(files[0])).toEqual([[NIK_MASKED, { kind: 'text', line: 1, column: 5 }]]);
  });

  it('a .tar.gz stream is decompressed and read in one pass', async () => {
    const bytes = gzip(tar([{ name: 'a/b.txt', data: `NIK ${NIK}\n` }]));
    const { files } = await scanStream(Readable.from([bytes]), { detectors: allDetectors, filename: 'x.tgz', fingerprintKey: KEY, scanFileNames: false });
    expect(summary(files)).toEqual([
      ['x.tgz!x.tar!a/b.txt', 'scanned', null],
      ['x.tgz!x.tar', 'scanned', null],
      ['x.tgz', 'scanned', null],
    ]);
  });
});

describe('hostile and odd archives', () => {
  it('names every unsafe member and never uses its path', async () => {
    const files = await scanBytes(zip([{ name: 'C:\\Windows\\a.txt', data: 'x' }, { name: 'a/../../b.txt', data: 'y' }]), 'slip.zip');
    expect(summary(files)).toEqual([
      ['slip.zip!Windows/a.txt', 'scanned', null],
      ['slip.zip!a/b.txt', 'scanned', null],
      ['slip.zip', 'incomplete', 'unsafe-path'],
    ]);
    expect(files[2]!.reasonMessage).toBe('2 members (the first is "Windows/a.txt"): stored with an absolute or "../" path (a zip-slip trick); Saring writes nothing to disk and scanned the content under a cleaned name.');
  });

  it('duplicate names are both scanned, the second under a numbered name, and noted', async () => {
    const files = await scanBytes(zip([{ name: 'a/data.txt', data: 'x' }, { name: 'a/data.txt', data: 'y' }]), 'dup.zip');
    expect(summary(files)).toEqual([
      ['dup.zip!a/data.txt', 'scanned', null],
      ['dup.zip!a/data (2).txt', 'scanned', null],
      ['dup.zip', 'scanned', null],
    ]);
    expect(files[2]!.issues).toEqual([{ code: 'unsafe-path', message: 'Two or more members are named "a/data.txt" (a later one could overwrite an earlier one when extracted); this one is reported as "a/data (2).txt".' }]);
  });

  it.each([
    ['ZIP64 records and extra fields', zip([{ name: 'a.txt', data: `NIK ${NIK}\n` }, { name: 'b/c.txt', data: 'x' }], { zip64: true })],
    ['data descriptors (sizes after the data)', zip([{ name: 'a.txt', data: `NIK ${NIK}\n`, descriptor: true }, { name: 'b/c.txt', data: 'x', method: 0, descriptor: true }])],
  ])('reads %s', async (_name, archive) => {
    const files = await scanBytes(archive, 'z.zip');
    expect(summary(files)).toEqual([
      ['z.zip!a.txt', 'scanned', null],
      ['z.zip!b/c.txt', 'scanned', null],
      ['z.zip', 'scanned', null],
    ]);
    expect(niks(files[0])).toEqual([[NIK_MASKED, { kind: 'text', line: 1, column: 5 }]]);
  });

  it('a truncated ZIP is read from its local headers up to the damage', async () => {
    const archive = zip([{ name: 'a.txt', data: `NIK ${NIK}\n` }, { name: 'b.txt', data: 'catatan '.repeat(500) }]);
    // Cut inside the central directory: both members' data is whole.
    const files = await scanBytes(archive.subarray(0, archive.byteLength - 110), 't.zip');
    expect(summary(files)).toEqual([
      ['t.zip!a.txt', 'scanned', null],
      ['t.zip!b.txt', 'scanned', null],
      ['t.zip', 'incomplete', 'corrupt'],
    ]);
    expect(files[2]!.reasonMessage).toBe('The ZIP archive is truncated or damaged: its table of contents (central directory) is missing. The 2 members found before the damage were read; anything after it was not.');
  });

  it('a tar entry of a kind that is not read (GNU sparse) is named, not passed over', async () => {
    const files = await scanBytes(tar([{ name: 'jarang.img', data: 'x'.repeat(600), type: 'S' }, { name: 'a.txt', data: 'catatan' }]), 's.tar');
    expect(summary(files)).toEqual([
      ['s.tar!a.txt', 'scanned', null],
      ['s.tar', 'incomplete', 'unsupported-format'],
    ]);
    expect(files[1]!.reasonMessage).toBe('Member "jarang.img": stored as special tar entries (type "S", e.g. GNU sparse or multi-volume), whose content Saring does not read.');
  });

  it('a member that lies about its size is read for what it really holds', async () => {
    const files = await scanBytes(zip([{ name: 'a.txt', data: `NIK ${NIK}\n${'z'.repeat(5000)}`, declaredSize: 10 }]), 'lie.zip');
    expect(summary(files)).toEqual([
      ['lie.zip!a.txt', 'scanned', null],
      ['lie.zip', 'scanned', null],
    ]);
    expect(files[0]!.size).toBe(5021);
  });

  it('an empty archive and an empty member are scanned, not failed', async () => {
    expect(summary(await scanBytes(zip([]), 'empty.zip'))).toEqual([['empty.zip', 'scanned', null]]);
    expect(summary(await scanBytes(zip([{ name: 'kosong.txt', data: '' }]), 'e.zip'))).toEqual([
      ['e.zip!kosong.txt', 'scanned', null],
      ['e.zip', 'scanned', null],
    ]);
  });

  it.each([
    ['random bytes after a zip signature', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8])],
    ['a tar header with a bad checksum', (() => {
      const t = tar([{ name: 'a.txt', data: 'x' }]);
      t[148] = 0x37;
      return t;
    })()],
  ])('%s fails as corrupt', async (_name, bytes) => {
    const files = await scanBytes(bytes, bytes[0] === 0x50 ? 'x.zip' : 'x.tar');
    expect(files.map((f) => [f.status, f.reason])).toEqual([['failed', 'corrupt']]);
  });
});

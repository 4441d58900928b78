import { describe, expect, it } from 'vitest';
import type { CandidateDetector, ConfidenceLevel, Severity } from '../model/detector.js';
import type { Extractor } from '../model/extractor.js';
import type { FileReport } from '../model/report.js';
import { UsageError } from '../model/errors.js';
import { keywordSet } from '../engine/keywords.js';
import { scanBuffer } from '../engine/scan.js';
import { gateBuffer, gateStream } from './gate.js';
import { findingBlocks, resolvePolicy } from './policy.js';
import { verdictOf } from './verdict.js';

const KEY = 'test-key-0123456789abcdef';

/** A 16-digit number; high confidence next to the word "nik". */
const sixteen: CandidateDetector = {
  id: 'sixteen',
  meta: { entity: 'test number', category: 'umum', severity: 'high', description: 'test' },
  triggers: { numbers: { minDigits: 16, maxDigits: 16 } },
  keywords: keywordSet(['nik']),
  detect(c, view) {
    const ctx = view.contextWords(this.keywords!, c.start, c.end, 50);
    return { start: c.start, end: c.end, value: c.digits, score: ctx.length ? 0.9 : 0.5, explanation: { pattern: 'x', validation: 'unchecked', context: ctx } };
  },
};

const detectors = [sixteen];
const NIK_LINE = 'NIK : 3171 0117 0845 0001\n';

describe('findingBlocks', () => {
  it.each<[string, Parameters<typeof resolvePolicy>[0], string, Severity, ConfidenceLevel, boolean]>([
    ['default, high severity', undefined, 'nik', 'high', 'medium', true],
    ['default, medium severity', undefined, 'phone-id', 'medium', 'medium', true],
    ['default, low severity', undefined, 'email', 'low', 'high', false],
    ['default, low confidence', undefined, 'nik', 'critical', 'low', false],
    ['severity threshold', { blockSeverity: 'critical' }, 'nik', 'high', 'high', false],
    ['no severity rule', { blockSeverity: 'none' }, 'nik', 'critical', 'high', false],
    ['detector rule below its confidence', { detectors: { nik: 'high' } }, 'nik', 'high', 'medium', false],
    ['detector rule at its confidence', { detectors: { nik: 'high' } }, 'nik', 'high', 'high', true],
    ['detector rule on a low-severity detector', { blockSeverity: 'none', detectors: { email: 'medium' } }, 'email', 'low', 'medium', true],
    ['detector never blocks', { detectors: { email: 'never' } }, 'email', 'critical', 'high', false],
  ])('%s', (_name, input, detector, severity, confidence, expected) => {
    expect(findingBlocks(resolvePolicy(input), { detector, severity, confidence })).toBe(expected);
  });

  it('lists every policy problem at once', () => {
    const bad = { blockSeverity: 'huge', detectors: { nik: 'sure' }, blockLabels: 'x', colour: 1 } as unknown as Parameters<typeof resolvePolicy>[0];
    expect(() => resolvePolicy(bad)).toThrow(UsageError);
    try {
      resolvePolicy(bad);
    } catch (error) {
      expect((error as UsageError).problems).toEqual([
        'Unknown policy field "colour".',
        'Policy field "blockSeverity" must be one of low, medium, high, critical, none.',
        'Policy field "detectors.nik" must be one of low, medium, high, never.',
        'Policy field "blockLabels" must be a list of strings.',
      ]);
    }
  });
});

/** A file report; `classification` is partial here (only its label matters to the gate). */
function report(overrides: Record<string, unknown>): FileReport {
  return { path: 'a.txt', size: 1, format: 'text', status: 'scanned', issues: [], findings: [], findingCount: 0, countsByDetector: {}, durationMs: 0, bytesRead: 1, ...overrides } as FileReport;
}

describe('verdictOf (fail closed)', () => {
  const policy = resolvePolicy(undefined);
  it.each<[string, FileReport, Parameters<typeof resolvePolicy>[0], 'allow' | 'block', string[], string]>([
    ['clean file', report({}), undefined, 'allow', [], 'public'],
    ['encrypted member', report({ status: 'incomplete', reason: 'encrypted', reasonMessage: 'Encrypted.' }), undefined, 'block', ['not-read:encrypted'], 'public'],
    ['encrypted allowed by policy', report({ status: 'incomplete', reason: 'encrypted', reasonMessage: 'Encrypted.' }), { allowReasons: ['encrypted'] }, 'allow', [], 'public'],
    ['parser failure', report({ status: 'failed', reason: 'extractor-error', reasonMessage: 'Damaged.' }), undefined, 'block', ['not-read:extractor-error'], 'public'],
    ['unsupported format', report({ status: 'skipped', reason: 'unsupported-format', reasonMessage: 'No reader.' }), undefined, 'block', ['not-read:unsupported-format'], 'public'],
    ['over a limit', report({ status: 'skipped', reason: 'too-large', reasonMessage: 'Too large.' }), undefined, 'block', ['not-read:too-large'], 'public'],
    ['classified sensitive-health', report({ classification: { label: 'sensitive-health' } }), undefined, 'block', ['label:sensitive-health'], 'sensitive-health'],
    ['classified personal, label not blocked', report({ classification: { label: 'personal' } }), undefined, 'allow', [], 'personal'],
    ['classified personal, label blocked', report({ classification: { label: 'personal' } }), { blockLabels: ['personal'] }, 'block', ['label:personal'], 'personal'],
    ['a bulk export', report({ classification: { label: 'personal', bulkExport: true, people: 150 } }), undefined, 'block', ['bulk-export'], 'personal'],
    ['a bulk export, allowed', report({ classification: { label: 'personal', bulkExport: true, people: 150 } }), { blockBulkExport: false }, 'allow', [], 'personal'],
  ])('%s', (_name, file, input, decision, codes, label) => {
    const verdict = verdictOf([file], resolvePolicy(input), 'none', 1000);
    expect([verdict.decision, verdict.reasons.map((r) => r.code), verdict.label]).toEqual([decision, codes, label]);
  });

  it('reports a stopped scan as a timeout when the gate timed out, and not at all when stopped early', () => {
    const aborted = report({ status: 'incomplete', reason: 'aborted', reasonMessage: 'Stopped.' });
    expect(verdictOf([aborted], policy, 'timeout', 2000).reasons.map((r) => [r.code, r.message])).toEqual([
      ['not-read:timeout', "Scanning took longer than the gate's 2 s limit; the rest was not read. Not fully read, so it is blocked (fail closed)."],
    ]);
    expect(verdictOf([aborted], policy, 'caller', 2000).reasons.map((r) => r.code)).toEqual(['not-read:aborted']);
    const stopped = verdictOf([aborted], policy, 'stopped-early', 2000);
    expect([stopped.reasons, stopped.incomplete, stopped.stoppedEarly]).toEqual([[], true, true]);
  });
});

describe('gateBuffer', () => {
  it('allows a clean upload', async () => {
    const verdict = await gateBuffer(Buffer.from('Surat keterangan: tidak ada data.\n'), { detectors, fingerprintKey: KEY, filename: 'note.txt' });
    expect([verdict.decision, verdict.reasons, verdict.label, verdict.findings, verdict.incomplete]).toEqual(['allow', [], 'public', [], false]);
    expect(verdict.files.map((f) => [f.path, f.status])).toEqual([['note.txt', 'scanned']]);
  });

  it('blocks a NIK with a masked finding and never the raw value', async () => {
    const verdict = await gateBuffer(Buffer.from(`Nama: Budi\n${NIK_LINE}`), { detectors, fingerprintKey: KEY, contentType: 'text/plain' });
    expect(verdict.decision).toBe('block');
    expect(verdict.reasons).toEqual([
      { kind: 'finding', code: 'finding:sixteen', path: 'upload.txt', detector: 'sixteen', severity: 'high', confidence: 'high', count: 1, message: '1 sixteen finding at high confidence (high severity).' },
    ]);
    expect(verdict.label).toBe('personal');
    expect(verdict.findings.map((f) => [f.path, f.detector, f.masked, f.locator, f.blocks])).toEqual([['upload.txt', 'sixteen', '31************01', { kind: 'text', line: 2, column: 7 }, true]]);
    expect(JSON.stringify({ ...verdict, files: undefined })).not.toContain('3171011708450001');
  });

  it('blocks an input over the size limit without reading it', async () => {
    const verdict = await gateBuffer(Buffer.alloc(100, 0x61), { detectors, fingerprintKey: KEY, filename: 'big.txt', limits: { maxFileBytes: 10 } });
    expect([verdict.decision, verdict.reasons.map((r) => r.code), verdict.files[0]?.bytesRead]).toEqual(['block', ['not-read:too-large'], 0]);
  });

  it('blocks when the parser fails', async () => {
    const broken: Extractor = {
      id: 'broken',
      formats: ['text'],
      // eslint-disable-next-line require-yield
      async *extract() {
        throw new Error('unexpected token');
      },
    };
    const verdict = await gateBuffer(Buffer.from('hello\n'), { detectors, fingerprintKey: KEY, filename: 'a.txt', extractors: [broken] });
    expect([verdict.decision, verdict.reasons.map((r) => r.code)]).toEqual(['block', ['not-read:extractor-error']]);
  });
});

/** An 8 MiB text stream in 64 KiB chunks that counts how many chunks were pulled. */
function countedStream(firstLine: string): { stream: AsyncIterable<Uint8Array>; pulled: () => number; total: number } {
  const CHUNK = 64 * 1024;
  const total = 128;
  let pulled = 0;
  const filler = Buffer.alloc(CHUNK, 'lorem ipsum dolor sit amet\n');
  async function* generate(): AsyncGenerator<Uint8Array> {
    for (let i = 0; i < total; i++) {
      pulled++;
      yield i === 0 ? Buffer.concat([Buffer.from(firstLine), filler.subarray(firstLine.length)]) : filler;
    }
  }
  return { stream: generate(), pulled: () => pulled, total };
}

describe('gateStream', () => {
  it('stopAtFirst stops reading at the first blocking finding', async () => {
    const input = countedStream(NIK_LINE);
    const verdict = await gateStream(input.stream, { detectors, fingerprintKey: KEY, filename: 'big.txt', policy: { stopAtFirst: true } });
    expect([verdict.decision, verdict.reasons.map((r) => r.code), verdict.stoppedEarly, verdict.incomplete]).toEqual(['block', ['finding:sixteen'], true, true]);
    expect(input.pulled()).toBeLessThan(input.total / 2);
  });

  it('reads the whole stream without stopAtFirst', async () => {
    const input = countedStream(NIK_LINE);
    const verdict = await gateStream(input.stream, { detectors, fingerprintKey: KEY, filename: 'big.txt' });
    expect([verdict.decision, verdict.stoppedEarly, verdict.incomplete, input.pulled()]).toEqual(['block', false, false, input.total]);
  });

  it('blocks a stalled upload at the timeout', async () => {
    async function* stalled(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('Nama: Budi\n');
      await new Promise(() => {});
    }
    const verdict = await gateStream(stalled(), { detectors, fingerprintKey: KEY, filename: 'slow.txt', timeoutMs: 200 });
    expect([verdict.decision, verdict.reasons.map((r) => r.code)]).toEqual(['block', ['not-read:timeout']]);
  });

  it('blocks when the stream fails midway', async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield Buffer.alloc(20_000, 'a');
      throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    }
    const verdict = await gateStream(failing(), { detectors, fingerprintKey: KEY, filename: 'cut.txt' });
    expect([verdict.decision, verdict.reasons.map((r) => r.code)]).toEqual(['block', ['not-read:io-error']]);
  });
});

describe('ScanOptions.onFinding (the engine hook stopAtFirst uses)', () => {
  it('is called with each masked finding and its path, also beyond maxFindingsPerFile', async () => {
    const seen: [string, string, string | undefined][] = [];
    const { files } = await scanBuffer(Buffer.from(`${NIK_LINE}${NIK_LINE.replace('0001', '0002')}`), {
      detectors,
      fingerprintKey: KEY,
      filename: 'two.txt',
      limits: { maxFindingsPerFile: 1 },
      onFinding: (finding, path) => seen.push([path, finding.masked, finding.value]),
    });
    expect(seen).toEqual([
      ['two.txt', '31************01', undefined],
      ['two.txt', '31************02', undefined],
    ]);
    expect([files[0]?.findings.length, files[0]?.findingCount]).toEqual([1, 2]);
  });
});

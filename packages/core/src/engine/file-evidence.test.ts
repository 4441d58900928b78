import { describe, expect, it } from 'vitest';
import type { CandidateDetector, DetectorMatch } from '../model/detector.js';
import type { FileClassifier } from '../model/classification.js';
import { meetsFailThreshold, parseFailOn } from '../report/fail-on.js';
import { keywordSet } from './keywords.js';
import { scanBuffer } from './scan.js';

const KEY = 'test-key-0123456789abcdef';

/** A person identifier: `ID-<digits>`; `ID-C<digits>` is a child. */
const personId: CandidateDetector = {
  id: 'person-id',
  meta: { entity: 'Test person id', category: 'umum', severity: 'high', description: 'test person identifier', identifiesPerson: true },
  triggers: { codes: true },
  detect(candidate): DetectorMatch | undefined {
    const m = /^P(C?)([0-9]{4,})$/.exec(candidate.text);
    if (!m) return undefined;
    return { start: candidate.start, end: candidate.end, value: candidate.text, score: 0.9, explanation: { pattern: 'p', validation: 'unchecked', context: [] }, ...(m[1] ? { child: true as const } : {}) };
  },
};

/** A health value: `DX<digits>`. */
const health: CandidateDetector = {
  id: 'health-value',
  meta: { entity: 'Test health value', category: 'spesifik-kesehatan', severity: 'high', description: 'test health value' },
  triggers: { codes: true },
  detect(candidate): DetectorMatch | undefined {
    if (!/^DX[0-9]+$/.test(candidate.text)) return undefined;
    return { start: candidate.start, end: candidate.end, value: candidate.text, score: 0.9, explanation: { pattern: 'dx', validation: 'unchecked', context: [] } };
  },
};

/** A doctor: `DR<digits>`, low severity. */
const doctor: CandidateDetector = {
  id: 'doctor',
  meta: { entity: 'Test doctor', category: 'umum', severity: 'low', description: 'test doctor' },
  triggers: { codes: true },
  detect(candidate): DetectorMatch | undefined {
    if (!/^DR[0-9]+$/.test(candidate.text)) return undefined;
    return { start: candidate.start, end: candidate.end, value: candidate.text, score: 0.9, explanation: { pattern: 'dr', validation: 'unchecked', context: [] } };
  },
};

const form: FileClassifier = {
  id: 'test-form',
  description: 'a form titled TEST FORM',
  keywords: keywordSet(['test form', 'field one']),
  classify: (facts) => (facts.keywordCount('test form') ? { id: 'test-form', confidence: 0.9, evidence: [`title x${facts.keywordCount('test form')}`, `blank ${facts.blankFields}`] } : undefined),
};

async function classify(text: string, filename = 'a.txt', maxFindingsPerFile?: number) {
  const { files, summary } = await scanBuffer(Buffer.from(text), {
    detectors: [personId, health, doctor],
    classifiers: [form],
    filename,
    fingerprintKey: KEY,
    scanFileNames: false,
    ...(maxFindingsPerFile ? { limits: { maxFindingsPerFile } } : {}),
  });
  return { report: files[files.length - 1]!, summary };
}

describe('file classification (UU PDP label, people, risk, document classes)', () => {
  it.each([
    ['nothing found', 'just text', 'public', []],
    ['a doctor only (low severity)', 'signed DR123', 'public', []],
    ['a person identifier', 'patient P1234', 'personal', ['umum']],
    ['a health value without a person', 'code DX12', 'personal', ['spesifik-kesehatan']],
    ['a health value tied to a person', 'patient P1234 code DX12', 'sensitive-health', ['umum', 'spesifik-kesehatan']],
    ['a child', 'patient PC1234', 'personal', ['umum', 'anak']],
  ] as const)('%s: %s', async (_name, text, label, categories) => {
    const { report } = await classify(text);
    expect(report.classification?.label).toBe(label);
    expect(report.classification?.categories).toEqual(categories);
  });

  it('counts distinct people by value, also beyond the detailed-findings cap, and flags a bulk export', async () => {
    const rows = Array.from({ length: 150 }, (_, i) => `P${1000 + i} DX1`).join('\n');
    const { report, summary } = await classify(`${rows}\nP1000 again`, 'a.txt', 10);
    expect(report.findings).toHaveLength(10);
    expect(report.classification).toMatchObject({ label: 'sensitive-health', people: 150, bulkExport: true });
    expect(report.classification!.risk).toBeGreaterThan(75);
    expect(summary.bulkExports).toBe(1);
    expect(summary.filesByLabel).toEqual({ public: 0, personal: 0, 'sensitive-health': 1 });
  });

  it('risk grows with the number of people', async () => {
    const one = await classify('P1000 DX1');
    const ten = await classify(Array.from({ length: 10 }, (_, i) => `P${1000 + i} DX1`).join('\n'));
    expect(ten.report.classification!.risk).toBeGreaterThan(one.report.classification!.risk);
  });

  it.each([
    ['a filled form is its class', 'TEST FORM\nField one: P1234\n', ['test-form']],
    ['a blank form is a template', 'TEST FORM\nField one: ..........\nField two:\n', ['template']],
    ['prose naming the form is nothing', 'We talked about the test form today.', []],
  ])('%s', async (_name, text, classes) => {
    const { report, summary } = await classify(text);
    expect(report.classification?.documents.map((d) => d.id)).toEqual(classes);
    for (const c of classes) expect(summary.filesByDocumentClass[c]).toBe(1);
  });
});

describe('--fail-on', () => {
  it('rejects an unknown value with the list of accepted ones', () => {
    expect(() => parseFailOn('secret')).toThrow(/high, critical, personal, sensitive-health, bulk-export, none/);
  });

  it.each([
    ['sensitive-health', 'patient P1234 code DX12', true],
    ['sensitive-health', 'patient P1234', false],
    ['personal', 'patient P1234', true],
    ['personal', 'signed DR123', false],
    ['high', 'patient P1234', true],
    ['low', 'nothing', false],
    ['bulk-export', 'patient P1234 code DX12', false],
    ['none', 'patient P1234 code DX12', false],
  ] as const)('%s on %j: %s', async (failOn, text, expected) => {
    const { report } = await classify(text);
    expect(meetsFailThreshold(report, parseFailOn(failOn))).toBe(expected);
  });
});

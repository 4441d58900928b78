import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprint, parseKey } from '@saring/core';
import { loadConfig, stripJsonComments } from '../src/config/load.js';
import { resolveConfig } from '../src/config/resolve.js';
import { checkPattern } from '../src/config/custom-detector.js';
import { cli, TEST_KEY } from './helpers.js';

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'saring-config-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

async function problemsOf(config: unknown): Promise<string[]> {
  const dir = tree({ 'saring.config.json': JSON.stringify(config) });
  const path = join(dir, 'saring.config.json');
  try {
    const { problems } = resolveConfig(await loadConfig(path));
    return problems.map((p) => p.replace(`${path}: `, ''));
  } catch (error) {
    return (error as { problems: string[] }).problems.map((p) => p.replace(`${path}: `, ''));
  }
}

describe('config validation names the key and what is wrong, all at once', () => {
  it.each([
    [{ detectors: { disable: ['emial'] } }, [expect.stringMatching(/^detectors\.disable\[0\]: unknown detector "emial" \(known: nik, /)]],
    [{ detectors: { presets: ['everything'] } }, [expect.stringMatching(/^detectors\.presets\[0\]: unknown preset "everything" \(known: all, identifiers, contact/)]],
    [{ minConfidence: 'sure', concurrency: 0 }, ['minConfidence: Invalid option: expected one of "low"|"medium"|"high"', 'concurrency: Too small: expected number to be >=1']],
    [{ colour: true }, ['(top level): Unrecognized key: "colour"']],
    [{ limits: { maxFileSize: 'huge' } }, ['limits.maxFileSize: "huge" is not a size; write it like 256MiB, 10MB or 1048576.']],
    [{ failOn: 'everything' }, ['failOn: must be one of low, medium, high, critical, personal, sensitive-health, bulk-export, none (got "everything")']],
    [{ allow: [{ fingerprint: '3171011708450001' }] }, ['allow[0].fingerprint: must be a 32-character hex fingerprint, as printed by "saring fingerprint" or found in reports']],
    [{ suppress: [{ fingerprint: 'a'.repeat(32), reason: 'ok', expires: 'next year' }] }, ['suppress[0].reason: say why this finding is accepted', 'suppress[0].expires: must be a date like 2026-12-31']],
    [
      { customDetectors: [{ id: 'rm', entity: 'RM', description: 'Record numbers of RS Contoh.', pattern: '(a+)+$' }] },
      ['customDetectors[0].pattern: can take exponential time on some input (ReDoS); rewrite it without nested or overlapping repetition'],
    ],
    [{ customDetectors: [{ id: 'nik', entity: 'x', description: 'Shadows the built-in one.', pattern: 'x' }] }, ['customDetectors[0].id: "nik" is the id of a built-in detector; choose another']],
  ])('%j', async (config, expected) => {
    expect(await problemsOf(config)).toEqual(expected);
  });

  it.each([
    ['a*', 'matches the empty string; it would match everywhere'],
    ['(', expect.stringMatching(/^is not a valid regular expression/)],
    ['RM-[0-9]{6}', undefined],
  ])('pattern %s', (pattern, problem) => {
    expect(checkPattern(pattern, '')[0]).toEqual(problem);
  });

  it('reads comments and trailing commas (jsonc) but keeps them inside strings', () => {
    expect(JSON.parse(stripJsonComments('{ // c\n "a": "x // y, }", /* b */ "b": [1, 2,], }'))).toEqual({ a: 'x // y, }', b: [1, 2] });
  });

  it('a bad config stops the scan before any file is read, with exit 2', async () => {
    const dir = tree({ 'saring.config.json': JSON.stringify({ detectors: { disable: ['emial'] }, minConfidence: 'sure' }), 'a.txt': 'NIK: 3171011708450001\n' });
    const { code, stderr, stdout } = await cli(['scan', '.'], {}, dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('detectors.disable[0]: unknown detector "emial"');
    expect(stderr).toContain('minConfidence: Invalid option');
  });
});

describe('config in a scan', () => {
  it('custom detectors, severities, disabled detectors and excludes apply; found by upward search', async () => {
    const dir = tree({
      'saring.config.json': JSON.stringify({
        detectors: { disable: ['phone-id'], settings: { nik: { severity: 'low' } } },
        customDetectors: [{ id: 'rs-contoh-mrn', entity: 'RS Contoh MRN', description: 'Record numbers of RS Contoh.', pattern: 'RM-[0-9]{6}', keywords: ['rekam medis'], severity: 'high' }],
        exclude: ['arsip/'],
      }),
      'data/a.txt': 'Rekam medis RM-123456, NIK 3171011708450001, HP 081234567890\n',
      'data/arsip/b.txt': 'NIK 3171011708450001\n',
    });
    const { code, stdout } = await cli(['scan', '.', '--format', 'json'], {}, join(dir, 'data'));
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { files: { path: string; findings: { detector: string; severity: string; masked: string; confidence: string }[] }[] };
    expect(report.files.map((f) => f.path)).toEqual(['a.txt']);
    expect(report.files[0]!.findings.map((f) => [f.detector, f.severity, f.masked, f.confidence])).toEqual([
      ['rs-contoh-mrn', 'high', 'RM*****56', 'high'],
      ['nik', 'low', '3171********0001', 'high'],
    ]);
  });

  it('allow-listed values (keyed fingerprints) and unexpired suppressions are not reported; expired ones are, with a note', async () => {
    const key = parseKey(TEST_KEY);
    const dir = tree({ 'a.txt': 'NIK 3171011708450001\nNIK 3273014408800002\nHP 081234567890\n' });
    const phone = fingerprint(key, 'phone-id', '+6281234567890');
    writeFileSync(
      join(dir, 'saring.config.json'),
      JSON.stringify({
        allow: [{ fingerprint: fingerprint(key, 'nik', '3171011708450001'), note: 'test patient' }],
        suppress: [
          { fingerprint: fingerprint(key, 'nik', '3273014408800002'), reason: 'ticket 42: being moved', expires: '2999-12-31' },
          { fingerprint: phone, reason: 'old exception', expires: '2000-01-01' },
        ],
      }),
    );
    const { stdout, stderr } = await cli(['scan', 'a.txt', '--format', 'json'], {}, dir);
    const report = JSON.parse(stdout) as { files: { findings: { detector: string }[] }[]; summary: { findings: number; filtered: Record<string, number> } };
    expect(report.files[0]!.findings.map((f) => f.detector)).toEqual(['phone-id']);
    expect(report.summary.findings).toBe(1);
    expect(report.summary.filtered).toEqual({ baselined: 0, suppressed: 1, allowed: 1 });
    expect(stderr).toContain(`the suppression of fingerprint ${phone} expired on 2000-01-01 ("old exception")`);
  });

  it('saring fingerprint reads values from stdin and prints allow-list entries', async () => {
    const { registerFingerprint } = await import('../src/commands/fingerprint.js');
    const { Command } = await import('commander');
    const program = new Command().exitOverride();
    let out = '';
    let code = -1;
    const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => 0 }, env: { SARING_FINGERPRINT_KEY: TEST_KEY }, cwd: tree({}) };
    registerFingerprint(program, io, (c) => (code = c), () => '3171011708450001\n');
    await program.parseAsync(['fingerprint', 'nik'], { from: 'user' });
    expect(code).toBe(0);
    expect(out).toBe(`{ "fingerprint": "${fingerprint(parseKey(TEST_KEY), 'nik', '3171011708450001')}", "note": "nik" }\n`);
  });
});

describe('saring init and saring explain', () => {
  it('init writes a starting config that loads without problems, and refuses to overwrite', async () => {
    const dir = tree({});
    expect((await cli(['init'], {}, dir)).code).toBe(0);
    const path = join(dir, 'saring.config.json');
    expect(resolveConfig(await loadConfig(path)).problems).toEqual([]);
    expect(readFileSync(path, 'utf8')).toContain('"$comment"');
    const schema = JSON.parse(readFileSync(join(dir, 'saring.config.schema.json'), 'utf8')) as { type: string; additionalProperties: boolean };
    expect(schema).toMatchObject({ type: 'object', additionalProperties: false });
    // Editors checking against the JSON Schema agree with saring about the starter config.
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    const validate = new Ajv2020({ strict: false }).compile(schema);
    expect(validate(JSON.parse(readFileSync(path, 'utf8'))), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ colour: true })).toBe(false);
    const again = await cli(['init'], {}, dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('saring.config.json already exists; use --force to overwrite it.');
  });

  it('explain prints what a detector looks for, its context words and masked examples', async () => {
    const { code, stdout } = await cli(['explain', 'nik'], {}, tree({}));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^nik: NIK/);
    expect(stdout).toContain('context words (raise the score nearby): ');
    expect(stdout).toContain('+ NIK: 3171********0001');
    expect(stdout).not.toContain('3171011708450001');
  });

  it('explain of an unknown detector is a usage error', async () => {
    const { code, stderr } = await cli(['explain', 'nope'], {}, tree({}));
    expect(code).toBe(2);
    expect(stderr).toContain('No detector "nope". Known: nik,');
  });
});

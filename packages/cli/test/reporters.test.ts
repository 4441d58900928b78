import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { csvCell, csvReport } from '../src/reporters/csv.js';
import { escapeHtml, htmlReport } from '../src/reporters/html.js';
import { jsonReport } from '../src/reporters/json.js';
import { jsonlFile, jsonlMeta, jsonlSummary } from '../src/reporters/jsonl.js';
import { prettyReport } from '../src/reporters/pretty.js';
import { redactPath } from '../src/reporters/redact.js';
import { sarifReport } from '../src/reporters/sarif.js';
import { goldenInput } from './golden-input.js';
import { cli } from './helpers.js';

const GOLDEN = fileURLToPath(new URL('./golden/', import.meta.url));
const SCHEMAS = fileURLToPath(new URL('./schemas/', import.meta.url));

/** Compares with the golden file; `UPDATE_GOLDEN=1` rewrites it (review the diff before committing). */
function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN || !existsSync(path)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

/** The official OASIS SARIF 2.1.0 schema (draft-04), read by ajv as draft-07: only `id` differs for this schema. */
function sarifValidator() {
  const schema = JSON.parse(readFileSync(join(SCHEMAS, 'sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
  const { $schema: _draft, id, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  return ajv.compile({ ...rest, $id: id as string });
}

describe('reporters: golden files over the fixtures/text ground truth', () => {
  const input = goldenInput();

  it.each([
    ['pretty.txt', () => prettyReport(input, { color: false })],
    ['pretty-color.txt', () => prettyReport(input, { color: true })],
    ['report.json', () => jsonReport(input)],
    ['report.jsonl', () => jsonlMeta(input.version, '2026-01-01T00:00:00.000Z') + input.files.map(jsonlFile).join('') + jsonlSummary(input.summary, { filtered: input.filtered! })],
    ['report.csv', () => csvReport(input)],
    ['report.sarif', () => sarifReport(input)],
    ['report.html', () => htmlReport(input)],
  ])('%s', (name, render) => {
    golden(name, render());
  });

  it('SARIF validates against the official 2.1.0 schema', () => {
    const validate = sarifValidator();
    const log = JSON.parse(sarifReport(input)) as { runs: { results: unknown[]; invocations: { toolExecutionNotifications: unknown[] }[] }[] };
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0]!.results).toHaveLength(input.summary.findings);
    // The skipped binary, the file too large to read and the cut archive member.
    expect(log.runs[0]!.invocations[0]!.toolExecutionNotifications).toHaveLength(3);
  });

  it('every JSON Lines line is one JSON value, meta first and summary last', () => {
    const lines = (jsonlMeta('1', 't') + input.files.map(jsonlFile).join('') + jsonlSummary(input.summary)).trimEnd().split('\n');
    const types = lines.map((l) => (JSON.parse(l) as { type: string }).type);
    expect(types[0]).toBe('meta');
    expect(types.at(-1)).toBe('summary');
    expect(types.filter((t) => t === 'file')).toHaveLength(input.files.length);
    expect(types.filter((t) => t === 'finding')).toHaveLength(input.summary.findings);
  });
});

describe('CSV cells cannot become formulas', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+62 812', "'+62 812"],
    ['-1+1', "'-1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['a,b', '"a,b"'],
    ['plain', 'plain'],
  ])('%j -> %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});

describe('HTML escapes every string and loads nothing', () => {
  const html = htmlReport(goldenInput());

  it('escapes a hostile file name', () => {
    expect(escapeHtml('<a href="x">\'&')).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
  });

  it('has a restrictive CSP and no external reference', () => {
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-[^"]+script-src &#39;sha256-/);
    expect(html).not.toMatch(/\b(?:src|href)=/);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  it('shows the summary numbers and the three charts', () => {
    const input = goldenInput();
    expect(html).toContain(`<div class="card" id="files-seen"><b data-value="${input.summary.filesSeen}">`);
    expect(html).toContain(`id="findings"><b data-value="${input.summary.findings}">`);
    for (const id of ['chart-label', 'chart-detector', 'chart-folder']) expect(html).toContain(`id="${id}"`);
  });
});

describe('--redact-paths', () => {
  const key = new TextEncoder().encode('test-key-0123456789abcdef');
  it('keeps the extension and groups a folder under one hash', () => {
    const a = redactPath(key, 'share/Budi Santoso/hasil_lab.pdf');
    const b = redactPath(key, 'share/Budi Santoso/rontgen.dcm');
    expect(a).toMatch(/^d-[0-9a-f]{16}\/f-[0-9a-f]{16}\.pdf$/);
    expect(b.endsWith('.dcm')).toBe(true);
    expect(a.split('/')[0]).toBe(b.split('/')[0]);
    expect(a).not.toContain('Budi');
  });

  it('hides names quoted in messages', async () => {
    const { redactReport } = await import('../src/reporters/redact.js');
    const file = goldenInput().files.at(-1)!;
    const redacted = redactReport(key, { ...file, reasonMessage: 'Member "Budi.txt": damaged.', issues: [{ code: 'corrupt', message: 'Member "Budi.txt": damaged.' }] });
    expect(redacted.reasonMessage).toBe('Member "(redacted)": damaged.');
    expect(redacted.issues[0]!.message).toBe('Member "(redacted)": damaged.');
  });

  it.each(['pretty', 'json', 'jsonl', 'csv', 'sarif', 'html'])('%s output has no real path', async (format) => {
    const { stdout } = await cli(['scan', 'fixtures/text', '--format', format, '--redact-paths']);
    expect(stdout).not.toContain('fixtures/text');
    expect(stdout).not.toContain('patients.csv');
    expect(stdout).toMatch(/d-[0-9a-f]{16}\/f-[0-9a-f]{16}\.csv/);
  });
});

describe('saring scan --format sarif on the fixtures', () => {
  it('validates against the official schema', async () => {
    const { stdout, code } = await cli(['scan', 'fixtures/text', '--format', 'sarif']);
    expect(code).toBe(1);
    const validate = sarifValidator();
    expect(validate(JSON.parse(stdout)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('csv has one row per finding plus one per file not read', async () => {
    const { stdout } = await cli(['scan', 'fixtures/text', '--format', 'csv']);
    const { stdout: json } = await cli(['scan', 'fixtures/text', '--format', 'json']);
    const report = JSON.parse(json) as { files: { status: string; findings: unknown[] }[] };
    const expected = report.files.reduce((n, f) => n + f.findings.length + (f.status === 'scanned' ? 0 : 1), 0);
    expect(stdout.trimEnd().split('\r\n')).toHaveLength(expected + 1);
  });
});

import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { allDetectors } from '@saring/detectors';
import { startGateServer, type GateServer, type GateServerOptions, type ScanResponse } from '../src/serve/server.js';
import { registerServe } from '../src/serve/command.js';
import { bearerChecker, loadToken } from '../src/serve/auth.js';
import { uploadFilename } from '../src/serve/upload-meta.js';
import { BPJS_CARD, CLEAN_TEXT, NIK, REFERRAL_LETTER, encryptedZip } from './gate-inputs.js';
import { TEST_KEY, cli } from './helpers.js';

const TOKEN = 'gate-test-token-0123456789abcdef';
const AUTH = { authorization: `Bearer ${TOKEN}` };

function start(overrides: Partial<GateServerOptions> = {}, logs: string[] = []): Promise<GateServer> {
  return startGateServer({ token: TOKEN, detectors: allDetectors, fingerprintKey: TEST_KEY, port: 0, log: (line) => logs.push(line), ...overrides });
}

async function post(server: GateServer, body: string | Uint8Array, headers: Record<string, string> = AUTH, query = ''): Promise<{ status: number; json: ScanResponse & { error?: { code: string } } }> {
  const response = await fetch(`${server.url}/v1/scan${query}`, { method: 'POST', headers, body });
  return { status: response.status, json: (await response.json()) as ScanResponse & { error?: { code: string } } };
}

/** A request whose body is sent in part and then held open: a slow or stalled client. */
function stalledRequest(server: GateServer, firstPart: string, declaredLength: number): { response: Promise<{ status: number; body: string }>; finish: (rest: string) => void } {
  const url = new URL(server.url);
  const req = request({ host: url.hostname, port: url.port, path: '/v1/scan', method: 'POST', headers: { ...AUTH, 'content-length': String(declaredLength), 'x-filename': 'slow.txt' } });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
  req.write(firstPart);
  return { response, finish: (rest) => req.end(rest) };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
}

/** Sends raw bytes over TCP and returns everything the server answered. */
function rawExchange(port: number, bytes: Uint8Array | string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (c) => (answer += c.toString('latin1')));
    socket.on('end', () => resolve(answer));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.end(bytes);
  });
}

function instreamFrames(payload: Buffer, command = 'zINSTREAM\0', chunkBytes = 1000): Buffer {
  const parts: Buffer[] = [Buffer.from(command, 'latin1')];
  for (let i = 0; i < payload.length; i += chunkBytes) {
    const chunk = payload.subarray(i, i + chunkBytes);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(chunk.length, 0);
    parts.push(length, chunk);
  }
  parts.push(Buffer.alloc(4));
  return Buffer.concat(parts);
}

describe('saring serve over HTTP', () => {
  let server: GateServer;
  const logs: string[] = [];
  beforeAll(async () => {
    server = await start({ maxBodyBytes: 64 * 1024, instreamPort: 0 }, logs);
  });
  afterAll(() => server.close());

  it('answers /healthz without a token', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect([response.status, await response.json()]).toEqual([200, { status: 'ok' }]);
  });

  it.each<[string, Record<string, string>, number, string | undefined]>([
    ['no token', {}, 401, 'unauthorized'],
    ['a wrong token', { authorization: 'Bearer gate-test-token-0123456789abcdeX' }, 401, 'unauthorized'],
    ['a malformed header', { authorization: `Basic ${TOKEN}` }, 401, 'unauthorized'],
    ['the right token', AUTH, 200, undefined],
  ])('with %s answers %s', async (_name, headers, status, code) => {
    const { status: got, json } = await post(server, CLEAN_TEXT, { ...headers, 'x-filename': 'jadwal.txt' });
    expect([got, json.error?.code]).toEqual([status, code]);
  });

  it('allows a clean text', async () => {
    const { status, json } = await post(server, CLEAN_TEXT, { ...AUTH, 'x-filename': 'jadwal.txt', 'content-type': 'text/plain' });
    expect([status, json.decision, json.reasons, json.label, json.incomplete, json.summary.scanned]).toEqual([200, 'allow', [], 'public', false, 1]);
  });

  it('blocks a referral letter with masked findings and logs neither values nor names', async () => {
    const { status, json } = await post(server, REFERRAL_LETTER, { ...AUTH, 'content-disposition': 'attachment; filename="rujukan-budi.txt"' }, '?files=1');
    expect([status, json.decision]).toEqual([200, 'block']);
    expect(json.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['finding:nik', 'finding:bpjs-card', 'label:sensitive-health']));
    expect(json.label).toBe('sensitive-health');
    const ids = json.findings.filter((f) => f.detector === 'nik' || f.detector === 'bpjs-card').map((f) => [f.path, f.detector, f.masked, f.locator]);
    expect(ids).toEqual([
      ['rujukan-budi.txt', 'bpjs-card', '000*******890', { kind: 'text', line: 5, column: 17 }],
      ['rujukan-budi.txt', 'nik', '3171********0001', { kind: 'text', line: 6, column: 17 }],
    ]);
    expect(json.files?.map((f) => [f.path, f.status])).toEqual([['rujukan-budi.txt', 'scanned']]);
    const everything = JSON.stringify(json) + logs.join('\n');
    expect(everything).not.toContain(NIK);
    expect(everything).not.toContain(BPJS_CARD);
    expect(logs.join('\n')).not.toContain('rujukan');
  });

  it('blocks an encrypted zip (fail closed)', async () => {
    const { json } = await post(server, encryptedZip(), { ...AUTH, 'x-filename': 'hasil.zip' });
    expect([json.decision, json.reasons.map((r) => [r.code, r.path])]).toEqual([
      'block',
      [
        ['not-read:encrypted', 'hasil.zip!hasil-lab.txt'],
        ['not-read:encrypted', 'hasil.zip'],
      ],
    ]);
  });

  it('blocks a malformed document', async () => {
    const { status, json } = await post(server, '%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage without xref\n', { ...AUTH, 'x-filename': 'rusak.pdf' });
    expect([status, json.decision, json.reasons.every((r) => r.kind === 'not-read')]).toEqual([200, 'block', true]);
  });

  it.each<[string, Record<string, string>, number, string]>([
    ['a declared body over the limit', { 'content-length': String(100 * 1024) }, 413, 'too-large'],
    ['multipart form data', { 'content-type': 'multipart/form-data; boundary=x' }, 415, 'multipart-not-supported'],
    ['a compressed body', { 'content-encoding': 'gzip' }, 415, 'unsupported-encoding'],
  ])('refuses %s', async (_name, headers, status, code) => {
    const url = new URL(server.url);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: '/v1/scan', method: 'POST', headers: { ...AUTH, ...headers } });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect([answer.status, (JSON.parse(answer.body) as { error: { code: string } }).error.code]).toEqual([status, code]);
  });

  it.each<[string, Record<string, string>, number]>([
    ['the right token', AUTH, 100],
    ['no token', {}, 401],
  ])('answers Expect: 100-continue with %s before the body is sent', async (_name, headers, status) => {
    const url = new URL(server.url);
    const first = await new Promise<number>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: '/v1/scan', method: 'POST', headers: { ...headers, expect: '100-continue', 'content-length': String(CLEAN_TEXT.length) } });
      req.on('continue', () => {
        resolve(100);
        req.end(CLEAN_TEXT);
      });
      req.on('response', (res) => {
        resolve(res.statusCode ?? 0);
        res.resume();
      });
      req.on('error', reject);
      req.flushHeaders();
    });
    expect(first).toBe(status);
  });

  it('refuses a streamed body that grows over the limit with 413', async () => {
    const big = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 80; i++) controller.enqueue(new Uint8Array(1024).fill(0x61));
        controller.close();
      },
    });
    const response = await fetch(`${server.url}/v1/scan`, { method: 'POST', headers: { ...AUTH, 'x-filename': 'big.txt' }, body: big, duplex: 'half' } as RequestInit);
    expect([response.status, ((await response.json()) as { error: { code: string } }).error.code]).toEqual([413, 'too-large']);
  });

  it('answers malformed HTTP with 400', async () => {
    const answer = await rawExchange(server.port, `POST /v1/scan HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n`);
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
  });

  it.each([
    ['GET /v1/scan', 'GET', '/v1/scan', 405],
    ['an unknown path', 'GET', '/v2/anything', 404],
  ])('answers %s with %s', async (_name, method, path, status) => {
    const response = await fetch(`${server.url}${path}`, { method, headers: AUTH });
    expect(response.status).toBe(status);
  });

  it('serves Prometheus metrics to token holders only', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    const response = await fetch(`${server.url}/metrics`, { headers: AUTH });
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).toMatch(/^saring_gate_requests_total\{route="\/v1\/scan",status="401"\} 4$/m);
    expect(text).toMatch(/^saring_gate_verdicts_total\{decision="allow"\} [1-9]\d*$/m);
    expect(text).toMatch(/^saring_gate_verdicts_total\{decision="block"\} [1-9]\d*$/m);
    expect(text).toMatch(/^saring_gate_block_reasons_total\{reason="finding:nik"\} 1$/m);
    expect(text).toMatch(/^saring_gate_received_bytes_total [1-9]\d*$/m);
    expect(text).toMatch(/^saring_gate_scan_duration_seconds_bucket\{le="\+Inf"\} [1-9]\d*$/m);
    expect(text).toMatch(/^saring_gate_scan_duration_seconds_count [1-9]\d*$/m);
    expect(text).not.toContain('rujukan');
  });

  it.each<[string, Buffer, string]>([
    ['a NIK', instreamFrames(Buffer.from(`NIK: ${NIK}\n`)), 'stream: finding:nik FOUND\0'],
    ['a clean text', instreamFrames(Buffer.from(CLEAN_TEXT), 'nINSTREAM\n', 7), 'stream: OK\n'],
    ['an upload over the limit', instreamFrames(Buffer.alloc(70 * 1024, 0x61)), 'INSTREAM size limit exceeded. ERROR\0'],
    ['PING', Buffer.from('zPING\0'), 'PONG\0'],
  ])('speaks clamd INSTREAM: %s', async (_name, bytes, reply) => {
    expect(await rawExchange(server.instreamPort!, bytes)).toBe(reply);
  });

  it('counts INSTREAM sessions in the metrics', async () => {
    const text = await (await fetch(`${server.url}/metrics`, { headers: AUTH })).text();
    expect(text.split('\n').filter((line) => line.includes('route="instream"'))).toEqual([
      'saring_gate_requests_total{route="instream",status="200"} 2',
      'saring_gate_requests_total{route="instream",status="413"} 1',
    ]);
  });
});

describe('saring serve limits', () => {
  it('answers 503 when every scanning slot is taken', async () => {
    const server = await start({ maxConcurrent: 1 });
    try {
      const slow = stalledRequest(server, 'Nama: Budi\n', 40);
      await until(() => server.metrics.inFlight === 1);
      const busy = await post(server, CLEAN_TEXT);
      expect([busy.status, busy.json.error?.code]).toEqual([503, 'busy']);
      slow.finish('Poli: Penyakit Dalam, Senin.\n'.padEnd(29, ' '));
      const done = await slow.response;
      expect(done.status).toBe(200);
      const after = await post(server, CLEAN_TEXT);
      expect([after.status, after.json.decision]).toEqual([200, 'allow']);
    } finally {
      await server.close();
    }
  });

  it('blocks an upload that is not finished within the timeout', async () => {
    const server = await start({ requestTimeoutMs: 300 });
    try {
      const slow = stalledRequest(server, 'Nama: Budi\n', 1000);
      const { status, body } = await slow.response;
      const verdict = JSON.parse(body) as ScanResponse;
      expect([status, verdict.decision, verdict.reasons.map((r) => r.code), verdict.incomplete]).toEqual([200, 'block', ['not-read:timeout'], true]);
    } finally {
      await server.close();
    }
  });

  it('with stopAtFirst answers before the whole upload is read', async () => {
    const server = await start({ policy: { stopAtFirst: true } });
    try {
      const big = Buffer.concat([Buffer.from(REFERRAL_LETTER), Buffer.alloc(6 * 1024 * 1024, 'lorem ipsum dolor sit amet\n')]);
      const { json } = await post(server, big, { ...AUTH, 'x-filename': 'rujukan.txt' });
      expect([json.decision, json.stoppedEarly]).toEqual(['block', true]);
      expect(json.summary.bytesRead).toBeLessThan(big.length / 2);
    } finally {
      await server.close();
    }
  });
});

describe('saring serve security helpers', () => {
  it.each<[string, string | undefined, string]>([
    ['no header', undefined, 'missing'],
    ['the right token', `Bearer ${TOKEN}`, 'ok'],
    ['lower-case scheme', `bearer ${TOKEN}`, 'ok'],
    ['a prefix of the token', `Bearer ${TOKEN.slice(0, -1)}`, 'invalid'],
    ['a longer token', `Bearer ${TOKEN}x`, 'invalid'],
    ['two tokens', `Bearer ${TOKEN} ${TOKEN}`, 'invalid'],
  ])('bearer check: %s', (_name, header, expected) => {
    expect(bearerChecker(TOKEN)(header)).toBe(expected);
  });

  it.each<[string, Record<string, string>, string | undefined]>([
    ['X-Filename', { 'x-filename': 'surat%20rujukan.pdf' }, 'surat rujukan.pdf'],
    ['Content-Disposition', { 'content-disposition': 'attachment; filename="a\\"b.txt"' }, 'a"b.txt'],
    ['Content-Disposition filename*', { 'content-disposition': "attachment; filename*=UTF-8''hasil%20lab.pdf" }, 'hasil lab.pdf'],
    ['a path', { 'x-filename': '../../etc/passwd' }, 'passwd'],
    ['nothing', {}, undefined],
  ])('file name from %s', (_name, headers, expected) => {
    expect(uploadFilename(headers)).toBe(expected);
  });

  it('takes the token from a file, warning when others can read it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'saring-token-'));
    try {
      const file = join(dir, 'token');
      writeFileSync(file, `${TOKEN}\n`, { mode: 0o600 });
      expect(loadToken(file, { SARING_TOKEN: 'ignored-when-a-file-is-given' })).toEqual({ token: TOKEN });
      chmodSync(file, 0o644);
      expect(loadToken(file, {})).toEqual({ token: TOKEN, warning: `The token file ${file} is readable by other users; chmod 600 it.` });
      expect(() => loadToken(join(dir, 'missing'), {})).toThrow(`Cannot read the token file ${join(dir, 'missing')}.`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes the token from the environment and refuses short ones', () => {
    expect(loadToken(undefined, { SARING_TOKEN: TOKEN }).token).toBe(TOKEN);
    expect(() => loadToken(undefined, {})).toThrow('saring serve needs a token: set SARING_TOKEN or pass --token-file <file>.');
    expect(() => loadToken(undefined, { SARING_TOKEN: 'short' })).toThrow('at least 16 characters');
  });
});

describe('saring serve command', () => {
  it('refuses to start without a token, and has no --token option', async () => {
    const noToken = await cli(['serve', '--port', '0']);
    expect([noToken.code, noToken.stderr]).toEqual([2, 'saring: saring serve needs a token: set SARING_TOKEN or pass --token-file <file>.\n']);
    const onCommandLine = await cli(['serve', '--token', TOKEN]);
    expect(onCommandLine.code).toBe(2);
    expect(onCommandLine.stderr).toContain("unknown option '--token'");
  });

  it('lists every problem of a bad policy file before starting', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saring-policy-'));
    try {
      writeFileSync(join(dir, 'policy.json'), JSON.stringify({ blockSeverity: 'severe', detectors: { nikk: 'high' } }));
      const bad = await cli(['serve', '--port', '0', '--policy', join(dir, 'policy.json')], { SARING_TOKEN: TOKEN });
      expect([bad.code, bad.stderr]).toEqual([2, 'saring: Policy field "blockSeverity" must be one of low, medium, high, critical, none.\n']);
      writeFileSync(join(dir, 'policy.json'), JSON.stringify({ detectors: { nikk: 'high' } }));
      const typo = await cli(['serve', '--port', '0', '--policy', join(dir, 'policy.json')], { SARING_TOKEN: TOKEN });
      expect([typo.code, typo.stderr]).toEqual([2, 'saring: The policy names detector "nikk", which does not exist (see saring detectors).\n']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts from the command line and answers a scan', async () => {
    let stderr = '';
    const program = new Command().exitOverride();
    let decision = '';
    registerServe(program, { stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s) }, env: { SARING_TOKEN: TOKEN, SARING_FINGERPRINT_KEY: TEST_KEY }, cwd: process.cwd() }, () => {}, async (server) => {
      decision = (await post(server, REFERRAL_LETTER, { ...AUTH, 'x-filename': 'r.txt' })).json.decision;
    });
    await program.parseAsync(['serve', '--port', '0', '--stop-at-first'], { from: 'user' });
    expect(decision).toBe('block');
    expect(stderr).toMatch(/^saring serve: listening on http:\/\/127\.0\.0\.1:\d+ \(POST \/v1\/scan, GET \/healthz, GET \/metrics\)\n/);
  });
});

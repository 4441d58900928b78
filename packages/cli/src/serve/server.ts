import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gateStream, resolvePolicy, type Detector, type GateResult, type Policy, type PolicyInput, type ScanLimits } from '@saring/core';
import { bearerChecker } from './auth.js';
import { BodyTooLargeError, drain, requestBody } from './body.js';
import { startInstreamServer, type InstreamServer } from './instream.js';
import { GateMetrics } from './metrics.js';
import { uploadFilename } from './upload-meta.js';
import { SERVE_DEFAULTS } from './defaults.js';

export { SERVE_DEFAULTS };

/** On shutdown, how long uploads being scanned may take to finish before their connections are closed. */
const SHUTDOWN_GRACE_MS = 10_000;

/** After a verdict sent early, how long the rest of a body may keep arriving before the socket is closed. */
const DRAIN_GRACE_MS = 10_000;

export interface GateServerOptions {
  /** The bearer token clients must send. Load it with `loadToken` (env or file). */
  token: string;
  detectors: readonly Detector[];
  fingerprintKey?: Uint8Array | string;
  limits?: Partial<ScanLimits>;
  policy?: PolicyInput | Policy;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  maxBodyBytes?: number;
  /** Uploads scanned at once; more get 503. */
  maxConcurrent?: number;
  requestTimeoutMs?: number;
  /** Also listen for clamd-style INSTREAM on this TCP port (same host). Off when undefined. */
  instreamPort?: number;
  /** One line per request: method, route, status, decision, bytes, milliseconds. Never a name or a value. */
  log?: (line: string) => void;
}

export interface GateServer {
  /** `http://host:port` */
  readonly url: string;
  readonly port: number;
  readonly instreamPort: number | undefined;
  readonly metrics: GateMetrics;
  close(): Promise<void>;
}

/** The JSON body of `POST /v1/scan`. */
export interface ScanResponse extends Omit<GateResult, 'files' | 'summary'> {
  summary: GateResult['summary'];
  /** Full file reports (masked), only with `?files=1`. */
  files?: GateResult['files'];
}

/**
 * Starts the gate service: `POST /v1/scan`, `GET /healthz`, `GET /metrics`. Built on Node's
 * own `http`: one route that streams, no plugins, and no dependency to audit in a PHI path.
 */
export async function startGateServer(options: GateServerOptions): Promise<GateServer> {
  const policy = resolvePolicy(options.policy);
  const settings = {
    host: options.host ?? SERVE_DEFAULTS.host,
    maxBodyBytes: options.maxBodyBytes ?? SERVE_DEFAULTS.maxBodyBytes,
    maxConcurrent: Math.max(1, options.maxConcurrent ?? SERVE_DEFAULTS.maxConcurrent),
    requestTimeoutMs: options.requestTimeoutMs ?? SERVE_DEFAULTS.requestTimeoutMs,
  };
  const metrics = new GateMetrics();
  const check = bearerChecker(options.token);
  const log = options.log ?? (() => {});
  const slots = { active: 0 };
  const gate = (stream: AsyncIterable<Uint8Array>, filename: string | undefined, contentType: string | undefined, size: number | undefined): Promise<GateResult> =>
    gateStream(stream, {
      detectors: options.detectors,
      ...(options.fingerprintKey !== undefined ? { fingerprintKey: options.fingerprintKey } : {}),
      limits: { maxFileBytes: settings.maxBodyBytes, ...options.limits },
      policy,
      timeoutMs: settings.requestTimeoutMs,
      ...(filename ? { filename } : {}),
      ...(contentType ? { contentType } : {}),
      ...(size !== undefined ? { size } : {}),
    });

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const started = performance.now();
    const route = routeOf(req.url);
    const finish = (status: number, body: unknown, extra: { decision?: string; bytes?: number; headers?: Record<string, string> } = {}): void => {
      metrics.request(route, status);
      const text = typeof body === 'string' ? body : `${JSON.stringify(body)}\n`;
      res.writeHead(status, {
        'content-type': typeof body === 'string' ? 'text/plain; version=0.0.4; charset=utf-8' : 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        ...extra.headers,
      });
      res.end(text);
      log(`${new Date().toISOString()} ${req.method ?? '-'} ${route} ${status}${extra.decision ? ` ${extra.decision}` : ''} ${extra.bytes ?? 0}B ${Math.round(performance.now() - started)}ms`);
    };
    const fail = (status: number, code: string, message: string, headers?: Record<string, string>): void => finish(status, { error: { code, message } }, headers ? { headers } : {});

    if (route === '/healthz') {
      if (req.method !== 'GET' && req.method !== 'HEAD') return fail(405, 'method-not-allowed', 'Use GET.', { allow: 'GET, HEAD' });
      return finish(200, { status: 'ok' });
    }
    if (route === 'other') return fail(404, 'not-found', 'Unknown path. Use POST /v1/scan, GET /healthz or GET /metrics.');

    const auth = check(req.headers.authorization);
    if (auth !== 'ok') {
      return fail(401, 'unauthorized', auth === 'missing' ? 'Send Authorization: Bearer <token>.' : 'The bearer token is not valid.', { 'www-authenticate': 'Bearer realm="saring"', connection: 'close' });
    }
    if (route === '/metrics') {
      if (req.method !== 'GET') return fail(405, 'method-not-allowed', 'Use GET.', { allow: 'GET' });
      return finish(200, metrics.render());
    }
    if (req.method !== 'POST') return fail(405, 'method-not-allowed', 'Use POST with the file as the request body.', { allow: 'POST' });
    void handleScan(req, res, started, finish, fail);
  };
  const server = createServer(onRequest);
  // `Expect: 100-continue` (curl sends it for large bodies): the token, size and capacity are
  // checked before the client sends a byte; `handleScan` sends 100 Continue only when it will read.
  server.on('checkContinue', onRequest);

  async function handleScan(
    req: IncomingMessage,
    res: ServerResponse,
    started: number,
    finish: (status: number, body: unknown, extra?: { decision?: string; bytes?: number; headers?: Record<string, string> }) => void,
    fail: (status: number, code: string, message: string, headers?: Record<string, string>) => void,
  ): Promise<void> {
    const declared = req.headers['content-length'] !== undefined ? Number(req.headers['content-length']) : undefined;
    if (declared !== undefined && declared > settings.maxBodyBytes) {
      return fail(413, 'too-large', `The upload is larger than the ${settings.maxBodyBytes}-byte limit.`, { connection: 'close' });
    }
    const encoding = req.headers['content-encoding'];
    if (encoding && encoding !== 'identity') return fail(415, 'unsupported-encoding', 'Send the file uncompressed (no Content-Encoding).', { connection: 'close' });
    const contentType = req.headers['content-type'];
    if (contentType && /^multipart\//i.test(contentType)) {
      return fail(415, 'multipart-not-supported', 'Send the file itself as the request body (not multipart/form-data), its name in X-Filename.', { connection: 'close' });
    }
    if (slots.active >= settings.maxConcurrent) return fail(503, 'busy', 'Too many uploads are being scanned; retry shortly.', { 'retry-after': '1', connection: 'close' });

    slots.active++;
    metrics.inFlight = slots.active;
    if (/^100-continue$/i.test(req.headers.expect ?? '')) res.writeContinue();
    const body = requestBody(req, settings.maxBodyBytes);
    try {
      const result = await gate(body.chunks, uploadFilename(req.headers), contentType, declared);
      metrics.received(body.bytes);
      if (body.tooLarge) {
        fail(413, 'too-large', `The upload is larger than the ${settings.maxBodyBytes}-byte limit.`, { connection: 'close' });
        return;
      }
      if (req.destroyed && !body.ended) return; // the client went away: nobody to answer
      const wantFiles = /[?&]files=(1|true)\b/.test(req.url ?? '');
      const { files, summary, ...verdict } = result;
      const response: ScanResponse = { ...verdict, summary, ...(wantFiles ? { files: files.map(({ findings, ...file }) => ({ ...file, findings: findings.map(({ value: _value, ...f }) => f) })) } : {}) };
      metrics.verdict(verdict.decision, verdict.reasons.map((r) => r.code));
      metrics.latency((performance.now() - started) / 1000);
      finish(200, response, { decision: verdict.decision, bytes: body.bytes, headers: { 'x-saring-decision': verdict.decision } });
      if (!body.ended) drain(req, body, settings.maxBodyBytes, DRAIN_GRACE_MS);
    } catch (error) {
      // gateStream turns every input problem into a verdict; what lands here is a bug or a usage error.
      if (error instanceof BodyTooLargeError) fail(413, 'too-large', error.message, { connection: 'close' });
      else fail(500, 'internal', 'The scan failed unexpectedly; the upload is not allowed.', { connection: 'close' });
    } finally {
      slots.active--;
      metrics.inFlight = slots.active;
    }
  }

  // Node's parser rejects malformed HTTP (bad chunked framing, bad headers) here.
  server.on('clientError', (_error, socket) => {
    metrics.request('malformed', 400);
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-type: application/json\r\n\r\n{"error":{"code":"malformed-request","message":"The request is not valid HTTP."}}\n');
    else socket.destroy();
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = settings.requestTimeoutMs + DRAIN_GRACE_MS;

  await listen(server, options.port ?? SERVE_DEFAULTS.port, settings.host);
  const port = (server.address() as AddressInfo).port;
  let instream: InstreamServer | undefined;
  if (options.instreamPort !== undefined) {
    instream = await startInstreamServer({
      host: settings.host,
      port: options.instreamPort,
      maxBodyBytes: settings.maxBodyBytes,
      acquire: () => {
        if (slots.active >= settings.maxConcurrent) return false;
        slots.active++;
        metrics.inFlight = slots.active;
        return true;
      },
      release: () => {
        slots.active--;
        metrics.inFlight = slots.active;
      },
      gate: (stream) => gate(stream, undefined, undefined, undefined),
      onSession: (status) => metrics.request('instream', status),
      onVerdict: (result, bytes, seconds) => {
        metrics.received(bytes);
        metrics.verdict(result.decision, result.reasons.map((r) => r.code));
        metrics.latency(seconds);
      },
      log,
    });
  }
  const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  return {
    url: `http://${host}:${port}`,
    port,
    instreamPort: instream?.port,
    metrics,
    /** Stops accepting, lets uploads being scanned finish (up to SHUTDOWN_GRACE_MS), then closes every connection. */
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = performance.now() + SHUTDOWN_GRACE_MS;
      while (slots.active > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      server.closeAllConnections();
      await Promise.all([closed, instream?.close()]);
    },
  };
}

function routeOf(url: string | undefined): '/v1/scan' | '/healthz' | '/metrics' | 'other' {
  const path = (url ?? '').split('?')[0];
  return path === '/v1/scan' || path === '/healthz' || path === '/metrics' ? path : 'other';
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

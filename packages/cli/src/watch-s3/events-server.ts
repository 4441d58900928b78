import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bearerChecker } from '../serve/auth.js';
import type { ObjectOutcome, S3GateOptions } from './s3-gate.js';
import { handleS3Event } from './watcher.js';

/** An S3 event notification is a few kilobytes; anything far larger is not one. */
const MAX_EVENT_BYTES = 1024 * 1024;

export interface EventListenerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Senders must send `Authorization: Bearer <token>` (MinIO: the webhook target's auth_token). */
  token: string;
  gate: S3GateOptions;
  onOutcome(outcome: ObjectOutcome): void;
}

export interface EventListener {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Receives S3 event notifications over HTTP (a MinIO or Ceph webhook target, or a relay from
 * SQS/SNS) and gates each created object before answering: 200 when done, 5xx when the store
 * could not be reached, so the sender retries. Objects already being gated are not gated twice.
 */
export async function startEventListener(options: EventListenerOptions): Promise<EventListener> {
  const check = bearerChecker(options.token);
  const inProgress = new Set<string>();
  const answer = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(`${JSON.stringify(body)}\n`);
  };

  const server = createServer((req, res) => {
    if (req.method !== 'POST') return answer(res, 405, { error: 'Use POST with an S3 event notification.' });
    if (check(req.headers.authorization) !== 'ok') return answer(res, 401, { error: 'Send Authorization: Bearer <token>.' });
    void readJson(req).then(
      async (event) => {
        if (event === undefined) return answer(res, 400, { error: 'The body is not an S3 event notification (JSON, at most 1 MiB).' });
        try {
          const outcomes = await handleS3Event({ ...options.gate, skip: inProgress }, event);
          for (const outcome of outcomes) options.onOutcome(outcome);
          answer(res, 200, { outcomes: outcomes.map(({ status, reason }) => (reason ? { status, reason } : { status })) });
        } catch {
          answer(res, 502, { error: 'The object store could not be reached; retry.' });
        }
      },
      () => answer(res, 400, { error: 'The request body could not be read.' }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The body as JSON, or undefined when it is too large or not JSON. */
async function readJson(req: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  let length = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > MAX_EVENT_BYTES) return undefined;
    parts.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(parts).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

import type { Readable } from 'node:stream';
import type { FileReport, Finding, ScanSummary } from '../model/report.js';
import { scanBuffer, scanStream, type InputScanOptions, type ScanResult } from '../engine/scan.js';
import { findingBlocks, resolvePolicy, type Policy, type PolicyInput } from './policy.js';
import { verdictOf, type AbortCause, type Verdict } from './verdict.js';

/** Options for gating one upload. */
export interface GateOptions extends InputScanOptions {
  /** The upload's MIME type; used as a format hint when there is no file name. */
  contentType?: string;
  /** What blocks. Default DEFAULT_POLICY (validated by `resolvePolicy`). */
  policy?: PolicyInput | Policy;
  /** Time limit for the whole upload in milliseconds; over it the upload blocks (`not-read:timeout`). Default 60 000. */
  timeoutMs?: number;
}

/** The verdict plus the full reports it was made from (archive members first, the upload last). */
export interface GateResult extends Verdict {
  files: FileReport[];
  summary: ScanSummary;
}

export const DEFAULT_GATE_TIMEOUT_MS = 60_000;

/** Common MIME types to a file-name extension, so the sniffer gets a hint when only a type is sent. */
const EXTENSION_BY_TYPE: Readonly<Record<string, string>> = {
  'text/plain': 'txt',
  'text/csv': 'csv',
  'application/pdf': 'pdf',
  'application/zip': 'zip',
  'application/dicom': 'dcm',
  'application/json': 'json',
  'application/xml': 'xml',
  'text/xml': 'xml',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'image/png': 'png',
  'image/jpeg': 'jpg',
};

function uploadName(options: GateOptions): string {
  if (options.filename) return options.filename;
  const type = options.contentType?.split(';')[0]?.trim().toLowerCase();
  const extension = type ? EXTENSION_BY_TYPE[type] : undefined;
  return extension ? `upload.${extension}` : 'upload';
}

/**
 * Scans an upload held in memory and decides whether it may be stored.
 *
 * ```ts
 * import { gateBuffer } from '@saring/core';
 * import { allDetectors } from '@saring/detectors';
 * const verdict = await gateBuffer(bytes, { filename: 'rujukan.txt', detectors: allDetectors, policy: { stopAtFirst: true } });
 * if (verdict.decision === 'block') throw new Error(verdict.reasons.map((r) => r.code).join(', '));
 * ```
 */
export function gateBuffer(bytes: Uint8Array, options: GateOptions): Promise<GateResult> {
  return runGate(options, (scanOptions) => scanBuffer(bytes, scanOptions));
}

/**
 * Scans an upload as it arrives (a request body, an object stream) and decides whether it may
 * be stored. Nothing beyond the engine's read window is buffered. With `stopAtFirst`, reading
 * stops at the first blocking finding and the stream is released (`return()` on its iterator).
 */
export function gateStream(stream: Readable | AsyncIterable<Uint8Array>, options: GateOptions & { size?: number }): Promise<GateResult> {
  return runGate(options, (scanOptions, signal) => scanStream(abortable(stream, signal), scanOptions));
}

async function runGate(options: GateOptions, scan: (options: InputScanOptions, signal: AbortSignal) => Promise<ScanResult>): Promise<GateResult> {
  const policy = resolvePolicy(options.policy);
  const timeoutMs = options.timeoutMs ?? DEFAULT_GATE_TIMEOUT_MS;
  const controller = new AbortController();
  let cause: AbortCause = 'none';
  const stop = (why: AbortCause): void => {
    if (controller.signal.aborted) return;
    cause = why;
    controller.abort();
  };
  const timer = setTimeout(() => stop('timeout'), timeoutMs);
  const onCallerAbort = (): void => stop('caller');
  if (options.signal?.aborted) stop('caller');
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });

  const onFinding = (finding: Finding, path: string): void => {
    options.onFinding?.(finding, path);
    if (policy.stopAtFirst && findingBlocks(policy, finding)) stop('stopped-early');
  };
  const { policy: _policy, timeoutMs: _timeout, contentType: _type, ...scanOptions } = options;
  try {
    const result = await scan(
      { ...scanOptions, filename: uploadName(options), signal: controller.signal, onFinding, fileTimeoutMs: options.fileTimeoutMs ?? timeoutMs },
      controller.signal,
    );
    const verdict = verdictOf(result.files, policy, cause, timeoutMs);
    return { ...verdict, files: result.files, summary: result.summary };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
}

/**
 * Passes a stream through, but a pending read gives up when `signal` aborts: a stalled upload
 * cannot hold the gate past its timeout. Ending early calls `return()` on the source's iterator.
 */
async function* abortable(source: Readable | AsyncIterable<Uint8Array>, signal: AbortSignal): AsyncGenerator<Uint8Array, void, undefined> {
  const iterator = (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  let done = false;
  try {
    while (true) {
      signal.throwIfAborted();
      const next = await raceAbort(iterator.next(), signal);
      if (next.done) {
        done = true;
        return;
      }
      yield typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    }
  } finally {
    if (!done) void Promise.resolve(iterator.return?.()).catch(() => {});
  }
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new Error('The upload was stopped.'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

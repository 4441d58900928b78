import type { S3Client } from '@aws-sdk/client-s3';
import { gateObject, untaggedKeys, type ObjectOutcome, type S3GateOptions } from './s3-gate.js';
import { createdObjects } from './s3-events.js';

/**
 * Handles one S3 event notification: every object created in the incoming bucket is gated,
 * one after another; events for other buckets (the clean copies Saring makes) are ignored.
 */
export async function handleS3Event(options: S3GateOptions & { skip?: Set<string> }, event: unknown, urlEncodedKeys = true): Promise<ObjectOutcome[]> {
  const outcomes: ObjectOutcome[] = [];
  for (const ref of createdObjects(event, urlEncodedKeys)) {
    if (ref.bucket !== options.incomingBucket || options.skip?.has(ref.key)) continue;
    options.skip?.add(ref.key);
    try {
      outcomes.push(await gateObject(options, ref.key));
    } finally {
      options.skip?.delete(ref.key);
    }
  }
  return outcomes;
}

/**
 * One polling pass: gates every object in the incoming bucket that has no `saring-status` tag
 * yet. For stores that cannot send event notifications; `onOutcome` reports each object.
 */
export async function pollOnce(options: S3GateOptions & { skip?: Set<string> }, onOutcome: (outcome: ObjectOutcome) => void, signal?: AbortSignal): Promise<number> {
  let count = 0;
  for await (const key of untaggedKeys(options.client, options.incomingBucket, signal)) {
    if (signal?.aborted) break;
    if (options.skip?.has(key)) continue; // an event is gating it right now
    options.skip?.add(key);
    try {
      onOutcome(await gateObject(options, key));
    } finally {
      options.skip?.delete(key);
    }
    count++;
  }
  return count;
}

/** Polls until `signal` aborts, waiting `intervalMs` between passes. */
export async function pollForever(options: S3GateOptions & { skip?: Set<string> }, intervalMs: number, onOutcome: (outcome: ObjectOutcome) => void, onError: (error: unknown) => void, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    try {
      await pollOnce(options, onOutcome, signal);
    } catch (error) {
      if (!signal.aborted) onError(error);
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, intervalMs);
      signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      }, { once: true });
    });
  }
}

export type { S3Client };

import type { Readable } from 'node:stream';
import { CopyObjectCommand, GetObjectCommand, GetObjectTaggingCommand, ListObjectsV2Command, PutObjectTaggingCommand, S3Client, type Tag } from '@aws-sdk/client-s3';
import { gateStream, type GateOptions } from '@saring/core';

/** Tag keys Saring writes (GuardDuty Malware Protection for S3 uses one status tag the same way). */
export const STATUS_TAG = 'saring-status';
export const REASON_TAG = 'saring-reason';
export const LABEL_TAG = 'saring-label';

/** `CLEAN`: copied to the clean bucket. `BLOCKED`: stays in quarantine. `FAILED`: could not be scanned, stays in quarantine. */
export type ObjectStatus = 'CLEAN' | 'BLOCKED' | 'FAILED';

export interface S3GateOptions {
  client: S3Client;
  /** The quarantine bucket uploads land in; nobody but Saring should be able to read it. */
  incomingBucket: string;
  /** Where clean objects are copied (same key). */
  cleanBucket: string;
  /** How to scan: detectors, policy, key, limits, timeout. */
  gate: Omit<GateOptions, 'filename' | 'contentType' | 'signal'>;
}

export interface ObjectOutcome {
  key: string;
  status: ObjectStatus;
  /** When not clean, the reason codes, space-separated (`finding:nik finding:bpjs-card`, `not-read:encrypted`, `get-failed`). */
  reason?: string;
}

/**
 * An S3 client for S3-compatible stores: path-style addressing, and checksums only when
 * required, because the SDK's default CRC32 headers break many S3-compatible servers
 * (aws/aws-sdk-js-v3#6810). Credentials come from the SDK's usual chain (AWS_ACCESS_KEY_ID ...).
 */
export function s3Client(options: { endpoint?: string; region?: string; credentials?: { accessKeyId: string; secretAccessKey: string } }): S3Client {
  return new S3Client({
    region: options.region ?? 'us-east-1',
    ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** Every reason code, space-separated, cut at a whole code to fit a tag value (256 characters). */
export function reasonTag(codes: readonly string[]): string {
  let value = '';
  for (const code of new Set(codes)) {
    const next = value ? `${value} ${tagValue(code)}` : tagValue(code);
    if (next.length > 256) break;
    value = next;
  }
  return value || 'blocked';
}

/** S3 tag values allow letters, digits, spaces and `+ - = . _ : / @`, up to 256 characters. */
function tagValue(text: string): string {
  return text.replace(/[^\p{L}\p{N} +\-=._:/@]/gu, '_').slice(0, 256);
}

async function tag(client: S3Client, bucket: string, key: string, tags: Record<string, string>): Promise<void> {
  const TagSet: Tag[] = Object.entries(tags).map(([Key, Value]) => ({ Key, Value: tagValue(Value) }));
  await client.send(new PutObjectTaggingCommand({ Bucket: bucket, Key: key, Tagging: { TagSet } }));
}

/**
 * Scans one object in the incoming bucket as a stream and acts on the verdict: a clean object
 * is copied to the clean bucket (only if it is still the version scanned: `CopySourceIfMatch`
 * on its ETag) and both copies are tagged CLEAN; anything else is tagged BLOCKED (or FAILED)
 * with the reason and stays where it is. Never throws for a problem with the object itself.
 */
export async function gateObject(options: S3GateOptions, key: string): Promise<ObjectOutcome> {
  const { client, incomingBucket, cleanBucket } = options;
  let object;
  try {
    object = await client.send(new GetObjectCommand({ Bucket: incomingBucket, Key: key }));
  } catch {
    await tag(client, incomingBucket, key, { [STATUS_TAG]: 'FAILED', [REASON_TAG]: 'get-failed' }).catch(() => {});
    return { key, status: 'FAILED', reason: 'get-failed' };
  }
  const body = object.Body as Readable | undefined;
  const verdict = await gateStream(body ?? (async function* () {})(), {
    ...options.gate,
    filename: key.split('/').pop() || key,
    ...(object.ContentType ? { contentType: object.ContentType } : {}),
    ...(object.ContentLength !== undefined ? { size: object.ContentLength } : {}),
  });
  body?.destroy();
  if (verdict.decision === 'block') {
    const reason = reasonTag(verdict.reasons.map((r) => r.code));
    await tag(client, incomingBucket, key, { [STATUS_TAG]: 'BLOCKED', [REASON_TAG]: reason, [LABEL_TAG]: verdict.label });
    return { key, status: 'BLOCKED', reason };
  }
  try {
    await client.send(
      new CopyObjectCommand({
        Bucket: cleanBucket,
        Key: key,
        CopySource: `${incomingBucket}/${encodeURIComponent(key).replace(/%2F/g, '/')}`,
        ...(object.ETag ? { CopySourceIfMatch: object.ETag } : {}),
      }),
    );
    await tag(client, cleanBucket, key, { [STATUS_TAG]: 'CLEAN', [LABEL_TAG]: verdict.label });
  } catch {
    await tag(client, incomingBucket, key, { [STATUS_TAG]: 'FAILED', [REASON_TAG]: 'copy-failed' }).catch(() => {});
    return { key, status: 'FAILED', reason: 'copy-failed' };
  }
  await tag(client, incomingBucket, key, { [STATUS_TAG]: 'CLEAN', [LABEL_TAG]: verdict.label });
  return { key, status: 'CLEAN' };
}

/** The keys in the incoming bucket that carry no `saring-status` tag yet (for polling). */
export async function* untaggedKeys(client: S3Client, bucket: string, signal?: AbortSignal): AsyncGenerator<string> {
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ...(token ? { ContinuationToken: token } : {}) }), signal ? { abortSignal: signal } : {});
    for (const item of page.Contents ?? []) {
      if (!item.Key) continue;
      const tags = await client.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: item.Key }));
      if (!tags.TagSet?.some((t) => t.Key === STATUS_TAG)) yield item.Key;
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token && !signal?.aborted);
}

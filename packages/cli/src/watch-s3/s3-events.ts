/** One object named by an S3 event notification. */
export interface ObjectRef {
  bucket: string;
  key: string;
}

/** The parts of an S3 event notification record Saring reads (AWS "Event message structure"). */
interface S3EventRecord {
  eventName?: unknown;
  s3?: { bucket?: { name?: unknown }; object?: { key?: unknown } };
}

/**
 * The created objects in an S3 event notification (`{ Records: [...] }`), the format S3, MinIO
 * webhooks and s3rver's `event` emitter all use. Keys arrive URL-encoded with `+` for spaces
 * in real S3 notifications; s3rver sends them raw (`urlEncodedKeys: false`).
 */
export function createdObjects(event: unknown, urlEncodedKeys = true): ObjectRef[] {
  const records = typeof event === 'object' && event !== null && Array.isArray((event as { Records?: unknown }).Records) ? ((event as { Records: unknown[] }).Records as S3EventRecord[]) : [];
  const refs: ObjectRef[] = [];
  for (const record of records) {
    if (typeof record.eventName !== 'string' || !record.eventName.startsWith('ObjectCreated:')) continue;
    const bucket = record.s3?.bucket?.name;
    const key = record.s3?.object?.key;
    if (typeof bucket !== 'string' || typeof key !== 'string') continue;
    refs.push({ bucket, key: urlEncodedKeys ? decodeKey(key) : key });
  }
  return refs;
}

function decodeKey(key: string): string {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    return key;
  }
}

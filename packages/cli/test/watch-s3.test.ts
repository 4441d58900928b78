import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import S3rver from 's3rver';
import { GetObjectTaggingCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { allDetectors } from '@saring/detectors';
import { s3Client, type ObjectOutcome, type S3GateOptions } from '../src/watch-s3/s3-gate.js';
import { handleS3Event } from '../src/watch-s3/watcher.js';
import { startEventListener } from '../src/watch-s3/events-server.js';
import { CLEAN_TEXT, NIK, REFERRAL_LETTER, encryptedZip } from './gate-inputs.js';
import { TEST_KEY, cli } from './helpers.js';

/** s3rver's fixed credentials; it is started by the test on loopback with a random port. */
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

const UPLOADS: [key: string, body: Uint8Array | string, contentType: string][] = [
  ['2026/jadwal-poli.txt', CLEAN_TEXT, 'text/plain'],
  ['2026/surat-rujukan.txt', REFERRAL_LETTER, 'text/plain'],
  ['2026/hasil-lab.zip', encryptedZip(), 'application/zip'],
];

async function keys(client: S3Client, bucket: string): Promise<string[]> {
  const page = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
  return (page.Contents ?? []).map((o) => o.Key!).sort();
}

async function tags(client: S3Client, bucket: string, key: string): Promise<Record<string, string>> {
  const result = await client.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key }));
  return Object.fromEntries((result.TagSet ?? []).map((t) => [t.Key!, t.Value!]));
}

describe('S3 upload gate (s3rver on loopback)', () => {
  let server: S3rver;
  let directory: string;
  let endpoint: string;
  let client: S3Client;

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'saring-s3-'));
    server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: 'incoming' }, { name: 'clean' }] });
    const { port } = await server.run();
    endpoint = `http://127.0.0.1:${port}`;
    client = s3Client({ endpoint, credentials: CREDENTIALS });
  });

  afterEach(async () => {
    client.destroy();
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  /** Where each upload must end up: clean copies only for the clean file; the rest stay tagged in quarantine. */
  async function expectOutcome(): Promise<void> {
    expect(await keys(client, 'clean')).toEqual(['2026/jadwal-poli.txt']);
    expect(await keys(client, 'incoming')).toEqual(['2026/hasil-lab.zip', '2026/jadwal-poli.txt', '2026/surat-rujukan.txt']);
    expect(await tags(client, 'clean', '2026/jadwal-poli.txt')).toEqual({ 'saring-status': 'CLEAN', 'saring-label': 'public' });
    expect(await tags(client, 'incoming', '2026/jadwal-poli.txt')).toEqual({ 'saring-status': 'CLEAN', 'saring-label': 'public' });
    const letter = await tags(client, 'incoming', '2026/surat-rujukan.txt');
    expect([letter['saring-status'], letter['saring-label']]).toEqual(['BLOCKED', 'sensitive-health']);
    expect(letter['saring-reason']?.split(' ')).toEqual(expect.arrayContaining(['finding:nik', 'finding:bpjs-card']));
    const zip = await tags(client, 'incoming', '2026/hasil-lab.zip');
    expect(zip).toEqual({ 'saring-status': 'BLOCKED', 'saring-reason': 'not-read:encrypted', 'saring-label': 'public' });
    expect(JSON.stringify([letter, zip])).not.toContain(NIK);
  }

  it('scans each object on its create event and routes it', async () => {
    const options: S3GateOptions = { client, incomingBucket: 'incoming', cleanBucket: 'clean', gate: { detectors: allDetectors, fingerprintKey: TEST_KEY } };
    const outcomes: Promise<ObjectOutcome[]>[] = [];
    // s3rver emits S3-format event records when run in-process; a real bucket sends the same JSON via S3 event notifications.
    server.on('event', (event: unknown) => outcomes.push(handleS3Event(options, event, false)));
    for (const [key, body, contentType] of UPLOADS) await client.send(new PutObjectCommand({ Bucket: 'incoming', Key: key, Body: body, ContentType: contentType }));
    let results: ObjectOutcome[] = [];
    for (let i = 0; i < 100 && results.length < UPLOADS.length; i++) {
      await new Promise((r) => setTimeout(r, 20));
      results = (await Promise.all(outcomes)).flat();
    }
    // Copy events from the clean bucket are ignored: exactly one outcome per upload.
    expect(results.map((o) => [o.key, o.status])).toEqual([
      ['2026/jadwal-poli.txt', 'CLEAN'],
      ['2026/surat-rujukan.txt', 'BLOCKED'],
      ['2026/hasil-lab.zip', 'BLOCKED'],
    ]);
    await Promise.all(outcomes.splice(0)); // copies' events settle too
    await expectOutcome();
  });

  it('receives S3 event notifications over HTTP (a webhook target) and gates each object', async () => {
    const token = 'events-token-0123456789abcdef';
    const outcomes: ObjectOutcome[] = [];
    const listener = await startEventListener({
      host: '127.0.0.1',
      port: 0,
      token,
      gate: { client, incomingBucket: 'incoming', cleanBucket: 'clean', gate: { detectors: allDetectors, fingerprintKey: TEST_KEY } },
      onOutcome: (o) => outcomes.push(o),
    });
    try {
      const deliveries: Promise<Response>[] = [];
      // Forward each notification as MinIO's webhook target would: a JSON POST with the bearer token.
      server.on('event', (event: unknown) => deliveries.push(fetch(listener.url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(event) })));
      for (const [key, body, contentType] of UPLOADS) await client.send(new PutObjectCommand({ Bucket: 'incoming', Key: key, Body: body, ContentType: contentType }));
      for (let i = 0; i < 100 && outcomes.length < UPLOADS.length; i++) {
        await Promise.all(deliveries);
        await new Promise((r) => setTimeout(r, 20));
      }
      expect((await Promise.all(deliveries)).every((r) => r.status === 200)).toBe(true);
      await Promise.all(deliveries); // the clean copy's own event, ignored
      await expectOutcome();
      const refused = await Promise.all([
        fetch(listener.url, { method: 'POST', body: '{}' }),
        fetch(listener.url, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: 'not json' }),
      ]);
      expect(refused.map((r) => r.status)).toEqual([401, 400]);
    } finally {
      await listener.close();
    }
  });

  it('saring watch-s3 --once gates the untagged objects and exits 1 when something was blocked', async () => {
    for (const [key, body, contentType] of UPLOADS) await client.send(new PutObjectCommand({ Bucket: 'incoming', Key: key, Body: body, ContentType: contentType }));
    const env = { AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey };
    const first = await cli(['watch-s3', '--endpoint', endpoint, '--incoming', 'incoming', '--clean', 'clean', '--once'], env);
    expect([first.code, first.stdout]).toEqual([1, '{"clean":1,"blocked":2,"failed":0}\n']);
    expect(first.stderr).not.toContain('rujukan');
    await expectOutcome();
    // Tagged objects are not scanned again.
    const second = await cli(['watch-s3', '--endpoint', endpoint, '--incoming', 'incoming', '--clean', 'clean', '--once'], env);
    expect([second.code, second.stdout]).toEqual([0, '{"clean":0,"blocked":0,"failed":0}\n']);
  });
});

import type { ByteSource } from '../model/extractor.js';
import type { ReasonCode } from '../model/report.js';
import { ScanError } from '../model/errors.js';
import { SNIFF_BYTES } from '../sniff/sniff.js';
import { BufferSource } from '../walk/sources.js';

/**
 * Byte sources for members of containers (archive entries, decompressed streams). A member cut
 * short by a limit or damage is scanned for what there is, and says why through
 * `MemberInput.problem`; a member that cannot be read at all throws its reason when opened, so
 * its own report carries it (never `scanned`).
 */

/** A member that cannot be read at all (encrypted, unsupported compression): its report carries the reason. */
export class UnreadableMember implements ByteSource {
  readonly size: number | undefined;
  constructor(
    private readonly code: ReasonCode,
    private readonly message: string,
    size?: number,
  ) {
    this.size = size;
  }
  get head(): Uint8Array {
    throw new ScanError(this.code, this.message);
  }
  // eslint-disable-next-line require-yield
  async *chunks(): AsyncIterable<Uint8Array> {
    throw new ScanError(this.code, this.message);
  }
}

/**
 * A member produced as a stream (gzip output, a tar entry), read once, never held whole in
 * memory. `head` is the first bytes, already pulled for sniffing; `rest` yields what follows
 * and may throw a `ScanError` when a limit cuts it.
 */
export class StreamedMember implements ByteSource {
  private consumed = false;
  constructor(
    readonly head: Uint8Array,
    private readonly rest: AsyncIterator<Uint8Array>,
    readonly size: number | undefined,
  ) {}

  async *chunks(start = 0): AsyncIterable<Uint8Array> {
    if (this.consumed) throw new ScanError('extractor-error', 'An archive member was read twice; this is a bug in Saring.');
    this.consumed = true;
    let skip = start;
    const pass = (chunk: Uint8Array): Uint8Array | undefined => {
      if (skip >= chunk.byteLength) {
        skip -= chunk.byteLength;
        return undefined;
      }
      const out = chunk.subarray(skip);
      skip = 0;
      return out;
    };
    const first = pass(this.head);
    if (first?.byteLength) yield first;
    while (true) {
      const next = await this.rest.next();
      if (next.done) return;
      const out = pass(next.value);
      if (out?.byteLength) yield out;
    }
  }
}

/**
 * Pulls up to `SNIFF_BYTES` from `chunks` for a head; returns the head and an iterator for the
 * rest. An error while the head is gathered is kept in `error` and thrown again by `rest`, so the
 * bytes before it are still scanned.
 */
export async function splitHead(chunks: AsyncIterator<Uint8Array>): Promise<{ head: Uint8Array; rest: AsyncIterator<Uint8Array>; ended: boolean; error?: unknown }> {
  const parts: Uint8Array[] = [];
  let length = 0;
  let ended = false;
  let error: unknown;
  let failed = false;
  while (length < SNIFF_BYTES) {
    let next: IteratorResult<Uint8Array>;
    try {
      next = await chunks.next();
    } catch (e) {
      error = e;
      failed = true;
      ended = true;
      break;
    }
    if (next.done) {
      ended = true;
      break;
    }
    parts.push(next.value);
    length += next.value.byteLength;
  }
  const all = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  const head = all.subarray(0, SNIFF_BYTES);
  const extra = all.byteLength > SNIFF_BYTES ? all.subarray(SNIFF_BYTES) : undefined;
  let extraServed = extra === undefined;
  const rest: AsyncIterator<Uint8Array> = {
    async next() {
      if (!extraServed) {
        extraServed = true;
        return { done: false, value: extra! };
      }
      if (failed) throw error;
      if (ended) return { done: true, value: undefined };
      return chunks.next();
    },
  };
  return failed ? { head, rest, ended, error } : { head, rest, ended };
}

/**
 * A source with random access, as ZIP reading needs. Files and buffers have it; a stream (or a
 * streamed member) is gathered into memory first, up to `maxBytes`.
 */
export async function randomAccess(source: ByteSource, maxBytes: number, what: string): Promise<ByteSource> {
  if (source.read) return source;
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of source.chunks()) {
    length += chunk.byteLength;
    if (length > maxBytes) {
      throw new ScanError('limit-member-size', `This ${what} arrived as a stream and is larger than the ${Math.round(maxBytes / 1048576)} MiB that can be held in memory to read it (maxFileBytes / maxMemberBytes); not read.`);
    }
    parts.push(chunk);
  }
  return new BufferSource(Buffer.concat(parts));
}

import { open, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { ByteSource } from '../model/extractor.js';
import { SNIFF_BYTES } from '../sniff/sniff.js';

/** Size of each read from disk. Large enough for throughput, small enough to keep memory flat. */
export const READ_CHUNK_BYTES = 1024 * 1024;

/**
 * A file on disk, opened read-only. Reads go through one handle with positional reads, so
 * nothing is ever written and the file is closed by `close()` whatever happens.
 */
export class FileSource implements ByteSource {
  private constructor(
    private readonly handle: FileHandle,
    readonly size: number,
    readonly head: Uint8Array,
  ) {}

  static async open(path: string): Promise<FileSource> {
    const handle = await open(path, 'r');
    try {
      const stat = await handle.stat();
      const head = Buffer.alloc(Math.min(SNIFF_BYTES, stat.size));
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      return new FileSource(handle, stat.size, head.subarray(0, bytesRead));
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const buffer = Buffer.alloc(Math.max(0, Math.min(length, this.size - offset)));
    const { bytesRead } = await this.handle.read(buffer, 0, buffer.length, offset);
    return buffer.subarray(0, bytesRead);
  }

  async *chunks(start = 0): AsyncIterable<Uint8Array> {
    let position = start;
    // The head is already in memory: serve it without a second read.
    if (position < this.head.length) {
      yield this.head.subarray(position);
      position = this.head.length;
    }
    while (true) {
      const buffer = Buffer.allocUnsafe(READ_CHUNK_BYTES);
      const { bytesRead } = await this.handle.read(buffer, 0, READ_CHUNK_BYTES, position);
      if (bytesRead === 0) return;
      position += bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

/** Bytes already in memory (uploads, archive members). */
export class BufferSource implements ByteSource {
  readonly size: number;
  readonly head: Uint8Array;
  constructor(private readonly bytes: Uint8Array) {
    this.size = bytes.byteLength;
    this.head = bytes.subarray(0, SNIFF_BYTES);
  }
  async read(offset: number, length: number): Promise<Uint8Array> {
    return this.bytes.subarray(offset, offset + length);
  }
  async *chunks(start = 0): AsyncIterable<Uint8Array> {
    for (let i = start; i < this.size; i += READ_CHUNK_BYTES) yield this.bytes.subarray(i, Math.min(this.size, i + READ_CHUNK_BYTES));
  }
}

/**
 * A Node stream read once: the head is buffered for sniffing, the rest is passed through as
 * it arrives, so a large upload is never held in memory whole.
 */
export class StreamSource implements ByteSource {
  private consumed = false;
  private constructor(
    private readonly iterator: AsyncIterator<Uint8Array>,
    readonly head: Uint8Array,
    private readonly rest: Uint8Array[],
    private readonly ended: boolean,
    readonly size: number | undefined,
  ) {}

  static async from(stream: Readable | AsyncIterable<Uint8Array>, size?: number): Promise<StreamSource> {
    const iterator = (stream as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
    const parts: Uint8Array[] = [];
    let length = 0;
    let ended = false;
    while (length < SNIFF_BYTES) {
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        break;
      }
      const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
      parts.push(chunk);
      length += chunk.byteLength;
    }
    const all = Buffer.concat(parts);
    const head = all.subarray(0, SNIFF_BYTES);
    const rest = all.byteLength > SNIFF_BYTES ? [all.subarray(SNIFF_BYTES)] : [];
    return new StreamSource(iterator, head, rest, ended, ended ? all.byteLength : size);
  }

  async *chunks(start = 0): AsyncIterable<Uint8Array> {
    if (this.consumed) throw new Error('A stream input can be read only once.');
    this.consumed = true;
    let skip = start;
    const emit = function* (chunk: Uint8Array): Generator<Uint8Array> {
      if (skip >= chunk.byteLength) {
        skip -= chunk.byteLength;
        return;
      }
      yield chunk.subarray(skip);
      skip = 0;
    };
    yield* emit(this.head);
    for (const part of this.rest) yield* emit(part);
    if (this.ended) return;
    while (true) {
      const next = await this.iterator.next();
      if (next.done) return;
      yield* emit(typeof next.value === 'string' ? Buffer.from(next.value) : next.value);
    }
  }

  /** Stops the underlying stream when the scan ends early. */
  async close(): Promise<void> {
    await this.iterator.return?.();
  }
}

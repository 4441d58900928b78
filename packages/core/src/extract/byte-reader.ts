/**
 * Sequential reading of a byte stream in exact amounts (tar headers, member data), without
 * copying member data: `take` hands on the stream's own chunks.
 */
export class ByteReader {
  private chunk: Uint8Array = new Uint8Array(0);
  private at = 0;
  /** The stream has ended (nothing more will come). */
  ended = false;
  /** Bytes consumed so far. */
  position = 0;

  constructor(private readonly chunks: AsyncIterator<Uint8Array>) {}

  private async fill(): Promise<boolean> {
    while (this.at >= this.chunk.byteLength) {
      if (this.ended) return false;
      const next = await this.chunks.next();
      if (next.done) {
        this.ended = true;
        return false;
      }
      this.chunk = next.value;
      this.at = 0;
    }
    return true;
  }

  /** Exactly `n` bytes, or fewer at the end of the stream. */
  async read(n: number): Promise<Uint8Array> {
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n && (await this.fill())) {
      const piece = this.chunk.subarray(this.at, this.at + (n - filled));
      out.set(piece, filled);
      filled += piece.byteLength;
      this.at += piece.byteLength;
    }
    this.position += filled;
    return filled === n ? out : out.subarray(0, filled);
  }

  /** The next `n` bytes as the stream's own chunks; stops early at the end of the stream. */
  async *take(n: number): AsyncGenerator<Uint8Array> {
    let left = n;
    while (left > 0 && (await this.fill())) {
      const piece = this.chunk.subarray(this.at, this.at + Math.min(left, this.chunk.byteLength - this.at));
      this.at += piece.byteLength;
      this.position += piece.byteLength;
      left -= piece.byteLength;
      yield piece;
    }
  }

  /** Skips `n` bytes; returns how many were skipped (fewer at the end of the stream). */
  async skip(n: number): Promise<number> {
    let skipped = 0;
    for await (const piece of this.take(n)) skipped += piece.byteLength;
    return skipped;
  }
}

import { isAscii } from 'node:buffer';
import { TextDecoder } from 'node:util';
import type { TextEncodingName } from '../model/extractor.js';

/**
 * Streaming text decoding with a fallback: UTF-8 that turns out to be invalid later in the file
 * switches to Windows-1252 from that chunk on (legacy Indonesian exports), and the decoder
 * reports the switch so the file report can say which encoding was assumed.
 *
 * ASCII chunks take a fast path: latin1 decoding of ASCII is identical to UTF-8 and several
 * times cheaper, and yields one-byte strings that regular expressions scan faster.
 */
export class TextChunkDecoder {
  private decoder: TextDecoder;
  private current: TextEncodingName;
  private pendingUtf8 = false;

  constructor(encoding: TextEncodingName) {
    this.current = encoding;
    this.decoder = newDecoder(encoding);
  }

  get encoding(): TextEncodingName {
    return this.current;
  }

  decode(chunk: Uint8Array): string {
    if (this.current === 'utf-8') {
      if (!this.pendingUtf8 && isAscii(chunk)) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
      try {
        const text = this.decoder.decode(chunk, { stream: true });
        this.pendingUtf8 = endsInsideSequence(chunk);
        return text;
      } catch {
        this.current = 'windows-1252';
        this.decoder = newDecoder('windows-1252');
      }
    }
    return this.decoder.decode(chunk, { stream: true });
  }

  end(): string {
    try {
      return this.decoder.decode();
    } catch {
      return '';
    }
  }
}

function newDecoder(encoding: TextEncodingName): TextDecoder {
  return new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
}

/** True when the chunk ends in the middle of a multi-byte UTF-8 sequence. */
function endsInsideSequence(chunk: Uint8Array): boolean {
  for (let i = chunk.length - 1, seen = 0; i >= 0 && seen < 4; i--, seen++) {
    const b = chunk[i]!;
    if (b < 0x80) return false;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return seen + 1 < need;
    }
  }
  return false;
}

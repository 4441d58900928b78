import type { ExtractInput } from '../model/extractor.js';
import { TextChunkDecoder } from '../sniff/decoder.js';

/** Characters of new text per segment. */
export const SEGMENT_CHARS = 1024 * 1024;
/** Characters carried over from the previous segment: detectors see this much context before. */
export const OVERLAP_CHARS = 4096;
/** Characters at the end of a segment left to the next one, so no match is cut in half. */
export const HOLDBACK_CHARS = 1024;

/** Decodes an input's bytes to text chunks, honouring the sniffed encoding and BOM. */
export async function* decodeText(input: ExtractInput, onEncoding?: (encoding: string) => void): AsyncGenerator<string> {
  const decoder = new TextChunkDecoder(input.sniff.encoding ?? 'utf-8');
  let reported = decoder.encoding;
  onEncoding?.(reported);
  for await (const chunk of input.source.chunks(input.sniff.bomLength ?? 0)) {
    const text = decoder.decode(chunk);
    if (decoder.encoding !== reported) {
      reported = decoder.encoding;
      onEncoding?.(reported);
    }
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/** Line and column (1-based) of the first character of a piece of text. */
export interface TextPosition {
  line: number;
  column: number;
}

/** Moves `position` over `text[from, to)`. */
export function advance(position: TextPosition, text: string, from: number, to: number): TextPosition {
  let line = position.line;
  let lastBreak = -1;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) {
    line++;
    lastBreak = i;
  }
  return lastBreak === -1 ? { line, column: position.column + (to - from) } : { line, column: to - lastBreak };
}

/** A piece of a long text with the part it owns, as the engine expects (see `Segment`). */
export interface TextWindow {
  text: string;
  reportFrom: number;
  reportTo: number;
  /** Position of text[0]. */
  position: TextPosition;
}

/**
 * Cuts a stream of text chunks into overlapping windows of about `SEGMENT_CHARS`. Each window
 * starts with the last `OVERLAP_CHARS` of the previous one and leaves its last `HOLDBACK_CHARS`
 * to the next, so a match across a boundary is reported once, by the window where it starts,
 * and memory stays flat however large the file is.
 */
export async function* windows(chunks: AsyncIterable<string>, segmentChars = SEGMENT_CHARS): AsyncGenerator<TextWindow> {
  let tail = '';
  let tailOwnedFrom = 0;
  let tailPosition: TextPosition = { line: 1, column: 1 };
  let pending: string[] = [];
  let pendingLength = 0;

  const cut = (final: boolean): TextWindow => {
    const text = tail + pending.join('');
    pending = [];
    pendingLength = 0;
    const window: TextWindow = {
      text,
      reportFrom: tailOwnedFrom,
      reportTo: final ? text.length : Math.max(tailOwnedFrom, text.length - HOLDBACK_CHARS),
      position: tailPosition,
    };
    const tailStart = Math.max(0, text.length - OVERLAP_CHARS);
    tailPosition = advance(tailPosition, text, 0, tailStart);
    tail = text.slice(tailStart);
    tailOwnedFrom = window.reportTo - tailStart;
    return window;
  };

  for await (const chunk of chunks) {
    pending.push(chunk);
    pendingLength += chunk.length;
    if (pendingLength >= segmentChars) yield cut(false);
  }
  if (pendingLength > 0 || tailOwnedFrom < tail.length) yield cut(true);
}

import { ScanError } from '../model/errors.js';

/**
 * Streaming XML for OOXML parts: bytes in, element events out, with bounded memory.
 *
 * A small tokenizer of our own rather than saxes: on this project's machines saxes parsed sheet
 * XML at about 10 MB/s, the slowest step of reading a workbook by far (a 200 MB export holds
 * about 2 GB of XML); this reads the same at several times that. OOXML is machine-written, so
 * the tokenizer needs only elements, attributes, text, CDATA, comments and processing
 * instructions. It is strict where safety is concerned: a DOCTYPE (forbidden in OOXML,
 * ECMA-376 Part 2 §8.1.4) is an error, so no entity is ever defined or expanded (no XXE, no
 * "billion laughs"); only the five predefined entities and character references are decoded;
 * mismatched or unclosed tags are errors; no token may grow beyond `MAX_TOKEN_CHARS`.
 */
export interface XmlHandlers {
  open?(name: string, attributes: Readonly<Record<string, string>>): void;
  /**
   * Local names (without prefix) of the elements whose attributes `open` reads; the others get
   * none, which saves parsing them (most elements of a sheet). All when absent.
   */
  attributesOf?: ReadonlySet<string>;
  close?(name: string): void;
  text?(text: string): void;
}

/** A tag, comment or run of text longer than this is treated as damage (or an attack). */
export const MAX_TOKEN_CHARS = 1024 * 1024;
/** Element nesting deeper than this is treated as damage. */
const MAX_DEPTH = 4096;

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY = /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{0,31});/g;
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const EMPTY: Readonly<Record<string, string>> = Object.freeze({});

class XmlError extends Error {}

function decodeEntities(text: string): string {
  if (text.indexOf('&') === -1) return text;
  // A '&' that starts no reference is malformed XML.
  if (text.replace(ENTITY, '').indexOf('&') !== -1) throw new XmlError('a bare "&"');
  return text.replace(ENTITY, (_, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      if (!(code > 0 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) throw new XmlError('an invalid character reference');
      return String.fromCodePoint(code);
    }
    const value = PREDEFINED[name];
    if (value === undefined) throw new XmlError('undefined entity');
    return value;
  });
}

/** The index of the `>` ending the tag that starts before `from`, skipping quoted values; -1 if not in `s`. */
function tagEnd(s: string, from: number): number {
  let quote = 0;
  for (let i = from, n = s.length; i < n; i++) {
    const c = s.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return i;
  }
  return -1;
}

/** The tokenizer's state between chunks. */
class Tokenizer {
  private rest = '';
  private readonly stack: string[] = [];
  private seenRoot = false;

  constructor(private readonly handlers: XmlHandlers) {}

  write(chunk: string): void {
    const s = this.rest ? this.rest + chunk : chunk;
    this.rest = '';
    const { handlers } = this;
    let pos = 0;
    const n = s.length;
    while (pos < n) {
      const lt = s.indexOf('<', pos);
      if (lt === -1) {
        // Text to the end of the chunk: keep it until its end is known (an entity may be cut).
        this.hold(s, pos);
        return;
      }
      if (lt > pos) this.text(s.slice(pos, lt));
      const next = s.charCodeAt(lt + 1);
      if (next === 33 /* ! */) {
        if (s.startsWith('<!--', lt)) {
          const end = s.indexOf('-->', lt + 4);
          if (end === -1) return this.hold(s, lt);
          pos = end + 3;
          continue;
        }
        if (s.startsWith('<![CDATA[', lt)) {
          const end = s.indexOf(']]>', lt + 9);
          if (end === -1) return this.hold(s, lt);
          if (end > lt + 9 && this.stack.length) handlers.text?.(s.slice(lt + 9, end));
          pos = end + 3;
          continue;
        }
        if (n - lt < 9) return this.hold(s, lt);
        throw new XmlError('a document type declaration, which Office documents may not contain');
      }
      if (next === 63 /* ? */) {
        const end = s.indexOf('?>', lt + 2);
        if (end === -1) return this.hold(s, lt);
        pos = end + 2;
        continue;
      }
      if (Number.isNaN(next)) return this.hold(s, lt);
      // A tag: find its '>' outside quoted attribute values (native searches, no byte loop).
      const end = tagEnd(s, lt + 1);
      if (end === -1) return this.hold(s, lt);
      this.tag(s, lt + 1, end);
      pos = end + 1;
    }
  }

  /** Keeps `s[from..]` for the next chunk, within the token limit. */
  private hold(s: string, from: number): void {
    if (s.length - from > MAX_TOKEN_CHARS) {
      if (s.charCodeAt(from) === 60) throw new XmlError('a tag or comment longer than 1 MiB');
      // A long run of text: hand on all of it but a possibly cut entity at its end.
      const amp = s.lastIndexOf('&');
      const cut = amp > from && s.indexOf(';', amp) === -1 ? amp : s.length;
      this.text(s.slice(from, cut));
      this.rest = s.slice(cut);
      return;
    }
    this.rest = s.slice(from);
  }

  private text(raw: string): void {
    if (!this.stack.length) {
      if (raw.trim()) throw new XmlError('text outside the root element');
      return;
    }
    if (this.handlers.text) this.handlers.text(decodeEntities(raw));
  }

  private tag(s: string, from: number, to: number): void {
    const { handlers, stack } = this;
    if (s.charCodeAt(from) === 47 /* / */) {
      const open = stack.pop();
      if (open === undefined) throw new XmlError('a closing tag without an opening one');
      // Compared in place: no new string per closing tag.
      const after = from + 1 + open.length;
      if (!s.startsWith(open, from + 1) || (after < to && s.slice(after, to).trim() !== '')) throw new XmlError('a closing tag that does not match');
      handlers.close?.(open);
      return;
    }
    const selfClosing = s.charCodeAt(to - 1) === 47;
    const bodyEnd = selfClosing ? to - 1 : to;
    let nameEnd = from;
    while (nameEnd < bodyEnd) {
      const c = s.charCodeAt(nameEnd);
      if (c === 32 || c === 10 || c === 9 || c === 13) break;
      nameEnd++;
    }
    const name = s.slice(from, nameEnd);
    if (!name) throw new XmlError('a tag without a name');
    if (!stack.length) {
      if (this.seenRoot) throw new XmlError('a second root element');
      this.seenRoot = true;
    }
    if (handlers.open) {
      let attributes = EMPTY;
      const wanted = handlers.attributesOf;
      if (nameEnd < bodyEnd && (!wanted || wanted.has(name.slice(name.indexOf(':') + 1)))) {
        const body = s.slice(nameEnd, bodyEnd);
        // A plain object keeps fast properties; a `__proto__` attribute assigns a string, which is ignored.
        const parsed: Record<string, string> = {};
        ATTRIBUTE.lastIndex = 0;
        for (let m = ATTRIBUTE.exec(body); m !== null; m = ATTRIBUTE.exec(body)) parsed[m[1]!] = decodeEntities(m[2] ?? m[3] ?? '');
        attributes = parsed;
      }
      handlers.open(name, attributes);
    }
    if (selfClosing) handlers.close?.(name);
    else {
      if (stack.length >= MAX_DEPTH) throw new XmlError('elements nested too deeply');
      stack.push(name);
    }
  }

  end(): void {
    if (this.rest.trim()) {
      if (this.rest.trimStart().startsWith('<') || this.stack.length) throw new XmlError('it ends inside a tag');
    }
    if (this.stack.length) throw new XmlError('it ends before its elements are closed');
    if (!this.seenRoot) throw new XmlError('no content');
  }
}

/**
 * Parses XML from byte chunks, calling `handlers` synchronously, and yields after every chunk so
 * the caller can hand on what the handlers gathered (a batch of cells) before reading further.
 * Throws `ScanError('corrupt')` at the first error, naming the problem, never the content.
 */
export async function* parseXml(chunks: AsyncIterable<Uint8Array>, handlers: XmlHandlers, what: string): AsyncGenerator<void> {
  const tokenizer = new Tokenizer(handlers);
  const decoder = new TextDecoder('utf-8');
  const fail = (error: unknown): never => {
    if (error instanceof XmlError) throw new ScanError('corrupt', `The ${what} is damaged (${error.message}); the rest of it was not read.`);
    throw error;
  };
  let first = true;
  for await (const chunk of chunks) {
    let text = decoder.decode(chunk, { stream: true });
    if (first && text) {
      // A UTF-8 byte order mark is allowed before the XML declaration.
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    try {
      if (text) tokenizer.write(text);
    } catch (error) {
      fail(error);
    }
    yield;
  }
  try {
    const rest = decoder.decode();
    if (rest) tokenizer.write(rest);
    tokenizer.end();
  } catch (error) {
    fail(error);
  }
  yield;
}

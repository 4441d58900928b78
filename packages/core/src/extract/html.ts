import type { ExtractContext, ExtractInput, Extractor } from '../model/extractor.js';
import type { Segment } from '../model/segment.js';
import { MarkupWriter } from './markup.js';
import { decodeText } from './text-stream.js';

/*
 * HTML (exported reports, saved web pages, e-mail bodies). Real HTML is rarely well-formed XML
 * (void elements, unquoted attributes, `&nbsp;`, scripts with `<`), and a scanner must not lose
 * text to a strict parser, so this is a small tolerant tokenizer that never fails: text, tags,
 * attributes, comments, and raw-text elements (script, style, textarea, title). Text and
 * attribute values are located `{ kind: 'xml-path', path: '/html/body/table/tr[2]/td' }`;
 * a table row's header cell labels its data cell (`<th>NIK</th><td>…</td>`), an input's `name`
 * labels its value. Script and style text is scanned but gets no label.
 */

/** Elements that never have content. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Elements whose content is raw text up to their end tag. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp']);
/** Opening one of these closes an open sibling of the same group (HTML's implied end tags). */
const IMPLIED_END: Readonly<Record<string, readonly string[]>> = {
  p: ['p'],
  li: ['li'],
  dt: ['dt', 'dd'],
  dd: ['dt', 'dd'],
  tr: ['tr', 'td', 'th'],
  td: ['td', 'th'],
  th: ['td', 'th'],
  option: ['option'],
};
/** A tag longer than this is not a tag: its `<` is text. */
const MAX_TAG_CHARS = 64 * 1024;
/** Raw text (a script) is handed over in pieces of at most this size. */
const MAX_TEXT_CHARS = 256 * 1024;

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…', copy: '©', reg: '®', deg: '°', middot: '·',
};

/** Decodes character references (`&amp;`, `&#39;`, `&#x2F;`); unknown ones stay as written. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z]{2,8});/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

function parseAttributes(source: string): [string, string][] {
  const out: [string, string][] = [];
  ATTRIBUTE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ATTRIBUTE.exec(source)) !== null) out.push([m[1]!, decodeEntities(m[2] ?? m[3] ?? m[4] ?? '')]);
  return out;
}

/** The tokenizer: feeds a MarkupWriter, keeping only an unfinished tag between chunks. */
class HtmlReader {
  private buffer = '';
  /** Inside a raw-text element: its name. */
  private rawText: string | undefined;

  constructor(readonly writer: MarkupWriter) {}

  write(chunk: string, final: boolean): void {
    const text = this.buffer + chunk;
    this.buffer = '';
    let i = 0;
    const n = text.length;
    while (i < n) {
      if (this.rawText) {
        const endTag = new RegExp(`</${this.rawText}`, 'gi');
        endTag.lastIndex = i;
        const end = endTag.exec(text)?.index ?? -1;
        if (end === -1) {
          // Keep a possible start of the end tag for the next chunk.
          const keep = final ? n : Math.max(i, n - this.rawText.length - 2);
          if (keep > i) this.writer.text(text.slice(i, keep));
          this.buffer = text.slice(keep);
          return;
        }
        this.writer.text(text.slice(i, end));
        i = end;
        this.rawText = undefined;
        continue;
      }
      const lt = text.indexOf('<', i);
      if (lt === -1) {
        // Hold back a possibly cut entity (`&nb|sp;`) unless this is the end.
        const cut = final ? n : Math.max(i, text.lastIndexOf('&') > n - 10 ? text.lastIndexOf('&') : n);
        if (cut > i) this.emitText(text.slice(i, cut));
        this.buffer = text.slice(cut);
        return;
      }
      if (lt > i) this.emitText(text.slice(i, lt));
      i = lt;
      const consumed = this.tag(text, i, final);
      if (consumed === 0 && !final && n - i < MAX_TAG_CHARS) {
        // An unfinished tag: wait for the next chunk.
        this.buffer = text.slice(i);
        return;
      }
      if (consumed <= 0) {
        // Not markup (`a < b`), or a tag that never ends: the `<` is text.
        this.emitText('<');
        i++;
        continue;
      }
      i += consumed;
    }
  }

  private emitText(text: string): void {
    for (let at = 0; at < text.length; at += MAX_TEXT_CHARS) this.writer.text(decodeEntities(text.slice(at, at + MAX_TEXT_CHARS)));
  }

  /** Reads the markup at `text[i] === '<'`: characters consumed, 0 when incomplete, -1 when `<` is just text. */
  private tag(text: string, i: number, final: boolean): number {
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end === -1) {
        if (!final) return 0;
        this.writer.text(text.slice(i + 4));
        return text.length - i;
      }
      // Comments can hold notes about a patient: scanned, located at the enclosing element.
      this.writer.text(text.slice(i + 4, end));
      return end + 3 - i;
    }
    const next = text[i + 1];
    if (next === undefined) return 0;
    if (next === '!' || next === '?') {
      const end = text.indexOf('>', i);
      return end === -1 ? 0 : end + 1 - i;
    }
    const closing = next === '/';
    const nameStart = closing ? i + 2 : i + 1;
    if (text[nameStart] === undefined) return final ? -1 : 0;
    if (!/[A-Za-z]/.test(text[nameStart]!)) return -1;
    const end = findTagEnd(text, nameStart);
    if (end === -1) return 0;
    const body = text.slice(nameStart, end);
    const name = /^[^\s/>]+/.exec(body)![0].toLowerCase();
    if (closing) {
      this.writer.close(name);
      return end + 1 - i;
    }
    const implied = IMPLIED_END[name];
    while (implied && implied.includes(this.writer.top() ?? '')) this.writer.close(this.writer.top());
    const selfClosing = body.endsWith('/');
    this.writer.open(name, parseAttributes(body.slice(name.length, selfClosing ? -1 : undefined)));
    if (VOID.has(name) || selfClosing) this.writer.close(name);
    else if (RAW_TEXT.has(name)) this.rawText = name;
    return end + 1 - i;
  }
}

/** The `>` ending a tag that starts at `from`, skipping quoted attribute values; -1 if not there yet. */
function findTagEnd(text: string, from: number): number {
  let quote = '';
  const limit = Math.min(text.length, from + MAX_TAG_CHARS);
  for (let j = from; j < limit; j++) {
    const c = text[j]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return j;
  }
  return -1;
}

export const htmlExtractor: Extractor = {
  id: 'html',
  formats: ['html'],
  async *extract(input: ExtractInput, context: ExtractContext): AsyncGenerator<Segment> {
    const writer = new MarkupWriter(true);
    const reader = new HtmlReader(writer);
    for await (const chunk of decodeText(input, (encoding) => context.setEncoding(encoding))) {
      reader.write(chunk, false);
      yield* drain(writer);
      if (context.signal.aborted) return;
    }
    reader.write('', true);
    writer.flush(true);
    yield* drain(writer);
  },
};

function* drain(writer: MarkupWriter): Generator<Segment> {
  for (const segment of writer.out) yield segment;
  writer.out.length = 0;
}

import type { ExtractContext, ExtractInput, Extractor } from '../model/extractor.js';
import type { Segment } from '../model/segment.js';
import { FieldBatch, humanizeKey } from './fields.js';
import { BufferSource } from '../walk/sources.js';
import { OVERLAP_CHARS, decodeText, windows } from './text-stream.js';

/*
 * JSON, including FHIR R4 resources and SATUSEHAT bundles (domain.md §3) and BPJS VClaim
 * responses (§2.1). A streaming tokenizer: memory holds one chunk, the open containers and at
 * most one long string value at a time, whatever the file's size.
 *
 * Every string and number value becomes text located by its RFC 6901 pointer
 * (`/entry/0/resource/identifier/1/value`); the key path is its label (`identifier value`,
 * `peserta no kartu`), and a FHIR identifier's `system` names its value (`.../id/nik` -> `nik`),
 * so the detectors see what the value is. Keys that are not plain names (a NIK used as a key)
 * are scanned too. Several JSON documents in a row (JSON Lines) are read one after another; the
 * second and later are prefixed `#2`, `#3` ... in their pointers. Invalid JSON is scanned as
 * plain text from the point where it stops being JSON, and the file report says so.
 */

/** Labels for SATUSEHAT identifier systems (domain.md §3), matched on the URL's end. */
const SYSTEM_LABELS: readonly [RegExp, string][] = [
  [/\/id\/nik$/i, 'nik'],
  [/\/id\/nik-ibu$/i, 'nik ibu'],
  [/\/id\/ihs-number$/i, 'ihs number'],
  [/\/id\/kk$/i, 'kk nomor kartu keluarga'],
  [/\/id\/paspor$/i, 'paspor'],
  [/\/id\/nakes-his-number$/i, 'nakes ihs number'],
  [/\/id\/str-kki-number$/i, 'str kki number'],
];

/**
 * The label a FHIR `system` gives its sibling `value`: `nik`, `ihs number`, `kk nomor kartu
 * keluarga`, `paspor`; for org-scoped `http://sys-ids.kemkes.go.id/mrn/10000004` the kind
 * (`mrn`); for telecom systems the system itself (`phone`, `email`).
 */
export function systemLabel(system: string): string {
  for (const [pattern, label] of SYSTEM_LABELS) if (pattern.test(system)) return label;
  const sysIds = /sys-ids\.kemkes\.go\.id\/([^/]+)/i.exec(system);
  if (sysIds) return humanizeKey(sysIds[1]!);
  if (!/[/:]/.test(system)) return humanizeKey(system);
  const parts = system.split(/[/:#]/).filter((p) => p && !/^\d+$/.test(p) && !/\./.test(p));
  return parts.length ? humanizeKey(parts[parts.length - 1]!) : '';
}

/**
 * The label of a value: the keys above it joined by dots, array positions left out, at most
 * the last three (`peserta.nama`, `mr.noMR`). Inside a FHIR resource the path starts at the
 * resource type, as FHIRPath writes it: `Patient.name.text`, `Patient.identifier.value`,
 * `Patient.birthDate`. Detectors read the last part as the field name and match context words
 * on word boundaries (`noKartu` matches `no kartu`).
 */
export function jsonLabel(keys: readonly string[]): string {
  return keys.filter(Boolean).slice(-3).join('.');
}

/** A string longer than this is scanned in pieces of its own instead of being held whole. */
const LONG_VALUE_CHARS = 1024 * 1024;
/** Primitive members of one object held (to label `value` by `system`) before they are let go. */
const MAX_HELD_CHARS = 64 * 1024;
/** Decoded `data` shorter than this is a code, not a file. */
const MIN_ATTACHMENT_BYTES = 32;
const BASE64 = /^[A-Za-z0-9+/=\s]*$/;
/** File extensions for attachment content types, as format hints for the member's name. */
const CONTENT_TYPE_EXTENSIONS: Readonly<Record<string, string>> = {
  'application/pdf': '.pdf', 'text/plain': '.txt', 'text/html': '.html', 'text/xml': '.xml', 'application/xml': '.xml', 'application/json': '.json',
  'application/fhir+json': '.json', 'image/jpeg': '.jpg', 'image/png': '.png', 'image/tiff': '.tif', 'application/dicom': '.dcm', 'text/csv': '.csv',
  'application/zip': '.zip', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx', 'application/msword': '.doc', 'application/vnd.ms-excel': '.xls',
};

function extensionFor(contentType: string | undefined): string {
  if (!contentType) return '';
  return CONTENT_TYPE_EXTENSIONS[contentType.split(';')[0]!.trim().toLowerCase()] ?? '';
}

/** Nesting depth of objects and arrays; deeper is treated as not JSON (read as text). */
const MAX_DEPTH = 512;
/** Longest number or literal token; more is not JSON. */
const MAX_TOKEN_CHARS = 4096;
/** Keys that are plain names are labels, not data. */
const PLAIN_KEY = /^[A-Za-z_$@][\w$@.:-]{0,63}$/;

interface Frame {
  kind: 'object' | 'array';
  /** Objects: the current member's key. */
  key: string;
  /** Arrays: the current element's index. */
  index: number;
  /** The pointer of this container. */
  pointer: string;
  /** Keys of the enclosing objects, for labels (starting at a FHIR resource type when inside one). */
  keys: string[];
  /** Objects: the FHIR `resourceType`, which restarts label paths (`Patient.name.text`). */
  resourceType: string | undefined;
  /** Objects: primitive members waiting for the object to close (a `system` may follow). */
  held: { text: string; key: string }[] | undefined;
  heldChars: number;
  system: string | undefined;
}

const enum State {
  Value,
  AfterValue,
  Key,
  Colon,
  String,
  Token,
}

class JsonSyntaxError extends Error {
  constructor(
    readonly position: number,
    readonly kind: 'invalid' | 'deep' = 'invalid',
  ) {
    super('invalid JSON');
  }
}

/** Label keys of an object's members: from its resource type when it is a FHIR resource. */
const baseKeys = (frame: Frame): string[] => (frame.resourceType ? [frame.resourceType] : frame.keys);

const escapePointer = (token: string): string => (token.includes('~') || token.includes('/') ? token.replace(/~/g, '~0').replace(/\//g, '~1') : token);

/**
 * The streaming reader. `write` takes the next piece of text and returns the segments that are
 * ready; `end` flushes the rest. Throws `JsonSyntaxError` at the first character that is not JSON.
 */
class JsonReader {
  private stack: Frame[] = [];
  private state = State.Value;
  private stringIsKey = false;
  private parts: string[] = [];
  private partsLength = 0;
  /** A long string being scanned in pieces: what the previous piece leaves as context. */
  private longTail: string | undefined;
  private token = '';
  private pendingEscape = '';
  private record = 0;
  /** A top-level value has been completed (JSON Lines: another may follow). */
  private topDone = false;
  readonly batch = new FieldBatch('content');
  readonly out: Segment[] = [];
  /** Base64 file content found in FHIR `Attachment.data` / `Binary.data`, to scan as members. */
  readonly attachments: { name: string; bytes: Uint8Array }[] = [];
  /** Problems with attachments (too large), for the file report. */
  readonly attachmentProblems: { code: 'limit-member-size'; message: string }[] = [];
  private blob: { pointer: string; extension: string; carry: string; parts: Uint8Array[]; bytes: number } | undefined;

  constructor(private readonly maxAttachmentBytes = Infinity) {}

  /** A string under a `data` key may be a FHIR Attachment's base64 content (a PDF, an image, a letter). */
  private startBlob(): void {
    const top = this.top();
    if (top?.kind !== 'object' || top.key !== 'data') return;
    const contentType = top.held?.find((h) => h.key === 'contentType')?.text;
    this.blob = { pointer: this.pointer(), extension: extensionFor(contentType), carry: '', parts: [], bytes: 0 };
  }

  private feedBlob(piece: string): void {
    const blob = this.blob!;
    if (!BASE64.test(piece)) {
      this.blob = undefined;
      return;
    }
    const text = blob.carry + (/\s/.test(piece) ? piece.replace(/\s+/g, '') : piece);
    const whole = text.length - (text.length % 4);
    blob.carry = text.slice(whole);
    if (whole === 0) return;
    const bytes = Buffer.from(text.slice(0, whole), 'base64');
    blob.bytes += bytes.byteLength;
    if (blob.bytes > this.maxAttachmentBytes) {
      this.attachmentProblems.push({ code: 'limit-member-size', message: `A base64 attachment at ${blob.pointer} is over the member size limit and was not checked as a file.` });
      this.blob = undefined;
      return;
    }
    blob.parts.push(bytes);
  }

  /** True when the string was base64 of a file, now queued to be scanned as a member. */
  private endBlob(): boolean {
    const blob = this.blob!;
    this.blob = undefined;
    if (blob.carry) blob.parts.push(Buffer.from(blob.carry, 'base64'));
    const bytes = Buffer.concat(blob.parts);
    if (bytes.byteLength < MIN_ATTACHMENT_BYTES) return false;
    this.attachments.push({ name: `${blob.pointer.replace(/^#\d+/, '').slice(1)}${blob.extension}`, bytes });
    return true;
  }

  write(text: string): void {
    let i = 0;
    const n = text.length;
    if (this.pendingEscape) {
      const joined = this.pendingEscape + text;
      this.pendingEscape = '';
      this.write(joined);
      return;
    }
    // The next backslash, found once and moved past only when passed: searching afresh for every
    // string would rescan the rest of the chunk each time (quadratic on escape-free JSON).
    let nextBackslash = -2;
    while (i < n) {
      switch (this.state) {
        case State.String: {
          const quote = text.indexOf('"', i);
          if (nextBackslash !== -1 && nextBackslash < i) nextBackslash = text.indexOf('\\', i);
          const backslash = nextBackslash;
          if (backslash !== -1 && (quote === -1 || backslash < quote)) {
            this.appendString(text.slice(i, backslash));
            if (backslash + 1 >= n || (text[backslash + 1] === 'u' && backslash + 6 > n)) {
              this.pendingEscape = text.slice(backslash);
              return;
            }
            const code = text[backslash + 1]!;
            if (code === 'u') {
              const hex = text.slice(backslash + 2, backslash + 6);
              if (!/^[0-9A-Fa-f]{4}$/.test(hex)) throw new JsonSyntaxError(backslash);
              this.appendString(String.fromCharCode(parseInt(hex, 16)));
              i = backslash + 6;
            } else {
              const mapped = ESCAPES[code];
              if (mapped === undefined) throw new JsonSyntaxError(backslash);
              this.appendString(mapped);
              i = backslash + 2;
            }
            continue;
          }
          if (quote === -1) {
            this.appendString(text.slice(i));
            return;
          }
          this.appendString(text.slice(i, quote));
          i = quote + 1;
          this.endString();
          continue;
        }
        case State.Token: {
          let j = i;
          while (j < n && TOKEN_CHAR.test(text[j]!)) j++;
          this.token += text.slice(i, j);
          if (this.token.length > MAX_TOKEN_CHARS) throw new JsonSyntaxError(i);
          if (j === n) return;
          i = j;
          this.endToken(i);
          continue;
        }
        default:
          break;
      }
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) {
        i++;
        continue;
      }
      const ch = text[i]!;
      switch (this.state) {
        case State.Value:
          if (this.topDone && this.stack.length === 0) this.startRecord();
          if (ch === '{') this.open('object', i);
          else if (ch === '[') this.open('array', i);
          else if (ch === '"') {
            this.state = State.String;
            this.stringIsKey = false;
            this.startBlob();
          } else if (ch === ']' && this.top()?.kind === 'array' && this.top()!.index === 0) {
            this.close(i, 'array');
          } else if (TOKEN_START.test(ch)) {
            this.state = State.Token;
            this.token = '';
            continue;
          } else throw new JsonSyntaxError(i);
          i++;
          break;
        case State.AfterValue: {
          const top = this.top();
          if (!top) {
            // JSON Lines: another document may follow.
            this.state = State.Value;
            continue;
          }
          if (ch === ',') {
            if (top.kind === 'array') {
              top.index++;
              this.state = State.Value;
            } else this.state = State.Key;
          } else if (ch === '}' && top.kind === 'object') this.close(i, 'object');
          else if (ch === ']' && top.kind === 'array') this.close(i, 'array');
          else throw new JsonSyntaxError(i);
          i++;
          break;
        }
        case State.Key:
          if (ch === '"') {
            this.state = State.String;
            this.stringIsKey = true;
          } else if (ch === '}' && this.top()?.kind === 'object' && this.top()!.key === '') this.close(i, 'object');
          else throw new JsonSyntaxError(i);
          i++;
          break;
        case State.Colon:
          if (ch !== ':') throw new JsonSyntaxError(i);
          this.state = State.Value;
          i++;
          break;
        default:
          throw new JsonSyntaxError(i);
      }
    }
  }

  /** Call at the end of input; throws when the document is cut short. */
  end(): void {
    if (this.state === State.Token) this.endToken(0);
    if (this.stack.length || this.state === State.String || this.pendingEscape) throw new JsonSyntaxError(-1);
    this.flushBatch(true);
  }

  /** Everything read so far, before a fallback to plain text. */
  abandon(): void {
    if (this.state === State.String && this.partsLength) {
      const text = this.parts.join('');
      this.parts = [];
      this.partsLength = 0;
      this.batch.add(text, this.stringIsKey ? 'key' : this.label(), { kind: 'json-pointer', pointer: this.pointer() });
    }
    while (this.stack.length) this.release(this.stack.pop()!);
    this.flushBatch(true);
  }

  private top(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }

  private startRecord(): void {
    this.record++;
    this.topDone = false;
  }

  private prefix(): string {
    return this.record > 0 ? `#${this.record + 1}` : '';
  }

  /** Pointer of the value being read. */
  private pointer(): string {
    const top = this.top();
    if (!top) return this.prefix();
    return `${top.pointer}/${top.kind === 'array' ? top.index : escapePointer(top.key)}`;
  }

  /** The keys a label is made of: labels use the last three, so at most two are carried down. */
  private keysHere(): string[] {
    const top = this.top();
    if (!top) return [];
    return top.kind === 'object' ? [...baseKeys(top).slice(-1), top.key] : top.keys;
  }

  private label(): string {
    return jsonLabel(this.keysHere());
  }

  private open(kind: Frame['kind'], at: number): void {
    // Deeper than any real document: hostile, and each level costs memory. Read the rest as text.
    if (this.stack.length >= MAX_DEPTH) throw new JsonSyntaxError(at, 'deep');
    const pointer = this.pointer();
    this.stack.push({ kind, key: '', index: 0, pointer, keys: this.keysHere(), resourceType: undefined, held: kind === 'object' ? [] : undefined, heldChars: 0, system: undefined });
    this.state = kind === 'object' ? State.Key : State.Value;
  }

  private close(_at: number, kind: Frame['kind']): void {
    const frame = this.stack.pop()!;
    if (frame.kind !== kind) throw new JsonSyntaxError(_at);
    this.release(frame);
    this.valueDone();
  }

  /** Emits an object's held members, labelling `value` by a sibling `system`. */
  private release(frame: Frame): void {
    if (!frame.held) return;
    const systemName = frame.system !== undefined ? systemLabel(frame.system) : '';
    for (const { text, key } of frame.held) {
      const base = jsonLabel([...baseKeys(frame), key]);
      const label = systemName && key === 'value' ? `${systemName} ${base}` : base;
      this.batch.add(text, label, { kind: 'json-pointer', pointer: `${frame.pointer}/${escapePointer(key)}` });
    }
    frame.held = undefined;
    this.flushBatch(false);
  }

  private valueDone(): void {
    this.state = State.AfterValue;
    if (this.stack.length === 0) this.topDone = true;
  }

  private appendString(piece: string): void {
    if (!piece) return;
    if (this.blob) this.feedBlob(piece);
    this.parts.push(piece);
    this.partsLength += piece.length;
    if (this.partsLength >= LONG_VALUE_CHARS) this.emitLongPiece(false);
  }

  /** A very long string is scanned in overlapping pieces, each a segment of its own. */
  private emitLongPiece(final: boolean): void {
    const tail = this.longTail ?? '';
    const text = tail + this.parts.join('');
    this.parts = [];
    this.partsLength = 0;
    const label = this.stringIsKey ? 'key' : this.label();
    const pointer = this.stringIsKey ? `${this.pointer()}` : this.pointer();
    this.out.push({ text, locator: { kind: 'json-pointer', pointer }, context: { source: 'content', label }, reportFrom: tail.length });
    this.longTail = final ? undefined : text.slice(Math.max(0, text.length - OVERLAP_CHARS));
  }

  private endString(): void {
    const decoded = this.blob !== undefined && this.endBlob();
    if (this.longTail !== undefined) {
      this.emitLongPiece(true);
      if (this.stringIsKey) this.setKey('');
      else this.primitive(undefined);
      return;
    }
    const value = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.parts = [];
    this.partsLength = 0;
    if (this.stringIsKey) this.setKey(value);
    // Base64 read as a file is not scanned again as text (it is noise to the detectors).
    else this.primitive(decoded ? undefined : value);
  }

  private setKey(key: string): void {
    const top = this.top()!;
    top.key = key;
    if (key && !PLAIN_KEY.test(key)) this.batch.add(key, 'key', { kind: 'json-pointer', pointer: this.pointer() });
    this.state = State.Colon;
  }

  private endToken(at: number): void {
    const token = this.token;
    this.token = '';
    if (token === 'true' || token === 'false' || token === 'null') this.primitive(undefined);
    else if (NUMBER.test(token)) this.primitive(token);
    else throw new JsonSyntaxError(at);
  }

  /** A string or number value (undefined: already scanned, or a literal). */
  private primitive(text: string | undefined): void {
    const top = this.top();
    if (text) {
      if (top?.kind === 'object' && top.key === 'system') top.system = text;
      if (top?.kind === 'object' && top.key === 'resourceType' && /^[A-Z][A-Za-z]{1,63}$/.test(text)) top.resourceType = text;
      if (top?.kind === 'object' && top.held && top.heldChars + text.length <= MAX_HELD_CHARS) {
        top.held.push({ text, key: top.key });
        top.heldChars += text.length;
      } else {
        this.batch.add(text, this.label(), { kind: 'json-pointer', pointer: this.pointer() });
        this.flushBatch(false);
      }
    }
    this.valueDone();
  }

  private flushBatch(force: boolean): void {
    if (!force && !this.batch.full) return;
    const segment = this.batch.take();
    if (segment) this.out.push(segment);
  }
}

const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const TOKEN_START = /[-0-9tfn]/;
const TOKEN_CHAR = /[-+.0-9eEa-z]/;
const NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$/;

/** JSON and JSON Lines, with key paths and FHIR identifier systems as context. */
export const jsonExtractor: Extractor = {
  id: 'json',
  formats: ['json'],
  async *extract(input: ExtractInput, context: ExtractContext): AsyncGenerator<Segment> {
    const reader = new JsonReader(context.limits.maxMemberBytes);
    const chunks = decodeText(input, (encoding) => context.setEncoding(encoding))[Symbol.asyncIterator]();
    let line = 1;
    let lastBreak = -1;
    let consumed = 0;
    for (;;) {
      const next = await chunks.next();
      if (next.done) break;
      const text = next.value;
      try {
        reader.write(text);
      } catch (error) {
        if (!(error instanceof JsonSyntaxError)) throw error;
        yield* drain(reader);
        await scanAttachments(reader, input, context);
        yield* fallBackToText(reader, text, error, { line, lastBreak, consumed }, chunks, context);
        return;
      }
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
        line++;
        lastBreak = consumed + i;
      }
      consumed += text.length;
      yield* drain(reader);
      await scanAttachments(reader, input, context);
      if (context.signal.aborted) return;
    }
    try {
      reader.end();
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      reader.abandon();
      context.issue?.('corrupt', 'The JSON ends before it is complete (truncated file); everything up to the cut was scanned.');
    }
    yield* drain(reader);
    await scanAttachments(reader, input, context);
  },
};

/**
 * Base64 content of FHIR attachments (`DocumentReference.content.attachment.data`,
 * `DiagnosticReport.presentedForm.data`, `Binary.data`): a lab report PDF or a scanned letter
 * inside the JSON, scanned as a member `file.json!entry/0/resource/presentedForm/0/data.pdf`
 * within the archive limits.
 */
async function scanAttachments(reader: JsonReader, input: ExtractInput, context: ExtractContext): Promise<void> {
  for (const problem of reader.attachmentProblems.splice(0)) context.incomplete(problem.code, problem.message);
  for (const { name, bytes } of reader.attachments.splice(0)) {
    if (input.depth >= context.limits.maxArchiveDepth) {
      context.incomplete('limit-depth', `A base64 attachment at /${name} is nested ${input.depth} levels deep (limit ${context.limits.maxArchiveDepth}) and was not checked as a file.`);
      continue;
    }
    if (!context.consumeExpanded(bytes.byteLength)) {
      context.incomplete('limit-expanded-size', 'The base64 attachments of this JSON exceed the expanded-size budget; the rest were not checked as files.');
      return;
    }
    await context.scanMember({ name, source: new BufferSource(bytes) });
  }
}

function* drain(reader: JsonReader): Generator<Segment> {
  for (const segment of reader.out) yield segment;
  reader.out.length = 0;
}

/** Text from the first character that is not JSON to the end, scanned like a text file. */
async function* fallBackToText(
  reader: JsonReader,
  text: string,
  error: JsonSyntaxError,
  at: { line: number; lastBreak: number; consumed: number },
  rest: AsyncIterator<string>,
  context: ExtractContext,
): AsyncGenerator<Segment> {
  reader.abandon();
  yield* drain(reader);
  // Start a little before the error so a number cut by it is still seen whole; what was read
  // as JSON before it is context only, never reported twice.
  const errorAt = Math.min(Math.max(0, error.position), text.length);
  const from = Math.max(0, errorAt - 64);
  let first = true;
  let line = at.line;
  let lastBreak = at.lastBreak;
  for (let i = text.indexOf('\n'); i !== -1 && i < from; i = text.indexOf('\n', i + 1)) {
    line++;
    lastBreak = at.consumed + i;
  }
  const column = at.consumed + from - lastBreak;
  context.issue?.(
    'corrupt',
    error.kind === 'deep'
      ? `The JSON is nested more than ${MAX_DEPTH} levels deep at line ${line}; from there on it was scanned as plain text.`
      : `The file is not valid JSON from line ${line}; from there on it was scanned as plain text.`,
  );
  async function* remaining(): AsyncGenerator<string> {
    yield text.slice(from);
    for (;;) {
      const next = await rest.next();
      if (next.done) return;
      yield next.value;
    }
  }
  for await (const window of windows(remaining())) {
    const position0 = window.position.line === 1 ? { line, column: column + window.position.column - 1 } : { line: line + window.position.line - 1, column: window.position.column };
    yield {
      text: window.text,
      locator: { kind: 'text', line: position0.line, column: position0.column },
      reportFrom: first ? Math.min(Math.max(window.reportFrom, errorAt - from), window.reportTo) : window.reportFrom,
      reportTo: window.reportTo,
      context: { source: 'content' },
    };
    first = false;
  }
}

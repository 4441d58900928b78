import type { ExtractContext, ExtractInput, Extractor } from '../model/extractor.js';
import type { Segment } from '../model/segment.js';
import { MarkupWriter } from './markup.js';
import { decodeText, windows } from './text-stream.js';

/*
 * XML (FHIR XML, CDA, SIMRS exports) through saxes, streaming: memory holds one chunk, the open
 * elements and one batch of values. Element text and attribute values become text located
 * `{ kind: 'xml-path', path: '/Patient/telecom[2]/value/@value' }`; the element names are the
 * label (`Patient.identifier.value`, `pasien.nama`), and a FHIR `<system value=".../id/nik">`
 * names its sibling `<value>` (`nik`). saxes does not expand entities declared in a DTD, so an
 * entity bomb cannot grow. XML that is not well-formed is scanned as plain text from the first
 * error on (saxes's own advice: after an error its events cannot be trusted), with an issue.
 */

class XmlSyntaxError extends Error {
  constructor() {
    super('not well-formed XML');
  }
}

/**
 * Raw text after saxes's last event, kept so it can be scanned as text if the XML turns out to
 * be broken: saxes reports some errors late (a stray `&` swallows text into an entity name until
 * the end of the file) and its events after an error cannot be trusted, so everything after the
 * last good event is re-read as text. Past this size with no event, saxes is assumed stuck.
 */
const MAX_REPLAY_CHARS = 4 * 1024 * 1024;

export const xmlExtractor: Extractor = {
  id: 'xml',
  formats: ['xml'],
  async *extract(input: ExtractInput, context: ExtractContext): AsyncGenerator<Segment> {
    const writer = new MarkupWriter(false);
    // saxes is loaded with the first XML file, not at start-up.
    const { SaxesParser } = await import('saxes');
    const parser = new SaxesParser({ xmlns: false, position: true });
    /** Absolute offset (in decoded characters) up to which saxes has reported everything. */
    let good = 0;
    const mark = () => {
      good = Math.max(good, parser.position - 1);
    };
    parser.on('opentag', (node) => {
      writer.open(node.name, Object.entries(node.attributes as Record<string, string>));
      mark();
    });
    parser.on('closetag', () => {
      writer.close();
      mark();
    });
    parser.on('text', (text) => {
      writer.text(text);
      mark();
    });
    parser.on('cdata', (text) => {
      writer.text(text);
      mark();
    });
    // Comments can hold notes about a patient: scanned, located at the enclosing element.
    parser.on('comment', (text) => {
      writer.text(text);
      mark();
    });
    parser.on('error', () => {
      throw new XmlSyntaxError();
    });

    // `replay` holds the decoded text from absolute offset `replayStart` (<= good) to the end.
    let replay = '';
    let replayStart = 0;
    let line = 1;
    let lastBreak = -1;
    const chunks = decodeText(input, (encoding) => context.setEncoding(encoding))[Symbol.asyncIterator]();
    const broken = async function* (message: string): AsyncGenerator<Segment> {
      writer.flush(true);
      yield* drain(writer);
      context.issue?.('corrupt', message.replace('{line}', String(line + countBreaks(replay, 0, good - replayStart))));
      yield* fallBack(replay, good - replayStart, { line, column: replayStart - lastBreak }, chunks);
    };
    for (;;) {
      const next = await chunks.next();
      if (next.done) break;
      replay += next.value;
      try {
        parser.write(next.value);
      } catch (error) {
        if (!(error instanceof XmlSyntaxError)) throw error;
        yield* broken('The file is not well-formed XML from line {line}; from there on it was scanned as plain text.');
        return;
      }
      yield* drain(writer);
      // Forget what saxes has reported, counting its lines for the fallback's locators.
      const drop = Math.max(0, good - replayStart);
      for (let i = replay.indexOf('\n'); i !== -1 && i < drop; i = replay.indexOf('\n', i + 1)) {
        line++;
        lastBreak = replayStart + i;
      }
      replay = replay.slice(drop);
      replayStart += drop;
      if (replay.length > MAX_REPLAY_CHARS) {
        yield* broken('The XML stops making sense around line {line} (no element ends in the next 4 MiB); from there on it was scanned as plain text.');
        return;
      }
      if (context.signal.aborted) return;
    }
    try {
      parser.close();
    } catch (error) {
      if (!(error instanceof XmlSyntaxError)) throw error;
      yield* broken('The XML is broken or truncated at line {line}; from there on it was scanned as plain text.');
      return;
    }
    writer.flush(true);
    yield* drain(writer);
  },
};

function countBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

function* drain(writer: MarkupWriter): Generator<Segment> {
  for (const segment of writer.out) yield segment;
  writer.out.length = 0;
}

/**
 * `text` (from the last good event on, `reportFrom` where saxes stopped reporting) and the rest
 * of the file, scanned like a text file. `at` is the line and column of `text[0]`.
 */
async function* fallBack(text: string, reportFrom: number, at: { line: number; column: number }, rest: AsyncIterator<string>): AsyncGenerator<Segment> {
  async function* remaining(): AsyncGenerator<string> {
    yield text;
    for (;;) {
      const next = await rest.next();
      if (next.done) return;
      yield next.value;
    }
  }
  let first = true;
  for await (const window of windows(remaining())) {
    const position = window.position.line === 1 ? { line: at.line, column: at.column + window.position.column - 1 } : { line: at.line + window.position.line - 1, column: window.position.column };
    yield {
      text: window.text,
      locator: { kind: 'text', ...position },
      reportFrom: first ? Math.min(Math.max(window.reportFrom, reportFrom), window.reportTo) : window.reportFrom,
      reportTo: window.reportTo,
      context: { source: 'content' },
    };
    first = false;
  }
}

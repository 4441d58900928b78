import { SaxesParser } from 'saxes';
import { ScanError } from '../model/errors.js';

/**
 * Streaming XML for OOXML parts: bytes in, element events out, with bounded memory (saxes keeps
 * only the current token). saxes resolves no external entities and expands no DTD entities, so
 * XXE and "billion laughs" parts are harmless; an undefined entity is a parse error.
 */
export interface XmlHandlers {
  open?(name: string, attributes: Readonly<Record<string, string>>): void;
  close?(name: string): void;
  text?(text: string): void;
}

/**
 * Parses XML from byte chunks, calling `handlers` synchronously, and yields after every chunk so
 * the caller can hand on what the handlers gathered (a batch of cells) before reading further.
 * Throws `ScanError('corrupt')` at the first XML error, with no document text in the message.
 */
export async function* parseXml(chunks: AsyncIterable<Uint8Array>, handlers: XmlHandlers, what: string): AsyncGenerator<void> {
  const parser = new SaxesParser({ xmlns: false, position: false });
  let failure: string | undefined;
  parser.on('error', (error) => {
    // saxes messages hold a position and a short reason, never content; keep only the reason.
    failure ??= error.message.replace(/^.*?:\d+:\d+: /, '').slice(0, 80);
    throw new ScanError('corrupt', `The ${what} is damaged (${failure}); the rest of it was not read.`);
  });
  if (handlers.open) {
    const open = handlers.open;
    parser.on('opentag', (tag) => open(tag.name, tag.attributes as Record<string, string>));
  }
  if (handlers.close) {
    const close = handlers.close;
    parser.on('closetag', (tag) => close(tag.name));
  }
  if (handlers.text) {
    const text = handlers.text;
    parser.on('text', text);
    parser.on('cdata', text);
  }
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk, { stream: true });
    if (text) parser.write(text);
    yield;
  }
  const rest = decoder.decode();
  if (rest) parser.write(rest);
  parser.close();
  yield;
}

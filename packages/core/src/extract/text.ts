import type { ExtractContext, ExtractInput, Extractor } from '../model/extractor.js';
import type { Segment } from '../model/segment.js';
import { decodeText, windows } from './text-stream.js';

/**
 * Plain text and logs, with line locators. (JSON, XML, HTML and HL7 have extractors of their
 * own; JSON and XML fall back to this kind of reading from where they stop being well-formed.)
 */
export const textExtractor: Extractor = {
  id: 'text',
  formats: ['text'],
  async *extract(input: ExtractInput, context: ExtractContext): AsyncGenerator<Segment> {
    for await (const window of windows(decodeText(input, (encoding) => context.setEncoding(encoding)))) {
      yield {
        text: window.text,
        locator: { kind: 'text', line: window.position.line, column: window.position.column },
        reportFrom: window.reportFrom,
        reportTo: window.reportTo,
        context: { source: 'content' },
      };
    }
  },
};

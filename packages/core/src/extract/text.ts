import type { ExtractContext, ExtractInput, Extractor } from '../model/extractor.js';
import type { Segment } from '../model/segment.js';
import { decodeText, windows } from './text-stream.js';

/**
 * Plain text, logs, and the text formats whose structure has no extractor of its own yet
 * (JSON, XML, HTML, HL7 are read as text with line locators).
 */
export const textExtractor: Extractor = {
  id: 'text',
  formats: ['text', 'xml', 'html'],
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

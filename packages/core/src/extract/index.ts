import type { Extractor } from '../model/extractor.js';
import { csvExtractor } from './csv.js';
import { textExtractor } from './text.js';

/** The built-in extractors, one per format family. */
export const defaultExtractors: readonly Extractor[] = [csvExtractor, textExtractor];

export { csvExtractor, textExtractor };
export { decodeText, windows, advance, SEGMENT_CHARS, OVERLAP_CHARS, HOLDBACK_CHARS } from './text-stream.js';

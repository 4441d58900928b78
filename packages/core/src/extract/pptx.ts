import type { ExtractContext, ExtractInput } from '../model/extractor.js';
import type { Segment } from '../model/segment.js';
import { CHART_VOCABULARY, DRAWING_VOCABULARY, canOpenMembers, drawingEntries, externalLinkSegments, embeddedEntries, paragraphSegments, propertySegments } from './ooxml.js';
import { scanZipMembers } from './zip.js';
import type { ZipEntry, ZipReader } from './zip-reader.js';

/** Slides, speaker notes, slide comments (legacy and modern), in slide order. */
const TEXT_PART = /^ppt\/(?:slides\/slide\d+|notesSlides\/notesSlide\d+|comments\/[^/]+)\.xml$/;

function partOrder(entry: ZipEntry): string {
  return entry.name.replace(/\d+/g, (d) => d.padStart(6, '0'));
}

/** Legacy comments keep their text in `p:text`, modern ones in `a:p`: both count as paragraphs. */
const PPTX_COMMENT_VOCABULARY = {
  ...DRAWING_VOCABULARY,
  paragraph: new Set(['a:p', 'p:text']),
  text: new Set(['a:t', 'p:text']),
};

/**
 * PowerPoint (PPTX): the text of every slide, its notes and comments (locator `docx-paragraph`
 * with the part, e.g. `ppt/slides/slide3.xml` paragraph 2), then document properties and
 * embedded files.
 */
export async function* readPptx(zip: ZipReader, input: ExtractInput, context: ExtractContext): AsyncGenerator<Segment> {
  const parts = zip.entries.filter((e) => TEXT_PART.test(e.name)).sort((a, b) => (partOrder(a) < partOrder(b) ? -1 : 1));
  for (const part of parts) {
    if (context.signal.aborted) return;
    const legacyComments = part.name.startsWith('ppt/comments/');
    yield* paragraphSegments(zip, part, context, legacyComments ? PPTX_COMMENT_VOCABULARY : DRAWING_VOCABULARY);
  }
  for (const part of drawingEntries(zip, 'ppt')) yield* paragraphSegments(zip, part, context, CHART_VOCABULARY);
  yield* externalLinkSegments(zip, parts, context);
  yield* propertySegments(zip, context);
  const embedded = embeddedEntries(zip, 'ppt');
  if (embedded.length && canOpenMembers(input, context)) await scanZipMembers(zip, embedded, context);
}

import type { ExtractContext, ExtractInput } from '../model/extractor.js';
import type { Segment } from '../model/segment.js';
import { CHART_VOCABULARY, WORD_VOCABULARY, canOpenMembers, drawingEntries, externalLinkSegments, embeddedEntries, paragraphSegments, propertySegments } from './ooxml.js';
import { scanZipMembers } from './zip.js';
import type { ZipEntry, ZipReader } from './zip-reader.js';

/** The parts of a Word document that hold text a reader sees, or once saw (../shared/libraries.md §A13). */
const TEXT_PART = /^word\/(?:document|header\d*|footer\d*|footnotes|endnotes|comments|glossary\/document)\.xml$/;

/** Main document first, then headers, footers, notes and comments, each in name order (header1, header2, header10). */
function partOrder(entry: ZipEntry): string {
  const rank = entry.name === 'word/document.xml' ? '0' : '1';
  return rank + entry.name.replace(/\d+/g, (d) => d.padStart(6, '0'));
}

/**
 * Word (DOCX): every part that holds text, including headers and footers (where hospital
 * letterheads put the patient), footnotes, endnotes, comments and tracked deletions
 * (`w:delText`), then the document properties. Locators: `docx-paragraph` (part + paragraph)
 * and `document-property`. Embedded files (`word/embeddings/`, `word/media/`) are scanned as members.
 */
export async function* readDocx(zip: ZipReader, input: ExtractInput, context: ExtractContext): AsyncGenerator<Segment> {
  const parts = zip.entries.filter((e) => TEXT_PART.test(e.name)).sort((a, b) => (partOrder(a) < partOrder(b) ? -1 : 1));
  for (const part of parts) {
    if (context.signal.aborted) return;
    yield* paragraphSegments(zip, part, context, WORD_VOCABULARY);
  }
  for (const part of drawingEntries(zip, 'word')) yield* paragraphSegments(zip, part, context, CHART_VOCABULARY);
  yield* externalLinkSegments(zip, parts, context);
  yield* propertySegments(zip, context);
  const embedded = embeddedEntries(zip, 'word');
  if (embedded.length && canOpenMembers(input, context)) await scanZipMembers(zip, embedded, context);
}

import type { ExtractContext, ExtractInput } from '../model/extractor.js';
import { lastStartAtOrBefore } from './fields.js';
import type { Locator } from '../model/locator.js';
import type { FieldMap, Segment } from '../model/segment.js';
import { ScanError } from '../model/errors.js';
import { ExpansionMeter } from './expansion.js';
import { parseXml, type XmlHandlers } from './xml-text.js';
import type { ZipEntry, ZipReader } from './zip-reader.js';

/**
 * What DOCX, XLSX and PPTX share: reading a part under the archive limits, paragraphs with
 * `docx-paragraph` locators, relationships, and document properties (docProps).
 */

/** Characters of paragraphs or cells gathered into one segment. */
export const OOXML_SEGMENT_CHARS = 256 * 1024;

/** The OOXML kind of a ZIP, from its part names, or undefined for a plain ZIP. */
export function ooxmlKind(zip: ZipReader): 'docx' | 'xlsx' | 'pptx' | undefined {
  if (!zip.find('[Content_Types].xml')) return undefined;
  if (zip.find('word/document.xml')) return 'docx';
  if (zip.find('xl/workbook.xml')) return 'xlsx';
  if (zip.find('ppt/presentation.xml')) return 'pptx';
  return undefined;
}

/**
 * The decompressed bytes of one part, under the member-size, ratio and expanded-bytes limits.
 * A limit or damage ends the part early and marks the file incomplete with the part named; the
 * bytes read before that are still yielded (and scanned).
 */
export async function* partBytes(zip: ZipReader, entry: ZipEntry, context: ExtractContext): AsyncGenerator<Uint8Array> {
  const what = `part ${entry.name}`;
  if (entry.encrypted) {
    context.incomplete('encrypted', `The ${what} is encrypted; it was not read.`);
    return;
  }
  if (entry.method !== 0 && entry.method !== 8) {
    context.incomplete('unsupported-format', `The ${what} uses a compression Saring cannot read; it was not read.`);
    return;
  }
  if (zip.overlapping.has(entry.index)) {
    context.incomplete('corrupt', `The ${what} overlaps other parts' data (a zip-bomb technique); it was not read.`);
    return;
  }
  // Parts are streamed, never held whole: the single-member size limit does not apply to them.
  const meter = new ExpansionMeter(context, what, Number.POSITIVE_INFINITY);
  if (!meter.canStart()) {
    context.incomplete(meter.stop!.code, meter.stop!.message);
    return;
  }
  try {
    yield* zip.inflate(entry, meter, context.signal);
  } catch (error) {
    if (error instanceof ScanError && error.code === 'corrupt') {
      context.incomplete('corrupt', `The ${what} is damaged (${error.message}); the rest of it was not read.`);
      return;
    }
    throw error;
  }
  if (meter.stop) context.incomplete(meter.stop.code, meter.stop.message);
}

/**
 * Runs `handlers` over an XML part; an XML error ends that part (file incomplete), not the file.
 * Yields after each chunk so callers can flush what they gathered.
 */
export async function* walkPart(zip: ZipReader, entry: ZipEntry, context: ExtractContext, handlers: XmlHandlers): AsyncGenerator<void> {
  try {
    yield* parseXml(partBytes(zip, entry, context), handlers, `part ${entry.name}`);
  } catch (error) {
    if (error instanceof ScanError && error.code === 'corrupt') {
      context.incomplete('corrupt', error.message);
      return;
    }
    throw error;
  }
}

/** Reads a small XML part whole and returns what the handlers built. */
export async function readPart(zip: ZipReader, name: string, context: ExtractContext, handlers: XmlHandlers): Promise<boolean> {
  const entry = zip.find(name);
  if (!entry) return false;
  for await (const _ of walkPart(zip, entry, context, handlers));
  return true;
}

/** Relationship targets by id, resolved to part names (`rId1` -> `xl/worksheets/sheet1.xml`). */
export async function relationships(zip: ZipReader, partName: string, context: ExtractContext): Promise<Map<string, { target: string; type: string }>> {
  const slash = partName.lastIndexOf('/');
  const folder = partName.slice(0, slash + 1);
  const relsName = `${folder}_rels/${partName.slice(slash + 1)}.rels`;
  const result = new Map<string, { target: string; type: string }>();
  await readPart(zip, relsName, context, {
    open(name, attributes) {
      if (localName(name) !== 'Relationship' || attributes.TargetMode === 'External') return;
      const id = attributes.Id;
      const target = attributes.Target;
      if (id && target) result.set(id, { target: resolvePartName(folder, target), type: attributes.Type ?? '' });
    },
  });
  return result;
}

export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/** Resolves a relationship target against the folder of the part that refers to it. */
export function resolvePartName(folder: string, target: string): string {
  const parts = target.startsWith('/') ? [] : folder.split('/').filter(Boolean);
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/**
 * Paragraph ranges of one segment: the finding's locator is the paragraph it sits in.
 * Flat arrays, so thousands of paragraphs cost no objects.
 */
export class ParagraphMap implements FieldMap {
  private readonly starts: number[] = [];
  private readonly numbers: number[] = [];
  constructor(private readonly part: string) {}

  add(start: number, paragraph: number): void {
    this.starts.push(start);
    this.numbers.push(paragraph);
  }

  get first(): number {
    return this.numbers[0] ?? 1;
  }

  labelAt(): string | undefined {
    return undefined;
  }

  locatorAt(offset: number): Locator | undefined {
    const found = lastStartAtOrBefore(this.starts, offset);
    return found < 0 ? undefined : { kind: 'docx-paragraph', part: this.part, paragraph: this.numbers[found]! };
  }
}

/** Element names that make up paragraph text in WordprocessingML and DrawingML. */
export interface ParagraphVocabulary {
  paragraph: ReadonlySet<string>;
  /** Elements whose character content is text (`w:t`, `w:delText`, `a:t`). */
  text: ReadonlySet<string>;
  /** Empty elements standing for a tab. */
  tab: ReadonlySet<string>;
  /** Empty elements standing for a line break. */
  lineBreak: ReadonlySet<string>;
}

export const WORD_VOCABULARY: ParagraphVocabulary = {
  paragraph: new Set(['w:p']),
  // w:delText: tracked deletions are still in the file and still PHI (../shared/libraries.md §A13).
  // w:instrText: field codes, where `HYPERLINK "mailto:…"` and merge fields keep addresses.
  text: new Set(['w:t', 'w:delText', 'w:instrText', 'w:delInstrText']),
  tab: new Set(['w:tab', 'w:ptab']),
  lineBreak: new Set(['w:br', 'w:cr']),
};

export const DRAWING_VOCABULARY: ParagraphVocabulary = {
  paragraph: new Set(['a:p']),
  text: new Set(['a:t']),
  tab: new Set(['a:tab']),
  lineBreak: new Set(['a:br']),
};

/**
 * The paragraphs of one part as segments: paragraphs are numbered 1, 2, 3... in document order
 * (nested ones, as in text boxes, get their own number) and joined with newlines into segments of
 * about `OOXML_SEGMENT_CHARS`.
 */
export async function* paragraphSegments(zip: ZipReader, entry: ZipEntry, context: ExtractContext, vocabulary: ParagraphVocabulary): AsyncGenerator<Segment> {
  const open: { number: number; text: string }[] = [];
  let count = 0;
  let inText = 0;
  let text = '';
  let map = new ParagraphMap(entry.name);
  const ready: Segment[] = [];

  const flush = (): void => {
    if (!text) return;
    ready.push({ text, locator: { kind: 'docx-paragraph', part: entry.name, paragraph: map.first }, context: { source: 'content', fields: map } });
    text = '';
    map = new ParagraphMap(entry.name);
  };
  const append = (s: string): void => {
    const top = open[open.length - 1];
    if (top) top.text += s;
  };

  const handlers: XmlHandlers = {
    open(name) {
      if (vocabulary.paragraph.has(name)) open.push({ number: ++count, text: '' });
      if (vocabulary.text.has(name)) inText++;
      else if (vocabulary.tab.has(name)) append('\t');
      else if (vocabulary.lineBreak.has(name)) append('\n');
    },
    close(name) {
      if (vocabulary.text.has(name)) inText = Math.max(0, inText - 1);
      if (vocabulary.paragraph.has(name)) {
        const paragraph = open.pop();
        if (!paragraph || !paragraph.text.trim()) return;
        map.add(text.length, paragraph.number);
        text += `${paragraph.text}\n`;
        if (text.length >= OOXML_SEGMENT_CHARS) flush();
      }
    },
    text(t) {
      if (inText > 0) append(t);
    },
  };
  for await (const _ of walkPart(zip, entry, context, handlers)) {
    yield* ready.splice(0);
  }
  // A part cut short leaves paragraphs open: what was read of them is still scanned.
  while (open.length) handlers.close!([...vocabulary.paragraph][0]!);
  flush();
  yield* ready.splice(0);
}

/** Properties of docProps/core.xml, app.xml and custom.xml worth scanning (author, title, company...). */
const CORE_PROPERTIES = new Set(['title', 'subject', 'creator', 'keywords', 'description', 'lastModifiedBy', 'category', 'contentStatus', 'identifier']);
const APP_PROPERTIES = new Set(['Company', 'Manager', 'HyperlinkBase']);

/**
 * Document properties as segments, one per property, labelled with the property name so a
 * custom property `NIK Pasien` is context for its value. Locator: `document-property`.
 */
export async function* propertySegments(zip: ZipReader, context: ExtractContext): AsyncGenerator<Segment> {
  const found: { property: string; part: string; value: string }[] = [];
  let current: { property: string; part: string; value: string } | undefined;
  const collect = (part: string, pick: (name: string, attributes: Readonly<Record<string, string>>) => string | undefined): XmlHandlers => ({
    open(name, attributes) {
      const property = pick(name, attributes);
      if (property !== undefined) current = { property, part, value: '' };
    },
    close(name) {
      if (current && localName(name) === current.property) {
        if (current.value.trim()) found.push({ ...current, value: current.value.trim() });
        current = undefined;
      }
    },
    text(t) {
      if (current) current.value += t;
    },
  });
  await readPart(zip, 'docProps/core.xml', context, collect('docProps/core.xml', (name) => (CORE_PROPERTIES.has(localName(name)) ? localName(name) : undefined)));
  await readPart(zip, 'docProps/app.xml', context, collect('docProps/app.xml', (name) => (APP_PROPERTIES.has(localName(name)) ? localName(name) : undefined)));
  // Custom properties: <property name="No. RM"><vt:lpwstr>value</vt:lpwstr></property>.
  let customName: string | undefined;
  await readPart(zip, 'docProps/custom.xml', context, {
    open(name, attributes) {
      if (localName(name) === 'property') customName = attributes.name ?? 'custom';
      else if (customName !== undefined && name.startsWith('vt:')) current = { property: customName, part: 'docProps/custom.xml', value: '' };
    },
    close(name) {
      if (localName(name) === 'property') customName = undefined;
      else if (current && name.startsWith('vt:')) {
        if (current.value.trim()) found.push({ ...current, value: current.value.trim() });
        current = undefined;
      }
    },
    text(t) {
      if (current) current.value += t;
    },
  });
  for (const { property, part, value } of found) {
    yield { text: value, locator: { kind: 'document-property', property, part }, context: { source: 'metadata', label: property } };
  }
}

/**
 * Text in drawings, charts and SmartArt: text boxes and shapes on a sheet, chart titles, and the
 * values a chart caches (`c:v` inside `c:pt`: copies of cells, patient names on an axis).
 */
export const CHART_VOCABULARY: ParagraphVocabulary = {
  paragraph: new Set(['a:p', 'c:pt']),
  text: new Set(['a:t', 'c:v']),
  tab: new Set(['a:tab']),
  lineBreak: new Set(['a:br']),
};

/** Drawing, chart and diagram parts under `root` (`xl`, `word`, `ppt`), in name order. */
export function drawingEntries(zip: ZipReader, root: string): ZipEntry[] {
  const pattern = new RegExp(`^${root}/(?:drawings|charts|diagrams)/[^/]+\\.xml$`);
  return zip.entries.filter((e) => pattern.test(e.name)).sort((a, b) => (a.name < b.name ? -1 : 1));
}

/**
 * Targets of external relationships of the given parts (hyperlinks: `mailto:` addresses, links
 * to patient portals with identifiers in the query), one segment per part's relationships file.
 */
export async function* externalLinkSegments(zip: ZipReader, parts: readonly ZipEntry[], context: ExtractContext): AsyncGenerator<Segment> {
  for (const part of parts) {
    const slash = part.name.lastIndexOf('/');
    const relsName = `${part.name.slice(0, slash + 1)}_rels/${part.name.slice(slash + 1)}.rels`;
    const targets: string[] = [];
    await readPart(zip, relsName, context, {
      open(name, attributes) {
        if (localName(name) === 'Relationship' && attributes.TargetMode === 'External' && attributes.Target) targets.push(safeDecode(attributes.Target));
      },
    });
    if (targets.length) yield { text: targets.join('\n'), locator: { kind: 'document-property', property: 'hyperlink', part: relsName }, context: { source: 'metadata', label: 'hyperlink' } };
  }
}

/** URL-decodes a link target (`%40` in a mailto) when it is valid, else keeps it as written. */
function safeDecode(target: string): string {
  try {
    return decodeURIComponent(target);
  } catch {
    return target;
  }
}

/** Files embedded in a document (`word/embeddings/x.xlsx`, `ppt/media/image1.png`): scanned as members. */
export function embeddedEntries(zip: ZipReader, root: string): ZipEntry[] {
  return zip.entries.filter((e) => !e.isDirectory && (e.name.startsWith(`${root}/embeddings/`) || e.name.startsWith(`${root}/media/`)));
}

/** Runs the member scan over embedded files, unless the document is nested too deep already. */
export function canOpenMembers(input: ExtractInput, context: ExtractContext): boolean {
  return input.depth < context.limits.maxArchiveDepth;
}

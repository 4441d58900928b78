import type { ExtractContext } from '../model/extractor.js';
import { lastStartAtOrBefore } from './fields.js';
import type { Locator } from '../model/locator.js';
import type { FieldMap, Segment } from '../model/segment.js';
import { OOXML_SEGMENT_CHARS, localName, readPart, walkPart } from './ooxml.js';
import { numberText } from './xlsx.js';
import type { ZipReader } from './zip-reader.js';

/**
 * Pivot caches: a workbook with a pivot table keeps a full copy of the source rows in
 * `xl/pivotCache/pivotCacheRecords*.xml` (and the distinct values of each field in the cache
 * definition), even after the source sheet was deleted and only the summary looks shared. Every
 * value is scanned with its field name as label.
 */

/** Value ranges of a segment with the field each belongs to. */
class PivotMap implements FieldMap {
  private readonly starts: number[] = [];
  private readonly fields: number[] = [];
  private readonly records: number[] = [];
  constructor(
    private readonly part: string,
    private readonly names: readonly string[],
  ) {}

  add(start: number, field: number, record: number): void {
    this.starts.push(start);
    this.fields.push(field);
    this.records.push(record);
  }

  private indexAt(offset: number): number {
    return lastStartAtOrBefore(this.starts, offset);
  }

  labelAt(offset: number): string | undefined {
    const i = this.indexAt(offset);
    return i < 0 ? undefined : this.names[this.fields[i]!];
  }

  locatorAt(offset: number): Locator | undefined {
    const i = this.indexAt(offset);
    if (i < 0) return undefined;
    const field = this.names[this.fields[i]!] ?? `field ${this.fields[i]! + 1}`;
    const record = this.records[i]!;
    return { kind: 'document-property', property: record ? `pivot cache record ${record}, ${field}` : `pivot cache field ${field}`, part: this.part };
  }
}

/** A cached value as text: strings as they are, numbers as stored, dates without a midnight time. */
function itemText(element: string, value: string | undefined): string | undefined {
  if (value === undefined || !value.trim()) return undefined;
  if (element === 's') return value;
  if (element === 'n') return numberText(value);
  if (element === 'd') return value.replace(/T00:00:00(?:\.0+)?Z?$/, '');
  return undefined;
}

const VALUE_ELEMENTS = new Set(['s', 'n', 'd']);

/** Segments for every pivot cache definition and its records. */
export async function* pivotCacheSegments(zip: ZipReader, context: ExtractContext): AsyncGenerator<Segment> {
  const definitions = zip.entries.filter((e) => /^xl\/pivotCache\/pivotCacheDefinition\d*\.xml$/.test(e.name));
  for (const definition of definitions) {
    if (context.signal.aborted) return;
    // Field names and their distinct values (sharedItems).
    const names: string[] = [];
    let text = '';
    let map = new PivotMap(definition.name, names);
    const ready: Segment[] = [];
    const flush = (): void => {
      if (text) ready.push({ text, locator: { kind: 'document-property', property: 'pivot cache', part: definition.name }, context: { source: 'content', fields: map } });
      text = '';
      map = new PivotMap(definition.name, names);
    };
    let field = -1;
    await readPart(zip, definition.name, context, {
      open(name, attributes) {
        const local = localName(name);
        if (local === 'cacheField') names[++field] = attributes.name ?? '';
        else if (field >= 0 && VALUE_ELEMENTS.has(local)) {
          const value = itemText(local, attributes.v);
          if (value === undefined) return;
          if (text) text += '\n';
          map.add(text.length, field, 0);
          text += value;
          if (text.length >= OOXML_SEGMENT_CHARS) flush();
        }
      },
    });
    flush();
    yield* ready.splice(0);

    // The records: one <r> per source row, values in field order (<x v> points into sharedItems).
    const recordsName = definition.name.replace('pivotCacheDefinition', 'pivotCacheRecords');
    const records = zip.find(recordsName);
    if (!records) continue;
    map = new PivotMap(recordsName, names);
    let record = 0;
    let position = -1;
    let firstInRecord = true;
    const handlers = {
      open(name: string, attributes: Readonly<Record<string, string>>) {
        const local = localName(name);
        if (local === 'r') {
          record++;
          position = -1;
          firstInRecord = true;
          return;
        }
        if (record === 0) return;
        position++;
        const value = itemText(local, attributes.v);
        if (value === undefined) return;
        if (text) text += firstInRecord ? '\n' : '\t';
        firstInRecord = false;
        map.add(text.length, position, record);
        text += value;
      },
      close(name: string) {
        if (localName(name) === 'r' && text.length >= OOXML_SEGMENT_CHARS) {
          ready.push({ text, locator: { kind: 'document-property', property: 'pivot cache records', part: recordsName }, context: { source: 'content', fields: map } });
          text = '';
          map = new PivotMap(recordsName, names);
        }
      },
    };
    for await (const _ of walkPart(zip, records, context, handlers)) yield* ready.splice(0);
    if (text) ready.push({ text, locator: { kind: 'document-property', property: 'pivot cache records', part: recordsName }, context: { source: 'content', fields: map } });
    text = '';
    yield* ready.splice(0);
  }
}

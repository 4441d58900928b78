import type { Segment } from '../model/segment.js';
import { FieldBatch } from './fields.js';
import { systemLabel } from './json.js';

/*
 * What XML and HTML share once parsed: the open elements, their paths (`/Patient/telecom[2]/value`,
 * 1-based positions among same-named siblings, shown from the second), and the labels detectors
 * see. Text and attribute values are batched into segments located `{ kind: 'xml-path', path }`.
 */

/** Elements nested deeper than this are not tracked one by one (hostile input). */
const MAX_DEPTH = 256;
/** Element names whose text is code or styling: scanned, but its element path is no label. */
const UNLABELLED = new Set(['script', 'style']);
/** Table cells: their text is joined by tabs, the way a form prints `Nama<TAB>Budi`. */
const CELLS = new Set(['td', 'th']);
/**
 * Elements that flow inside a line of text (`Pasien <b>BUDI</b>, NIK 3273…`): their text stays on
 * the line around them. Every other element starts and ends a line, so the values of data XML
 * (`<nik>…</nik><nama>…</nama>`) each get a line of their own.
 */
const INLINE = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'big', 'cite', 'code', 'data', 'dfn', 'em', 'font', 'i', 'kbd', 'label', 'mark', 'q', 's', 'samp', 'small', 'span',
  'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var', 'td', 'th',
]);

interface Element {
  name: string;
  /** The element's path, e.g. `/Patient/telecom[2]`. */
  path: string;
  /** Count of children seen so far, by name. */
  children: Map<string, number>;
  /** FHIR XML: the `value` of a child `<system value="...">`, which names a sibling `<value>`. */
  system: string | undefined;
  /** An HTML `name`/`id` attribute: the label of the element's own values (`<input name="nik">`). */
  nameAttribute: string | undefined;
  /** HTML rows: the text of the last header cell (`<th>Nama</th><td>…</td>`). */
  rowHeader: string | undefined;
  /** HTML cell text collected for `rowHeader`. */
  cellText: string;
}

/** The local part of a qualified name: `hl7:ClinicalDocument` -> `ClinicalDocument`. */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/** Builds located, labelled segments from the events of an XML or HTML parser. */
export class MarkupWriter {
  private readonly stack: Element[] = [];
  private readonly rootChildren = new Map<string, number>();
  private readonly batch = new FieldBatch('content');
  /** The next text piece continues the current line (inline markup such as `<b>NIK</b> 3273…`). */
  private inline = false;
  /** Elements opened beyond `MAX_DEPTH`, not on the stack. */
  private overflow = 0;
  readonly out: Segment[] = [];

  constructor(private readonly html: boolean) {}

  get depth(): number {
    return this.stack.length;
  }

  top(): string | undefined {
    return this.stack[this.stack.length - 1]?.name;
  }

  open(rawName: string, attributes: Iterable<[string, string]>): void {
    if (this.stack.length >= MAX_DEPTH) {
      // Hostile nesting: deeper elements share the deepest path; their text is still read.
      this.overflow++;
      for (const [, value] of attributes) this.text(value);
      return;
    }
    const name = this.html ? rawName.toLowerCase() : localName(rawName);
    const parent = this.stack[this.stack.length - 1];
    const siblings = parent ? parent.children : this.rootChildren;
    const position = (siblings.get(name) ?? 0) + 1;
    siblings.set(name, position);
    const path = `${parent?.path ?? ''}/${position > 1 ? `${name}[${position}]` : name}`;
    const element: Element = { name, path, children: new Map(), system: undefined, nameAttribute: undefined, rowHeader: undefined, cellText: '' };
    this.stack.push(element);
    if (!INLINE.has(name)) this.lineBreak();
    const values: [string, string][] = [];
    for (const [rawAttr, value] of attributes) {
      const attr = this.html ? rawAttr.toLowerCase() : rawAttr;
      if (attr === 'xmlns' || attr.startsWith('xmlns:') || localName(attr) === 'schemaLocation') continue;
      if (this.html && (attr === 'name' || attr === 'id') && value.trim()) element.nameAttribute = value.trim();
      values.push([attr, value]);
    }
    // FHIR XML writes primitives as `<system value="…"/>`: remember the system for the sibling `<value>`.
    if (!this.html && name === 'system' && parent) {
      const system = values.find(([attr]) => attr === 'value')?.[1];
      if (system) parent.system = system;
    }
    for (const [attr, value] of values) {
      const text = value.trim();
      if (!text) continue;
      this.batch.add(text, this.attributeLabel(element, attr), { kind: 'xml-path', path: `${path}/@${attr}` });
      this.batch.endLine();
    }
    this.flush(false);
  }

  close(rawName?: string): void {
    if (this.overflow > 0) {
      this.overflow--;
      return;
    }
    const name = rawName === undefined ? undefined : this.html ? rawName.toLowerCase() : localName(rawName);
    if (name !== undefined && this.html) {
      // Tolerant: close up to the matching open element, ignore a close tag nothing matches.
      let at = this.stack.length - 1;
      while (at >= 0 && this.stack[at]!.name !== name) at--;
      if (at < 0) return;
      while (this.stack.length > at + 1) this.pop();
    }
    this.pop();
  }

  private pop(): void {
    const element = this.stack.pop();
    if (!element) return;
    const parent = this.stack[this.stack.length - 1];
    if (this.html && element.name === 'th' && parent) parent.rowHeader = element.cellText.trim().slice(0, 100);
    if (!INLINE.has(element.name)) this.lineBreak();
    // Cells of a row are joined by tabs, as a printed form separates a label from its value.
    else if (this.inline && CELLS.has(element.name)) this.batch.setJoiner('\t');
  }

  /** Text inside the current element; whitespace-only text ends the line (indentation between elements). */
  text(raw: string): void {
    const text = raw.trim();
    if (!text) {
      if (raw) this.lineBreak();
      return;
    }
    const element = this.stack[this.stack.length - 1];
    const path = element?.path ?? '/';
    const label = this.textLabel(element);
    if (element && element.name === 'th') element.cellText += `${text} `;
    // Pieces of one line keep the spacing they had: `<b>BUDI</b>, NIK` reads `BUDI, NIK`.
    if (this.inline && /^\s/.test(raw)) this.batch.setJoiner(' ');
    this.batch.add(text, label, { kind: 'xml-path', path }, /\s$/.test(raw) ? ' ' : '');
    this.inline = true;
    this.flush(false);
  }

  /** Ends the current line of text (a block boundary). */
  lineBreak(): void {
    if (this.inline) this.batch.endLine();
    this.inline = false;
  }

  /** Hands over what is batched; `force` also a batch that is not full yet. */
  flush(force: boolean): void {
    if (!force && !this.batch.full) return;
    this.lineBreak();
    const segment = this.batch.take();
    if (segment) this.out.push(segment);
  }

  /** The label of an element's text: its path's last names (`pasien.nama`), a row header, an HTML name. */
  private textLabel(element: Element | undefined): string | undefined {
    if (!element) return undefined;
    if (this.stack.some((e) => UNLABELLED.has(e.name))) return undefined;
    if (this.html) {
      const row = this.stack.length > 1 && element.name === 'td' ? this.stack[this.stack.length - 2]!.rowHeader : undefined;
      return row ?? element.nameAttribute ?? this.namePath();
    }
    return this.namePath();
  }

  private attributeLabel(element: Element, attr: string): string {
    if (this.html) return [element.nameAttribute, `${element.name}.${attr}`].filter(Boolean).join(' ');
    // FHIR primitives keep their data in `value`: the element path is the label (`Patient.identifier.value`).
    const base = attr === 'value' ? this.namePath() : `${this.namePath()}.${localName(attr)}`;
    const parent = this.stack[this.stack.length - 2];
    if (element.name === 'value' && parent?.system) {
      const system = systemLabel(parent.system);
      if (system) return `${system} ${base}`;
    }
    return base;
  }

  private namePath(): string {
    return this.stack
      .slice(-3)
      .map((e) => e.name)
      .join('.');
  }
}

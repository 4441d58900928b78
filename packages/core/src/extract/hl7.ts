import type { ExtractContext, ExtractInput, Extractor } from '../model/extractor.js';
import type { Locator } from '../model/locator.js';
import type { Segment } from '../model/segment.js';
import { FieldBatch } from './fields.js';
import { decodeText } from './text-stream.js';

/*
 * HL7 v2 messages (ADT, ORU, ORM, ... as sent by SIMRS and lab systems): segments separated by
 * `\r` (also `\n` or `\r\n`), fields by `|`, repetitions by `~`, components by `^`,
 * sub-components by `&`, escapes with `\` — the separators as declared in MSH-1/MSH-2.
 * Batches (FHS/BHS ... many MSH) and MLLP framing bytes are accepted.
 *
 * Every non-empty component becomes text located `{ kind: 'hl7-field', segment, field,
 * component?, message }` (component only when the field has several); the components of one
 * repetition are joined by spaces (`RAHMAWATI SITI`), each repetition on its own line. The
 * field position is the label detectors see (`PID-5` -> `patient name`), so a bare 16-digit
 * number in PID-3 with assigning authority `NIK` is a NIK at high confidence.
 */

/** Labels by field position (HL7 v2.5 field names, with the Indonesian words SIMRS screens use). */
export const HL7_FIELD_LABELS: Readonly<Record<string, string>> = {
  'MSH-3': 'sending application',
  'MSH-4': 'sending facility',
  'MSH-5': 'receiving application',
  'MSH-6': 'receiving facility',
  'MSH-7': 'message date time',
  'MSH-10': 'message control id',
  'EVN-2': 'event date time',
  'PID-2': 'patient id',
  'PID-3': 'patient identifier',
  'PID-4': 'alternate patient id',
  'PID-5': 'patient name nama pasien',
  'PID-6': 'mother maiden name nama ibu',
  'PID-7': 'birth date tanggal lahir',
  'PID-8': 'sex jenis kelamin',
  'PID-9': 'patient alias name',
  'PID-11': 'patient address alamat',
  'PID-13': 'home phone telepon',
  'PID-14': 'business phone telepon',
  'PID-18': 'patient account number',
  'PID-19': 'ssn',
  'PID-20': 'driver license',
  'PID-21': 'mother identifier nik ibu',
  'PID-23': 'birth place tempat lahir',
  'PID-29': 'death date',
  'NK1-2': 'next of kin name',
  'NK1-4': 'next of kin address alamat',
  'NK1-5': 'next of kin phone telepon',
  'NK1-6': 'next of kin business phone telepon',
  'NK1-33': 'next of kin identifier',
  'PV1-7': 'attending doctor dokter',
  'PV1-8': 'referring doctor dokter',
  'PV1-9': 'consulting doctor dokter',
  'PV1-17': 'admitting doctor dokter',
  'PV1-19': 'visit number',
  'IN1-2': 'plan',
  'IN1-3': 'company id',
  'IN1-4': 'company name',
  'IN1-16': 'name of insured',
  'IN1-18': 'insured birth date tanggal lahir',
  'IN1-19': 'insured address alamat',
  'IN1-36': 'policy number no kartu',
  'IN1-49': 'insured identifier',
  'GT1-3': 'guarantor name',
  'GT1-5': 'guarantor address alamat',
  'GT1-6': 'guarantor phone telepon',
  'GT1-12': 'guarantor ssn',
  'ORC-12': 'ordering provider dokter',
  'OBR-4': 'universal service identifier',
  'OBR-16': 'ordering provider dokter',
  'OBX-3': 'observation identifier',
  'OBX-5': 'observation value',
  'DG1-3': 'diagnosis code',
  'DG1-4': 'diagnosis description',
  'NTE-3': 'comment',
};

/** Fields holding a person's name (XPN): family^given^middle^suffix^prefix^degree. */
const PERSON_NAME_FIELDS = new Set(['PID-5', 'PID-6', 'PID-9', 'NK1-2', 'IN1-16', 'GT1-3']);

/** Segments whose every field is about insurance: JKN/BPJS in Indonesia (domain.md §2). */
const INSURANCE_SEGMENTS = new Set(['IN1', 'IN2', 'IN3']);

/** The separators a message declares in MSH-1 and MSH-2. */
export interface Hl7Delimiters {
  field: string;
  component: string;
  repetition: string;
  escape: string;
  subcomponent: string;
}

export const DEFAULT_DELIMITERS: Readonly<Hl7Delimiters> = { field: '|', component: '^', repetition: '~', escape: '\\', subcomponent: '&' };

/**
 * The label a detector sees for a field. PID-3 and other CX identifiers carry their assigning
 * authority (component 4) and identifier type (component 5): `patient identifier DUKCAPIL NIK`.
 * OBX-5 carries the text of OBX-3: `observation value NIK ibu kandung`.
 */
export function hl7FieldLabel(segment: string, field: number, components: readonly string[] = [], observation?: string): string {
  const key = `${segment}-${field}`;
  let label = HL7_FIELD_LABELS[key] ?? '';
  if (INSURANCE_SEGMENTS.has(segment)) label = label ? `insurance bpjs ${label}` : 'insurance bpjs';
  if (key === 'PID-3' || key === 'PID-2' || key === 'PID-4' || key === 'PID-21' || key === 'NK1-33' || key === 'IN1-49') {
    const authority = components[3]?.trim();
    const type = components[4]?.trim();
    label = [label, authority, type].filter(Boolean).join(' ').replace(/\//g, ' ');
  }
  if (key === 'OBX-5' && observation) label = `${label} ${observation.replace(/\//g, ' ')}`;
  // The position last, after a slash: detectors read the last part of a path as the field name.
  return label ? `${label} / ${key}` : key;
}

/** Resolves HL7 escape sequences in one component (§2.7 of the v2.5 standard). */
export function unescapeHl7(value: string, d: Hl7Delimiters = DEFAULT_DELIMITERS): string {
  if (!value.includes(d.escape)) return value;
  let out = '';
  let i = 0;
  while (i < value.length) {
    const start = value.indexOf(d.escape, i);
    if (start === -1) {
      out += value.slice(i);
      break;
    }
    out += value.slice(i, start);
    const end = value.indexOf(d.escape, start + 1);
    if (end === -1) {
      out += value.slice(start);
      break;
    }
    const code = value.slice(start + 1, end);
    switch (code[0]) {
      case 'F':
        out += d.field;
        break;
      case 'S':
        out += d.component;
        break;
      case 'T':
        out += d.subcomponent;
        break;
      case 'R':
        out += d.repetition;
        break;
      case 'E':
        out += d.escape;
        break;
      case 'X': {
        const hex = code.slice(1);
        if (/^(?:[0-9A-Fa-f]{2})+$/.test(hex)) out += hex.replace(/../g, (h) => String.fromCharCode(parseInt(h, 16)));
        break;
      }
      case '.':
        // Formatting: .br and .sp are line breaks; the rest (.in, .ti, .ce, .fi, .nf) add nothing.
        if (code === '.br' || code.startsWith('.sp')) out += '\n';
        break;
      default:
        // \H\ \N\ highlighting, \Cxxyy\ \Mxxyyzz\ character sets, \Zxx\ local escapes: no text.
        break;
    }
    i = end + 1;
  }
  return out;
}

/** Bytes of MLLP framing (vertical tab before, file separator after a message). */
const MLLP = /^[\u000b\u001c]+|[\u000b\u001c]+$/g;
const SEGMENT_NAME = /^[A-Z][A-Z0-9]{2}$/;

/** Reads one HL7 file line by line, keeping only the current line and one batch in memory. */
class Hl7Reader {
  private d: Hl7Delimiters = { ...DEFAULT_DELIMITERS };
  private message = 0;
  private lineNumber = 0;
  readonly batch = new FieldBatch('content');

  line(raw: string): void {
    this.lineNumber++;
    const line = raw.replace(MLLP, '');
    if (!line.trim()) return;
    const name = line.slice(0, 3);
    const header = name === 'MSH' || name === 'FHS' || name === 'BHS';
    if (header && line.length >= 8) {
      const chars = line.slice(3, 8);
      this.d = { field: chars[0]!, component: chars[1]!, repetition: chars[2]!, escape: chars[3]!, subcomponent: chars[4]! };
      if (name === 'MSH') this.message++;
    }
    if (!SEGMENT_NAME.test(name) || (line.length > 3 && line[3] !== this.d.field)) {
      // Not a segment (a damaged or free-text line): still scanned, located by line.
      this.batch.add(line, undefined, { kind: 'text', line: this.lineNumber, column: 1 });
      return;
    }
    const fields = line.split(this.d.field);
    // MSH-1 is the field separator itself, so in MSH/FHS/BHS split index k is field k+1, and
    // MSH-2 (the encoding characters) is not data.
    const shift = header ? 1 : 0;
    const observation = name === 'OBX' ? observationText(fields[3], this.d) : undefined;
    for (let k = header ? 2 : 1; k < fields.length; k++) {
      const value = fields[k]!;
      if (!value) continue;
      this.field(name, k + shift, value, observation);
    }
  }

  private field(segment: string, field: number, value: string, observation: string | undefined): void {
    const d = this.d;
    const message = Math.max(1, this.message);
    // Most fields are one plain value: no separators, no escapes, no per-component work.
    if (!hasAny(value, d.repetition, d.component, d.subcomponent, d.escape)) {
      const text = value.trim();
      if (text) this.batch.add(text, this.label(segment, field, undefined, observation), { kind: 'hl7-field', segment, field, message });
      return;
    }
    const nameField = PERSON_NAME_FIELDS.has(`${segment}-${field}`);
    for (const repetition of value.split(d.repetition)) {
      const raw = repetition.split(d.component);
      const components = raw.map((c) => (hasAny(c, d.subcomponent, d.escape) ? unescapeHl7(c.split(d.subcomponent).join(' '), d) : c));
      const label = this.label(segment, field, components, observation);
      const several = components.length > 1;
      for (let index = 0; index < components.length; index++) {
        // A person name (XPN) reads `FAMILY GIVEN MIDDLE`; suffix, prefix (`Ny.`) and degree go on their own line.
        if (nameField && index === 3) this.batch.endLine();
        const text = components[index]!.trim();
        if (!text) continue;
        const locator: Locator = several ? { kind: 'hl7-field', segment, field, component: index + 1, message } : { kind: 'hl7-field', segment, field, message };
        this.batch.add(text, label, locator, ' ');
      }
      this.batch.endLine();
    }
  }

  private readonly labels = new Map<string, string>();

  /** `hl7FieldLabel`, cached for the fields whose label does not depend on their content. */
  private label(segment: string, field: number, components: readonly string[] | undefined, observation: string | undefined): string {
    const key = `${segment}-${field}`;
    if (CONTENT_LABELLED.has(key)) return hl7FieldLabel(segment, field, components, observation);
    let label = this.labels.get(key);
    if (label === undefined) {
      label = hl7FieldLabel(segment, field);
      if (this.labels.size < 10_000) this.labels.set(key, label);
    }
    return label;
  }
}

/** Fields whose label takes their own components (CX authority) or OBX-3. */
const CONTENT_LABELLED = new Set(['PID-2', 'PID-3', 'PID-4', 'PID-21', 'NK1-33', 'IN1-49', 'OBX-5']);

function hasAny(text: string, ...chars: string[]): boolean {
  for (const c of chars) if (text.includes(c)) return true;
  return false;
}

/** The text of an OBX-3 coded element: its text component, else its identifier. */
function observationText(value: string | undefined, d: Hl7Delimiters): string | undefined {
  if (!value) return undefined;
  const first = value.split(d.repetition)[0]!.split(d.component);
  return unescapeHl7((first[1] || first[0] || '').trim(), d) || undefined;
}

/** HL7 v2 (`MSH|^~\&`, also FHS/BHS batches), with field positions as context. */
export const hl7Extractor: Extractor = {
  id: 'hl7',
  formats: ['hl7'],
  async *extract(input: ExtractInput, context: ExtractContext): AsyncGenerator<Segment> {
    const reader = new Hl7Reader();
    let rest = '';
    for await (const chunk of decodeText(input, (encoding) => context.setEncoding(encoding))) {
      let text = rest + chunk;
      // A `\r` at the end may be the first half of `\r\n`: decide with the next chunk.
      const heldBack = text.endsWith('\r') ? '\r' : '';
      if (heldBack) text = text.slice(0, -1);
      const lines = text.split(/\r\n|\r|\n/);
      rest = lines.pop()! + heldBack;
      // A "line" longer than a batch is hostile or not HL7: scan it in pieces rather than grow.
      if (rest.length > 4 * 1024 * 1024) {
        reader.line(rest);
        rest = '';
      }
      for (const line of lines) {
        reader.line(line);
        if (reader.batch.full) yield reader.batch.take()!;
      }
      if (context.signal.aborted) return;
    }
    if (rest) reader.line(rest);
    const last = reader.batch.take();
    if (last) yield last;
  },
};

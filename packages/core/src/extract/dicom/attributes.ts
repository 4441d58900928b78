import type { DataSet, Element } from 'dicom-parser';
import { decodeValue, resolveCharset, type Charset } from './charset.js';
import { attributeInfo, formatTag, type AttributeInfo } from './keywords.js';
import { PIXEL_DATA_TAG } from './parse.js';

/**
 * One attribute value (or a description of a sequence, binary value or private block) to scan.
 * Every field is always set (undefined when absent): one object shape keeps the walk fast.
 */
export interface DicomValue {
  /** `(0010,0010)`. */
  tag: string;
  keyword: string;
  vr: string;
  /** Where the attribute sits inside sequences: `ReferencedStudySequence[0].OtherPatientIDsSequence[1]`. */
  path: string | undefined;
  /** The value as detectors should see it (PN `^` as spaces, DA as ISO date), or a description. */
  text: string;
  /** The value itself when `text` is not it (UIDs: see `uidText`). */
  value: string | undefined;
  /** Basic Profile action, when the attribute is in PS3.15 Table E.1-1. */
  action: string | undefined;
  isPrivate: boolean;
  /** `text` describes the value (`<2 items>`, `<4096 bytes>`, `<5 private attributes>`). */
  summary: boolean;
  /** Private creator of the block, for the label. */
  creator: string | undefined;
}

/** Sequences nested deeper than this are not walked (a hostile file could nest thousands). */
export const MAX_SEQUENCE_DEPTH = 16;
/** Longest text value handed to the detectors; longer values (huge SR texts) are cut here. */
export const MAX_VALUE_CHARS = 1024 * 1024;
/** Longest private binary value checked for readable text. */
const MAX_PRIVATE_TEXT_BYTES = 64 * 1024;

const STRING_VRS: ReadonlySet<string> = new Set(['AE', 'AS', 'CS', 'DA', 'DS', 'DT', 'IS', 'LO', 'LT', 'PN', 'SH', 'ST', 'TM', 'UC', 'UI', 'UR', 'UT']);
/** String VRs whose value may contain a backslash as text rather than as a value separator. */
const SINGLE_VALUED_VRS: ReadonlySet<string> = new Set(['LT', 'ST', 'UT', 'UR']);
/** Free-text VRs worth running detectors over even outside the profile (inside a profile sequence, private). */
const TEXT_VRS: ReadonlySet<string> = new Set(['LO', 'LT', 'PN', 'SH', 'ST', 'UC', 'UT']);

/** Values that stand for "removed" (PS3.15 dummy values, what anonymisers write). */
const PLACEHOLDERS: ReadonlySet<string> = new Set([
  'ANON', 'ANONYMOUS', 'ANONYMIZED', 'ANONYMISED', 'ANONYMOUS PATIENT', 'DEIDENTIFIED', 'DE-IDENTIFIED', 'REMOVED', 'REDACTED',
  'DELETED', 'NONE', 'UNKNOWN', 'N/A', 'NA', 'NULL', 'NIL', 'PATIENT', 'NO NAME', 'NONAME', 'TEST', 'DUMMY',
]);

/** Words that make up multi-word dummies. */
const PLACEHOLDER_WORDS: ReadonlySet<string> = new Set([...PLACEHOLDERS, 'ANON', 'NO', 'NAME', 'PATIENT', 'PASIEN', 'TANPA', 'NAMA', 'X', '']);

/**
 * A value an anonymiser left in place of the real one: a dummy word, a run of one character
 * (`----`, `XXXX`, `000000`), `ANON…`, or a hash-like pseudonym (16+ hex digits, or 24+
 * base64-ish characters mixing letters and digits). Such values are not PHI and are not scanned.
 */
export function isPlaceholder(value: string): boolean {
  const upper = value.toUpperCase();
  if (PLACEHOLDERS.has(upper)) return true;
  if (!/[\p{L}\p{N}]/u.test(upper)) return true;
  if (upper.length >= 2 && /^(.)\1+$/.test(upper)) return true;
  if (/^ANON(?:YMI[SZ]ED|YMOUS)?[\s_-]*\d*$/.test(upper)) return true;
  // `ANON PATIENT`, `ANONYMIZED^ANONYMIZED`, `UNKNOWN PATIENT 0042`: dummy words (and a counter) only.
  if (upper.includes(' ') && upper.split(/[\s_-]+/).every((word) => PLACEHOLDER_WORDS.has(word) || /^\d+$/.test(word))) return true;
  if (upper.length < 16) return false;
  if (/^[0-9A-F]{16,}$/.test(upper) && /[A-F]/.test(upper) && /\d/.test(upper)) return true;
  if (/^[A-Za-z0-9+/_=-]{24,}$/.test(value) && /\d/.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value)) return true;
  return false;
}

/** PN: components (`^`) and groups (`=`) become plain text a name detector can read. */
function normalizePersonName(value: string): string {
  return value
    .split('=')
    .map((group) => group.split('^').map((c) => c.trim()).filter(Boolean).join(' '))
    .filter(Boolean)
    .join(' = ');
}

/** DA `YYYYMMDD` (and the ACR-NEMA `YYYY.MM.DD`) as ISO `YYYY-MM-DD` (../shared/domain.md §8.3). */
function normalizeDate(value: string): string {
  const m = /^(\d{4})\.?(\d{2})\.?(\d{2})$/.exec(value);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : value;
}

/** Trims the padding DICOM allows around values: spaces, NULs and other control characters. */
function trimPadding(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && value.charCodeAt(start) <= 0x20) start++;
  while (end > start && value.charCodeAt(end - 1) <= 0x20) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

export function normalizeValue(value: string, vr: string): string {
  const trimmed = trimPadding(value);
  if (vr === 'PN') return trimmed.includes('^') || trimmed.includes('=') ? normalizePersonName(trimmed) : trimmed;
  if (vr === 'DA') return normalizeDate(trimmed);
  return trimmed;
}

/** Digit groups this long inside a UID are worth the text detectors (a NIK, a BPJS card number). */
const UID_GROUP_DIGITS = 13;

/**
 * What detectors see of a UID: `<UID>`, then only its long digit groups. A UID's dozens of short
 * dot-separated groups are no PHI to the text detectors but cost the candidate scanner most of a
 * header's time; a NIK built into a UID (some systems derive UIDs from patient numbers) is kept.
 */
export function uidText(uid: string): string {
  let text = '<UID>';
  for (const group of uid.split('.')) if (group.length >= UID_GROUP_DIGITS) text += ` ${group}`;
  return text;
}

/** Mostly printable Latin-1/UTF-8 bytes: a private value that is really text. */
function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.length < 2 || bytes.length > MAX_PRIVATE_TEXT_BYTES) return false;
  let printable = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if ((b >= 0x20 && b < 0x7f) || b === 0x09 || b === 0x0a || b === 0x0d || b >= 0xa0) printable++;
    else if (b !== 0 || i < bytes.length - 1) return false;
  }
  return printable >= 2;
}

function valueBytes(dataSet: DataSet, element: Element): Uint8Array {
  const array = dataSet.byteArray;
  const start = Math.min(element.dataOffset ?? 0, array.length);
  const length = element.length === 0xffffffff ? 0 : element.length;
  return array.subarray(start, Math.min(array.length, start + length));
}

/** One attribute's string value, decoded with the data set's character set and trimmed. */
export function readString(dataSet: DataSet, parserTag: string, vr: string, charset: Charset): string | undefined {
  const element = dataSet.elements[parserTag];
  if (!element || element.dataOffset === undefined || element.items) return undefined;
  return normalizeValue(decodeValue(valueBytes(dataSet, element), vr, charset), 'LO') || undefined;
}

/** Facts about the top-level data set that decide how it is reported. */
export interface HeaderFacts {
  charset: Charset;
  /** (0012,0062) PatientIdentityRemoved is YES. */
  identityRemoved: boolean;
  hasPixelData: boolean;
  /** Upper-cased, trimmed value of a top-level attribute (CS/UI/IS), by dicom-parser tag name. */
  get(parserTag: string): string | undefined;
}

export function headerFacts(dataSet: DataSet): HeaderFacts {
  const get = (parserTag: string): string | undefined => {
    const element = dataSet.elements[parserTag];
    if (!element || element.dataOffset === undefined) return undefined;
    const text = Buffer.from(valueBytes(dataSet, element)).toString('latin1').replace(/^[\s\0]+|[\s\0]+$/g, '');
    return text ? text.toUpperCase() : undefined;
  };
  return {
    charset: resolveCharset(get('x00080005')),
    identityRemoved: get('x00120062') === 'YES',
    hasPixelData: dataSet.elements[PIXEL_DATA_TAG] !== undefined || dataSet.elements.x7fe00008 !== undefined || dataSet.elements.x7fe00009 !== undefined,
    get,
  };
}

/** Counts values and reports when the walk stopped early. */
export interface WalkState {
  values: number;
  /** Set when a limit stopped the walk (too deep). */
  truncated?: string;
}

/**
 * Every attribute value worth scanning, depth first in file order: Basic Profile attributes
 * (values, or a description for sequences and binary values), text inside profile sequences
 * (SR content, DICOMDIR records), private blocks (one description each) and private text values.
 * Empty values and placeholders (`ANON`, `----`, hashes) are left out.
 */
export function collectAttributes(dataSet: DataSet, charset: Charset, state: WalkState): DicomValue[] {
  const out: DicomValue[] = [];
  walk(dataSet, charset, state, out, undefined, false, 0);
  return out;
}

/** What the walk needs to know about a dicom-parser element name (`x00100010`), worked out once per name. */
interface ElementName {
  /** Group lengths, item delimiters and malformed names: never reported. */
  skip: boolean;
  group: number;
  element: number;
  isPrivate: boolean;
  info: AttributeInfo | undefined;
  /** `(0010,0010)`. */
  tag: string;
}

/**
 * Element names seen so far. A series repeats the same few dozen tags in every file, so each name
 * is parsed once per process instead of once per file; a hostile file with many distinct private
 * tags stops adding entries at the cap.
 */
const elementNames = new Map<string, ElementName>();
const MAX_ELEMENT_NAMES = 20_000;

function elementName(name: string): ElementName {
  let known = elementNames.get(name);
  if (known) return known;
  const group = parseInt(name.slice(1, 5), 16);
  const element = parseInt(name.slice(5), 16);
  const isPrivate = group % 2 === 1;
  known = {
    skip: name.length !== 9 || element === 0 || group === 0xfffe, // group lengths, item delimiters
    group,
    element,
    isPrivate,
    info: isPrivate ? undefined : attributeInfo(name.slice(1)),
    tag: formatTag(name),
  };
  if (elementNames.size < MAX_ELEMENT_NAMES) elementNames.set(name, known);
  return known;
}

function value(tag: string, keyword: string, vr: string, path: string | undefined, text: string, action: string | undefined, isPrivate: boolean, summary: boolean): DicomValue {
  return { tag, keyword, vr, path, text, value: undefined, action, isPrivate, summary, creator: undefined };
}

function walk(dataSet: DataSet, charset: Charset, state: WalkState, out: DicomValue[], path: string | undefined, insideProfileSequence: boolean, depth: number): void {
  let blocks: Map<number, { tag: string; creator: string | undefined; count: number }> | undefined;
  const elements = dataSet.elements;
  for (const name in elements) {
    const element = elements[name]!;
    if (name === PIXEL_DATA_TAG || element.dataOffset === undefined) continue;
    const { skip, group, element: elementNumber, isPrivate, info, tag } = elementName(name);
    if (skip) continue;
    const vr = element.vr ?? info?.vr ?? (element.items ? 'SQ' : 'UN');

    if (isPrivate) {
      if (group <= 0x0007 || group === 0xffff) continue; // illegal groups, not private data
      const key = group * 256 + (elementNumber <= 0xff ? elementNumber : elementNumber >> 8);
      blocks ??= new Map();
      let block = blocks.get(key);
      if (!block) blocks.set(key, (block = { tag, creator: undefined, count: 0 }));
      if (elementNumber >= 0x10 && elementNumber <= 0xff) {
        block.tag = tag;
        block.creator = normalizeValue(Buffer.from(valueBytes(dataSet, element)).toString('latin1'), 'LO');
        continue;
      }
      block.count++;
    }
    const keyword = info?.keyword ?? (isPrivate ? 'PrivateAttribute' : 'UnknownAttribute');

    if (element.items) {
      const action = info?.action;
      if (action && element.items.length > 0) {
        state.values++;
        out.push(value(tag, keyword, vr, path, `<${element.items.length} item${element.items.length === 1 ? '' : 's'}>`, action, isPrivate, true));
      }
      if (depth + 1 > MAX_SEQUENCE_DEPTH) {
        state.truncated = `sequences nested more than ${MAX_SEQUENCE_DEPTH} deep`;
        continue;
      }
      const step = info ? keyword : tag;
      for (let index = 0; index < element.items.length; index++) {
        const item = element.items[index]!;
        if (!item.dataSet) continue;
        const itemCharset = item.dataSet.elements.x00080005 ? headerFacts(item.dataSet).charset : charset;
        walk(item.dataSet, itemCharset, state, out, `${path ? `${path}.` : ''}${step}[${index}]`, insideProfileSequence || action !== undefined, depth + 1);
      }
      continue;
    }

    const action = info?.action;
    if (!action && !isPrivate && !(insideProfileSequence && TEXT_VRS.has(vr))) continue;
    const bytes = valueBytes(dataSet, element);
    if (bytes.length === 0) continue;
    const isString = STRING_VRS.has(vr) || ((vr === 'UN' || vr === 'OB') && isPrivate && looksLikeText(bytes));
    if (!isString) {
      if (action) {
        state.values++;
        out.push(value(tag, keyword, vr, path, `<${bytes.length} bytes>`, action, isPrivate, true));
      }
      continue;
    }
    const decoded = decodeValue(bytes, STRING_VRS.has(vr) ? vr : 'LO', charset);
    const parts = SINGLE_VALUED_VRS.has(vr) || !decoded.includes('\\') ? [decoded] : decoded.split('\\');
    for (const part of parts) {
      const text = normalizeValue(part, vr).slice(0, MAX_VALUE_CHARS);
      if (!text || isPlaceholder(text)) continue;
      state.values++;
      const entry = value(tag, keyword, vr, path, text, action, isPrivate, false);
      if (vr === 'UI') {
        entry.value = text;
        entry.text = uidText(text);
      }
      out.push(entry);
    }
  }
  if (!blocks) return;
  for (const block of blocks.values()) {
    if (block.count === 0) continue;
    state.values++;
    const entry = value(block.tag, 'PrivateCreator', 'LO', path, `<${block.count} private attribute${block.count === 1 ? '' : 's'}>`, undefined, true, true);
    entry.creator = block.creator;
    out.push(entry);
  }
}

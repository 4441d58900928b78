import type { DataSet, Element } from 'dicom-parser';
import { decodeValue, resolveCharset, type Charset } from './charset.js';
import { attributeInfo, formatTag } from './keywords.js';
import { PIXEL_DATA_TAG } from './parse.js';

/** One attribute value (or a description of a sequence, binary value or private block) to scan. */
export interface DicomValue {
  /** `(0010,0010)`. */
  tag: string;
  keyword: string;
  vr: string;
  /** Where the attribute sits inside sequences: `ReferencedStudySequence[0].OtherPatientIDsSequence[1]`. */
  path?: string;
  /** The value as detectors should see it (PN `^` as spaces, DA as ISO date), or a description. */
  text: string;
  /** Basic Profile action, when the attribute is in PS3.15 Table E.1-1. */
  action?: string;
  isPrivate: boolean;
  /** `text` describes the value (`<2 items>`, `<4096 bytes>`, `<5 private attributes>`). */
  summary: boolean;
  /** Private creator of the block, for the label. */
  creator?: string;
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

/**
 * A value an anonymiser left in place of the real one: a dummy word, a run of one character
 * (`----`, `XXXX`, `000000`), `ANON…`, or a hash-like pseudonym (16+ hex digits, or 24+
 * base64-ish characters mixing letters and digits). Such values are not PHI and are not scanned.
 */
export function isPlaceholder(value: string): boolean {
  const upper = value.toUpperCase().trim();
  if (PLACEHOLDERS.has(upper)) return true;
  if (!/[\p{L}\p{N}]/u.test(upper)) return true;
  if (upper.length >= 2 && /^(.)\1+$/.test(upper)) return true;
  if (/^ANON(?:YMI[SZ]ED|YMOUS)?[\s_-]*\d*$/.test(upper)) return true;
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

export function normalizeValue(value: string, vr: string): string {
  const trimmed = value.replace(/^[\s\0]+|[\s\0]+$/g, '');
  if (vr === 'PN') return normalizePersonName(trimmed);
  if (vr === 'DA') return normalizeDate(trimmed);
  return trimmed;
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
export function* walkAttributes(dataSet: DataSet, charset: Charset, state: WalkState, path = '', insideProfileSequence = false, depth = 0): Generator<DicomValue> {
  const blocks = new Map<string, { tag: string; creator?: string; count: number }>();
  for (const name in dataSet.elements) {
    const element = dataSet.elements[name]!;
    if (name === PIXEL_DATA_TAG || name.length !== 9 || element.dataOffset === undefined) continue;
    const group = parseInt(name.slice(1, 5), 16);
    const elementNumber = parseInt(name.slice(5), 16);
    if (elementNumber === 0 || group === 0xfffe) continue; // group lengths, item delimiters
    const info = attributeInfo(name.slice(1));
    const isPrivate = group % 2 === 1;
    const vr = element.vr ?? info?.vr ?? (element.items ? 'SQ' : 'UN');
    const keyword = info?.keyword ?? (isPrivate ? (elementNumber <= 0xff ? 'PrivateCreator' : 'PrivateAttribute') : 'UnknownAttribute');
    const base = { tag: formatTag(name), keyword, vr, ...(path ? { path } : {}), isPrivate };

    if (isPrivate) {
      if (group <= 0x0007 || group === 0xffff) continue; // illegal groups, not private data
      const blockByte = elementNumber <= 0xff ? elementNumber : elementNumber >> 8;
      const key = `${group}:${blockByte}`;
      const block = blocks.get(key) ?? { tag: base.tag, count: 0 };
      blocks.set(key, block);
      if (elementNumber >= 0x10 && elementNumber <= 0xff) {
        block.tag = base.tag;
        block.creator = normalizeValue(Buffer.from(valueBytes(dataSet, element)).toString('latin1'), 'LO');
        continue;
      }
      block.count++;
    }

    if (element.items) {
      if (info?.action && element.items.length > 0) {
        state.values++;
        yield { ...base, text: `<${element.items.length} item${element.items.length === 1 ? '' : 's'}>`, action: info.action, summary: true };
      }
      if (depth + 1 > MAX_SEQUENCE_DEPTH) {
        state.truncated = `sequences nested more than ${MAX_SEQUENCE_DEPTH} deep`;
        continue;
      }
      for (let index = 0; index < element.items.length; index++) {
        const item = element.items[index]!;
        if (!item.dataSet) continue;
        const itemCharset = item.dataSet.elements.x00080005 ? headerFacts(item.dataSet).charset : charset;
        yield* walkAttributes(item.dataSet, itemCharset, state, `${path ? `${path}.` : ''}${info ? keyword : base.tag}[${index}]`, insideProfileSequence || info?.action !== undefined, depth + 1);
      }
      continue;
    }

    const bytes = valueBytes(dataSet, element);
    if (bytes.length === 0) continue;
    const action = isPrivate ? undefined : info?.action;
    const isString = STRING_VRS.has(vr) || ((vr === 'UN' || vr === 'OB') && isPrivate && looksLikeText(bytes));
    if (!isString) {
      if (action) {
        state.values++;
        yield { ...base, text: `<${bytes.length} bytes>`, action, summary: true };
      }
      continue;
    }
    if (!action && !isPrivate && !(insideProfileSequence && TEXT_VRS.has(vr))) continue;
    const decoded = decodeValue(bytes, STRING_VRS.has(vr) ? vr : 'LO', charset);
    const parts = SINGLE_VALUED_VRS.has(vr) ? [decoded] : decoded.split('\\');
    for (const part of parts) {
      const text = normalizeValue(part, vr).slice(0, MAX_VALUE_CHARS);
      if (!text || isPlaceholder(text)) continue;
      state.values++;
      yield { ...base, text, ...(action ? { action } : {}), summary: false };
    }
  }
  for (const block of blocks.values()) {
    if (block.count === 0) continue;
    state.values++;
    yield {
      tag: block.tag,
      keyword: 'PrivateCreator',
      vr: 'LO',
      ...(path ? { path } : {}),
      text: `<${block.count} private attribute${block.count === 1 ? '' : 's'}>`,
      isPrivate: true,
      summary: true,
      ...(block.creator ? { creator: block.creator } : {}),
    };
  }
}

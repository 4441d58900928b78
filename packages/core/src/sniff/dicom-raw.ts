/**
 * DICOM data sets without the Part 10 preamble (`DICM` at 128): raw PACS exports, often files
 * with no extension (../shared/domain.md §10.4, ../shared/libraries.md §A3). A file counts as
 * DICOM when its first two elements parse as a plausible data set in one transfer syntax:
 * an even group the standard uses at the start of a data set, increasing tags, sane lengths and,
 * for explicit VR, known VR letters.
 */
export type RawDicomLayout = 'meta' | 'implicit-le' | 'explicit-le' | 'explicit-be';

const VRS = new Set('AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR US UT UV'.split(' '));
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'UC', 'UN', 'UR', 'UT', 'UV']);
/** Longest first value we accept before the second element (a short-VR value is at most 64 KiB anyway). */
const MAX_FIRST_VALUE_BYTES = 64 * 1024;
const UNDEFINED_LENGTH = 0xffffffff;

interface Element {
  group: number;
  element: number;
  /** Offset of the next element, or -1 when the value has undefined length. */
  next: number;
}

function u16(b: Uint8Array, o: number, big: boolean): number {
  return big ? (b[o]! << 8) | b[o + 1]! : b[o]! | (b[o + 1]! << 8);
}
function u32(b: Uint8Array, o: number, big: boolean): number {
  return big ? ((b[o]! << 24) >>> 0) + ((b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) : (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16)) + ((b[o + 3]! << 24) >>> 0);
}

function readElement(b: Uint8Array, o: number, explicit: boolean, big: boolean): Element | undefined {
  if (o + 8 > b.length) return undefined;
  const group = u16(b, o, big);
  const element = u16(b, o + 2, big);
  if (!explicit) {
    const length = u32(b, o + 4, big);
    if (length === UNDEFINED_LENGTH) return { group, element, next: -1 };
    if (length > MAX_FIRST_VALUE_BYTES) return undefined;
    return { group, element, next: o + 8 + length };
  }
  const vr = String.fromCharCode(b[o + 4]!, b[o + 5]!);
  if (!VRS.has(vr)) return undefined;
  if (LONG_VRS.has(vr)) {
    if (o + 12 > b.length || b[o + 6] !== 0 || b[o + 7] !== 0) return undefined;
    const length = u32(b, o + 8, big);
    if (length === UNDEFINED_LENGTH) return { group, element, next: -1 };
    if (length > MAX_FIRST_VALUE_BYTES) return undefined;
    return { group, element, next: o + 12 + length };
  }
  return { group, element, next: o + 8 + u16(b, o + 6, big) };
}

/** Groups a data set may plausibly start with (meta, identifying, patient, acquisition, relationship, image). */
const FIRST_GROUPS = new Set([0x0002, 0x0004, 0x0008, 0x0010, 0x0018, 0x0020, 0x0028]);

function plausible(b: Uint8Array, explicit: boolean, big: boolean): boolean {
  const first = readElement(b, 0, explicit, big);
  if (!first || !FIRST_GROUPS.has(first.group) || first.element > 0x0100) return false;
  if (first.next === -1) return true; // an undefined-length sequence first: rare but well formed
  if (first.next === b.length) return b.length >= 10; // a one-element file
  const second = readElement(b, first.next, explicit, big);
  if (!second) return false;
  if (second.group % 2 === 1 || second.group < first.group || second.group > 0x7fe0) return false;
  return second.group > first.group || second.element > first.element;
}

/** The layout of a data set starting at byte 0, or undefined if the bytes do not look like one. */
export function rawDicomLayout(head: Uint8Array): RawDicomLayout | undefined {
  if (head.length < 10) return undefined;
  if (plausible(head, true, false)) return u16(head, 0, false) === 0x0002 ? 'meta' : 'explicit-le';
  if (plausible(head, false, false)) return 'implicit-le';
  if (plausible(head, true, true)) return 'explicit-be';
  return undefined;
}

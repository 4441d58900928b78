import type { Locator } from '../model/locator.js';
import type { FieldMap, Segment, SegmentContext } from '../model/segment.js';

/** Characters of values batched into one segment before it is handed to the detectors. */
export const FIELD_BATCH_CHARS = 256 * 1024;

/**
 * Index of the range containing `offset` in sorted, non-overlapping ranges (`end` inclusive, so
 * a match ending a value still maps to it), or -1. Shared by every FieldMap.
 */
export function rangeIndexAt(starts: readonly number[], ends: readonly number[], offset: number): number {
  const found = lastStartAtOrBefore(starts, offset);
  return found >= 0 && offset <= ends[found]! ? found : -1;
}

/** Index of the last of the sorted `starts` at or before `offset`, or -1. */
export function lastStartAtOrBefore(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid]! <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * The labelled values of one batch: flat arrays, searched by binary search. A detector asks
 * for the label at an offset (a JSON key, an HL7 field name, a form field name); the engine
 * asks for the locator only when it reports a finding.
 */
class BatchFieldMap implements FieldMap {
  constructor(
    private readonly starts: readonly number[],
    private readonly ends: readonly number[],
    private readonly labels: readonly (string | undefined)[],
    private readonly locators: readonly Locator[],
  ) {}

  private indexAt(offset: number): number {
    return rangeIndexAt(this.starts, this.ends, offset);
  }

  labelAt(offset: number): string | undefined {
    const i = this.indexAt(offset);
    return i < 0 ? undefined : this.labels[i];
  }

  // No `fieldStartAt`: values joined on one line (inline markup, a form's label and value cells)
  // are read together, so a label may sit in the value before.

  forEachLabelled(visit: (start: number, end: number, label: string) => void): void {
    for (let i = 0; i < this.starts.length; i++) {
      const label = this.labels[i];
      if (label !== undefined) visit(this.starts[i]!, this.ends[i]!, label);
    }
  }

  locatorAt(offset: number): Locator | undefined {
    const i = this.indexAt(offset);
    return i < 0 ? undefined : this.locators[i];
  }
}

/**
 * Collects many small labelled values (JSON values, HL7 fields, form fields, document
 * properties) into one segment, one value per line, so a file with a million values costs a
 * few detector passes rather than a million. Values may be joined by a space instead of a line
 * break when they belong together (the components of an HL7 name).
 */
export class FieldBatch {
  private parts: string[] = [];
  private length = 0;
  private starts: number[] = [];
  private ends: number[] = [];
  private labels: (string | undefined)[] = [];
  private locators: Locator[] = [];

  constructor(
    private readonly source: SegmentContext['source'] = 'content',
    private readonly limitChars = FIELD_BATCH_CHARS,
  ) {}

  /** Characters collected so far. */
  get size(): number {
    return this.length;
  }

  /** True once the batch should be taken (`take`) before adding more. */
  get full(): boolean {
    return this.length >= this.limitChars;
  }

  /**
   * Adds one value; `joiner` is written after it (`\n` by default; a space or tab keeps the next
   * value on the same line, as a form prints it). Empty values are skipped.
   */
  add(value: string, label: string | undefined, locator: Locator, joiner: '\n' | ' ' | '\t' | '' = '\n'): void {
    if (value.length === 0) return;
    this.starts.push(this.length);
    this.ends.push(this.length + value.length);
    this.labels.push(label);
    this.locators.push(locator);
    this.parts.push(value, joiner);
    this.length += value.length + joiner.length;
  }

  /** Replaces the joiner after the last value; only the last part changes, so no offset moves. */
  private replaceLastJoiner(joiner: string): void {
    const last = this.parts[this.parts.length - 1]!;
    this.parts[this.parts.length - 1] = joiner;
    this.length += joiner.length - last.length;
  }

  /** Replaces the joiner after the last value (used to close a group joined by spaces). */
  endLine(): void {
    const last = this.parts[this.parts.length - 1];
    if (last === ' ' || last === '\t' || last === '') this.replaceLastJoiner('\n');
  }

  /** Widens the joiner after the last value on the same line: nothing -> space -> tab. */
  setJoiner(joiner: ' ' | '\t'): void {
    const last = this.parts[this.parts.length - 1];
    if (last === '' || (last === ' ' && joiner === '\t')) this.replaceLastJoiner(joiner);
  }

  /** The collected values as one segment, or undefined when empty; the batch starts over. */
  take(): Segment | undefined {
    if (this.starts.length === 0) return undefined;
    const segment: Segment = {
      text: this.parts.join(''),
      locator: this.locators[0]!,
      context: { source: this.source, fields: new BatchFieldMap(this.starts, this.ends, this.labels, this.locators) },
    };
    this.parts = [];
    this.length = 0;
    this.starts = [];
    this.ends = [];
    this.labels = [];
    this.locators = [];
    return segment;
  }
}

/** `birthDate` -> `birth date`, `no_bpjs` -> `no bpjs`, `ihs-number` -> `ihs number`. */
export function humanizeKey(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .toLowerCase()
    .trim();
}

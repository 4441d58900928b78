import { Gunzip } from 'fflate';
import type { ExtractContext, ExtractInput, Extractor } from '../model/extractor.js';
import type { ReasonCode } from '../model/report.js';
import type { Segment } from '../model/segment.js';
import { ScanError } from '../model/errors.js';
import { ExpansionMeter, type ExpansionStop } from './expansion.js';
import { safeMemberName } from './member-names.js';
import { StreamedMember, splitHead } from './member-source.js';
import { depthExceeded } from './zip.js';

/** Compressed bytes pushed into the decompressor at a time: bounds one burst of output to ~1032x this. */
const PUSH_BYTES = 8 * 1024;

/** The name stored in the gzip header (FNAME, RFC 1952 §2.3.1), if any. */
export function gzipStoredName(head: Uint8Array): string | undefined {
  if (head.length < 10 || !(head[3]! & 0x08)) return undefined;
  let p = 10;
  if (head[3]! & 0x04) p += 2 + (head[10]! | (head[11]! << 8));
  const end = head.indexOf(0, p);
  if (end <= p) return undefined;
  return new TextDecoder('latin1').decode(head.subarray(p, Math.min(end, p + 255)));
}

/** The member's name: the stored one, else the archive's without `.gz` (`x.tgz` -> `x.tar`). */
export function gzipMemberName(head: Uint8Array, archiveName: string): string {
  const stored = gzipStoredName(head);
  if (stored) return safeMemberName(stored.split(/[\\/]/).pop() ?? stored, 'content').name;
  if (/\.tgz$/i.test(archiveName)) return archiveName.replace(/\.tgz$/i, '.tar');
  const stripped = archiveName.replace(/\.(?:gz|gzip)$/i, '');
  return stripped && stripped !== archiveName ? stripped : 'content';
}

/** What happened while decompressing, read by the archive after its member was scanned. */
interface GunzipOutcome {
  stop?: ExpansionStop;
  damage?: string;
}

/**
 * Decompresses a gzip stream (several members too), counting real output against the limits.
 * It never throws: a limit or damage ends the output and is recorded in `outcome`.
 */
async function* gunzip(input: ExtractInput, meter: ExpansionMeter, outcome: GunzipOutcome, signal: AbortSignal): AsyncGenerator<Uint8Array> {
  let pending: Uint8Array[] = [];
  const inflater = new Gunzip((chunk) => {
    if (chunk.byteLength) pending.push(chunk);
  });
  const drain = function* (): Generator<Uint8Array> {
    const out = pending;
    pending = [];
    for (const chunk of out) {
      const keep = meter.produced(chunk.byteLength);
      if (keep > 0) yield keep < chunk.byteLength ? chunk.subarray(0, keep) : chunk;
      if (meter.stop) {
        outcome.stop = meter.stop;
        return;
      }
    }
  };
  const push = (piece: Uint8Array, final: boolean): void => {
    try {
      inflater.push(piece, final);
    } catch {
      outcome.damage = final ? 'it ends too early (truncated file)' : 'its compressed data is damaged';
    }
  };
  for await (const data of input.source.chunks()) {
    if (signal.aborted) return;
    for (let at = 0; at < data.byteLength; at += PUSH_BYTES) {
      const piece = data.subarray(at, Math.min(data.byteLength, at + PUSH_BYTES));
      meter.consumed(piece.byteLength);
      push(piece, false);
      yield* drain();
      if (outcome.stop || outcome.damage) return;
    }
  }
  push(new Uint8Array(0), true);
  yield* drain();
}

/** The member's own reason for being incomplete, once it was read. */
function problemOf(outcome: GunzipOutcome): { code: ReasonCode; message: string } | undefined {
  if (outcome.stop) return { code: outcome.stop.code, message: outcome.stop.message };
  if (outcome.damage) return { code: 'corrupt', message: `The compressed data is damaged (${outcome.damage}); only the part before the damage was checked.` };
  return undefined;
}

/**
 * gzip (`.gz`, `.tgz`): the decompressed content is one member, scanned as its own file
 * (`x.tar.gz!x.tar`, and a tar inside is read on). It is streamed, never held whole in memory,
 * under the ratio and expanded-bytes limits.
 */
export const gzipExtractor: Extractor = {
  id: 'gzip',
  formats: ['gzip'],
  async *extract(input: ExtractInput, context: ExtractContext): AsyncGenerator<Segment> {
    if (depthExceeded(input, context, 'gzip file')) return;
    const name = gzipMemberName(input.source.head, input.name);
    // The stream is the member: it is bounded by the ratio and the shared budget, not by maxMemberBytes.
    const meter = new ExpansionMeter(context, `decompressed content "${name}"`, Number.POSITIVE_INFINITY);
    if (!meter.canStart()) {
      context.incomplete(meter.stop!.code, meter.stop!.message);
      return;
    }
    const outcome: GunzipOutcome = {};
    const split = await splitHead(gunzip(input, meter, outcome, context.signal));
    if (split.head.byteLength === 0 && outcome.damage) throw new ScanError('corrupt', 'This gzip file is damaged or truncated: nothing could be decompressed.');
    if (split.head.byteLength === 0 && outcome.stop) throw new ScanError(outcome.stop.code, outcome.stop.message);
    const size = split.ended && !outcome.stop && !outcome.damage ? split.head.byteLength : undefined;
    await context.scanMember({ name, source: new StreamedMember(split.head, split.rest, size), problem: () => problemOf(outcome) });
    if (outcome.stop) context.incomplete(outcome.stop.code, outcome.stop.message);
    else if (outcome.damage) context.incomplete('corrupt', `The gzip data is damaged: ${outcome.damage}; only the part before it was checked.`);
  },
};

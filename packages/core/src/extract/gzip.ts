import type { ExtractContext, ExtractInput, Extractor } from '../model/extractor.js';
import type { ReasonCode } from '../model/report.js';
import type { Segment } from '../model/segment.js';
import { ScanError } from '../model/errors.js';
import { ExpansionMeter, type ExpansionStop } from './expansion.js';
import { safeMemberName } from './member-names.js';
import { StreamedMember, splitHead } from './member-source.js';
import { inflateStream, slices } from './inflate.js';
import { depthExceeded, nestedLimit } from './zip.js';


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
  const compressed = async function* (): AsyncGenerator<Uint8Array> {
    for await (const data of input.source.chunks()) {
      if (signal.aborted) return;
      yield data;
    }
  };
  try {
    for await (const chunk of inflateStream(slices(compressed(), (n) => meter.consumed(n)), 'gzip')) {
      const keep = meter.produced(chunk.byteLength);
      if (keep > 0) yield keep < chunk.byteLength ? chunk.subarray(0, keep) : chunk;
      if (meter.stop) {
        outcome.stop = meter.stop;
        return;
      }
    }
  } catch (error) {
    if (error instanceof ScanError) throw error;
    const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
    outcome.damage = code === 'Z_BUF_ERROR' ? 'it ends too early (truncated file)' : 'its compressed data is damaged';
  }
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
    const result = await context.scanMember({ name, source: new StreamedMember(split.head, split.rest, size), problem: () => problemOf(outcome) });
    const nested = nestedLimit(result);
    if (outcome.stop) context.incomplete(outcome.stop.code, outcome.stop.message);
    else if (nested) context.incomplete(nested, `The decompressed content "${name}" holds content cut short by a limit (${nested}); see its own report.`);
    else if (outcome.damage) context.incomplete('corrupt', `The gzip data is damaged: ${outcome.damage}; only the part before it was checked.`);
  },
};

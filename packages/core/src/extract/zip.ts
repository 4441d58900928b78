import type { ByteSource, ExtractContext, ExtractInput, Extractor, MemberOutcome } from '../model/extractor.js';
import type { ReasonCode } from '../model/report.js';
import type { Segment } from '../model/segment.js';
import { ScanError } from '../model/errors.js';
import { BufferSource } from '../walk/sources.js';
import { ArchiveProblems } from './archive-problems.js';
import { readDocx } from './docx.js';
import { ExpansionMeter } from './expansion.js';
import { NameRegistry, safeMemberName } from './member-names.js';
import { UnreadableMember, randomAccess } from './member-source.js';
import { ooxmlKind } from './ooxml.js';
import { readPptx } from './pptx.js';
import { readXlsx } from './xlsx.js';
import { ZipReader, methodName, type ZipEntry } from './zip-reader.js';

/** Reports that a container is nested too deep to be opened. */
export function depthExceeded(input: ExtractInput, context: ExtractContext, what: string): boolean {
  const max = context.limits.maxArchiveDepth;
  if (input.depth < max) return false;
  context.incomplete('limit-depth', `This ${what} is nested ${input.depth} levels deep inside other archives; containers deeper than ${max} levels (maxArchiveDepth) are not opened, so its members were not checked.`);
  return true;
}

/**
 * Opens a ZIP under the limits; a stream is gathered into memory first (up to maxFileBytes for
 * an input, maxMemberBytes for a streamed member).
 * A ZIP without its central directory (truncated) is read from its local headers, and said so.
 */
export async function openZip(input: ExtractInput, context: ExtractContext): Promise<ZipReader> {
  // An upload streamed in is one file (up to maxFileBytes); a streamed member, one member.
  const cap = input.depth === 0 ? context.limits.maxFileBytes : context.limits.maxMemberBytes;
  const source = await randomAccess(input.source, cap, input.depth === 0 ? 'ZIP file' : 'ZIP archive member');
  const zip = await ZipReader.read(source, context.limits.maxArchiveMembers);
  if (zip.salvaged) {
    context.incomplete(
      'corrupt',
      `The ZIP archive is truncated or damaged: its table of contents (central directory) is missing. The ${zip.entries.length} member${zip.entries.length === 1 ? '' : 's'} found before the damage ${zip.entries.length === 1 ? 'was' : 'were'} read; anything after it was not.`,
    );
  }
  return zip;
}

/**
 * Scans the given entries of a ZIP as members, each with its own file report under the virtual
 * path `archive!member`. Every limit and problem is reported on the archive (incomplete, the
 * limit named) and on the member's own report.
 */
export async function scanZipMembers(zip: ZipReader, entries: readonly ZipEntry[], context: ExtractContext): Promise<void> {
  const { limits } = context;
  const problems = new ArchiveProblems(context);
  const names = new NameRegistry(limits.maxArchiveMembers);
  let overlapping = 0;
  const limited = new Map<string, { name: string; code: ReasonCode }>();
  try {
    if (zip.declaredCount > zip.entries.length) {
      context.incomplete('limit-members', `This archive lists ${zip.declaredCount} members; only the first ${zip.entries.length} (maxArchiveMembers) were read.`);
    }
    for (const entry of entries) {
      if (context.signal.aborted) return;
      if (entry.isDirectory) continue;
      if (zip.overlapping.has(entry.index)) {
        overlapping++;
        continue;
      }
      const safe = safeMemberName(entry.name, `member-${entry.index + 1}`);
      const { name, duplicate } = names.claim(safe.name);
      if (duplicate) context.issue?.('unsafe-path', `Two or more members are named "${safe.name}" (a later one could overwrite an earlier one when extracted); this one is reported as "${name}".`);
      if (safe.unsafe) problems.add('unsafe-path', name, 'stored with an absolute or "../" path (a zip-slip trick); Saring writes nothing to disk and scanned the content under a cleaned name');
      // Identical compressed data to a member already cut by a limit (42.zip repeats one bomb
      // 16 times per level) is not expanded again: the limit is reported for it straight away.
      const signature = `${entry.method}:${entry.crc32}:${entry.compressedSize}:${entry.declaredSize}`;
      const twin = limited.get(signature);
      if (twin) {
        problems.add(twin.code, name, `have the same compressed data as "${twin.name}", which was cut short by a limit (${twin.code}); not expanded again`);
        await context.scanMember({ name, source: new UnreadableMember(twin.code, `This member has the same compressed data as "${twin.name}", which was cut short by a limit (${twin.code}); it was not expanded again.`) });
        continue;
      }
      const member = await memberSource(zip, entry, name, context, problems);
      const outcome = await context.scanMember({ name, source: member.source, ...(member.problem ? { problem: () => member.problem } : {}) });
      const code = member.problem?.code ?? nestedLimit(outcome);
      if (code && code !== 'corrupt') limited.set(signature, { name, code });
      if (!member.problem && code) problems.add(code, name, `hold content cut short by a limit (${code}); see their own reports`);
      if (member.stopAll) break;
    }
  } finally {
    if (overlapping) {
      context.incomplete('corrupt', `Zip bomb: ${overlapping} member${overlapping === 1 ? '' : 's'} share or overlap another member's compressed data (the overlapping-entry zip bomb); they were not expanded.`);
    }
    problems.flush();
  }
}

/** Decompresses one entry into memory (at most maxMemberBytes) and wraps it for the member scan. */
async function memberSource(zip: ZipReader, entry: ZipEntry, name: string, context: ExtractContext, problems: ArchiveProblems): Promise<{ source: ByteSource; problem?: { code: ReasonCode; message: string }; stopAll: boolean }> {
  if (entry.encrypted) {
    problems.add('encrypted', name, 'encrypted (password-protected); their content could not be checked');
    return { source: new UnreadableMember('encrypted', 'This archive member is encrypted (password-protected); its content could not be checked.', entry.declaredSize), stopAll: false };
  }
  if (entry.method !== 0 && entry.method !== 8) {
    problems.add('unsupported-format', name, `compressed with ${methodName(entry.method)}, which Saring cannot decompress; not checked`);
    return { source: new UnreadableMember('unsupported-format', `This archive member is compressed with ${methodName(entry.method)}, which Saring cannot decompress; its content was not checked.`), stopAll: false };
  }
  const meter = new ExpansionMeter(context, `member "${name}"`);
  if (!meter.canStart()) {
    problems.add(meter.stop!.code, name, 'not read: the budget of decompressed data for this file (maxExpandedBytes) was used up');
    return { source: new UnreadableMember(meter.stop!.code, meter.stop!.message), stopAll: true };
  }
  const parts: Uint8Array[] = [];
  let damage: string | undefined;
  try {
    for await (const chunk of zip.inflate(entry, meter, context.signal)) parts.push(chunk);
  } catch (error) {
    if (!(error instanceof ScanError) || error.code !== 'corrupt') throw error;
    damage = error.message;
  }
  const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  const stop = meter.stop;
  if (stop) problems.add(stop.code, name, memberLimitText(stop.code));
  else if (damage) problems.add('corrupt', name, `damaged (${damage}); only the readable part was checked`);
  const code = stop?.code ?? (damage ? 'corrupt' : undefined);
  if (!code) return { source: new BufferSource(bytes), stopAll: false };
  const message = stop?.message ?? `This archive member is damaged (${damage}); only its readable part was checked.`;
  if (!bytes.byteLength) return { source: new UnreadableMember(code, message), stopAll: code === 'limit-expanded-size' };
  return { source: new BufferSource(bytes), problem: { code, message }, stopAll: code === 'limit-expanded-size' };
}

/** How each limit reads after "N members: ...". */
const LIMIT_TEXT: Partial<Record<ReasonCode, string>> = {
  'limit-ratio': 'expand more than the maximum compression ratio (maxCompressionRatio), the mark of a zip bomb; reading them stopped',
  'limit-member-size': 'larger than the single-member limit (maxMemberBytes); only their first part was checked',
  'limit-expanded-size': 'cut short when the budget of decompressed data for this file (maxExpandedBytes) was used up; nothing after them was read',
};

function memberLimitText(code: ReasonCode): string {
  return LIMIT_TEXT[code] ?? 'cut short by a limit';
}

/** A member that is itself a container and was cut by a limit inside: the limit travels up. */
export function nestedLimit(outcome: MemberOutcome | void): ReasonCode | undefined {
  if (!outcome || outcome.status !== 'incomplete' || !outcome.reason) return undefined;
  return outcome.reason.startsWith('limit-') && outcome.reason !== 'limit-findings' ? outcome.reason : undefined;
}

/**
 * ZIP archives and the OOXML documents built on them. The kind is decided from the part names
 * in the central directory (not only from the sniffed head, where `[Content_Types].xml` may not
 * come first): DOCX, XLSX and PPTX are read part by part, anything else member by member.
 */
export const zipExtractor: Extractor = {
  id: 'zip',
  formats: ['zip', 'ooxml', 'docx', 'xlsx', 'pptx'],
  async *extract(input: ExtractInput, context: ExtractContext): AsyncGenerator<Segment> {
    const zip = await openZip(input, context);
    const kind = ooxmlKind(zip);
    if (kind) {
      // A document scanned directly is one file, not an archive: its parts are bounded by the
      // compression ratio and the per-file time limit, not by the budget for archive contents
      // (a 200 MB export holds about 2 GB of XML). Inside an archive it shares that budget.
      const documentContext: ExtractContext = input.depth === 0 ? Object.assign(Object.create(context) as ExtractContext, { consumeExpanded: () => true }) : context;
      if (kind === 'docx') return yield* readDocx(zip, input, documentContext);
      if (kind === 'xlsx') return yield* readXlsx(zip, input, documentContext);
      return yield* readPptx(zip, input, documentContext);
    }
    if (depthExceeded(input, context, 'archive')) return;
    await scanZipMembers(zip, zip.entries, context);
  },
};

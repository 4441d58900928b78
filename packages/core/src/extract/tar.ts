import type { ExtractContext, ExtractInput, Extractor } from '../model/extractor.js';
import type { ReasonCode } from '../model/report.js';
import type { Segment } from '../model/segment.js';
import { ScanError } from '../model/errors.js';
import { formatBytes } from '../engine/file-scan.js';
import { ArchiveProblems } from './archive-problems.js';
import { ByteReader } from './byte-reader.js';
import { NameRegistry, safeMemberName } from './member-names.js';
import { StreamedMember, UnreadableMember, splitHead } from './member-source.js';
import { depthExceeded, nestedLimit } from './zip.js';

const BLOCK = 512;
/** GNU long names and pax headers larger than this are damaged or hostile. */
const MAX_META_BYTES = 1024 * 1024;

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

function field(header: Uint8Array, start: number, length: number): string {
  const bytes = header.subarray(start, start + length);
  const end = bytes.indexOf(0);
  return utf8.decode(end === -1 ? bytes : bytes.subarray(0, end));
}

/** A numeric header field: octal text, or base-256 when the high bit is set (GNU, for sizes over 8 GiB). */
function numeric(header: Uint8Array, start: number, length: number): number {
  if (header[start]! & 0x80) {
    let value = header[start]! & 0x7f;
    for (let i = start + 1; i < start + length; i++) value = value * 256 + header[i]!;
    return value;
  }
  const text = latin1.decode(header.subarray(start, start + length)).replace(/\0.*$/s, '').trim();
  return text ? parseInt(text, 8) : 0;
}

/** The header checksum (POSIX ustar): the sum of all bytes with the checksum field read as spaces. */
function checksumOk(header: Uint8Array): boolean {
  const stored = numeric(header, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i]!;
  return stored === sum;
}

/** `path` from pax extended-header records (`"27 path=some/long/name\n"`). */
function paxPath(records: Uint8Array): string | undefined {
  const text = utf8.decode(records);
  let path: string | undefined;
  for (let p = 0; p < text.length; ) {
    const space = text.indexOf(' ', p);
    const length = parseInt(text.slice(p, space), 10);
    if (space === -1 || !Number.isFinite(length) || length <= 0) break;
    const record = text.slice(space + 1, p + length - 1);
    if (record.startsWith('path=')) path = record.slice(5);
    p += length;
  }
  return path;
}

/** Entry types that carry no file content: links, devices, folders, FIFOs, global pax headers, GNU long link names. */
const NO_CONTENT_TYPES = new Set(['1', '2', '3', '4', '5', '6', 'g', 'K']);

const padding = (size: number): number => (BLOCK - (size % BLOCK)) % BLOCK;

/**
 * tar (`.tar`, and `.tar.gz`/`.tgz` through the gzip reader): read sequentially, each regular
 * file streamed to its own member scan (`x.tar!dir/file.pdf`) without being held in memory.
 * ustar, GNU long names and pax paths are understood; links and devices are skipped.
 */
export const tarExtractor: Extractor = {
  id: 'tar',
  formats: ['tar'],
  async *extract(input: ExtractInput, context: ExtractContext): AsyncGenerator<Segment> {
    if (depthExceeded(input, context, 'tar archive')) return;
    const { limits } = context;
    const reader = new ByteReader(input.source.chunks()[Symbol.asyncIterator]());
    const problems = new ArchiveProblems(context);
    const names = new NameRegistry(limits.maxArchiveMembers);
    let members = 0;
    let longName: string | undefined;
    let extendedPath: string | undefined;
    try {
      while (!context.signal.aborted) {
        const header = await reader.read(BLOCK);
        if (header.byteLength === 0) break;
        if (header.byteLength < BLOCK) throw new ScanError('corrupt', 'The tar archive is truncated: it ends inside a header.');
        if (header.every((b) => b === 0)) break;
        if (!checksumOk(header)) {
          throw new ScanError('corrupt', members === 0 ? 'The tar archive is damaged: its first header has a wrong checksum.' : `The tar archive is damaged after member ${members}: a header has a wrong checksum; the rest was not read.`);
        }
        const size = numeric(header, 124, 12);
        const type = String.fromCharCode(header[156]!);
        if (type === 'L' || type === 'x') {
          if (size > MAX_META_BYTES) throw new ScanError('corrupt', 'The tar archive is damaged: a long-name header is implausibly large.');
          const data = await reader.read(size);
          await reader.skip(padding(size));
          if (type === 'L') longName = utf8.decode(data).replace(/\0.*$/s, '');
          else extendedPath = paxPath(data) ?? extendedPath;
          continue;
        }
        const prefix = latin1.decode(header.subarray(257, 263)).startsWith('ustar') ? field(header, 345, 155) : '';
        const stored = extendedPath ?? longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
        longName = undefined;
        extendedPath = undefined;
        const regular = type === '0' || type === '\0' || type === '7';
        if (!regular) {
          // Directories, links, devices, global pax headers: no content to scan. Other entries
          // with content (GNU sparse or multi-volume parts) are skipped and said so.
          if (size > 0 && !NO_CONTENT_TYPES.has(type)) {
            problems.add('unsupported-format', safeMemberName(stored, `member-${members + 1}`).name, `stored as special tar entries (type "${type.replace(/[^\x20-\x7e]/g, '?')}", e.g. GNU sparse or multi-volume), whose content Saring does not read`);
          }
          if ((await reader.skip(size + padding(size))) < size) throw new ScanError('corrupt', 'The tar archive is truncated.');
          continue;
        }
        if (++members > limits.maxArchiveMembers) {
          context.incomplete('limit-members', `This archive has more than ${limits.maxArchiveMembers} members (maxArchiveMembers); the rest were not read.`);
          break;
        }
        const safe = safeMemberName(stored, `member-${members}`);
        const { name, duplicate } = names.claim(safe.name);
        if (duplicate) context.issue?.('unsafe-path', `Two or more members are named "${safe.name}" (a later one could overwrite an earlier one when extracted); this one is reported as "${name}".`);
        if (safe.unsafe) problems.add('unsafe-path', name, 'stored with an absolute or "../" path (a path-traversal trick); Saring writes nothing to disk and scanned the content under a cleaned name');
        const start = reader.position;
        const readable = Math.min(size, limits.maxMemberBytes);
        const tooLarge = size > readable;
        if (tooLarge) problems.add('limit-member-size', name, `larger than the ${formatBytes(limits.maxMemberBytes)} single-member limit (maxMemberBytes); only the first part was checked`);
        const limited = limitMessage(limits.maxMemberBytes, readable);
        const split = await splitHead(reader.take(readable));
        const source = split.head.byteLength === 0 && size > 0 ? new UnreadableMember('corrupt', TRUNCATED_MEMBER, size) : new StreamedMember(split.head, split.rest, size);
        const problem = (): { code: ReasonCode; message: string } | undefined => {
          // Read to the end of what was allowed, yet short: the archive ends inside this member.
          if (reader.position - start < readable && reader.ended) return { code: 'corrupt', message: TRUNCATED_MEMBER };
          return tooLarge ? { code: 'limit-member-size', message: limited } : undefined;
        };
        const nested = nestedLimit(await context.scanMember({ name, source, problem }));
        if (nested && !problem()) problems.add(nested, name, `hold content cut short by a limit (${nested}); see their own reports`);
        // Whatever the member scan did not read is skipped, with the block padding.
        const rest = size - (reader.position - start);
        if ((await reader.skip(rest + padding(size))) < rest) throw new ScanError('corrupt', `The tar archive is truncated inside member "${name}".`);
      }
    } catch (error) {
      if (error instanceof ScanError && error.code === 'corrupt' && members > 0) context.incomplete('corrupt', error.message);
      else throw error;
    } finally {
      problems.flush();
    }
  },
};

const TRUNCATED_MEMBER = 'The archive ends inside this member (truncated file); only its first part was checked.';

function limitMessage(maxMemberBytes: number, readable: number): string {
  return `This member is larger than the ${formatBytes(maxMemberBytes)} single-member limit (maxMemberBytes); only its first ${formatBytes(readable)} were checked.`;
}

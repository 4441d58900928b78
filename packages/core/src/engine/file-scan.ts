import type { ByteSource, ExtractContext, ExtractInput, Extractor, MemberInput, MemberOutcome, ScanLimits } from '../model/extractor.js';
import type { FileReport, Finding, ReasonCode } from '../model/report.js';
import type { Segment } from '../model/segment.js';
import { ScanError, UnsupportedContentError, isIncompleteReason } from '../model/errors.js';
import type { OcrRuntime } from '../ocr/runtime.js';
import { FileClock } from './file-clock.js';
import { sniff } from '../sniff/sniff.js';
import { FileReportBuilder } from '../report/file-report.js';
import type { DetectionPlan } from './detection.js';
import { maskValue, toFinding, type RawMatch } from './findings.js';
import type { SegmentView } from './scanner.js';
import { FileEvidence } from './file-evidence.js';
import type { FileClassifier } from '../model/classification.js';

/** Human names for formats in messages. */
const FORMAT_NAMES: Readonly<Record<string, string>> = {
  pdf: 'PDF', zip: 'ZIP archive', docx: 'Word (DOCX)', xlsx: 'Excel (XLSX)', pptx: 'PowerPoint (PPTX)', gzip: 'gzip archive', tar: 'tar archive',
  dicom: 'DICOM', png: 'PNG image', jpeg: 'JPEG image', gif: 'GIF image', bmp: 'BMP image', webp: 'WebP image', tiff: 'TIFF image',
  ole2: 'legacy Office (.doc/.xls)', rar: 'RAR archive', '7z': '7-Zip archive', bzip2: 'bzip2 archive', xz: 'xz archive',
  elf: 'executable', exe: 'executable', mp4: 'video', 'unknown-binary': 'binary file of unknown format',
};

const UNSUPPORTED_HINTS: Readonly<Record<string, string>> = {
  rar: ' Extract it and scan the folder.',
  '7z': ' Extract it and scan the folder.',
};

/** Shared by every member of one input: the expanded-bytes budget across nested archives. */
export interface InputBudget {
  expandedBytes: number;
}

export interface FileScanDeps {
  plan: DetectionPlan;
  extractors: readonly Extractor[];
  limits: ScanLimits;
  key: Uint8Array;
  reveal: boolean;
  minScore: number;
  scanFileNames: boolean;
  fileTimeoutMs: number;
  signal: AbortSignal | undefined;
  onFinding: ((finding: Finding, path: string) => void) | undefined;
  /** Document classifiers run at the end of each file (model/classification.ts). */
  classifiers: readonly FileClassifier[];
  /** Compact keys of the classifiers' keywords (computed once per scan). */
  classifierKeys: ReadonlySet<string>;
  /** OCR mode, limits and the scan's worker pool (ocr/runtime.ts); absent means no OCR. */
  ocr?: OcrRuntime;
}

/** One input to scan: a file, a buffer, a stream or an archive member. */
export interface PendingInput {
  path: string;
  name: string;
  /** Folders whose names are scanned as PHI with this file (each folder once per scan). */
  directories?: readonly { path: string; name: string }[];
  /** Told the masked name of a folder whose name holds PHI, so every path under it is masked. */
  onMaskedDirectory?: (path: string, maskedName: string) => void;
  size: number | undefined;
  depth: number;
  open: () => Promise<ByteSource & { close?(): Promise<void> }>;
  budget: InputBudget;
  /** An archive member's own reason for being incomplete, known once it was read (`MemberInput.problem`). */
  problem?: MemberInput['problem'];
}

/**
 * Scans one input end to end: sniff, extract, detect, report. Never throws for a problem with
 * the input itself; every outcome is a file report. Members of containers are emitted as their
 * own reports through `emit`, before the container's own report.
 */
export async function scanInput(input: PendingInput, deps: FileScanDeps, emit: (report: FileReport) => void): Promise<FileReport> {
  const { limits } = deps;
  const builder = new FileReportBuilder(input.path, input.size ?? 0, limits.maxFindingsPerFile);
  // Label, people count and document classes: every report leaves with them (classification.ts).
  const evidence = new FileEvidence(deps.classifiers, deps.classifierKeys);
  builder.classify = (report) => evidence.classify(report);
  // Paused while the file waits for an OCR worker (file-clock.ts).
  const clock = new FileClock(deps.fileTimeoutMs);
  const timeout = clock.signal;
  const signal = deps.signal ? AbortSignal.any([deps.signal, timeout]) : timeout;

  if (deps.scanFileNames) {
    const maskedName = scanName(input.name, 'name', builder, deps, evidence);
    if (maskedName !== input.name && input.path.endsWith(input.name)) builder.path = input.path.slice(0, input.path.length - input.name.length) + maskedName;
    for (const directory of input.directories ?? []) {
      const masked = scanName(directory.name, 'directory', builder, deps, evidence);
      if (masked !== directory.name) input.onMaskedDirectory?.(directory.path, masked);
    }
  }
  let source: OpenedSource | undefined;
  if (input.size !== undefined && input.size > limits.maxFileBytes) {
    source = await openIfHeadOnly(input, deps);
    if (!source) {
      clock.stop();
      builder.format = 'not-read';
      return builder.finish({ status: 'skipped', reason: 'too-large', message: `File is larger than the ${formatBytes(limits.maxFileBytes)} limit (--max-file-size); not read.` });
    }
  }

  try {
    source ??= await input.open();
    builder.bytesRead += source.head.byteLength;
    const sniffed = sniff(source.head, input.name);
    builder.format = sniffed.format;
    if (sniffed.extensionMismatch) builder.issue('corrupt', `The file's content is ${FORMAT_NAMES[sniffed.format] ?? sniffed.format}, not what its extension says.`);
    if (sniffed.format === 'empty') return builder.finish();
    const extractor = deps.extractors.find((e) => e.formats.includes(sniffed.format));
    if (!extractor) {
      const name = FORMAT_NAMES[sniffed.format] ?? sniffed.format;
      return builder.finish({
        status: 'skipped',
        reason: 'unsupported-format',
        message: `${name[0]!.toUpperCase()}${name.slice(1)}: Saring has no reader for this format, so its content was not checked.${UNSUPPORTED_HINTS[sniffed.format] ?? ''}`,
      });
    }
    const counted = countingSource(source, (n) => (builder.bytesRead += n));
    const extractInput: ExtractInput = { path: input.path, name: input.name, source: counted, sniff: sniffed, depth: input.depth };
    const context = extractContext(input, deps, builder, signal, emit, clock);
    for await (const segment of extractor.extract(extractInput, context)) {
      if (signal.aborted) break;
      detectSegment(segment, builder, deps, evidence);
    }
    const problem = input.problem?.();
    if (problem) builder.incomplete(problem.code, problem.message);
    if (signal.aborted) {
      const reason: ReasonCode = deps.signal?.aborted ? 'aborted' : 'timeout';
      builder.incomplete(reason, reason === 'aborted' ? 'The scan was stopped before this file was fully read.' : `Reading this file took longer than ${deps.fileTimeoutMs / 1000} s; the rest was not read.`);
    }
    return builder.finish();
  } catch (error) {
    const problem = input.problem?.();
    if (problem) {
      builder.incomplete(problem.code, problem.message);
      return builder.finish();
    }
    if (error instanceof ScanError) {
      if (isIncompleteReason(error.code)) {
        builder.incomplete(error.code, error.message);
        return builder.finish();
      }
      // A reader that recognised a format it cannot read (ole2.ts): skipped, as without a reader.
      if (error instanceof UnsupportedContentError) return builder.finish({ status: 'skipped', reason: error.code, message: error.message });
      return builder.finish({ status: 'failed', reason: error.code, message: error.message });
    }
    if (signal.aborted) {
      const reason: ReasonCode = deps.signal?.aborted ? 'aborted' : 'timeout';
      builder.incomplete(reason, reason === 'aborted' ? 'The scan was stopped before this file was fully read.' : `Reading this file took longer than ${deps.fileTimeoutMs / 1000} s; the rest was not read.`);
      return builder.finish();
    }
    const system = systemReason(error);
    if (system) return builder.finish({ status: 'failed', ...system });
    return builder.finish({
      status: 'failed',
      reason: 'extractor-error',
      message: `The ${FORMAT_NAMES[builder.format] ?? builder.format} content could not be read (damaged or unusual file): ${safeMessage(error)}`,
    });
  } finally {
    clock.stop();
    await source?.close?.().catch(() => {});
  }
}

/**
 * Runs the detectors over a file or folder name and returns the name with every match masked
 * (even those below the report threshold: a path is printed in every report). With `reveal`
 * the name is returned as it is.
 */
function scanName(name: string, part: 'name' | 'directory', builder: FileReportBuilder, deps: FileScanDeps, evidence: FileEvidence): string {
  const segment: Segment = { text: name, locator: { kind: 'file-name', part }, context: { source: 'file-name' } };
  const { matches, view } = deps.plan.detect(segment, 0);
  const reported = matches.filter((raw) => raw.match.score >= deps.minScore);
  evidence.observe(segment, view, reported);
  for (const raw of reported) addFinding(raw, segment, view, builder, deps);
  let masked = name;
  for (let i = matches.length - 1; i >= 0; i--) {
    const raw = matches[i]!;
    masked = masked.slice(0, raw.match.start) + maskValue(raw.detector, raw.match.value) + masked.slice(raw.match.end);
  }
  return deps.reveal ? name : masked;
}

type OpenedSource = ByteSource & { close?(): Promise<void> };

/**
 * A file over `maxFileBytes` is still scanned when its extractor reads only a bounded head of it
 * (`Extractor.readsHeadOnly`, e.g. a 2 GB multi-frame DICOM whose header is in the first KiB):
 * then the source opened to sniff it is returned for the scan, so the file is opened once.
 * Otherwise it is closed unread (undefined). Archive members are never peeked at.
 */
async function openIfHeadOnly(input: PendingInput, deps: FileScanDeps): Promise<OpenedSource | undefined> {
  if (input.depth > 0) return undefined;
  let source: OpenedSource | undefined;
  try {
    source = await input.open();
    const format = sniff(source.head, input.name).format;
    if (deps.extractors.find((e) => e.formats.includes(format))?.readsHeadOnly === true) return source;
  } catch {
    // unreadable: reported as too large, as before it was read
  }
  await source?.close?.().catch(() => {});
  return undefined;
}

function detectSegment(segment: Segment, builder: FileReportBuilder, deps: FileScanDeps, evidence: FileEvidence): void {
  const { matches, view } = deps.plan.detect(segment, deps.minScore);
  evidence.observe(segment, view, matches);
  for (const raw of matches) addFinding(raw, segment, view, builder, deps);
}

function addFinding(raw: RawMatch, segment: Segment, view: SegmentView, builder: FileReportBuilder, deps: FileScanDeps): void {
  if (!builder.keepsDetail && !deps.onFinding) {
    builder.countOnly(raw.detector.id);
    return;
  }
  const finding = toFinding(raw, segment, view, { key: deps.key, reveal: deps.reveal });
  if (builder.keepsDetail) builder.addFinding(finding);
  else builder.countOnly(raw.detector.id);
  deps.onFinding?.(finding, builder.path);
}

function extractContext(input: PendingInput, deps: FileScanDeps, builder: FileReportBuilder, signal: AbortSignal, emit: (report: FileReport) => void, clock?: FileClock): ExtractContext {
  return {
    signal,
    limits: deps.limits,
    incomplete: (code, message) => builder.incomplete(code, message),
    issue: (code, message) => builder.issue(code, message),
    // Each input (archive members too) gets its own OCR page budget.
    ocr: deps.ocr?.forInput((code, message) => builder.incomplete(code, message), signal, clock),
    setEncoding: (encoding) => {
      builder.encoding = encoding;
    },
    consumeExpanded(bytes: number): boolean {
      input.budget.expandedBytes += bytes;
      return input.budget.expandedBytes <= deps.limits.maxExpandedBytes;
    },
    async scanMember(member: MemberInput): Promise<MemberOutcome> {
      const name = member.name.split('/').pop() || member.name;
      const report = await scanInput(
        {
          path: `${builder.path}!${member.name}`,
          name,
          size: member.source.size,
          depth: input.depth + 1,
          open: async () => member.source,
          budget: input.budget,
          ...(member.problem ? { problem: member.problem } : {}),
        },
        deps,
        emit,
      );
      emit(report);
      return { status: report.status, ...(report.reason ? { reason: report.reason } : {}) };
    },
  };
}

/** Counts the bytes an extractor reads, whatever the kind of source (the head was counted when sniffed). */
function countingSource(source: ByteSource, onRead: (bytes: number) => void): ByteSource {
  const headLength = source.head.byteLength;
  return {
    size: source.size,
    head: source.head,
    ...(source.read
      ? {
          read: async (offset: number, length: number) => {
            const bytes = await source.read!(offset, length);
            onRead(bytes.byteLength);
            return bytes;
          },
        }
      : {}),
    async *chunks(start = 0) {
      let position = start;
      for await (const chunk of source.chunks(start)) {
        const end = position + chunk.byteLength;
        onRead(end - Math.max(position, Math.min(end, headLength)));
        position = end;
        yield chunk;
      }
    },
  };
}

function systemReason(error: unknown): { reason: ReasonCode; message: string } | undefined {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  if (!/^E[A-Z]+$/.test(code)) return undefined;
  if (code === 'EACCES' || code === 'EPERM') return { reason: 'permission-denied', message: 'Permission denied: the account running Saring cannot read this file.' };
  if (code === 'ENOENT') return { reason: 'not-found', message: 'The file disappeared before it could be read (moved or deleted during the scan).' };
  return { reason: 'io-error', message: `The file could not be read (${code}); check the disk or network share.` };
}

/** Error text from a library, cut short: it must never carry file content into a report. */
function safeMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : typeof error === 'string' ? error : 'unknown error';
  return text.replace(/[\p{L}\p{N}]{6,}/gu, (w) => (/^\d+$/.test(w) ? '[number]' : w)).slice(0, 160);
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}

import type { FileStatus, ReasonCode } from './report.js';
import type { Segment } from './segment.js';
import type { OcrContext } from './ocr.js';

/** What the sniffer decided a file is, from its content (the name is only a hint). */
export interface SniffResult {
  /**
   * `text`, `csv`, `tsv`, `json`, `xml`, `html`, `hl7`, `pdf`, `zip`, `docx`, `xlsx`, `pptx`,
   * `gzip`, `tar`, `dicom`, `png`, `jpeg`, `gif`, `bmp`, `webp`, `tiff`, `ole2` (legacy .doc/.xls),
   * `rar`, `7z`, `unknown-binary`, `empty`.
   */
  format: string;
  /** For text formats: the encoding to decode with, and whether a BOM must be skipped. */
  encoding?: TextEncodingName;
  bomLength?: number;
  /** The file's extension disagreed with its content (`.pdf` that is really a zip). */
  extensionMismatch?: boolean;
}

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Bytes of one input, whether a file on disk, a buffer, a stream or an archive member. */
export interface ByteSource {
  /** Total size when known (streams may not know it). */
  readonly size: number | undefined;
  /** The first bytes, already read for sniffing (at most `SNIFF_BYTES`). */
  readonly head: Uint8Array;
  /** The whole content from `start`, in chunks. A stream source can be read once. */
  chunks(start?: number): AsyncIterable<Uint8Array>;
  /** Random access, when the source supports it (files and buffers). */
  read?(offset: number, length: number): Promise<Uint8Array>;
}

/** One input handed to an extractor. */
export interface ExtractInput {
  /** Display path; archive members are `outer.zip!inner/file.pdf`. */
  readonly path: string;
  /** The last path component, used as a format hint. */
  readonly name: string;
  readonly source: ByteSource;
  readonly sniff: SniffResult;
  /** 0 for files on disk, +1 per archive level. */
  readonly depth: number;
}

/** Configurable limits, in the spirit of ClamAV's (see ../shared/libraries.md §E1). */
export interface ScanLimits {
  /** Larger files are `skipped` with reason `too-large`. Default 256 MiB. */
  maxFileBytes: number;
  /** Nested archive depth. Default 8. */
  maxArchiveDepth: number;
  /** Members read per archive. Default 10,000. */
  maxArchiveMembers: number;
  /** Total bytes expanded from one input across all nesting. Default 400 MiB. */
  maxExpandedBytes: number;
  /** Compression ratio per member above which it is stopped. Default 100. */
  maxCompressionRatio: number;
  /** Size of one archive member. Default 100 MiB. */
  maxMemberBytes: number;
  /** Findings kept with full detail per file; more are counted. Default 1,000. */
  maxFindingsPerFile: number;
}

/** A member of a container (archive entry, PDF attachment) to scan as its own file. */
export interface MemberInput {
  /** Path inside the container, e.g. `inner/file.pdf`. */
  name: string;
  source: ByteSource;
  /**
   * Asked after the member was read: why it is not complete (cut by a limit, damaged), if so.
   * Its report is then `incomplete` with that reason, and what was read is still scanned.
   */
  problem?(): { code: ReasonCode; message: string } | undefined;
}

/** The status of a member's own report, as `scanMember` resolves it. */
export interface MemberOutcome {
  status: FileStatus;
  reason?: ReasonCode;
}

/** What the engine gives an extractor while it runs. */
export interface ExtractContext {
  readonly signal: AbortSignal;
  readonly limits: ScanLimits;
  /** Part of the input was not read: the file becomes `incomplete` (never reported clean). */
  incomplete(code: ReasonCode, message: string): void;
  /** A problem that did not stop the file from being fully read (e.g. invalid JSON scanned as text); listed in `issues`. */
  issue?(code: ReasonCode, message: string): void;
  /**
   * Scan a member as its own file report, with the virtual path `<this path>!<name>`. Resolves
   * to what became of it, so a container can carry a nested zip bomb's limit upwards.
   */
  scanMember(member: MemberInput): Promise<MemberOutcome | void>;
  /**
   * Count bytes expanded from a compressed container against the input's shared budget.
   * Returns false (and the caller must stop) once `maxExpandedBytes` is used up.
   */
  consumeExpanded(bytes: number): boolean;
  /** Records the text encoding the extractor decoded with (shown in the file report). */
  setEncoding(encoding: string): void;
  /**
   * OCR for text in pixels (images, scanned PDF pages, DICOM burned-in frames): see model/ocr.ts.
   * Absent means OCR is unavailable: treat it like mode `never` (the content is `needs-ocr`).
   */
  readonly ocr?: OcrContext;
}

/**
 * Turns one input into located text. One file per format; a new format touches one
 * extractor and its test. Errors are thrown as `ScanError` with a reason code.
 */
export interface Extractor {
  readonly id: string;
  /** The sniffed formats this extractor reads. */
  readonly formats: readonly string[];
  /**
   * Reads only a bounded head of the input however large it is (DICOM up to Pixel Data): the
   * engine then scans files over `maxFileBytes` instead of skipping them as `too-large`.
   */
  readonly readsHeadOnly?: boolean;
  extract(input: ExtractInput, context: ExtractContext): AsyncIterable<Segment>;
}

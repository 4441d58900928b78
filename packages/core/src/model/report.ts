import type { ConfidenceLevel, DataCategory, Explanation, Severity } from './detector.js';
import type { Locator } from './locator.js';
import type { FileClassification, PdpLabel } from './classification.js';

/** What happened to one file (or archive member). */
export type FileStatus = 'scanned' | 'skipped' | 'failed' | 'incomplete';

/**
 * Why a file is not simply `scanned`. A string-literal union so configs, reports and
 * pipelines can match on it; `reasonMessage` says the same thing for an administrator.
 */
export type ReasonCode =
  | 'too-large'
  | 'unsupported-format'
  | 'excluded'
  | 'symlink'
  | 'permission-denied'
  | 'not-found'
  | 'io-error'
  | 'corrupt'
  | 'encrypted'
  | 'timeout'
  | 'aborted'
  | 'limit-depth'
  | 'limit-members'
  | 'limit-expanded-size'
  | 'limit-ratio'
  | 'limit-member-size'
  | 'limit-findings'
  | 'needs-ocr'
  | 'unsafe-path'
  | 'extractor-error';

/** One thing found in a file. The raw value is present only when the caller asked to reveal. */
export interface Finding {
  detector: string;
  entity: string;
  category: DataCategory;
  severity: Severity;
  confidence: ConfidenceLevel;
  /** 0..1 */
  score: number;
  locator: Locator;
  /** The value with its identifying part hidden, e.g. `3174********0001`. */
  masked: string;
  /** A short piece of text around the match, with every finding inside it masked. */
  snippet: string;
  /**
   * Keyed HMAC-SHA256 (hex, first 32 chars) of `detector:normalized value`: the same value
   * gives the same fingerprint across scans with the same key, without storing the value.
   */
  fingerprint: string;
  explanation: Explanation;
  /**
   * The person is a child: the finding is also UU 27/2022 Art. 4(2)(e) `data anak` (specific
   * personal data) on top of its `category`. Absent otherwise.
   */
  child?: true;
  /** Only with `reveal: true`. */
  value?: string;
}

/** A problem met while reading a file that did not stop the scan of that file. */
export interface FileIssue {
  code: ReasonCode;
  message: string;
}

export interface FileReport {
  /** The path as given or walked; archive members as `outer.zip!inner/file.pdf`. */
  path: string;
  size: number;
  /** The detected format (`text`, `csv`, `pdf`, `zip`, `unknown-binary`, ...). */
  format: string;
  /** Text encoding for text formats (`utf-8`, `utf-16le`, `windows-1252`). */
  encoding?: string;
  status: FileStatus;
  /** Set for every status but `scanned`. */
  reason?: ReasonCode;
  /** A sentence an administrator understands. */
  reasonMessage?: string;
  /** Problems that did not stop the file (a member over a limit, a page needing OCR). */
  issues: FileIssue[];
  findings: Finding[];
  /** All findings at or above the threshold, also those not kept in `findings` (see `maxFindingsPerFile`). */
  findingCount: number;
  /** Findings counted per detector, including those beyond `maxFindingsPerFile`. */
  countsByDetector: Record<string, number>;
  /** Milliseconds spent on this file. */
  durationMs: number;
  /** Number of bytes read from the file's content. */
  bytesRead: number;
  /** The UU PDP label, people count, risk and document classes (model/classification.ts). */
  classification?: FileClassification;
}

export interface ScanSummary {
  filesSeen: number;
  scanned: number;
  skipped: number;
  failed: number;
  incomplete: number;
  /** Files with at least one reported finding. */
  filesWithFindings: number;
  findings: number;
  findingsByDetector: Record<string, number>;
  findingsBySeverity: Record<Severity, number>;
  findingsByConfidence: Record<ConfidenceLevel, number>;
  /** Count of files per reason code for skipped/failed/incomplete files. */
  reasons: Partial<Record<ReasonCode, number>>;
  bytesRead: number;
  durationMs: number;
  /** True when the scan was stopped by its AbortSignal. */
  aborted: boolean;
  /** Files per UU PDP label (`public`, `personal`, `sensitive-health`). */
  filesByLabel: Record<PdpLabel, number>;
  /** Files (and archive members) per document class, `template` included. */
  filesByDocumentClass: Record<string, number>;
  /** Files flagged `bulkExport` (identifiers of more than 100 distinct people). */
  bulkExports: number;
}

export type ScanEvent = { type: 'file'; file: FileReport } | { type: 'summary'; summary: ScanSummary };

/**
 * True when some of the file's content was not read: failed, incomplete, or skipped for a reason
 * other than the user's own choice (a link not followed). Such a file is never reported clean.
 */
export function isUnread(file: Pick<FileReport, 'status' | 'reason'>): boolean {
  if (file.status === 'failed' || file.status === 'incomplete') return true;
  return file.status === 'skipped' && file.reason !== 'symlink' && file.reason !== 'excluded';
}

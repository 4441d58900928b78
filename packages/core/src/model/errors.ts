import type { ReasonCode } from './report.js';

/**
 * An error inside the scan of one file. Extractors throw it (or the engine wraps what they
 * throw into it); the engine turns it into the file's status, so the scan goes on.
 */
export class ScanError extends Error {
  readonly code: ReasonCode;
  constructor(code: ReasonCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ScanError';
    this.code = code;
  }
}

/**
 * Thrown by an extractor that recognised the content but has no reader for it (a Word 97 file
 * inside an OLE2 container): the file is `skipped`, as when no extractor claims its format, with
 * a message that says what the file is and how to have it scanned.
 */
export class UnsupportedContentError extends ScanError {
  constructor(message: string) {
    super('unsupported-format', message);
    this.name = 'UnsupportedContentError';
  }
}

/** Reasons that mean "part of the file was not read" rather than "the file could not be read". */
const INCOMPLETE_REASONS: ReadonlySet<ReasonCode> = new Set<ReasonCode>([
  'encrypted',
  'timeout',
  'aborted',
  'limit-depth',
  'limit-members',
  'limit-expanded-size',
  'limit-ratio',
  'limit-member-size',
  'needs-ocr',
  'unsafe-path',
]);

export function isIncompleteReason(code: ReasonCode): boolean {
  return INCOMPLETE_REASONS.has(code);
}

/** Misuse of the library or CLI before any file is read (bad options, bad config). */
export class UsageError extends Error {
  readonly problems: string[];
  constructor(problems: string[] | string) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(list.join('\n'));
    this.name = 'UsageError';
    this.problems = list;
  }
}

/** Turns anything an OS call throws into a reason an administrator understands. */
export function reasonFromSystemError(error: unknown): { code: ReasonCode; message: string } {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return { code: 'permission-denied', message: 'Permission denied: the account running Saring cannot read this file.' };
    case 'ENOENT':
      return { code: 'not-found', message: 'The file disappeared before it could be read (moved or deleted during the scan).' };
    case 'ELOOP':
      return { code: 'symlink', message: 'Too many levels of symbolic links.' };
    case 'EISDIR':
      return { code: 'io-error', message: 'Expected a file but found a folder.' };
    default:
      return {
        code: 'io-error',
        message: `The file could not be read (${code || 'I/O error'}); check the disk or network share.`,
      };
  }
}

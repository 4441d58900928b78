import type { ExtractContext } from '../model/extractor.js';
import type { ReasonCode } from '../model/report.js';
import { formatBytes } from '../engine/file-scan.js';

/**
 * Below this much output the compression ratio is not judged: small, very repetitive members
 * (an empty sheet, a template) legitimately compress far better than 100:1.
 */
export const RATIO_FLOOR_BYTES = 1024 * 1024;

/** Why decompression of one member stopped early. */
export interface ExpansionStop {
  code: Extract<ReasonCode, 'limit-ratio' | 'limit-member-size' | 'limit-expanded-size'>;
  message: string;
}

/**
 * Counts the real output of one member while it is decompressed (sizes in headers are never
 * trusted) against three limits: the member's own size, its compression ratio, and the input's
 * shared expanded-bytes budget (across all nesting). The first limit reached stops the member.
 */
export class ExpansionMeter {
  private output = 0;
  private input = 0;
  stop: ExpansionStop | undefined;

  constructor(
    private readonly context: ExtractContext,
    /** How the member is named in messages, e.g. `member "scan/a.pdf"`. */
    private readonly what: string,
    private readonly maxBytes = context.limits.maxMemberBytes,
  ) {}

  get bytesOut(): number {
    return this.output;
  }

  /** Compressed bytes fed to the decompressor so far. */
  consumed(bytes: number): void {
    this.input += bytes;
  }

  /** Is there budget left to start this member at all? */
  canStart(): boolean {
    if (this.context.consumeExpanded(0)) return true;
    this.stop = budgetStop(this.context, this.what, 0);
    return false;
  }

  /**
   * Adds `bytes` of output. Returns how many of them may be kept (fewer when a limit is reached
   * inside this chunk); `stop` is set once a limit is reached.
   */
  produced(bytes: number): number {
    if (this.stop) return 0;
    const { limits } = this.context;
    let keep = bytes;
    if (this.output + keep > this.maxBytes) {
      keep = Math.max(0, this.maxBytes - this.output);
      this.stop = {
        code: 'limit-member-size',
        message: `The ${this.what} is larger than the ${formatBytes(this.maxBytes)} single-member limit (maxMemberBytes); only its first ${formatBytes(this.maxBytes)} were read.`,
      };
    }
    const after = this.output + keep;
    if (!this.stop && after > RATIO_FLOOR_BYTES && after > limits.maxCompressionRatio * Math.max(this.input, 1)) {
      this.stop = {
        code: 'limit-ratio',
        message: `The ${this.what} expands more than ${limits.maxCompressionRatio}:1 (maxCompressionRatio), the mark of a zip bomb; reading stopped after ${formatBytes(after)}.`,
      };
    }
    if (!this.context.consumeExpanded(keep)) {
      this.stop = budgetStop(this.context, this.what, after);
    }
    this.output = after;
    return keep;
  }
}

function budgetStop(context: ExtractContext, what: string, after: number): ExpansionStop {
  return {
    code: 'limit-expanded-size',
    message: `The ${formatBytes(context.limits.maxExpandedBytes)} budget of decompressed data for this file (maxExpandedBytes, shared by all nested archives) is used up; the ${what} was ${after ? `read only up to ${formatBytes(after)}` : 'not read'}, nor anything after it.`,
  };
}

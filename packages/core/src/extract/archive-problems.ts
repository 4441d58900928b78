import type { ExtractContext } from '../model/extractor.js';
import type { ReasonCode } from '../model/report.js';

/**
 * Collects per-member problems of one archive and reports each kind once, with a count and the
 * first member it hit, so an archive of 10,000 encrypted members gives one clear line instead
 * of 10,000. Each member still gets its own file report with its own status.
 */
export class ArchiveProblems {
  private readonly problems = new Map<string, { code: ReasonCode; count: number; first: string; what: string }>();

  constructor(private readonly context: ExtractContext) {}

  /** `what` completes "N member(s) ..." e.g. `are encrypted (password-protected); their content was not checked`. */
  add(code: ReasonCode, member: string, what: string): void {
    const key = `${code}\n${what}`;
    const known = this.problems.get(key);
    if (known) known.count++;
    else this.problems.set(key, { code, count: 1, first: member, what });
  }

  /** Reports everything collected as reasons the archive is incomplete. Call once, in a `finally`. */
  flush(): void {
    for (const { code, count, first, what } of this.problems.values()) {
      const subject = count === 1 ? `Member "${first}"` : `${count} members (the first is "${first}")`;
      this.context.incomplete(code, `${subject}: ${what}.`);
    }
    this.problems.clear();
  }
}

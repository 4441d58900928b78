import { keywordSet, type CandidateDetector } from '@saring/core';
import { NEAR_WINDOW_CHARS, SCORE, clamp } from '../score.js';

const KEYWORDS = keywordSet(['email', 'e-mail', 'surel', 'surat elektronik', 'alamat email', 'mail']);

/** Mailboxes of an organisation rather than a person. */
const ROLE_MAILBOXES = new Set(['info', 'admin', 'humas', 'cs', 'customer', 'customerservice', 'noreply', 'no-reply', 'support', 'rs', 'rumahsakit', 'office', 'kantor', 'layanan', 'pengaduan', 'webmaster', 'postmaster']);

const LOCAL_CHAR = /[A-Za-z0-9._%+\-]/;
const MAX_LOCAL_CHARS = 64;

/**
 * E-mail addresses. The engine finds the domain after `@`; the detector walks left over the
 * local part (at most 64 characters, so adversarial input stays linear).
 */
export const email: CandidateDetector = {
  id: 'email',
  meta: {
    entity: 'E-mail address',
    category: 'umum',
    severity: 'medium',
    description: 'E-mail addresses; organisational mailboxes (info@, admin@) score low.',
  },
  triggers: { emails: true },
  keywords: KEYWORDS,
  detect(candidate, view) {
    const text = view.text;
    let start = candidate.start;
    while (start > 0 && candidate.start - start < MAX_LOCAL_CHARS && LOCAL_CHAR.test(text[start - 1]!)) start--;
    const local = text.slice(start, candidate.start).replace(/^[.]+/, '');
    start = candidate.start - local.length;
    if (!local || local.endsWith('.')) return undefined;
    const domain = trimTrailingDots(candidate.text.slice(1));
    const labels = domain.split('.');
    const tld = labels[labels.length - 1] ?? '';
    if (labels.length < 2 || !/^[A-Za-z]{2,24}$/.test(tld) || labels.some((l) => !l || l.startsWith('-'))) return undefined;
    const end = candidate.start + 1 + domain.length;
    const context = view.contextWords(KEYWORDS, start, end, NEAR_WINDOW_CHARS);
    const role = ROLE_MAILBOXES.has(local.toLowerCase());
    // An organisation's mailbox stays low even under an `Email:` label (a letterhead's info@ address).
    const score = role ? SCORE.ROLE_MAILBOX : SCORE.EMAIL + (context.length ? SCORE.CONTEXT_BOOST / 2 : 0);
    return {
      start,
      end,
      value: `${local}@${domain}`.toLowerCase(),
      score: clamp(score),
      explanation: { pattern: 'email-address', validation: 'valid', validationNote: role ? 'organisational mailbox' : 'personal-looking mailbox', context },
    };
  },
  /** `b***@mail.co.id`: the first letter of the mailbox and the domain stay. */
  mask(value) {
    const at = value.indexOf('@');
    if (at <= 0) return '*'.repeat(value.length);
    return `${value[0]}${'*'.repeat(Math.max(3, at - 1))}${value.slice(at)}`;
  },
  examples: {
    positive: ['Email: budi.santoso@gmail.com', 'kontak siti_aminah88@yahoo.co.id'],
    negative: ['info@rsud-contoh.go.id', 'user@localhost', 'a@b.c'],
  },
};

/** Drops trailing `.` and `-` (sentence punctuation); a loop, since `/[.-]+$/` is quadratic on `a.-.-.-…x`. */
function trimTrailingDots(domain: string): string {
  let end = domain.length;
  while (end > 0 && (domain[end - 1] === '.' || domain[end - 1] === '-')) end--;
  return domain.slice(0, end);
}

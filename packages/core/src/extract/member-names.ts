/**
 * Names of archive members are data, never paths on disk: Saring never writes a member anywhere,
 * but a name such as `../../etc/passwd` or `C:\Windows\x` is still a sign of a hostile archive
 * (zip-slip) and must be reported. Members are scanned under a sanitized virtual name.
 */

export interface SafeName {
  /** A relative name without `..`, `.`, empty segments, drive letters or control characters. */
  name: string;
  /** The stored name was absolute, climbed out with `..`, or held control characters. */
  unsafe: boolean;
}

export function safeMemberName(raw: string, fallback: string): SafeName {
  let unsafe = false;
  // eslint-disable-next-line no-control-regex
  let name = raw.replace(/[\u0000-\u001f\u007f]/g, () => {
    unsafe = true;
    return '_';
  });
  name = name.replace(/\\/g, '/');
  if (/^[a-zA-Z]:/.test(name)) {
    unsafe = true;
    name = name.slice(2);
  }
  if (name.startsWith('/')) unsafe = true;
  const parts: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      unsafe = true;
      continue;
    }
    parts.push(part);
  }
  return { name: parts.join('/') || fallback, unsafe };
}

/**
 * Gives repeated names a distinct virtual name (`scan.pdf`, `scan (2).pdf`), keeping the
 * extension so the format hint still works. Remembers at most `maxNames` names.
 */
export class NameRegistry {
  private readonly seen = new Map<string, number>();
  constructor(private readonly maxNames = 100_000) {}

  /** Returns the virtual name and whether the stored name was a duplicate. */
  claim(name: string): { name: string; duplicate: boolean } {
    const count = (this.seen.get(name) ?? 0) + 1;
    if (this.seen.size < this.maxNames || count > 1) this.seen.set(name, count);
    if (count === 1) return { name, duplicate: false };
    const slash = name.lastIndexOf('/');
    const dot = name.lastIndexOf('.');
    const cut = dot > slash + 1 ? dot : name.length;
    return { name: `${name.slice(0, cut)} (${count})${name.slice(cut)}`, duplicate: true };
  }
}

import { createHmac } from 'node:crypto';
import type { FileReport, Finding } from '@saring/core';

/** Hex characters kept from the path HMAC: 64 bits, enough to tell files apart in one report. */
const PATH_HASH_HEX_CHARS = 16;

function pathHash(key: Uint8Array, kind: string, text: string): string {
  return createHmac('sha256', key).update(`saring-path:${kind}\u0000`).update(text).digest('hex').slice(0, PATH_HASH_HEX_CHARS);
}

/** The extension of the last path component (`.pdf`), lower-cased; empty when there is none or it looks odd. */
function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1).split('!').pop() ?? '';
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot).toLowerCase() : '';
  return /^\.[a-z0-9]{1,8}$/.test(ext) ? ext : '';
}

/**
 * `--redact-paths`: a path becomes `d-<hash of its folder>/f-<hash of the path><.ext>` with a
 * keyed HMAC (the fingerprint key), so a report can leave the hospital without file names, which
 * often carry patient names, while files in the same folder still group together and the same
 * file gets the same name in every report made with the same key.
 */
export function redactPath(key: Uint8Array, path: string): string {
  const outer = path.split('!')[0]!;
  const slash = outer.lastIndexOf('/');
  const folder = slash < 0 ? '.' : outer.slice(0, slash);
  return `d-${pathHash(key, 'folder', folder)}/f-${pathHash(key, 'file', path)}${extensionOf(path)}`;
}

function redactFinding(finding: Finding): Finding {
  // Names of files and archive members are the thing being hidden: drop their snippets and entry names.
  if (finding.locator.kind === 'file-name') return { ...finding, snippet: '' };
  if (finding.locator.kind === 'archive-entry') return { ...finding, snippet: '', locator: { kind: 'archive-entry', entry: '(redacted)' } };
  return finding;
}

/** Messages name archive members and form fields in quotes (`Member "a.txt": damaged`): hide the quoted names. */
function redactMessage(message: string): string {
  return message.replace(/"[^"\n]*"/g, '"(redacted)"');
}

/** The report with its path, the names inside findings and quoted names in messages replaced; everything else kept. */
export function redactReport(key: Uint8Array, file: FileReport): FileReport {
  return {
    ...file,
    path: redactPath(key, file.path),
    findings: file.findings.map(redactFinding),
    ...(file.reasonMessage ? { reasonMessage: redactMessage(file.reasonMessage) } : {}),
    issues: file.issues.map((issue) => ({ ...issue, message: redactMessage(issue.message) })),
  };
}

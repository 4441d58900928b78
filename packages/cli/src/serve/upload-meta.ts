import type { IncomingHttpHeaders } from 'node:http';

/** Longest file name taken from a header; the name is a format hint and is scanned as PHI. */
const MAX_NAME_CHARS = 255;

/**
 * The upload's file name: `X-Filename` (percent-encoded UTF-8 allowed) or the `filename*` /
 * `filename` parameter of `Content-Disposition` (RFC 6266). Folders are dropped.
 */
export function uploadFilename(headers: IncomingHttpHeaders): string | undefined {
  const direct = single(headers['x-filename']);
  if (direct) return clean(decode(direct));
  const disposition = single(headers['content-disposition']);
  if (!disposition) return undefined;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (extended) return clean(decode(extended[1]!.trim()));
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/.exec(disposition);
  if (!plain) return undefined;
  return clean(plain[1] !== undefined ? plain[1].replace(/\\(.)/g, '$1') : plain[2]!);
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function clean(name: string): string | undefined {
  const last = name.split(/[/\\]/).pop()?.replace(/[\u0000-\u001f]/g, '').slice(0, MAX_NAME_CHARS);
  return last ? last : undefined;
}

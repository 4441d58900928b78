/**
 * Specific Character Set (0008,0005) decoding (PS3.3 C.12.1.1.2, PS3.5 §6.1). dicom-parser reads
 * every string as one byte per character and ignores the character set
 * (../shared/libraries.md §A3), so values are decoded here from their bytes.
 *
 * Only SH, LO, ST, LT, UC, UT and PN use the declared character set; every other string VR is in
 * the default repertoire (ASCII). Supported exactly: default (ASCII), ISO_IR 100 (Latin-1) and
 * ISO_IR 192 (UTF-8); the other single-byte ISO 8859 parts, GB18030/GBK and the ISO 2022
 * multi-byte sets are decoded best-effort with the WHATWG decoders Node ships.
 */

import { TextDecoder } from 'node:util';

/** VRs whose bytes are in the declared character set (PS3.5 §6.1.2.3). */
const CHARSET_VRS: ReadonlySet<string> = new Set(['SH', 'LO', 'ST', 'LT', 'UC', 'UT', 'PN']);

/** DICOM defined terms -> WHATWG encoding labels. */
const SINGLE: Readonly<Record<string, string>> = {
  ISO_IR_6: 'latin1',
  ISO_IR_100: 'latin1',
  ISO_IR_101: 'iso-8859-2',
  ISO_IR_109: 'iso-8859-3',
  ISO_IR_110: 'iso-8859-4',
  ISO_IR_144: 'iso-8859-5',
  ISO_IR_127: 'iso-8859-6',
  ISO_IR_126: 'iso-8859-7',
  ISO_IR_138: 'iso-8859-8',
  ISO_IR_148: 'windows-1254',
  ISO_IR_203: 'iso-8859-15',
  ISO_IR_166: 'windows-874',
  ISO_IR_13: 'shift_jis',
  ISO_IR_192: 'utf-8',
  GB18030: 'gb18030',
  GBK: 'gbk',
  // ISO 2022 code extensions: the escape sequences are handled by the decoder (JIS) or stripped.
  ISO_2022_IR_6: 'latin1',
  ISO_2022_IR_100: 'latin1',
  ISO_2022_IR_101: 'iso-8859-2',
  ISO_2022_IR_109: 'iso-8859-3',
  ISO_2022_IR_110: 'iso-8859-4',
  ISO_2022_IR_144: 'iso-8859-5',
  ISO_2022_IR_127: 'iso-8859-6',
  ISO_2022_IR_126: 'iso-8859-7',
  ISO_2022_IR_138: 'iso-8859-8',
  ISO_2022_IR_148: 'windows-1254',
  ISO_2022_IR_203: 'iso-8859-15',
  ISO_2022_IR_166: 'windows-874',
  ISO_2022_IR_13: 'shift_jis',
  ISO_2022_IR_87: 'iso-2022-jp',
  ISO_2022_IR_159: 'iso-2022-jp',
  ISO_2022_IR_149: 'euc-kr',
  ISO_2022_IR_58: 'gbk',
};

/** How values of one data set are decoded. */
export interface Charset {
  /** The encoding label used for SH/LO/ST/LT/UC/UT/PN (`latin1`, `utf-8`, ...). */
  readonly encoding: string;
  /** Whether the declared character set was one Saring does not know (decoded as Latin-1). */
  readonly unknown: boolean;
  /** The declared value, for the file report (`ISO_IR 192`), or `default`. */
  readonly declared: string;
}

export const DEFAULT_CHARSET: Charset = { encoding: 'latin1', unknown: false, declared: 'default' };

/**
 * Resolves the Specific Character Set value (possibly multi-valued, `\`-separated). With code
 * extensions the first multi-byte set decides, since that is where names are written.
 */
export function resolveCharset(value: string | undefined): Charset {
  if (!value || !value.trim()) return DEFAULT_CHARSET;
  const terms = value.split('\\').map((t) => t.trim().replace(/ /g, '_').toUpperCase());
  let chosen: string | undefined;
  let unknown = false;
  for (const term of terms) {
    if (!term) continue;
    const encoding = SINGLE[term];
    if (!encoding) {
      unknown = true;
      continue;
    }
    // Prefer a multi-byte extension over the single-byte base (`\ISO 2022 IR 87`).
    if (!chosen || chosen === 'latin1' || (term.startsWith('ISO_2022') && /87|159|149|58/.test(term))) chosen = encoding;
  }
  return { encoding: chosen ?? 'latin1', unknown: unknown && !chosen, declared: value.trim() };
}

const decoders = new Map<string, TextDecoder>();
function decoderFor(encoding: string): TextDecoder | undefined {
  let decoder = decoders.get(encoding);
  if (!decoder) {
    try {
      decoder = new TextDecoder(encoding);
    } catch {
      return undefined; // a Node build without full ICU: fall back to Latin-1
    }
    decoders.set(encoding, decoder);
  }
  return decoder;
}

/** ESC sequences of ISO 2022 (ESC + 1–3 intermediate/final bytes), removed for non-JIS decoders. */
function stripEscapes(bytes: Uint8Array): Uint8Array {
  if (!bytes.includes(0x1b)) return bytes;
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x1b) {
      i++;
      while (i < bytes.length && bytes[i]! >= 0x20 && bytes[i]! <= 0x2f) i++;
      continue;
    }
    out.push(bytes[i]!);
  }
  return Uint8Array.from(out);
}

/** Decodes one string value's bytes; trailing padding (space, NUL) is left for the caller to trim. */
export function decodeValue(bytes: Uint8Array, vr: string, charset: Charset): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!CHARSET_VRS.has(vr) || charset.encoding === 'latin1') return buffer.toString('latin1');
  if (charset.encoding === 'utf-8') return buffer.toString('utf8');
  const decoder = decoderFor(charset.encoding);
  if (!decoder) return buffer.toString('latin1');
  return decoder.decode(charset.encoding === 'iso-2022-jp' ? bytes : stripEscapes(bytes));
}

import { isKnownLowerName } from './names-id.js';

/**
 * Reads a person's name written at a position in text, the way Indonesian hospital forms write
 * them (domain.md §4.3, §5): an optional honorific (`Tn.`, `Ny.`, `Nn.`, `An.`, `By. Ny.`,
 * `Sdr.`, `Sdri.`, `Bpk.`, `Ibu`), optional titles (`H.`, `Hj.`, `Drs.`, `Ir.`), one to six
 * capitalized or upper-case tokens (single names are common), Arabic and Batak particles
 * (`bin`, `binti`, `br.`), and academic suffixes after a comma (`, S.Kom`, `,BA`). A hand-written
 * tokenizer: one pass, bounded to MAX_NAME_CHARS, nothing to backtrack.
 */

/** A name is never longer than this; reading stops there. */
export const MAX_NAME_CHARS = 80;
const MAX_TOKENS = 6;

/** Honorifics before a patient's name; `child` ones mark a child (UU 27/2022 Art. 4(2)(e), domain.md §9.1). */
export const HONORIFICS: Readonly<Record<string, { child: boolean; needsDot: boolean }>> = {
  tn: { child: false, needsDot: false },
  tuan: { child: false, needsDot: false },
  ny: { child: false, needsDot: false },
  nyonya: { child: false, needsDot: false },
  nn: { child: false, needsDot: false },
  nona: { child: false, needsDot: false },
  an: { child: true, needsDot: false },
  anak: { child: true, needsDot: false },
  by: { child: true, needsDot: false },
  bayi: { child: true, needsDot: false },
  sdr: { child: false, needsDot: false },
  sdri: { child: false, needsDot: false },
  sdra: { child: false, needsDot: false },
  bpk: { child: false, needsDot: false },
  bapak: { child: false, needsDot: false },
  ibu: { child: false, needsDot: false },
};

/** Honorifics that may also be written after the name (HL7 prefix component, legacy `NAMA, Tn`). */
const TRAILING_HONORIFICS = new Set(['tn', 'ny', 'nn', 'an', 'by', 'sdr', 'sdri']);

/** Titles that may precede a patient's name and are not part of it (hajj, degrees; domain.md §4.3). */
const NAME_TITLES = new Set(['h', 'hj', 'drs', 'dra', 'ir', 'prof', 'kh', 'r', 'rr', 'raden']);
/** Titles that make the person a doctor: a practitioner, never a patient (domain.md §4.3). */
export const DOCTOR_TITLES = new Set(['dr', 'drg']);
/** Lower-case particles inside names (Arabic `bin`/`binti`, Batak `br.` = boru, Dutch-derived). */
const PARTICLES = new Set(['bin', 'binti', 'br', 'boru', 'van', 'der', 'de', 'al', 'el', 'da']);

/**
 * Words that end a name when written right after it on the same line: the next form label
 * (`Nama: BUDI SANTOSO NIK: …`), a sex marker, an age.
 */
const STOP_WORDS = new Set([
  'nik', 'no', 'nomor', 'nomer', 'tgl', 'tanggal', 'umur', 'usia', 'alamat', 'jenis', 'kelamin', 'jk', 'rm', 'mr', 'bpjs', 'telp', 'telepon', 'hp',
  'agama', 'pekerjaan', 'status', 'ttl', 'tempat', 'lahir', 'diagnosa', 'dokter', 'poli', 'kelas', 'tahun', 'thn', 'th', 'laki', 'perempuan',
  'pria', 'wanita', 'male', 'female', 'ruang', 'ruangan', 'kamar', 'bed', 'sex', 'age', 'dob', 'id', 'nrm', 'norm', 'reg', 'kartu', 'peserta', 'faskes',
  'dan', 'yang', 'untuk', 'dengan', 'pada', 'di', 'ke', 'dari', 'adalah', 'ini', 'itu', 'telah', 'sudah', 'akan', 'sebagai', 'oleh', 'atas', 'tersebut',
]);

/**
 * Words that are never the start of a person's name: form words (a blank template, a sentence
 * after a label), officials' titles (news text names officials, not patients), institutions.
 */
export const NOT_A_NAME = new Set([
  'pasien', 'peserta', 'lengkap', 'sesuai', 'ktp', 'kk', 'diisi', 'isi', 'tulis', 'harus', 'wajib', 'tidak', 'belum', 'tanpa', 'nama', 'name', 'null',
  'none', 'nil', 'kosong', 'unknown', 'anonim', 'anonymous', 'test', 'testing', 'dummy', 'contoh', 'example', 'sample', 'xxx', 'the', 'a', 'an', 'of',
  'menteri', 'presiden', 'wakil', 'gubernur', 'bupati', 'walikota', 'wali', 'kepala', 'direktur', 'dirut', 'ketua', 'sekretaris', 'juru', 'jubir',
  'kapolri', 'kapolda', 'kapolres', 'camat', 'lurah', 'anggota', 'pejabat', 'petugas', 'staf', 'staff', 'dokter', 'perawat', 'bidan', 'apoteker',
  'rumah', 'sakit', 'rs', 'rsud', 'rsup', 'rsu', 'puskesmas', 'klinik', 'laboratorium', 'lab', 'pt', 'cv', 'yayasan', 'dinas', 'kementerian',
  'kemenkes', 'bpjs', 'kesehatan', 'indonesia', 'republik', 'provinsi', 'kabupaten', 'kota', 'kecamatan', 'desa', 'kelurahan', 'jalan', 'jl', 'data',
  'laporan', 'hasil', 'surat', 'keterangan', 'pemeriksaan', 'formulir', 'lembar', 'catatan', 'tanda', 'tangan', 'saksi', 'keluarga', 'wali', 'hamil',
  'menyusui', 'negara', 'pertiwi', 'rumah', 'tangga', 'sendiri', 'penanggung', 'jawab', 'pengirim', 'penerima', 'yth', 'kepada', 'bapak', 'ibu',
  'saudara', 'saudari', 'tuan', 'nyonya', 'nona', 'anak', 'bayi', 'tn', 'ny', 'nn', 'an', 'by', 'sdr', 'sdri', 'bpk', 'mengetahui', 'menyetujui', 'ttd',
  'tertanda', 'hormat', 'kami', 'saya', 'kita', 'mereka', 'beliau', 'ia', 'dia',
  // BPJS participant types and classes printed after `Peserta :` (domain.md §2.1).
  'pegawai', 'swasta', 'pbi', 'pns', 'penerima', 'pensiun', 'pekerja', 'mandiri', 'umum', 'tni', 'polri', 'jkn', 'kis', 'aktif', 'kelas', 'bukan',
]);

export interface ReadName {
  start: number;
  end: number;
  /** Upper-case tokens without honorific, titles or suffixes, single-spaced: what is fingerprinted. */
  value: string;
  tokens: number;
  /** Tokens found in the Indonesian name lists (names-id.ts). */
  known: number;
  /** Honorific read before the name, lower-case (`tn`, `by ny`), if any. */
  honorific: string | undefined;
  child: boolean;
  /** A doctor: `dr.`/`drg.` title or an `Sp.` specialist suffix (domain.md §4.3). */
  doctor: boolean;
}

export interface ReadOptions {
  /** Accept lower-case names (a value under a `nama_pasien` column). Default false. */
  lowerCase?: boolean;
  /** Read an honorific at the start. Default true. */
  honorific?: boolean;
  /** Characters that end the value besides line breaks (e.g. `"` in JSON, `^` in HL7). */
  terminators?: string;
}

const isUpper = (c: number) => c >= 65 && c <= 90;
const isLower = (c: number) => c >= 97 && c <= 122;
const isLetter = (c: number) => isUpper(c) || isLower(c);
/** Letters inside a name token beside ASCII letters: apostrophes and hyphens (`Ma'ruf`, `Siti-Aminah`). */
const isNameInner = (c: number) => isLetter(c) || c === 39 || c === 0x2019 || c === 45 || c === 96;

/** Reads one token `[A-Za-z][A-Za-z'-]*` with an optional trailing dot. */
function tokenAt(text: string, pos: number, limit: number): { end: number; word: string; dot: boolean } | undefined {
  if (pos >= limit || !isLetter(text.charCodeAt(pos))) return undefined;
  let end = pos + 1;
  while (end < limit && isNameInner(text.charCodeAt(end))) end++;
  const word = text.slice(pos, end);
  const dot = end < limit && text.charCodeAt(end) === 46;
  return { end: dot ? end + 1 : end, word, dot };
}

/** Skips spaces (not tabs, not line breaks); returns the new position and how many were skipped. */
function spaces(text: string, pos: number, limit: number): number {
  while (pos < limit && text.charCodeAt(pos) === 32) pos++;
  return pos;
}

/** Academic suffix `, S.Kom`, `,BA`, `, M.Kes.`; returns its end, or -1. `Sp.` marks a doctor. */
function suffixAt(text: string, pos: number, limit: number): { end: number; doctor: boolean } | undefined {
  if (text.charCodeAt(pos) !== 44) return undefined; // ','
  let p = spaces(text, pos + 1, limit);
  const start = p;
  let parts = 0;
  let doctor = false;
  // Up to four dotted parts of at most six letters: S.Kom, S.H., A.Md, Sp.PD, M.Kes.
  while (parts < 4 && p < limit && isUpper(text.charCodeAt(p))) {
    let q = p + 1;
    while (q < limit && q - p < 6 && isLetter(text.charCodeAt(q))) q++;
    if (q < limit && isLetter(text.charCodeAt(q))) return undefined; // a long word: the next name, not a degree
    const part = text.slice(p, q).toLowerCase();
    if (parts === 0 && (part === 'sp' || part.startsWith('sp') && part.length <= 5 && isUpper(text.charCodeAt(p + 2)))) doctor = true;
    parts++;
    p = q < limit && text.charCodeAt(q) === 46 ? q + 1 : q;
    if (q === p) break;
  }
  if (parts === 0 || p === start) return undefined;
  return { end: p, doctor };
}

/**
 * Reads a name starting at `pos` (leading spaces skipped). Returns undefined when what is there
 * is not a name: nothing, punctuation (a blank form), a form word, an official's title.
 */
export function readName(text: string, pos: number, options: ReadOptions = {}): ReadName | undefined {
  const limit = Math.min(text.length, pos + MAX_NAME_CHARS + 16);
  const terminators = options.terminators ?? '';
  let p = spaces(text, pos, limit);
  let honorific: string | undefined;
  let child = false;
  let doctor = false;

  // Honorific(s): `By. Ny.`, `Tn.`, `AN `.
  if (options.honorific !== false) {
    for (let i = 0; i < 2; i++) {
      const t = tokenAt(text, p, limit);
      if (!t) break;
      const key = t.word.toLowerCase();
      const h = HONORIFICS[key];
      if (!h) break;
      const next = spaces(text, t.end, limit);
      // The honorific must be followed by a dot or a space and then a capital letter.
      if (!(t.dot || next > t.end) || next >= limit || !isUpper(text.charCodeAt(next))) break;
      // `An` / `By` without a dot only in upper case (`AN BUDI`), never the English `an`.
      if (!t.dot && (key === 'an' || key === 'by') && !(t.word === t.word.toUpperCase())) break;
      honorific = honorific ? `${honorific} ${key}` : key;
      if (h.child) child = true;
      p = next;
    }
  }

  const start = p;
  const words: string[] = [];
  let end = p;
  let known = 0;
  let titles = 0;
  while (words.length < MAX_TOKENS && p < limit) {
    const t = tokenAt(text, p, limit);
    if (!t) break;
    const lower = t.word.toLowerCase();
    const first = t.word.charCodeAt(0);
    if (PARTICLES.has(lower) && words.length === 0) break;
    if (words.length === 0 && titles === 0 && DOCTOR_TITLES.has(lower) && (t.dot || isUpper(text.charCodeAt(spaces(text, t.end, limit))))) {
      doctor = true;
    }
    if (NAME_TITLES.has(lower) && t.dot && words.length === 0) {
      titles++;
      p = spaces(text, t.end, limit);
      end = t.end;
      continue;
    }
    if (doctor && words.length === 0 && titles === 0 && DOCTOR_TITLES.has(lower)) {
      titles++;
      p = spaces(text, t.end, limit);
      end = t.end;
      continue;
    }
    // A label word after the name ends it; as the first word it means there is no name here.
    if (STOP_WORDS.has(lower)) break;
    if (PARTICLES.has(lower) && words.length > 0) {
      // `bin`, `binti`, `br.` continue a name only when a capitalized token follows.
      const after = spaces(text, t.end, limit);
      const next = text.charCodeAt(after);
      if (after === t.end || !(isUpper(next) || (options.lowerCase && isLower(next)))) break;
      words.push(lower);
      p = after;
      end = t.end;
      continue;
    }
    if (!isUpper(first) && !(options.lowerCase && isLower(first))) break;
    // Single letters only as initials with a dot (`M. Yusuf`), or upper-case in an all-caps name.
    if (t.word.length === 1 && !t.dot) {
      const after = spaces(text, t.end, limit);
      if (after === t.end || !isLetter(text.charCodeAt(after))) break;
    }
    words.push(t.word);
    if (isKnownLowerName(lower)) known++;
    end = t.dot && t.word.length > 1 && !isInitialDot(t.word) ? t.end - 1 : t.end;
    // Next: one space and another token, or a suffix after a comma, or the end.
    const after = t.end;
    const suffix = suffixAt(text, after, limit);
    if (suffix) {
      if (suffix.doctor) doctor = true;
      end = suffix.end;
      // A degree may be followed by `Sp.xx` after another comma (`dr. A, M.Kes, Sp.PD`).
      let more = suffixAt(text, suffix.end, limit);
      while (more) {
        if (more.doctor) doctor = true;
        end = more.end;
        more = suffixAt(text, more.end, limit);
      }
      break;
    }
    if (after < limit && text.charCodeAt(after) !== 32) break;
    const next = after + 1;
    // Two spaces or more end the name (columns in fixed-width printouts).
    if (next >= limit || text.charCodeAt(next) === 32) break;
    // A specialist suffix without a comma: `Andi Wijaya Sp.PD`.
    if (isSpecialistAt(text, next)) {
      doctor = true;
      break;
    }
    p = next;
  }
  // A trailing title from a name's components (DICOM `KARTIKA^YULIA^^DR`): a doctor.
  if (words.length > 1 && DOCTOR_TITLES.has(words[words.length - 1]!.replace(/\.$/, '').toLowerCase())) {
    words.pop();
    doctor = true;
  }
  // A trailing honorific: HL7 `SANTOSO^BUDI^^^TN` joined as `SANTOSO BUDI TN`, or `BUDI SANTOSO TN`.
  if (words.length > 1) {
    const lastWord = words[words.length - 1]!;
    const h = HONORIFICS[lastWord.replace(/\.$/, '').toLowerCase()];
    if (h && TRAILING_HONORIFICS.has(lastWord.replace(/\.$/, '').toLowerCase()) && lastWord === lastWord.toUpperCase()) {
      words.pop();
      honorific ??= lastWord.replace(/\.$/, '').toLowerCase();
      if (h.child) child = true;
    }
  }
  if (!words.length) return undefined;
  // The value must end where the text does: at a line break, a separator, or a terminator.
  const tail = text.charCodeAt(end);
  if (end < text.length && !(tail === 10 || tail === 13 || tail === 9 || tail === 32 || tail === 44 || tail === 59 || tail === 124 || tail === 40 || tail === 41 || tail === 46 || tail === 47 || tail === 58 || terminators.includes(text[end]!))) {
    return undefined;
  }
  const firstWord = words[0]!.toLowerCase();
  if (NOT_A_NAME.has(firstWord)) return undefined;
  let letters = 0;
  for (const w of words) for (let i = 0; i < w.length; i++) if (isLetter(w.charCodeAt(i))) letters++;
  if (letters < 2 || words.every((w) => w.length === 1)) return undefined;
  const value = words.map((w) => (w.endsWith('.') ? w.slice(0, -1) : w).toUpperCase()).join(' ');
  return { start, end, value, tokens: words.length, known, honorific, child, doctor };
}

/** `Sp.PD`, `SpA`: a specialist suffix written without a comma. */
function isSpecialistAt(text: string, at: number): boolean {
  if (text.charCodeAt(at) !== 83 || text.charCodeAt(at + 1) !== 112) return false; // 'S', 'p'
  const next = text.charCodeAt(at + 2);
  return isUpper(next) || (next === 46 && isUpper(text.charCodeAt(at + 3)));
}

function isInitialDot(word: string): boolean {
  return word.length === 1;
}

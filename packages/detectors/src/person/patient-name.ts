import { compactKeyword, keywordSet, type CandidateDetector, type DetectView, type DetectorMatch } from '@saring/core';
import { CONTEXT_WINDOW_CHARS, SCORE, clamp } from '../score.js';
import { HONORIFICS, NOT_A_NAME, readName, type ReadName } from './name-reader.js';
import { isKnownName } from './names-id.js';
import { forEachLabelledCell } from '../cells.js';

/** Form labels in front of a patient's (or a family member's) name (domain.md §2.6, §2.7, §5, §6, §7.5). */
const NAME_LABELS = [
  'nama', 'nama pasien', 'nama peserta', 'nama lengkap', 'nama penderita', 'nama kepala keluarga', 'nama ibu', 'nama ibu kandung', 'nama ayah',
  'nama suami', 'nama istri', 'nama anak', 'nama bayi', 'nama p.j.', 'nama pj', 'nama penanggung jawab', 'nama keluarga', 'nama wali',
  'nm pasien', 'nm peserta', 'nm ibu', 'nama_pasien', 'nm_pasien', 'patient name', 'patientname', 'nama lengkap pasien', 'pasien', 'peserta',
  'atas nama', 'full name', 'nama klien',
];
/** Labels whose person is a child (domain.md §9.1 `PDP_SPESIFIK_ANAK`). */
const CHILD_LABELS = new Set(['namaanak', 'namabayi']);
/** Labels that say outright that a name follows: a lower-case value after them is a name too (`nama pasien : siti aminah`). */
const STRONG_LABELS = new Set(['namapasien', 'namapeserta', 'namalengkap', 'patientname', 'nmpasien', 'namapenderita', 'namalengkappasien', 'namaibukandung']);
/** A label that needs no separator before the name: `Atas nama BUDI SANTOSO`. */
const INLINE_LABELS = new Set(['atasnama']);
/** Honorifics that are also ordinary words (`Ibu Kota`, `bapak-bapak`): only with patient context nearby. */
const WEAK_HONORIFICS = new Set(['ibu', 'bapak', 'bpk', 'tuan', 'nyonya', 'nona', 'anak', 'bayi']);

/** Words near a name that say it is a patient's (for the weak honorifics `Ibu`, `Bapak`). */
const PATIENT_CONTEXT = keywordSet([
  'pasien', 'no rm', 'no. rm', 'rekam medis', 'diagnosa', 'dirawat', 'rawat inap', 'rawat jalan', 'keluhan', 'poli', 'bpjs', 'nik', 'tgl lahir',
  'umur', 'isolasi', 'swab', 'hasil pemeriksaan', 'rujukan', 'sep', 'ruang rawat', 'kamar',
]);

const LABELS = keywordSet([...NAME_LABELS, ...Object.keys(HONORIFICS), 'by ny', 'by. ny', 'pid', 'name']);

/** What may sit between a label and its value: `(sesuai KTP)`, quotes, then `:`/`=`/tab/`|`. Bounded, linear. */
const LABEL_TAIL = /[ \t]*(?:\([^()\n]{0,30}\)[ \t]*)?(?:["'][ \t]*)?(?:[:=|][ \t]*|\t[ \t]*)(?:["'][ \t]*)?/y;
const INLINE_TAIL = /[ \t]*[:=]?[ \t]*/y;

/**
 * Column headers, JSON key paths (`name text`, `peserta nama`), HL7 field labels (`patient name
 * nama pasien`) and DICOM labels (`PatientName (patient name, nama pasien)`) that hold a
 * patient's or a family member's name. Matched as words in the label (humanized, lower-case).
 */
const NAME_FIELD_WORDS = keywordSet([
  'nama', 'name', 'nama pasien', 'nm pasien', 'nama peserta', 'nm peserta', 'nama lengkap', 'patient name', 'patientname', 'patients name',
  'nama ibu', 'nama ibu kandung', 'nm ibu', 'nama ayah', 'nama kk', 'nama kepala keluarga', 'full name', 'fullname', 'nama penderita', 'nama anak',
  'nama bayi', 'mother maiden name', 'mother name', 'next of kin name', 'name of insured', 'nama klien', 'atas nama', 'pasien', 'peserta',
  'peserta nama', 'pasien nama', 'name text',
]);
/**
 * FHIR HumanName `text` (SATUSEHAT keeps the whole name there, domain.md §3): a Patient's unless
 * the resource is a Practitioner or an Organization. `given`/`family` repeat parts of it and
 * would count one person twice, so they are not read.
 */
const FHIR_FIELD_WORDS = new Set(['name text']);
/** Words in a label that make the name someone else's (a doctor, an institution, a drug). */
const OTHER_NAME_FIELD = keywordSet([
  'dokter', 'doctor', 'physician', 'practitioner', 'dpjp', 'operator', 'radiografer', 'perawat', 'petugas', 'faskes', 'institution', 'organization',
  'organisasi', 'rumah sakit', 'rs', 'poli', 'provider', 'ppk', 'obat', 'drug', 'medication', 'kamar', 'ruang', 'kelas', 'jenis', 'file', 'device',
  'perusahaan', 'company', 'instansi', 'bank', 'kota', 'kabupaten', 'provinsi', 'kecamatan', 'kelurahan', 'desa', 'propinsi', 'prov', 'kab', 'kec',
  'kel', 'lab', 'pemeriksaan', 'tindakan', 'diagnosa', 'penyakit', 'asuransi', 'plan', 'code', 'display', 'system', 'unit', 'sub', 'spesialis',
  'use', 'prefix', 'suffix', 'period', 'given', 'family', 'sheet', 'workbook', 'author', 'creator', 'title', 'template', 'table', 'tabel',
]);
const CHILD_FIELD_WORDS = new Set(['nama anak', 'nama bayi']);
/** Generic labels (`name`, `nama`) where a value still needs a name-list word: `name` is also an organization's. */
const GENERIC_FIELD_WORDS = new Set(['name', 'nama', 'pasien', 'peserta']);

/** Medical and office words in file names: never part of a name (`BUDI_SANTOSO_thorax.pdf`). */
const FILE_NAME_WORDS = new Set([
  'thorax', 'toraks', 'rontgen', 'foto', 'lab', 'hasil', 'scan', 'ct', 'mri', 'usg', 'ekg', 'ecg', 'swab', 'pcr', 'antigen', 'rapid', 'sep', 'rujukan',
  'surat', 'data', 'pasien', 'laporan', 'rekap', 'final', 'copy', 'scan', 'img', 'dokumen', 'berkas', 'resume', 'medis', 'rm', 'sehat', 'sakit',
  'keterangan', 'radiologi', 'covid', 'isolasi', 'transfer', 'export', 'backup', 'bpjs', 'ktp', 'kk',
]);
/** Gazetteer names that are also everyday words: not enough alone to call a file name a person's. */
const WORD_LIKE_NAMES = new Set([
  'jaya', 'utama', 'prima', 'putra', 'putri', 'mulya', 'sari', 'indah', 'intan', 'bagus', 'cinta', 'kenari', 'lembah', 'paris', 'queen', 'emas', 'surya',
  'tirta', 'karya', 'mitra', 'perkasa', 'pangeran', 'raden', 'galak', 'garang', 'kala', 'lega', 'gading', 'gara', 'jati', 'tri', 'dwi', 'eka', 'panca',
  'catur', 'sabar', 'mujur', 'luwes', 'among', 'purnama', 'permata', 'pertiwi', 'mandala', 'wacana', 'lestari', 'kusuma', 'mustika', 'nova', 'vega',
  'rosa', 'juli', 'restu', 'gadis', 'ayu', 'damar', 'dadi', 'manah', 'nalar', 'laksana', 'makara', 'rama', 'sakura', 'violet', 'aurora', 'janet',
  'nada', 'puji', 'suci', 'tari', 'nur', 'nanda', 'ananda', 'perdana', 'pratama', 'ramadan', 'januar', 'satria', 'hakim', 'saka', 'sakti', 'jaga',
]);

/** `Nama Dokter`, `Nama Faskes` …: the word after `Nama` says whose name it is not. */
const NOT_PATIENT_AFTER_NAMA = /^[ \t]*(?:dokter|dpjp|faskes|rs|rumah|klinik|puskesmas|perusahaan|instansi|obat|pemeriksaan|tindakan|poli|ruang|kamar|petugas|perawat|bidan|lab|file|dokumen|kota|kabupaten|desa|jalan|bank)\b/iy;

function match(read: ReadName, score: number, pattern: string, context: string[], child: boolean): DetectorMatch {
  return {
    start: read.start,
    end: read.end,
    value: read.value,
    score: clamp(score + (read.known > 0 ? SCORE.NAME_IN_GAZETTEER : 0)),
    explanation: {
      pattern,
      validation: read.known > 0 ? 'valid' : 'unchecked',
      validationNote: read.known > 0 ? `${read.known} of ${read.tokens} words in the Indonesian name lists` : `${read.tokens} word(s), not in the name lists`,
      context,
      ...(read.honorific ? { notes: [`honorific ${read.honorific}`] } : {}),
    },
    ...(child || read.child ? { child: true as const } : {}),
  };
}

/** HL7 v2 `PID|…` segment: field 5 is the patient name, `FAMILY^GIVEN^MIDDLE^SUFFIX^PREFIX`. */
function hl7Name(text: string, labelStart: number, labelEnd: number): DetectorMatch | undefined {
  const before = labelStart === 0 ? 10 : text.charCodeAt(labelStart - 1);
  if ((before !== 10 && before !== 13) || text.charCodeAt(labelEnd) !== 124) return undefined;
  let p = labelEnd;
  let pipes = 0;
  const limit = Math.min(text.length, labelEnd + 2000);
  while (p < limit && pipes < 5) {
    const c = text.charCodeAt(p);
    if (c === 10 || c === 13) return undefined;
    if (c === 124) pipes++;
    p++;
  }
  if (pipes < 5) return undefined;
  let end = p;
  while (end < limit && !'|~\r\n'.includes(text[end]!)) end++;
  return componentName(text, p, end, 'hl7-pid-5', ['PID-5']);
}

/** A name written in components (`SANTOSO^BUDI^^^TN`, DICOM `SANTOSO^BUDI`), read as `BUDI SANTOSO`. */
function componentName(text: string, start: number, end: number, pattern: string, context: string[]): DetectorMatch | undefined {
  const raw = text.slice(start, end);
  if (!raw.includes('^')) {
    const read = readName(text, start, { lowerCase: true, terminators: '"|' });
    return read && !read.doctor && read.end <= end ? match(read, SCORE.LABELLED_VALUE, pattern, context, false) : undefined;
  }
  const [family = '', given = '', middle = '', , prefix = ''] = raw.split('^');
  const composed = [given, middle, family].map((s) => s.trim()).filter(Boolean).join(' ');
  const read = readName(composed, 0, { lowerCase: true });
  if (!read || read.doctor || read.end < composed.length) return undefined;
  const p = compactKeyword(prefix);
  const child = read.child || HONORIFICS[p]?.child === true;
  const trimmedStart = start + (raw.length - raw.trimStart().length);
  return match({ ...read, start: trimmedStart, end: start + raw.trimEnd().length }, SCORE.LABELLED_VALUE, pattern, context, child);
}

/** FHIR `"name": [{"text": "…"}]` inside a Patient resource (domain.md §3: SATUSEHAT keeps one `name.text`). */
function fhirName(text: string, labelStart: number, labelEnd: number): DetectorMatch | undefined {
  if (text.charCodeAt(labelStart - 1) !== 34) return undefined; // "name"
  const window = text.slice(labelEnd, Math.min(text.length, labelEnd + 400));
  const m = /^"\s*:\s*\[\s*\{[^\]]{0,300}?"(text|family)"\s*:\s*"([^"\\\n]{1,100})"/.exec(window);
  if (!m) return undefined;
  const type = resourceTypeBefore(text, labelStart);
  if (type !== 'Patient' && type !== 'RelatedPerson') return undefined;
  const valueStart = labelEnd + m.index + m[0].length - 1 - m[2]!.length;
  const read = readName(text, valueStart, { lowerCase: true, terminators: '"' });
  if (!read || read.doctor) return undefined;
  return match(read, SCORE.LABELLED_VALUE, 'fhir-patient-name', [`${type}.name.${m[1]}`], false);
}

/** The `resourceType` of the FHIR resource a position is in (nearest one before it). */
function resourceTypeBefore(text: string, pos: number): string | undefined {
  const from = Math.max(0, pos - 4000);
  const at = text.lastIndexOf('"resourceType"', pos);
  if (at < from) return undefined;
  return /^"resourceType"\s*:\s*"([A-Za-z]+)"/.exec(text.slice(at, at + 60))?.[1];
}

/** Names in file names: `BUDI_SANTOSO_thorax.pdf`, `Tn_Budi_lab.pdf`. Two name-list words at least, or an honorific. */
function fileNameMatches(text: string): DetectorMatch[] {
  const out: DetectorMatch[] = [];
  const stem = text.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  const tokens = [...stem.matchAll(/[A-Za-z]+/g)];
  let i = 0;
  while (i < tokens.length) {
    let j = i;
    let honorific: string | undefined;
    const first = tokens[i]![0].toLowerCase();
    if (HONORIFICS[first] && !WEAK_HONORIFICS.has(first) && i + 1 < tokens.length) {
      honorific = first;
      j = i + 1;
    }
    const startToken = j;
    let known = 0;
    let strong = 0;
    while (j < tokens.length && j - startToken < 4) {
      const word = tokens[j]![0];
      const lower = word.toLowerCase();
      if (word.length < 3 || FILE_NAME_WORDS.has(lower) || NOT_A_NAME.has(lower)) break;
      if (!isKnownName(word) && !honorific) break;
      if (isKnownName(word)) {
        known++;
        if (!WORD_LIKE_NAMES.has(lower)) strong++;
      }
      j++;
    }
    const count = j - startToken;
    if (count >= 1 && ((honorific && count >= 1) || (count >= 2 && strong >= 1 && known >= 2))) {
      const start = tokens[startToken]!.index!;
      const last = tokens[j - 1]!;
      const end = last.index! + last[0].length;
      const words = tokens.slice(startToken, j).map((t) => t[0].toUpperCase());
      out.push({
        start,
        end,
        value: words.join(' '),
        score: honorific ? SCORE.NAME_IN_FILE_NAME + SCORE.NAME_IN_GAZETTEER : SCORE.NAME_IN_FILE_NAME,
        explanation: {
          pattern: honorific ? 'file-name-honorific' : 'file-name-known-names',
          validation: known ? 'valid' : 'unchecked',
          validationNote: `${known} of ${count} words in the Indonesian name lists`,
          context: honorific ? [`honorific ${honorific}`] : [],
        },
        ...(honorific && HONORIFICS[honorific]?.child ? { child: true as const } : {}),
      });
      i = j;
      continue;
    }
    i = Math.max(i + 1, j);
  }
  return out;
}

type FieldKind = 'patient' | 'generic' | 'fhir' | 'child' | 'none';
const fieldKinds = new Map<string, FieldKind>();
function fieldKind(label: string): FieldKind {
  let kind = fieldKinds.get(label);
  if (kind === undefined) {
    const words = label.replace(/[_.\-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2');
    const found = NAME_FIELD_WORDS.matchLabel(words);
    if (!found.length || OTHER_NAME_FIELD.matchLabel(words).length) kind = 'none';
    else if (found.some((w) => CHILD_FIELD_WORDS.has(w))) kind = 'child';
    else if (found.some((w) => FHIR_FIELD_WORDS.has(w))) kind = 'fhir';
    else kind = found.every((w) => GENERIC_FIELD_WORDS.has(w)) ? 'generic' : 'patient';
    if (fieldKinds.size < 10_000) fieldKinds.set(label, kind);
  }
  return kind;
}

/** FHIR: is the `name` at `pos` a Patient's? The nearest resource type before it decides (JSON values are one per line). */
function isPractitionerResource(text: string, pos: number): boolean {
  const from = Math.max(0, pos - 4000);
  const practitioner = text.lastIndexOf('Practitioner', pos);
  const organization = text.lastIndexOf('Organization', pos);
  const patient = Math.max(text.lastIndexOf('Patient', pos), text.lastIndexOf('RelatedPerson', pos));
  const other = Math.max(practitioner, organization);
  return other >= from && other > patient;
}

/** Nothing but spaces after a name up to the next delimiter or line break. */
const FILLS_CELL = /^[ ]*(?:[\t,;|"\r\n]|$)/;

/** The kind of a name column, or undefined for other columns. */
function nameFieldKind(label: string): Exclude<FieldKind, 'none'> | undefined {
  const kind = fieldKind(label);
  return kind === 'none' ? undefined : kind;
}

/**
 * Patient names (domain.md §5): after form labels (`Nama Pasien :`, `Nama Peserta`, `Atas nama`),
 * after hospital honorifics (`Tn.`, `Ny.`, `An.`, `By. Ny.`), in columns and keys named for
 * them (`nama_pasien`, `nm_pasien`), HL7 PID-5, FHIR Patient.name, DICOM PatientName, and in file
 * names made of known Indonesian names. Doctors (`dr.`, `Sp.xx`) are never patients; news text
 * about officials is not read as patients.
 */
export const patientName: CandidateDetector = {
  id: 'patient-name',
  meta: {
    entity: 'Patient name',
    category: 'umum',
    severity: 'medium',
    description: 'Names of patients and their family members after form labels, honorifics (Tn., Ny., An., By. Ny.), in name columns, HL7 PID-5, FHIR Patient.name, DICOM PatientName and file names.',
    reference: 'domain.md §5, §2.6, §2.7; UU 27/2022 Art. 4(3)(a)',
    identifiesPerson: true,
  },
  triggers: { labels: LABELS },
  keywords: PATIENT_CONTEXT,
  detect(candidate, view) {
    const text = view.text;
    const key = compactKeyword(candidate.keyword);
    if (key === 'pid') return hl7Name(text, candidate.start, candidate.end);
    if (key === 'name') return fhirName(text, candidate.start, candidate.end);
    const honorific = HONORIFICS[key] ?? (key === 'byny' ? HONORIFICS.by : undefined);
    if (honorific) {
      // The honorific itself is read by readName from its start, so `By. Ny.` and `AN` rules apply once.
      const read = readName(text, candidate.start);
      if (!read || !read.honorific || read.doctor) return undefined;
      const weak = WEAK_HONORIFICS.has(read.honorific.split(' ')[0]!);
      let context: string[] = [];
      if (weak) {
        context = view.contextWords(PATIENT_CONTEXT, read.start, read.end, CONTEXT_WINDOW_CHARS);
        if (!context.length) return undefined;
      }
      // A lone unknown word after an honorific could be anything (`Ny. Besar`): only with the name lists or more words.
      if (read.tokens === 1 && read.known === 0 && !read.child) return undefined;
      return match(read, weak ? SCORE.NAME_AFTER_WEAK_HONORIFIC : SCORE.NAME_AFTER_HONORIFIC, 'honorific-name', context, false);
    }
    // A form label.
    if (key === 'nama') {
      NOT_PATIENT_AFTER_NAMA.lastIndex = candidate.end;
      if (NOT_PATIENT_AFTER_NAMA.test(text)) return undefined;
    }
    const tail = INLINE_LABELS.has(key) ? INLINE_TAIL : LABEL_TAIL;
    tail.lastIndex = candidate.end;
    const sep = tail.exec(text);
    if (!sep) return undefined;
    const read = readName(text, candidate.end + sep[0].length, { terminators: '"\'', lowerCase: STRONG_LABELS.has(key) });
    if (!read || read.doctor) return undefined;
    // `Pasien: Tn. BUDI` is fine; `Peserta: PBI (APBN)` or `Pasien: Umum` is not a name: the bare
    // `pasien`/`peserta` labels need a name-list word or two words.
    if ((key === 'pasien' || key === 'peserta') && read.known === 0 && !read.honorific) return undefined;
    if (INLINE_LABELS.has(key) && read.tokens < 2 && read.known === 0) return undefined;
    return match(read, SCORE.LABELLED_VALUE, 'labelled-name', [candidate.keyword], CHILD_LABELS.has(key));
  },
  scanFields(view: DetectView) {
    const text = view.text;
    const context = view.context;
    if (context?.source === 'file-name') return fileNameMatches(text);
    const out: DetectorMatch[] = [];
    if (!context?.fields) {
      // A whole segment under one label: DICOM PatientName, HL7 PID-5, a form field.
      const label = context?.label;
      if (label === undefined) return out;
      const kind = fieldKind(label);
      if (kind === 'none') return out;
      if ((kind === 'generic' || kind === 'fhir') && isPractitionerResource(text, 0)) return out;
      const start = text.length - text.trimStart().length;
      const found = componentName(text, start, text.trimEnd().length, 'name-field', [label]);
      // A generic `name` label (a sheet's, a device's) needs a word from the name lists, as in tables.
      if (found && kind === 'generic' && found.explanation.validation !== 'valid') return out;
      if (found) out.push(kind === 'child' ? { ...found, child: true } : found);
      return out;
    }
    // Table cells and labelled values under a name column or key. One pass; labels are cached.
    forEachLabelledCell(view, nameFieldKind, (start, _end, label, kind) => {
      const read = readName(text, start, { lowerCase: true, terminators: '"' });
      if (!read || read.doctor) return;
      // The name must fill its cell: nothing but spaces up to the next delimiter or line break.
      if (!FILLS_CELL.test(text.slice(read.end, read.end + 64))) return;
      if (kind === 'generic' && (read.known === 0 || isPractitionerResource(text, start))) return;
      if (kind === 'fhir' && isPractitionerResource(text, start)) return;
      out.push(match(read, SCORE.LABELLED_VALUE, 'name-field', [`field ${label}`], kind === 'child'));
      return read.end;
    });
    return out;
  },
  /** Initials only: `BUDI SANTOSO` → `B*** S******`. */
  mask(value) {
    return value.replace(/[A-Za-z]+/g, (w) => w[0] + '*'.repeat(w.length - 1));
  },
  examples: {
    positive: [
      'Nama Pasien : BUDI SANTOSO',
      'Nama Peserta: SITI AMINAH, S.Pd',
      'Pasien Tn. Joko Widagdo datang dengan keluhan demam',
      'Nama : I Gede Made Wirawan',
      'Nama : By. Ny. RAHAYU',
      'Nama Lengkap: Ahmad bin Abdullah',
      'Nama Ibu Kandung : Sri Wahyuni',
      'Nama Pasien: MARGARETHA BR. SIMANJUNTAK',
      'PID|1||123456^^^RS||SANTOSO^BUDI^^^TN||19800101|M',
      'Atas nama HUTAGALUNG RAMOS',
    ],
    negative: [
      'Nama Pasien : ....................',
      'Nama Pasien :',
      'Nama pasien harus ditulis sesuai KTP.',
      'Menteri Kesehatan Budi Gunadi Sadikin meninjau rumah sakit.',
      'Nama Dokter : dr. Andi Wijaya, Sp.PD',
      'Nama : dr. Andi Wijaya, Sp.PD',
      'This is an Apple.',
      'Ibu Kota Nusantara dibangun di Kalimantan.',
      'Peserta : PBI (APBN)',
    ],
  },
};

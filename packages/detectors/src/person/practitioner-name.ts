import { compactKeyword, keywordSet, type CandidateDetector, type DetectView, type DetectorMatch } from '@saring/core';
import { SCORE, clamp } from '../score.js';
import { forEachLabelledCell } from '../cells.js';
import { readName, type ReadName } from './name-reader.js';

/** Labels in front of a doctor's name on SEPs, lab and radiology reports, letters (domain.md §2.6, §4.3, §6, §7). */
const DOCTOR_LABELS = [
  'dokter', 'nama dokter', 'dpjp', 'dokter dpjp', 'dokter pemeriksa', 'pemeriksa', 'dokter perujuk', 'dokter pengirim', 'dokter penanggung jawab',
  'dokter yang merujuk', 'dokter spesialis radiologi', 'radiolog', 'penanggung jawab lab', 'penanggungjawab', 'referring physician', 'physician',
  'dokter jaga', 'dokter konsulen',
];
/** `dr.` and `drg.` in front of a name: the title itself triggers (domain.md §4.3). */
const TITLES = ['dr', 'drg'];
const LABELS = keywordSet([...DOCTOR_LABELS, ...TITLES]);
const TITLE_KEYS = new Set(TITLES);

const LABEL_TAIL = /[ \t]*(?:["'][ \t]*)?(?:[:=|][ \t]*|\t[ \t]*)(?:["'][ \t]*)?/y;

/** Headers, keys, HL7 fields and DICOM labels that hold a doctor's name. */
const DOCTOR_FIELDS = keywordSet([
  'dokter', 'nama dokter', 'nm dokter', 'dpjp', 'referring physician', 'physician', 'practitioner name', 'attending doctor', 'referring doctor',
  'consulting doctor', 'admitting doctor', 'dokter perujuk', 'dokter pengirim', 'dokter radiologi',
]);

function result(read: ReadName, pattern: string, context: string[]): DetectorMatch {
  return {
    start: read.start,
    end: read.end,
    value: read.value,
    score: clamp(SCORE.PRACTITIONER_NAME),
    explanation: { pattern, validation: read.doctor ? 'valid' : 'unchecked', validationNote: read.doctor ? 'doctor title or specialist suffix' : 'doctor label', context },
  };
}

/** A doctor column or key: `dokter`, `dpjp`, `dokter_pemeriksa`. */
function isDoctorField(label: string): true | undefined {
  return DOCTOR_FIELDS.matchLabel(label).length > 0 ? true : undefined;
}

/**
 * Doctors' names (domain.md §4.3): after `dr.`/`drg.`, with `Sp.xx` suffixes, or after labels
 * such as `Dokter`, `DPJP`, `Pemeriksa`. Never a patient: reported at low severity so a
 * letterhead is not a patient record, and a doctor's name never counts as a person the file
 * is about.
 */
export const practitionerName: CandidateDetector = {
  id: 'practitioner-name',
  meta: {
    entity: 'Practitioner name',
    category: 'umum',
    severity: 'low',
    description: "Doctors' names (dr., drg., Sp.xx suffixes, Dokter/DPJP/Pemeriksa labels): personal data of staff, not of patients.",
    reference: 'domain.md §4.3',
    identifiesPerson: false,
  },
  triggers: { labels: LABELS },
  detect(candidate, view) {
    // In a doctor column the column reader (`scanFields`) reports the name: read it once.
    const label = view.context?.fields ? view.fieldLabel(candidate.start) : undefined;
    if (label !== undefined && isDoctorField(label)) return undefined;
    const text = view.text;
    const key = compactKeyword(candidate.keyword);
    if (TITLE_KEYS.has(key)) {
      // `dr. Andi Wijaya, Sp.PD`: the title must be lower-case `dr`/`drg` (or `Dr.` with a dot) and followed by a name.
      const written = text.slice(candidate.start, candidate.end);
      if (written !== written.toLowerCase() && text.charCodeAt(candidate.end) !== 46) return undefined;
      const read = readName(text, candidate.start, { honorific: false });
      if (!read || !read.doctor) return undefined;
      return result(read, 'doctor-title', [written]);
    }
    LABEL_TAIL.lastIndex = candidate.end;
    const sep = LABEL_TAIL.exec(text);
    if (!sep) return undefined;
    const read = readName(text, candidate.end + sep[0].length, { honorific: false, terminators: '"\'' });
    if (!read) return undefined;
    return result(read, 'doctor-label', [candidate.keyword]);
  },
  scanFields(view: DetectView) {
    const out: DetectorMatch[] = [];
    const context = view.context;
    if (!context || context.source === 'file-name') return out;
    const text = view.text;
    if (!context.fields) {
      if (context.label === undefined || !DOCTOR_FIELDS.matchLabel(context.label.replace(/[_.]+/g, ' ')).length) return out;
      const read = readName(text.replace(/\^/g, ' '), text.length - text.trimStart().length, { honorific: false, lowerCase: true });
      if (read) out.push(result(read, 'doctor-field', [context.label]));
      return out;
    }
    forEachLabelledCell(view, isDoctorField, (start, _end, label) => {
      const read = readName(text, start, { honorific: false, lowerCase: true, terminators: '"' });
      if (read) out.push(result(read, 'doctor-field', [`field ${label}`]));
    });
    return out;
  },
  mask(value) {
    return value.replace(/[A-Za-z]+/g, (w) => w[0] + '*'.repeat(w.length - 1));
  },
  examples: {
    positive: ['Dokter Pemeriksa : dr. Andi Wijaya, Sp.PD', 'DPJP: dr. Rina Kusuma, Sp.A', 'Hormat kami,\ndrg. Siti Rahma'],
    negative: ['Dokter : ..........', 'Tanda tangan dokter', 'Pasien : Tn. BUDI SANTOSO', 'DR CONGO'],
  },
};

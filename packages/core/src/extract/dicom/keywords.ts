import { BASIC_PROFILE } from './profile.js';
import { SEQUENCE_KEYWORDS } from './sequences.js';

/** What Saring knows about one attribute: its keyword, VR and Basic Profile action (if listed). */
export interface AttributeInfo {
  keyword: string;
  vr: string;
  /** PS3.15 Table E.1-1 action; undefined for attributes outside the Basic Profile. */
  action?: string;
}

/**
 * Attributes outside the Basic Profile that Saring reads: character set, de-identification
 * markers, burned-in flags and the image description that `pixels.ts` needs (PS3.6 keywords/VRs;
 * ../shared/domain.md §10.3). Keyed like dicom-parser's element names, without the `x`.
 */
const EXTRA: Readonly<Record<string, readonly [keyword: string, vr: string]>> = {
  '00020010': ['TransferSyntaxUID', 'UI'],
  '00041220': ['DirectoryRecordSequence', 'SQ'],
  '00041430': ['DirectoryRecordType', 'CS'],
  '00080005': ['SpecificCharacterSet', 'CS'],
  '00080008': ['ImageType', 'CS'],
  '00080016': ['SOPClassUID', 'UI'],
  '00080060': ['Modality', 'CS'],
  '00120062': ['PatientIdentityRemoved', 'CS'],
  '00120063': ['DeidentificationMethod', 'LO'],
  '00120064': ['DeidentificationMethodCodeSequence', 'SQ'],
  '00280002': ['SamplesPerPixel', 'US'],
  '00280004': ['PhotometricInterpretation', 'CS'],
  '00280006': ['PlanarConfiguration', 'US'],
  '00280008': ['NumberOfFrames', 'IS'],
  '00280010': ['Rows', 'US'],
  '00280011': ['Columns', 'US'],
  '00280100': ['BitsAllocated', 'US'],
  '00280101': ['BitsStored', 'US'],
  '00280102': ['HighBit', 'US'],
  '00280103': ['PixelRepresentation', 'US'],
  '00280301': ['BurnedInAnnotation', 'CS'],
  '00280302': ['RecognizableVisualFeatures', 'CS'],
  '00281050': ['WindowCenter', 'DS'],
  '00281051': ['WindowWidth', 'DS'],
  '00281052': ['RescaleIntercept', 'DS'],
  '00281053': ['RescaleSlope', 'DS'],
  '0040a160': ['TextValue', 'UT'],
  '7fe00010': ['PixelData', 'OW'],
};

interface AttributeTables {
  byTag: Map<string, AttributeInfo>;
  repeating: { group: number; element: number | undefined; info: AttributeInfo }[];
}
let tables: AttributeTables | undefined;

/** The lookup tables, built with the first DICOM file rather than at every start-up (some 1,800 rows). */
function attributeTables(): AttributeTables {
  if (tables) return tables;
  const byTag = new Map<string, AttributeInfo>();
  const repeating: AttributeTables['repeating'] = [];
  for (const [tag, keyword, vr, action] of BASIC_PROFILE) {
    if (tag.includes('xx')) {
      // 50xx,xxxx Curve Data; 60xx,3000 / 60xx,4000 overlays: even groups gg00–gg1E (PS3.5 §7.6).
      repeating.push({ group: parseInt(tag.slice(0, 2), 16) << 8, element: tag.endsWith('xxxx') ? undefined : parseInt(tag.slice(4), 16), info: { keyword, vr, action } });
    } else byTag.set(tag, { keyword, vr, action });
  }
  for (const [tag, [keyword, vr]] of Object.entries(EXTRA)) if (!byTag.has(tag)) byTag.set(tag, { keyword, vr });
  for (const line of SEQUENCE_KEYWORDS.split('\n')) {
    const space = line.indexOf(' ');
    if (space === 8 && !byTag.has(line.slice(0, 8))) byTag.set(line.slice(0, 8), { keyword: line.slice(9), vr: 'SQ' });
  }
  return (tables = { byTag, repeating });
}

/** Looks up an attribute by its 8 hex digits (`00100010`, lower case). */
export function attributeInfo(tag: string): AttributeInfo | undefined {
  const { byTag, repeating } = attributeTables();
  const known = byTag.get(tag);
  if (known) return known;
  const group = parseInt(tag.slice(0, 4), 16);
  if ((group & 0xff00) !== 0x5000 && (group & 0xff00) !== 0x6000) return undefined;
  if ((group & 1) === 1 || (group & 0xff) > 0x1e) return undefined;
  const element = parseInt(tag.slice(4), 16);
  for (const r of repeating) if (r.group === (group & 0xff00) && (r.element === undefined || r.element === element)) return r.info;
  return undefined;
}

/** dicom-parser's `vrCallback` for implicit VR: the VRs Saring knows, so sequences parse reliably. */
export function vrOf(parserTag: string): string | undefined {
  return attributeTables().byTag.get(parserTag.slice(1))?.vr;
}

/** `x00100010` -> `(0010,0010)`. */
export function formatTag(parserTag: string): string {
  return `(${parserTag.slice(1, 5)},${parserTag.slice(5, 9)})`.toUpperCase();
}

/**
 * Context words per attribute, in English and Indonesian, so text detectors see what a value
 * is (a NIK under PatientID, a date under PatientBirthDate). Labels from ../shared/domain.md
 * §4.1 (No. RM), §5 (Nama Pasien), §8.3 (tanggal).
 */
const LABEL_WORDS: Readonly<Record<string, string>> = {
  PatientName: 'patient name, nama pasien',
  OtherPatientNames: 'patient name, nama pasien',
  PatientBirthName: 'patient name, nama lahir',
  PatientMotherBirthName: 'nama ibu kandung, mother name',
  ResponsiblePerson: 'penanggung jawab, responsible person name',
  // Indonesian PACS put the No. RM here, sometimes the NIK or IHS number (domain.md §10.4).
  PatientID: 'patient id, no rm, medical record, nomor rekam medis, nik, ihs',
  OtherPatientIDs: 'patient id, no rm, medical record, nik',
  IssuerOfPatientID: 'issuer of patient id',
  MedicalRecordLocator: 'medical record, no rm',
  AdmissionID: 'admission id, no registrasi, no rawat',
  PatientBirthDate: 'birth date, tanggal lahir, tgl lahir',
  PatientBirthTime: 'birth time, jam lahir',
  PatientAge: 'age, umur',
  PatientSex: 'sex, jenis kelamin',
  PatientAddress: 'patient address, alamat',
  PatientTelephoneNumbers: 'telephone, no telp, no hp, phone',
  ReferringPhysicianTelephoneNumbers: 'telephone, no telp, phone',
  PatientComments: 'patient comments, catatan pasien',
  AccessionNumber: 'accession number, acsn',
  InstitutionName: 'institution name, rumah sakit, faskes',
  InstitutionAddress: 'institution address, alamat',
  ReferringPhysicianName: 'referring physician, dokter perujuk',
  PerformingPhysicianName: 'physician, dokter',
  NameOfPhysiciansReadingStudy: 'physician, dokter radiologi',
  PhysiciansOfRecord: 'physician, dokter',
  RequestingPhysician: 'physician, dokter pengirim',
  OperatorsName: 'operator name, radiografer',
  PersonName: 'person name, nama',
  StudyDate: 'study date, tanggal pemeriksaan',
  ContentDate: 'date, tanggal',
  SeriesDate: 'date, tanggal',
  AcquisitionDate: 'date, tanggal',
};

/** The segment label: the keyword, then words a detector can use (`PatientName (patient name, nama pasien)`). */
export function labelFor(keyword: string, vr: string): string {
  const words = LABEL_WORDS[keyword] ?? (vr === 'DA' || vr === 'DT' ? 'date, tanggal' : vr === 'PN' ? 'name, nama' : undefined);
  return words ? `${keyword} (${words})` : keyword;
}

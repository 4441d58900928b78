import { mkdtempSync, openSync, closeSync, ftruncateSync, writeSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { collect, scan, scanBuffer, scanStream, sniff, type FileReport, type Finding } from '../src/index.js';
import { allDetectors } from '../../detectors/src/index.js';
import { readDicomFrames } from '../src/extract/dicom/pixels.js';
import { dicomExample } from '../../detectors/src/dicom/example.js';

const KEY = 'test-key-0123456789abcdef';
const FIXTURES = fileURLToPath(new URL('../../../fixtures/dicom/', import.meta.url));
const SAMPLES = '/work/shared/samples/dicom/';

interface Expected {
  tag: string;
  keyword: string;
  path?: string;
  detectors: string[];
}
interface ManifestFile {
  file: string;
  transferSyntax: string;
  status: FileReport['status'];
  reason?: string;
  encoding?: string;
  findings: Expected[];
  absent?: string[];
  claimsDeidentified?: string[];
  reveal?: Record<string, string>;
}
const manifest = JSON.parse(readFileSync(join(FIXTURES, 'manifest.json'), 'utf8')) as { files: ManifestFile[] };

const where = (f: Pick<Expected, 'tag' | 'keyword' | 'path'>) => `${f.tag} ${f.keyword}${f.path ? ` in ${f.path}` : ''}`;
const located = (f: Finding) => (f.locator.kind === 'dicom-tag' ? where(f.locator) : `${f.locator.kind}`);

let reports: Map<string, FileReport>;
beforeAll(async () => {
  // OCR off: the header is what these tests are about (OCR of burned-in pixels is tested below).
  const { files } = await collect(scan([FIXTURES], { detectors: allDetectors, fingerprintKey: KEY, scanFileNames: false, ocr: 'never' }));
  reports = new Map(files.map((f) => [f.path.slice(f.path.lastIndexOf('/') + 1), f]));
});

describe('DICOM fixtures (scripts/fixtures/dicom.mjs)', () => {
  it.each(manifest.files.map((f) => [f.file, f] as const))('%s: status and every PHI attribute, each once, by an accepted detector', (_name, expected) => {
    const report = reports.get(expected.file)!;
    expect(report.format).toBe('dicom');
    expect([report.status, report.reason]).toEqual([expected.status, expected.reason]);
    if (expected.encoding) expect(report.encoding).toBe(expected.encoding);
    const actual = report.findings.map((f) => [located(f), f.detector] as const);
    // Exactly the PHI locations written, each reported once...
    expect(actual.map(([at]) => at).sort()).toEqual(expected.findings.map(where).sort());
    // ...by a detector allowed for that value (patient-name or dicom-phi for a name, nik for a NIK).
    for (const [at, detector] of actual) {
      const accepted = expected.findings.find((f) => where(f) === at)!.detectors;
      expect(accepted, `${at} reported by ${detector}`).toContain(detector);
    }
    for (const tag of expected.absent ?? []) expect(report.findings.filter((f) => f.locator.kind === 'dicom-tag' && f.locator.tag === tag)).toEqual([]);
    for (const tag of expected.claimsDeidentified ?? []) {
      const finding = report.findings.find((f) => f.locator.kind === 'dicom-tag' && f.locator.tag === tag)!;
      if (finding.detector === 'dicom-phi') expect(finding.explanation.notes).toContain('the file says PatientIdentityRemoved YES, but this value was not removed');
    }
  });

  it.each(manifest.files.filter((f) => f.reveal).map((f) => [f.file, f.reveal!] as const))('%s: decodes its character set', async (file, reveal) => {
    const { files } = await scanBuffer(readFileSync(join(FIXTURES, file)), { detectors: allDetectors, fingerprintKey: KEY, scanFileNames: false, reveal: true, filename: file, ocr: 'never' });
    for (const [tag, value] of Object.entries(reveal)) {
      expect(files[0]!.findings.find((f) => f.locator.kind === 'dicom-tag' && f.locator.tag === tag)?.value).toBe(value);
    }
  });

  it('never shows a raw value: findings are masked', () => {
    const finding = reports.get('ct-explicit-le.dcm')!.findings.find((f) => f.locator.kind === 'dicom-tag' && f.locator.tag === '(0010,4000)')!;
    expect([finding.detector, finding.masked, finding.value]).toEqual(['nik', '3171********0001', undefined]);
  });

  it('reads a stream (no random access) and a gzip-wrapped file like a file on disk', async () => {
    const bytes = readFileSync(join(FIXTURES, 'ct-explicit-le.dcm'));
    const options = { detectors: allDetectors, fingerprintKey: KEY, scanFileNames: false, ocr: 'never' as const };
    const streamed = await scanStream(Readable.from([bytes.subarray(0, 300), bytes.subarray(300)]), { ...options, filename: 'ct.dcm' });
    const gzipped = await scanBuffer(gzipSync(bytes), { ...options, filename: 'ct.dcm.gz' });
    const expected = reports.get('ct-explicit-le.dcm')!.findings.map(located);
    expect(streamed.files[0]!.findings.map(located)).toEqual(expected);
    expect(gzipped.files.find((f) => f.format === 'dicom')!.findings.map(located)).toEqual(expected);
  });

  // domain.md §10.4: PACS put the No. RM in PatientID, sometimes the NIK or the SATUSEHAT IHS number.
  it.each([
    ['00469120', 'medical-record-number', '0*****20'],
    ['MR2301000234', 'medical-record-number', 'M*********34'],
    ['3171011708450001', 'nik', '3171********0001'],
    ['P02478375538', 'ihs-number', expect.any(String)],
  ])('PatientID %s is reported as %s', async (id, detector, masked) => {
    const raw = Buffer.from(dicomExample([[0x0008, 0x0060, 'CS', 'CT'], [0x0010, 0x0020, 'LO', id]]), 'latin1');
    const { files } = await scanBuffer(raw, { detectors: allDetectors, fingerprintKey: KEY, scanFileNames: false, filename: 'raw', ocr: 'never' });
    expect(files[0]!.findings.map((f) => [located(f), f.detector, f.masked])).toEqual([['(0010,0020) PatientID', detector, masked]]);
  });

  it('reads a raw data set without preamble (sniffed by content, no extension)', () => {
    expect(sniff(readFileSync(join(FIXTURES, 'raw-implicit-le')).subarray(0, 8192), 'raw-implicit-le').format).toBe('dicom');
    expect(sniff(Buffer.from('0800 0500 not dicom at all, just text'), 'x').format).not.toBe('dicom');
  });

  it('flags burned-in pixels on the deciding tag and asks for OCR', () => {
    const report = reports.get('burned-in-sc.dcm')!;
    const burned = report.findings.find((f) => f.detector === 'dicom-burned-in')!;
    expect([burned.locator, burned.masked, burned.explanation.notes]).toEqual([
      { kind: 'dicom-tag', tag: '(0028,0301)', keyword: 'BurnedInAnnotation' },
      'YES',
      ['BurnedInAnnotation YES', 'secondary capture (screenshot or scanned document)', 'ImageType DERIVED\\SECONDARY (secondary or screen-save image)'],
    ]);
    expect(report.issues.map((i) => i.code)).toContain('needs-ocr');
  });
});

/** The public pydicom samples (see ../shared/samples/README.md): what each must report, and must not. */
const SAMPLE_TABLE: [file: string, status: FileReport['status'], present: string[], absent: string[]][] = [
  ['MR_small.dcm', 'incomplete', ['(0010,0010) PatientName', '(0010,0020) PatientID', '(0008,0080) InstitutionName', '(0008,0020) StudyDate'], ['(0008,1070)']],
  ['MR_small_expb.dcm', 'incomplete', ['(0010,0010) PatientName', '(0010,0020) PatientID', '(0008,0080) InstitutionName', '(0008,0020) StudyDate'], ['(0008,1070)']],
  ['ExplVR_BigEnd.dcm', 'incomplete', ['(0008,0080) InstitutionName', '(0008,0020) StudyDate'], ['(0010,0010)']],
  ['ExplVR_LitEndNoMeta.dcm', 'scanned', ['(0008,0020) StudyDate'], []],
  ['no_meta_group_length.dcm', 'scanned', ['(0008,0012) InstanceCreationDate'], []],
  ['priv_SQ.dcm', 'scanned', ['(3F03,0010) PrivateCreator'], []],
  ['UN_sequence.dcm', 'scanned', ['(4453,100C) PrivateCreator'], []],
  ['rtplan.dcm', 'scanned', ['(0010,0010) PatientName', '(0010,0020) PatientID', '(0008,0080) InstitutionName', '(0008,1070) OperatorsName'], []],
  ['rtdose.dcm', 'scanned', ['(0010,0010) PatientName', '(0010,0020) PatientID'], []],
  ['liver_1frame.dcm', 'scanned', ['(0010,0010) PatientName', '(0010,0020) PatientID', '(0008,0050) AccessionNumber'], []],
  ['SC_rgb_jpeg_dcmtk.dcm', 'incomplete', ['(0010,0010) PatientName', '(0010,0020) PatientID', '(0008,0090) ReferringPhysicianName', '(0008,0016) SOPClassUID'], []],
  ['reportsi_with_empty_number_tags.dcm', 'scanned', ['(0010,0010) PatientName', '(0008,0090) ReferringPhysicianName'], []],
  ['GDCMJ2K_TextGBR.dcm', 'incomplete', ['(0008,0020) StudyDate'], []],
  ['examples_palette.dcm', 'incomplete', ['(0010,0010) PatientName', '(0010,0020) PatientID', '(0008,0080) InstitutionName'], []],
  ['77654033_CR1_6154', 'scanned', ['(0010,0010) PatientName', '(0010,0020) PatientID', '(0008,0050) AccessionNumber'], []],
  ['98892001_CT2N_6924', 'scanned', ['(0010,0010) PatientName', '(0010,0020) PatientID'], []],
  ['98892003_MR1_5641', 'scanned', ['(0010,0010) PatientName', '(0010,0020) PatientID'], []],
];

describe.skipIf(!existsSafe(SAMPLES))('public DICOM samples (pydicom test files)', () => {
  let samples: Map<string, FileReport>;
  beforeAll(async () => {
    const { files } = await collect(scan([SAMPLES], { detectors: allDetectors, fingerprintKey: KEY, scanFileNames: false, ocr: 'never' }));
    samples = new Map(files.map((f) => [f.path.slice(f.path.lastIndexOf('/') + 1), f]));
  });

  it.each(SAMPLE_TABLE)('%s', (file, status, present, absent) => {
    const report = samples.get(file)!;
    expect([report.format, report.status]).toEqual(['dicom', status]);
    const tags = report.findings.flatMap((f) => (f.locator.kind === 'dicom-tag' && !f.locator.path ? [`${f.locator.tag} ${f.locator.keyword}`] : []));
    for (const attribute of present) expect(tags).toContain(attribute);
    for (const tag of absent) expect(tags.filter((t) => t.startsWith(tag))).toEqual([]);
  });

  it('reports a real-looking name in a file that says PatientIdentityRemoved YES', () => {
    const name = samples.get('77654033_CR1_6154')!.findings.find((f) => f.locator.kind === 'dicom-tag' && f.locator.tag === '(0010,0010)')!;
    expect(['patient-name', 'dicom-phi']).toContain(name.detector);
    expect(name.masked).not.toContain('Archibald');
  });

  it('reports a damaged file as failed, with a message that carries no content', () => {
    const report = samples.get('nested_priv_SQ.dcm')!;
    expect([report.status, report.reason]).toEqual(['failed', 'corrupt']);
  });
});

describe('burned-in pixels with OCR', () => {
  it.each(['burned-in-sc.dcm', 'burned-in-jpeg.dcm'])('%s: OCR finds the NIK, name and No. RM burned into the frame', async (file) => {
    const { files } = await scanBuffer(readFileSync(join(FIXTURES, file)), { detectors: allDetectors, fingerprintKey: KEY, scanFileNames: false, filename: file });
    const report = files[0]!;
    expect(report.status).toBe('scanned');
    const ocr = report.findings.filter((f) => f.locator.kind === 'ocr-region').map((f) => [f.detector, f.masked]);
    expect(ocr).toEqual(expect.arrayContaining([['nik', '3171********0001']]));
    expect(ocr.map(([d]) => d)).toEqual(expect.arrayContaining(['nik', 'medical-record-number']));
    expect(ocr.some(([d]) => d === 'patient-name' || d === 'dicom-phi')).toBe(true);
  });
});

describe('pixels for OCR (readDicomFrames)', () => {
  it.each([
    ['burned-in-sc.dcm', 1, 0, 255],
    ['ct-burned-in-16bit.dcm', 1, 255, 0],
    ['ultrasound-rgb.dcm', 3, 255, 0],
  ])('%s: one 8-bit frame, %i channel(s), text %i on background %i', (file, channels, ink, background) => {
    const { frames, problem } = readDicomFrames(readFileSync(join(FIXTURES, file)), { maxFrames: 10, maxPixels: 10_000_000 });
    expect([frames.length, problem, frames[0]!.channels]).toEqual([1, undefined, channels]);
    const data = frames[0]!.data;
    expect(data[0]).toBe(background);
    expect(Math.max(...data.map((v) => Math.abs(v - background)))).toBe(Math.abs(ink - background));
  });

  it('says why compressed pixels are not rendered', () => {
    expect(readDicomFrames(readFileSync(join(SAMPLES, 'SC_rgb_jpeg_dcmtk.dcm')), { maxFrames: 1, maxPixels: 1e7 }).problem).toMatch(/compressed/);
  });
});

describe('hostile and damaged headers', () => {
  /** Deterministic byte flips, truncations and length rewrites of every fixture. */
  function* mutations(): Generator<[string, Buffer]> {
    let seed = 20240401;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    // The bomb is left out: each of its mutations would inflate 8 MiB again for nothing new.
    for (const { file } of manifest.files.filter((f) => f.file !== 'deflate-bomb.dcm')) {
      const original = readFileSync(join(FIXTURES, file));
      for (let i = 0; i < 6; i++) {
        const bytes = Buffer.from(original);
        const at = Math.floor(random() * Math.min(bytes.length, 4096));
        if (i % 3 === 0) bytes.writeUInt32LE(Math.floor(random() * 2 ** 32), Math.min(at, bytes.length - 4)); // a wild length
        else if (i % 3 === 1) bytes[at] = Math.floor(random() * 256);
        yield [`${file} #${i}`, i % 3 === 2 ? bytes.subarray(0, at) : bytes];
      }
    }
  }

  it('every mutation of every fixture ends as a report: no throw, no hang, no raw value', async () => {
    for (const [name, bytes] of mutations()) {
      const started = performance.now();
      const { files } = await scanBuffer(bytes, { detectors: allDetectors, fingerprintKey: KEY, scanFileNames: false, filename: 'x.dcm', ocr: 'never' });
      const report = files.at(-1)!;
      expect(['scanned', 'incomplete', 'failed', 'skipped'], name).toContain(report.status);
      expect(performance.now() - started, name).toBeLessThan(5_000);
      expect(JSON.stringify(report), name).not.toContain('3171011708450001');
    }
  });

  it('stops walking sequences nested deeper than it reads, and says so', async () => {
    // 40 nested ReferencedStudySequence items, explicit VR LE, defined lengths, no preamble needed.
    let inner = Buffer.concat([Buffer.from([0x10, 0x00, 0x10, 0x00]), Buffer.from('PN'), Buffer.from([12, 0]), Buffer.from('SITI^AMINAH ')]);
    for (let depth = 0; depth < 40; depth++) {
      const item = Buffer.concat([Buffer.from([0xfe, 0xff, 0x00, 0xe0]), u32(inner.length), inner]);
      inner = Buffer.concat([Buffer.from([0x08, 0x00, 0x10, 0x11]), Buffer.from('SQ'), Buffer.alloc(2), u32(item.length), item]);
    }
    const raw = Buffer.concat([Buffer.from([0x08, 0x00, 0x05, 0x00]), Buffer.from('CS'), Buffer.from([10, 0]), Buffer.from('ISO_IR 100'), inner]);
    const { files } = await scanBuffer(raw, { detectors: allDetectors, fingerprintKey: KEY, scanFileNames: false, filename: 'nested', ocr: 'never' });
    expect([files[0]!.format, files[0]!.status, files[0]!.reason]).toEqual(['dicom', 'incomplete', 'limit-depth']);
  });
});

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

describe('huge files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'saring-dicom-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('scans a 2 GiB multi-frame study by reading only its head', async () => {
    const header = readFileSync(join(FIXTURES, 'ct-explicit-le.dcm'));
    // Rewrite the 16-byte Pixel Data value as a 2 GiB one: the header stays, the rest is a sparse hole.
    const pixel = header.lastIndexOf(Buffer.from([0xe0, 0x7f, 0x10, 0x00]));
    const head = Buffer.from(header.subarray(0, pixel + 12));
    head.writeUInt32LE(2 ** 31, pixel + 8);
    const path = join(dir, 'multiframe.dcm');
    const fd = openSync(path, 'w');
    writeSync(fd, head);
    ftruncateSync(fd, head.length + 2 ** 31);
    closeSync(fd);

    const { files } = await collect(scan([path], { detectors: allDetectors, fingerprintKey: KEY, scanFileNames: false, ocr: 'never' }));
    const report = files[0]!;
    expect([report.status, report.size]).toEqual(['scanned', head.length + 2 ** 31]);
    expect(report.findings.some((f) => f.locator.kind === 'dicom-tag' && f.locator.tag === '(0010,0010)')).toBe(true);
    expect(report.bytesRead).toBeLessThan(128 * 1024);
  });
});

function existsSafe(path: string): boolean {
  try {
    readFileSync(join(path, 'MR_small.dcm'));
    return true;
  } catch {
    return false;
  }
}

import type { HeaderFacts } from './attributes.js';

/** Why a file's pixels may show PHI, on the attribute that says so (../shared/domain.md §10.3). */
export interface PixelRisk {
  /** dicom-parser tag name of the deciding attribute, e.g. `x00280301`. */
  parserTag: string;
  keyword: string;
  /** The attribute's value as written (`YES`, `DERIVED\SECONDARY`, `US`, a SOP Class UID). */
  value: string;
  /** `BurnedInAnnotation YES`, `secondary capture`, ... */
  reason: string;
  /** Every reason found, strongest first. */
  reasons: string[];
}

/** Secondary Capture SOP classes (PS3.4 B.5): screenshots and scanned documents wrapped in DICOM. */
const SECONDARY_CAPTURE = new Set([
  '1.2.840.10008.5.1.4.1.1.7',
  '1.2.840.10008.5.1.4.1.1.7.1',
  '1.2.840.10008.5.1.4.1.1.7.2',
  '1.2.840.10008.5.1.4.1.1.7.3',
  '1.2.840.10008.5.1.4.1.1.7.4',
]);

/** ImageType values (PS3.3 C.8.16.1 and vendor usage) of volume reconstructions, not screen captures. */
const RECONSTRUCTIONS: ReadonlySet<string> = new Set(['MPR', 'REFORMATTED', 'MIP', 'MINIP', 'MIN IP', 'CPR', 'CURVED', 'RESAMPLED', 'AVERAGE', 'PROJECTION IMAGE', 'SUBTRACTION']);

/** Modalities whose images routinely carry burned-in text or show the patient: ultrasound, external camera. */
const RISKY_MODALITIES: Readonly<Record<string, string>> = { US: 'ultrasound (US) images usually carry burned-in patient text', XC: 'external camera photograph (XC)' };

/**
 * Rule-based burned-in detection as practised by CTP/pydicom-deid (../shared/domain.md §10.3):
 * BurnedInAnnotation YES, RecognizableVisualFeatures YES, a Secondary Capture SOP class, a
 * SECONDARY or screen-save ImageType, or an ultrasound/camera modality. An explicit
 * BurnedInAnnotation NO overrides the guesses (not RecognizableVisualFeatures). Without pixel data
 * in what was read, only the header's own YES flags count (the guesses need an image).
 */
export function pixelRisk(facts: HeaderFacts): PixelRisk | undefined {
  const found: Omit<PixelRisk, 'reasons'>[] = [];
  const burnedIn = facts.get('x00280301');
  if (burnedIn === 'YES') found.push({ parserTag: 'x00280301', keyword: 'BurnedInAnnotation', value: burnedIn, reason: 'BurnedInAnnotation YES' });
  const recognizable = facts.get('x00280302');
  if (recognizable === 'YES') found.push({ parserTag: 'x00280302', keyword: 'RecognizableVisualFeatures', value: recognizable, reason: 'RecognizableVisualFeatures YES (face or body could identify the patient)' });
  if (burnedIn !== 'NO' && facts.hasPixelData) {
    const sopClass = facts.get('x00080016');
    if (sopClass && SECONDARY_CAPTURE.has(sopClass)) found.push({ parserTag: 'x00080016', keyword: 'SOPClassUID', value: sopClass, reason: 'secondary capture (screenshot or scanned document)' });
    const imageType = facts.get('x00080008');
    if (imageType) {
      const values = imageType.split('\\').map((v) => v.trim());
      const screen = values.some((v) => v === 'SCREEN SAVE' || v === 'SAVE' || v === 'SCREENSHOT');
      // Reconstructions of a CT/MR volume (MPR, MIP, ...) are SECONDARY too but carry no screen text.
      const reconstruction = values.some((v) => RECONSTRUCTIONS.has(v));
      if (screen || (values[1] === 'SECONDARY' && !reconstruction)) {
        found.push({ parserTag: 'x00080008', keyword: 'ImageType', value: imageType, reason: `ImageType ${imageType.replace(/\\/g, '\\')} (secondary or screen-save image)` });
      }
    }
    const modality = facts.get('x00080060');
    if (modality && RISKY_MODALITIES[modality]) found.push({ parserTag: 'x00080060', keyword: 'Modality', value: modality, reason: RISKY_MODALITIES[modality]! });
  }
  const first = found[0];
  return first ? { ...first, reasons: found.map((f) => f.reason) } : undefined;
}

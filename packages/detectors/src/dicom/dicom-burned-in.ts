import type { DetectorMatch, SegmentDetector } from '@saring/core';
import { SCORE, clamp } from '../score.js';
import { dicomExample } from './example.js';

/**
 * A DICOM image whose pixels may show patient details (../shared/domain.md §10.3): the header says
 * BurnedInAnnotation YES or RecognizableVisualFeatures YES, or a rule of thumb applies (secondary
 * capture SOP class, SECONDARY/screen-save ImageType, ultrasound or camera modality). The DICOM
 * extractor marks the deciding attribute with `context.dicom.pixelRisk`; the finding sits on that
 * tag. Without OCR the file is also `incomplete` (`needs-ocr`): the pixels were not read.
 */
export const dicomBurnedIn: SegmentDetector = {
  id: 'dicom-burned-in',
  meta: {
    entity: 'DICOM image with burned-in PHI',
    category: 'spesifik-kesehatan',
    severity: 'medium',
    description: 'A DICOM image whose pixels may show patient details (BurnedInAnnotation YES, secondary capture, screen save, ultrasound, recognisable face).',
    reference: 'domain.md §10.3; DICOM PS3.15 Annex E (Clean Pixel Data, Clean Recognizable Visual Features options)',
  },
  scan(view): DetectorMatch[] {
    const risk = view.context?.dicom?.pixelRisk;
    if (!risk || !view.text) return [];
    const declared = view.context?.dicom?.keyword === 'BurnedInAnnotation' || view.context?.dicom?.keyword === 'RecognizableVisualFeatures';
    return [
      {
        start: 0,
        end: view.text.length,
        value: view.text,
        score: clamp(declared ? SCORE.DICOM_BURNED_IN_DECLARED : SCORE.DICOM_BURNED_IN_LIKELY),
        explanation: { pattern: 'dicom-pixel-risk', validation: 'unchecked', context: [`${view.context!.dicom!.keyword} ${view.context!.dicom!.tag}`], notes: risk.split('; ') },
      },
    ];
  },
  /** The flag values (`YES`, `US`, a SOP Class UID) are not PHI. */
  mask(value) {
    return value;
  },
  examples: {
    positive: [dicomExample([[0x0008, 0x0060, 'CS', 'OT'], [0x0028, 0x0301, 'CS', 'YES']])],
    negative: [dicomExample([[0x0008, 0x0060, 'CS', 'US'], [0x0028, 0x0301, 'CS', 'NO']]), 'BurnedInAnnotation: YES'],
  },
};

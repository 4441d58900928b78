import { describe, expect, it } from 'vitest';
import type { HeaderFacts } from './attributes.js';
import { DEFAULT_CHARSET } from './charset.js';
import { pixelRisk } from './pixel-risk.js';

const facts = (values: Record<string, string>, hasPixelData = true): HeaderFacts => ({
  charset: DEFAULT_CHARSET,
  identityRemoved: false,
  hasPixelData,
  get: (tag) => values[tag],
});
const SC = '1.2.840.10008.5.1.4.1.1.7';

describe('pixels that may show PHI', () => {
  it.each([
    ['BurnedInAnnotation YES', { x00280301: 'YES' }, true, 'BurnedInAnnotation'],
    ['RecognizableVisualFeatures YES', { x00280302: 'YES' }, true, 'RecognizableVisualFeatures'],
    ['secondary capture', { x00080016: SC }, true, 'SOPClassUID'],
    ['secondary ImageType', { x00080008: 'DERIVED\\SECONDARY' }, true, 'ImageType'],
    ['screen save', { x00080008: 'ORIGINAL\\PRIMARY\\SCREEN SAVE' }, true, 'ImageType'],
    ['ultrasound', { x00080060: 'US' }, true, 'Modality'],
    ['camera photo', { x00080060: 'XC' }, true, 'Modality'],
    ['YES without pixel data still says so', { x00280301: 'YES' }, false, 'BurnedInAnnotation'],
  ])('%s', (_name, values, pixels, keyword) => expect(pixelRisk(facts(values, pixels))?.keyword).toBe(keyword));

  it.each([
    ['a plain CT', { x00080060: 'CT', x00080008: 'ORIGINAL\\PRIMARY\\AXIAL' }, true],
    ['an MPR reconstruction', { x00080060: 'CT', x00080008: 'DERIVED\\SECONDARY\\MPR' }, true],
    ['BurnedInAnnotation NO overrides the guesses', { x00080060: 'US', x00280301: 'NO', x00080016: SC }, true],
    ['guesses need pixel data', { x00080060: 'US' }, false],
  ])('%s: no risk', (_name, values, pixels) => expect(pixelRisk(facts(values, pixels))).toBeUndefined());

  it('lists every reason, strongest first', () => {
    expect(pixelRisk(facts({ x00280301: 'YES', x00080016: SC, x00080060: 'US' }))?.reasons).toEqual([
      'BurnedInAnnotation YES',
      'secondary capture (screenshot or scanned document)',
      'ultrasound (US) images usually carry burned-in patient text',
    ]);
  });
});

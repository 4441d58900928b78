/**
 * @saring/detectors — the one registry of Saring's detectors. Adding a detector is one file,
 * its test, and one line here.
 */
import type { Detector } from '@saring/core';
import { bpjsCard } from './bpjs/bpjs-card.js';
import { nik } from './id/nik.js';
import { email } from './person/email.js';
import { phoneId } from './person/phone-id.js';

/** Every built-in detector, in priority order (earlier wins a tie on overlapping matches). */
export const allDetectors: readonly Detector[] = [
  nik,
  bpjsCard,
  phoneId,
  email,
];

/** Named subsets for configuration (`presets` in saring.config.json). */
export const presets: Readonly<Record<string, readonly string[]>> = {
  all: allDetectors.map((d) => d.id),
  identifiers: ['nik', 'bpjs-card'],
  contact: ['phone-id', 'email'],
};

export function detectorById(id: string): Detector | undefined {
  return allDetectors.find((d) => d.id === id);
}

export { nik, bpjsCard, phoneId, email };
export { checkNikStructure, PROVINCE_CODES, type NikCheck } from './validators/nik-structure.js';
export { luhnValid } from './validators/luhn.js';
export { isRealDate, isoDate } from './validators/calendar.js';
export { SCORE, CONTEXT_WINDOW_CHARS, NEAR_WINDOW_CHARS } from './score.js';

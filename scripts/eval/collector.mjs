import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * What a corpus module hands back: the documents it wrote and, for each, exactly which
 * (detector, value) pairs a perfect scanner reports in it.
 *
 * @typedef {{ file: string, detector: string, value: string }} Truth
 * @typedef {{ file: string, format: string, layout: string, hardNegative: boolean, classes?: string[], scored?: string[] }} DocumentInfo
 * @typedef {{ detectors: string[], truth: Truth[], documents: DocumentInfo[] }} CorpusResult
 */

/**
 * Collects documents for one corpus module under `dir`. `scored` lists the detectors whose
 * ground truth the module labels exhaustively; findings of other detectors in its files are
 * not counted (another module may label them).
 */
export function collector(dir, scored) {
  /** @type {CorpusResult} */
  const result = { detectors: scored, truth: [], documents: [] };
  return {
    result,
    /**
     * @param {string} file path under the module's folder
     * @param {string} text content (UTF-8)
     * @param {[string, string][]} found (detector, normalized value) pairs in the document
     * @param {{ format: string, layout: string, hardNegative?: boolean, classes?: string[], scored?: string[] }} meta
     */
    write(file, text, found, meta) {
      const path = join(dir, file);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      for (const [detector, value] of found) result.truth.push({ file, detector, value });
      result.documents.push({ file, hardNegative: false, ...meta });
    },
  };
}

/** The identifier detectors issue 3 labels in every corpus module. */
export const IDENTIFIER_DETECTORS = ['nik', 'kk', 'npwp', 'passport-id', 'bpjs-card', 'bpjs-sep', 'bpjs-rujukan', 'ihs-number', 'medical-record-number', 'phone-id', 'email', 'birth-date'];

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/**
 * Where the OCR models live: the `@tesseract.js-data/eng` and `/ind` npm packages, installed with
 * Saring. Never a URL: without a local `langPath` tesseract.js downloads models from a CDN
 * (../shared/libraries.md §A4), which a PHI scanner must never do.
 */
export const OCR_LANGUAGES = ['eng', 'ind'] as const;
export type OcrLanguage = (typeof OCR_LANGUAGES)[number];

/** The LSTM-only "best_int" models, the default OEM of tesseract.js 7. */
const MODEL_FOLDER = '4.0.0_best_int';

const require = createRequire(import.meta.url);

/** The folder holding `<lang>.traineddata.gz` on disk, for tesseract.js's `langPath`. */
export function languageDirectory(lang: OcrLanguage): string {
  return join(dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`)), MODEL_FOLDER);
}

let indModel: Promise<Uint8Array> | undefined;

/**
 * The Indonesian model, unzipped, read once per process. tesseract.js takes a single `langPath`,
 * but the two models sit in two packages, so the second model is written into the worker's
 * in-memory (WASM) file system instead (see engine.ts). Nothing touches the real disk but this read.
 */
export function indonesianModel(): Promise<Uint8Array> {
  indModel ??= readFile(join(languageDirectory('ind'), 'ind.traineddata.gz')).then((gz) => new Uint8Array(gunzipSync(gz)));
  indModel.catch(() => {
    indModel = undefined;
  });
  return indModel;
}

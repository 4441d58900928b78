/**
 * @saring/core — the engine: walks and streams inputs, sniffs formats, extracts located text,
 * runs detectors in one pass, and reports masked findings.
 */
export * from './model/index.js';
export { scan, scanBuffer, scanStream, collect, type ScanResult, type InputScanOptions } from './engine/scan.js';
export { DEFAULT_LIMITS, resolveLimits, type ScanOptions, type PathScanOptions, type ScanWorkers, type WorkerScanSetup } from './engine/options.js';
export { DetectionPlan } from './engine/detection.js';
export { CandidateScanner } from './engine/scanner.js';
export { OcrRuntime, DEFAULT_OCR_LIMITS, resolveOcrLimits, resolveOcrMode } from './ocr/runtime.js';
export { keywordSet, compactKeyword, keywordTrieSource } from './engine/keywords.js';
export { defaultExtractors, csvExtractor, textExtractor, decodeText, windows } from './extract/index.js';
export { zipExtractor, gzipExtractor, tarExtractor } from './extract/index.js';
export { dicomExtractor, createDicomExtractor, type DicomExtractorOptions, type DicomPixelOcr, type DicomPixelOcrRequest } from './extract/dicom/dicom.js';
export { readDicomFrames, pixelLayout, renderFrame, type DicomFrame, type FrameLimits, type PixelLayout } from './extract/dicom/pixels.js';
export { sniff, detectTextEncoding, isTextFormat, SNIFF_BYTES } from './sniff/sniff.js';
export { TextChunkDecoder } from './sniff/decoder.js';
export { walk, IGNORE_FILE_NAME, type WalkEntry, type WalkOptions } from './walk/walker.js';
export { FileSource, BufferSource, StreamSource } from './walk/sources.js';
export { fingerprint, loadOrCreateKey, parseKey, defaultKeyPath } from './report/fingerprint.js';
export { maskMiddle, maskAllAlphanumerics, confidenceOf, minScoreOf, MEDIUM_SCORE, HIGH_SCORE, MASK_CHAR, type ConfidenceThreshold } from './report/mask.js';
export { formatBytes } from './engine/file-scan.js';
export { FileEvidence, MAX_PEOPLE_COUNTED, MIN_DOCUMENT_CONFIDENCE, isPersonIdentifier } from './engine/file-evidence.js';
export { meetsFailThreshold, parseFailOn, FAIL_ON_VALUES, type FailOn } from './report/fail-on.js';
export { SummaryBuilder } from './report/summary.js';
export * from './gate/index.js';
export const VERSION = '0.1.0';

export * from './locator.js';
export * from './segment.js';
export * from './detector.js';
export * from './report.js';
export * from './classification.js';
export * from './errors.js';
export * from './extractor.js';
export * from './ocr.js';

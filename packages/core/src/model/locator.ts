/**
 * Where a finding sits inside one file. A tagged union designed once for every
 * format Saring reads, so reporters can print any of them without knowing the
 * extractor that produced it.
 */
export type Locator =
  /** The file or folder name itself (`BUDI_SANTOSO_thorax.pdf`). */
  | { kind: 'file-name'; part: 'name' | 'directory' }
  /** Plain text: 1-based line and column (columns count UTF-16 code units). */
  | { kind: 'text'; line: number; column: number }
  /** A delimited table: 1-based row (the header is row 1) and column, with the column header. */
  | { kind: 'csv-cell'; row: number; column: number; header?: string }
  /** A PDF page (1-based). */
  | { kind: 'pdf-page'; page: number }
  /** A filled AcroForm field value. */
  | { kind: 'pdf-field'; field: string; page?: number }
  /** Document metadata: PDF Info, OOXML docProps, and similar. */
  | { kind: 'document-property'; property: string; part?: string }
  /** A spreadsheet cell, e.g. sheet `Pasien`, cell `C12`. */
  | { kind: 'sheet-cell'; sheet: string; cell: string; note?: 'comment' }
  /** A paragraph inside one part of a DOCX/PPTX (`word/header1.xml`, paragraph 3). */
  | { kind: 'docx-paragraph'; part: string; paragraph: number }
  /** A value inside JSON, addressed by RFC 6901 pointer. */
  | { kind: 'json-pointer'; pointer: string }
  /** An element or attribute inside XML/HTML. */
  | { kind: 'xml-path'; path: string }
  /** An HL7 v2 field: `PID-5`, message and repetition numbers are 1-based. */
  | { kind: 'hl7-field'; segment: string; field: number; component?: number; message?: number }
  /** A DICOM attribute: tag `(0010,0010)`, keyword `PatientName`, optional sequence path. */
  | { kind: 'dicom-tag'; tag: string; keyword: string; path?: string }
  /** The name of a member inside an archive (the member's path is PHI too). */
  | { kind: 'archive-entry'; entry: string }
  /** Text read by OCR: page (1-based), bounding box in pixels, OCR confidence 0..100. */
  | { kind: 'ocr-region'; page: number; bbox: { x: number; y: number; width: number; height: number }; confidence: number };

export type LocatorKind = Locator['kind'];

/** A short human-readable form of a locator, e.g. `line 12:5`, `Pasien!C12`, `PID-5`. */
export function formatLocator(locator: Locator): string {
  switch (locator.kind) {
    case 'file-name':
      return locator.part === 'name' ? 'file name' : 'folder name';
    case 'text':
      return `line ${locator.line}:${locator.column}`;
    case 'csv-cell':
      return `row ${locator.row}, column ${locator.column}${locator.header ? ` (${locator.header})` : ''}`;
    case 'pdf-page':
      return `page ${locator.page}`;
    case 'pdf-field':
      return `form field ${locator.field}${locator.page ? ` (page ${locator.page})` : ''}`;
    case 'document-property':
      return `property ${locator.property}${locator.part ? ` (${locator.part})` : ''}`;
    case 'sheet-cell':
      return `${locator.sheet}!${locator.cell}${locator.note ? ' (comment)' : ''}`;
    case 'docx-paragraph':
      return `${locator.part} paragraph ${locator.paragraph}`;
    case 'json-pointer':
      return locator.pointer === '' ? '/' : locator.pointer;
    case 'xml-path':
      return locator.path;
    case 'hl7-field':
      return `${locator.message ? `message ${locator.message} ` : ''}${locator.segment}-${locator.field}${locator.component ? `.${locator.component}` : ''}`;
    case 'dicom-tag':
      return `dicom-tag ${locator.tag} ${locator.keyword}${locator.path ? ` in ${locator.path}` : ''}`;
    case 'archive-entry':
      return `archive entry name`;
    case 'ocr-region':
      return `page ${locator.page} OCR region ${locator.bbox.x},${locator.bbox.y} ${locator.bbox.width}x${locator.bbox.height}`;
  }
}

// Document-classification and UU PDP label metrics for `pnpm eval` (issue 4). Pure: takes the
// documents the corpus modules wrote (with `classes`, and optionally `label`, `bulkExport`,
// `hardNegative`) and the file report Saring produced for each.

/** Classes that say a document is filled in: a hard negative must never get one. */
const NOT_FILLED = new Set(['template']);

/**
 * @param {{ document: { file: string, classes?: string[], label?: string, bulkExport?: boolean, hardNegative?: boolean }, report: any }[]} entries
 * @returns {{ metrics: Record<string, number>, confusion: Record<string, Record<string, number>>, errors: string[], targets: [string, boolean][] }}
 */
export function scoreClassification(entries) {
  let classified = 0;
  let correct = 0;
  let labelled = 0;
  let labelCorrect = 0;
  let hardNegatives = 0;
  let hardNegativesFilled = 0;
  let bulkExpected = 0;
  let bulkCorrect = 0;
  const confusion = {};
  const errors = [];
  for (const { document, report } of entries) {
    const documents = report?.classification?.documents ?? [];
    const top = documents[0]?.id ?? 'none';
    if (document.classes) {
      classified++;
      const expected = document.classes[0] ?? 'none';
      (confusion[expected] ??= {})[top] = (confusion[expected][top] ?? 0) + 1;
      // The expected class must be the most confident one (or nothing when none is expected).
      if (top === expected) correct++;
      else errors.push(`${document.file}: class ${expected} -> ${top}`);
    }
    if (document.label) {
      labelled++;
      const label = report?.classification?.label;
      if (label === document.label) labelCorrect++;
      else errors.push(`${document.file}: label ${document.label} -> ${label}`);
    }
    // A hard negative for classification: a document labelled with no filled class (`classes` is
    // [] or ['template']). Other modules' hard negatives (e.g. foreign IDs in a real patient list)
    // are negatives for identifier detectors, not for classes.
    if (document.hardNegative && document.classes && document.classes.every((c) => NOT_FILLED.has(c))) {
      hardNegatives++;
      const filled = documents.filter((d) => !NOT_FILLED.has(d.id)).map((d) => d.id);
      if (filled.length) {
        hardNegativesFilled++;
        errors.push(`${document.file}: hard negative classified as ${filled.join(', ')}`);
      }
    }
    if (document.bulkExport !== undefined || report?.classification?.bulkExport) {
      bulkExpected++;
      if ((report?.classification?.bulkExport === true) === (document.bulkExport === true)) bulkCorrect++;
      else errors.push(`${document.file}: bulkExport ${document.bulkExport === true} -> ${report?.classification?.bulkExport}`);
    }
  }
  const round = (x) => Math.round(x * 1000) / 1000;
  const metrics = {
    classifiedDocuments: classified,
    documentClassAccuracy: classified ? round(correct / classified) : 1,
    labelledDocuments: labelled,
    labelAccuracy: labelled ? round(labelCorrect / labelled) : 1,
    hardNegatives,
    hardNegativesClassifiedFilled: hardNegativesFilled,
    bulkExportChecks: bulkExpected,
    bulkExportAccuracy: bulkExpected ? round(bulkCorrect / bulkExpected) : 1,
  };
  const targets = [
    ['document classification accuracy >= 0.95', metrics.documentClassAccuracy >= 0.95],
    ['no hard negative classified as a filled document', hardNegativesFilled === 0],
  ];
  return { metrics, confusion, errors, targets };
}

/** Targets for the issue-4 detectors: [detector, min precision, min recall]. */
export const PDP_DETECTOR_TARGETS = [
  ['patient-name', 0.95, 0.95],
  ['covid-test-result', 0.98, 0.98],
];

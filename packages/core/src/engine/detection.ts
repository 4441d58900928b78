import { isCandidateDetector, type CandidateDetector, type Detector, type SegmentDetector } from '../model/detector.js';
import type { Segment } from '../model/segment.js';
import { UsageError } from '../model/errors.js';
import { CandidateScanner, SegmentView } from './scanner.js';
import { resolveOverlaps, type RawMatch } from './findings.js';

/**
 * The detectors of one scan, compiled once: the candidate scanner for the built-in kind, the
 * list of whole-segment detectors for the rest.
 */
export class DetectionPlan {
  readonly detectors: readonly Detector[];
  private readonly scanner: CandidateScanner;
  private readonly segmentDetectors: SegmentDetector[];
  private readonly order: Map<Detector, number>;

  /** Candidate detectors that also read structured segments (`scanFields`). */
  private readonly fieldDetectors: CandidateDetector[];

  constructor(detectors: readonly Detector[]) {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const d of detectors) {
      if (!d || typeof d.id !== 'string' || !d.id) problems.push('A detector has no id.');
      else if (seen.has(d.id)) problems.push(`Two detectors share the id "${d.id}".`);
      else seen.add(d.id);
      if (d && !isCandidateDetector(d) && typeof (d as SegmentDetector).scan !== 'function') problems.push(`Detector "${d.id}" has neither triggers with detect() nor scan().`);
      if (d && isCandidateDetector(d) && typeof d.detect !== 'function') problems.push(`Detector "${d.id}" declares triggers but no detect() function.`);
    }
    if (problems.length) throw new UsageError(problems);
    this.detectors = detectors;
    this.order = new Map(detectors.map((d, i) => [d, i]));
    this.scanner = new CandidateScanner(detectors.filter(isCandidateDetector) as CandidateDetector[]);
    this.fieldDetectors = detectors.filter((d): d is CandidateDetector => isCandidateDetector(d) && typeof d.scanFields === 'function');
    this.segmentDetectors = detectors.filter((d): d is SegmentDetector => !isCandidateDetector(d));
  }

  /**
   * Runs every detector over one segment and returns the matches it owns (those starting in
   * `[reportFrom, reportTo)`), overlaps resolved, with the view used to build snippets.
   */
  detect(segment: Segment, minScore: number): { matches: RawMatch[]; view: SegmentView } {
    const from = segment.reportFrom ?? 0;
    const to = segment.reportTo ?? segment.text.length;
    const matches: RawMatch[] = [];
    const accept = (detector: Detector, match: RawMatch['match']) => {
      if (match.start < from || match.start >= to || match.end <= match.start) return;
      const score = adjustForOcr(match.score, segment.context?.ocrConfidence);
      if (score < minScore) return;
      matches.push({ detector, match: score === match.score ? match : { ...match, score } });
    };
    const view = this.scanner.scan(segment.text, from, to, segment.context, accept);
    for (const detector of this.segmentDetectors) {
      for (const match of detector.scan(view)) accept(detector, match);
    }
    const context = segment.context;
    if (context && (context.fields || context.label !== undefined || context.source === 'file-name')) {
      for (const detector of this.fieldDetectors) for (const match of detector.scanFields!(view)) accept(detector, match);
    }
    return { matches: resolveOverlaps(matches, this.order), view };
  }
}

/** OCR text read with low confidence lowers the finding's score (full weight at >= 80). */
function adjustForOcr(score: number, ocrConfidence: number | undefined): number {
  if (ocrConfidence === undefined || ocrConfidence >= 80) return score;
  return score * (0.6 + 0.4 * Math.max(0, ocrConfidence) / 80);
}

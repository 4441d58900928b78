import { createRequire } from 'node:module';
import { keywordSet, type DetectorMatch, type SegmentDetector } from '@saring/core';
import type { RawCustomDetector } from './schema.js';

const require = createRequire(import.meta.url);

/** Time recheck may spend proving one pattern linear before we give up and refuse it. */
const RECHECK_TIMEOUT_MS = 10_000;

/**
 * Checks a user pattern before it ever sees a file: it must compile, must not match the empty
 * string, and must run in linear time. `recheck` (automaton analysis plus fuzzing) proves the
 * last one; a pattern it finds vulnerable, or cannot decide on, is refused with the reason.
 * Returns the problems (empty when the pattern is fine).
 */
export function checkPattern(pattern: string, flags: string): string[] {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, flags);
  } catch (error) {
    return [`is not a valid regular expression: ${(error as Error).message}`];
  }
  if (regex.test('')) return ['matches the empty string; it would match everywhere'];
  const { checkSync } = require('recheck') as typeof import('recheck');
  const diagnostics = checkSync(pattern, flags, { timeout: RECHECK_TIMEOUT_MS });
  if (diagnostics.status === 'safe') return [];
  if (diagnostics.status === 'vulnerable') {
    return [`can take ${diagnostics.complexity.type === 'exponential' ? 'exponential' : 'polynomial'} time on some input (ReDoS); rewrite it without nested or overlapping repetition`];
  }
  return [`could not be proven to run in linear time (${diagnostics.error.kind}); simplify it`];
}

/**
 * A custom detector written as data in the config, as a whole-segment detector: every regex
 * match is a candidate, scored `score`, or `keywordScore` with a context word within `window`
 * characters (or in the field's label: a column header, a JSON key). The pattern was checked by
 * `checkPattern` before this is called.
 */
export function customDetector(spec: RawCustomDetector): SegmentDetector {
  const words = keywordSet(spec.keywords);
  const flags = `${spec.flags.replace(/[gy]/g, '')}g`;
  return {
    id: spec.id,
    meta: {
      entity: spec.entity,
      category: spec.category,
      severity: spec.severity,
      description: spec.description,
      reference: 'custom detector from saring.config.json',
      ...(spec.identifiesPerson ? { identifiesPerson: true } : {}),
    },
    ...(spec.keywords.length ? { keywords: words } : {}),
    ...(spec.examples ? { examples: spec.examples } : {}),
    scan(view) {
      const out: DetectorMatch[] = [];
      const regex = new RegExp(spec.pattern, flags);
      for (const match of view.text.matchAll(regex)) {
        if (match[0].length === 0) continue;
        const start = match.index;
        const end = start + match[0].length;
        const context = spec.keywords.length ? view.contextWords(words, start, end, spec.window) : [];
        if (spec.requireKeyword && context.length === 0) continue;
        out.push({
          start,
          end,
          value: match[0],
          score: context.length ? spec.keywordScore : spec.score,
          explanation: { pattern: `${spec.id}-pattern`, validation: 'unchecked', context },
        });
      }
      return out;
    },
  };
}

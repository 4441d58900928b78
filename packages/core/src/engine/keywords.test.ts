import { describe, expect, it } from 'vitest';
import type { Candidate, CandidateDetector } from '../model/detector.js';
import { keywordSet } from './keywords.js';
import { CandidateScanner } from './scanner.js';

/** A detector that reports the keyword candidates it is given, to see what the scanner matched. */
function labelEcho(words: readonly string[]): CandidateDetector {
  return {
    id: 'echo',
    meta: { entity: 'echo', category: 'umum', severity: 'low', description: 'reports its labels' },
    triggers: { labels: keywordSet(words) },
    detect: (c: Candidate) => ({ start: c.start, end: c.end, value: c.keyword, score: 1, explanation: { pattern: 'echo', validation: 'unchecked', context: [] } }),
  };
}

function labelsFound(words: readonly string[], text: string): string[] {
  const found: string[] = [];
  new CandidateScanner([labelEcho(words)]).scan(text, 0, text.length, undefined, (_d, m) => found.push(`${text.slice(m.start, m.end)}=${m.value}`));
  return found;
}

describe('keywords sharing a compact key', () => {
  it.each([
    [['no sep', 'nosep'], 'No.SEP no sep NOSEP', ['No.SEP=no sep', 'no sep=no sep', 'NOSEP=no sep']],
    [['nosep', 'no.sep'], 'No.SEP nosep', ['No.SEP=no.sep', 'nosep=no.sep']],
    [['no kartu', 'no.kartu', 'nokartu'], 'No.Kartu', ['No.Kartu=no kartu']],
  ])('keeps the spelling with the most parts: %j', (words, text, expected) => {
    expect(labelsFound(words, text)).toEqual(expected);
  });

  it('keeps the flexible spelling when two detectors declare different ones', () => {
    const a = labelEcho(['nokartu']);
    const b = { ...labelEcho(['no kartu']), id: 'echo2' };
    const found: string[] = [];
    const text = 'No. Kartu';
    new CandidateScanner([a, b]).scan(text, 0, text.length, undefined, (d, m) => found.push(`${d.id}:${text.slice(m.start, m.end)}`));
    expect(found).toEqual(['echo:No. Kartu', 'echo2:No. Kartu']);
  });
});

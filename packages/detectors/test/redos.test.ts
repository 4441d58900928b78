import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { check, type Diagnostics } from 'recheck';
import { describe, expect, it } from 'vitest';
import { CandidateScanner, isCandidateDetector, type CandidateDetector } from '@saring/core';
import { allDetectors } from '../src/index.js';
import { LabelGroups } from '../src/labels.js';

/**
 * Every regular expression a detector or the engine runs over file content must be free of
 * catastrophic backtracking (issue 3, style.md §5). The verdict, in order:
 *
 * 1. `recheck` says `safe` (it honours the sticky flag: a `y` regex runs at one position);
 * 2. or the regex has no unbounded quantifier (`*`, `+`, `{n,}`), so the work at each start
 *    position is bounded by the pattern's size and a scan is linear by construction — recheck
 *    cannot model look-behind and reports such keyword alternations by fuzzing alone;
 * 3. or recheck's own attack string, grown 4-fold, does not make V8 slower than linearly.
 *
 * A regex that passes none of them fails the test with recheck's attack pattern.
 */
const SRC = fileURLToPath(new URL('../src', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

interface Regex {
  where: string;
  source: string;
  flags: string;
}

/** Regex literals written in a source file (a lexer-light scan: `/…/flags` after an operator or `return`). */
function regexLiterals(file: string): Regex[] {
  const code = readFileSync(file, 'utf8');
  const literal = /(?:[=(,:?!&|[{;]|return)\s*\/(?![*/])((?:\\.|\[(?:\\.|[^\]\\\n])*\]|[^/\\\n[])+)\/([dgimsuy]*)/g;
  return [...code.matchAll(literal)].map((m) => ({ where: file.slice(SRC.length + 1), source: m[1]!, flags: m[2]! }));
}

/** Every RegExp a detector module exports, directly, in an exported array, or compiled by a LabelGroups. */
async function exportedRegexes(): Promise<Regex[]> {
  const out: Regex[] = [];
  for (const file of sourceFiles(SRC)) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      for (const v of Array.isArray(value) ? value : [value]) {
        const regex = v instanceof RegExp ? v : v instanceof LabelGroups ? v.regex : undefined;
        if (regex) out.push({ where: `${file.slice(SRC.length + 1)} ${name}`, source: regex.source, flags: regex.flags });
      }
    }
  }
  return out;
}

/** True when no quantifier in `source` is unbounded (outside character classes and escapes). */
export function hasOnlyBoundedQuantifiers(source: string): boolean {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === '*' || ch === '+') return false;
    else if (ch === '{' && /^\{[0-9]+,\}/.test(source.slice(i))) return false;
  }
  return true;
}

/** Milliseconds V8 takes to run `regex` over `input` (every match for a global regex), or Infinity past `budgetMs`. */
function timeInWorker(regex: RegExp, input: string, budgetMs: number): Promise<number> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const r = new RegExp(workerData.source, workerData.flags);
    const started = performance.now();
    if (r.sticky || !r.global) r.exec(workerData.input);
    else while (r.exec(workerData.input) !== null) if (r.lastIndex === 0) break;
    parentPort.postMessage(performance.now() - started);`;
  return new Promise((resolve) => {
    const worker = new Worker(code, { eval: true, workerData: { source: regex.source, flags: regex.flags, input } });
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve(Infinity);
    }, budgetMs);
    worker.once('message', (ms: number) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(ms);
    });
  });
}

/**
 * Times `regex` over recheck's attack pattern at 1x and 4x its size, in a worker that is stopped
 * past its budget; true when it is slow or grows super-linearly.
 */
async function slowOnAttack(regex: RegExp, diagnostics: Diagnostics): Promise<boolean> {
  if (diagnostics.status !== 'vulnerable') return false;
  const pattern = diagnostics.attack.pattern;
  const build = (factor: number) => new Function(`return ${pattern.replace(/\.repeat\(([0-9]+)\)/g, (_m, n: string) => `.repeat(${String(Number(n) * factor)})`)}`)() as string;
  const small = await timeInWorker(regex, build(1), ATTACK_BUDGET_MS);
  if (small > 500) return true;
  const large = await timeInWorker(regex, build(4), ATTACK_BUDGET_MS);
  return large > 100 && large > 10 * Math.max(small, 1);
}

/** Time one confirmation run may take before it counts as catastrophic. */
const ATTACK_BUDGET_MS = 3_000;

async function verdict(regex: Regex): Promise<string | undefined> {
  const flags = regex.flags.replace('g', '');
  const diagnostics = await check(regex.source, flags, { timeout: 20_000 });
  if (diagnostics.status === 'safe' || hasOnlyBoundedQuantifiers(regex.source)) return undefined;
  if (!(await slowOnAttack(new RegExp(regex.source, regex.flags), diagnostics))) {
    if (diagnostics.status === 'vulnerable') return undefined; // recheck's attack does not slow V8 down
  }
  const attack = diagnostics.status === 'vulnerable' ? ` attack ${diagnostics.attack.pattern}` : '';
  return `${regex.where}: /${regex.source.slice(0, 160)}/${regex.flags} is ${diagnostics.status}${attack}`;
}

describe('ReDoS', () => {
  it('recognises unbounded quantifiers', () => {
    expect(hasOnlyBoundedQuantifiers('a[*+]{0,3}\\+b{2}')).toBe(true);
    expect(hasOnlyBoundedQuantifiers('a+')).toBe(false);
    expect(hasOnlyBoundedQuantifiers('(?:ab)*')).toBe(false);
    expect(hasOnlyBoundedQuantifiers('a{2,}')).toBe(false);
  });

  it('still fails a regex that backtracks quadratically', async () => {
    expect(await verdict({ where: 'self-test', source: '[ \\t]*[ \\t]*x', flags: 'g' })).toMatch(/^self-test: .* is vulnerable attack /);
  }, 60_000);

  it('passes for every regex literal in the detectors', async () => {
    const literals = sourceFiles(SRC).flatMap(regexLiterals);
    expect(literals.length).toBeGreaterThan(20);
    const problems: string[] = [];
    for (const regex of literals) {
      const problem = await verdict(regex);
      if (problem) problems.push(problem);
    }
    expect(problems).toEqual([]);
  }, 300_000);

  it('passes for every regex the detectors build and export', async () => {
    const built = await exportedRegexes();
    expect(built.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const regex of built) {
      const problem = await verdict(regex);
      if (problem) problems.push(problem);
    }
    expect(problems).toEqual([]);
  }, 300_000);

  it("passes for the engine's combined candidate scanner regex with every built-in detector", async () => {
    const scanner = new CandidateScanner(allDetectors.filter(isCandidateDetector) as CandidateDetector[]);
    const regex = scanner.regex!;
    // Code, number and e-mail alternatives: recheck decides. The keyword alternative is a list of
    // words joined by bounded punctuation runs: linear by construction (checked, not assumed).
    const keywordStart = regex.source.indexOf('|(?<![A-Za-z0-9])(');
    expect(keywordStart).toBeGreaterThan(0);
    const candidates = regex.source.slice(0, keywordStart);
    const keywords = regex.source.slice(keywordStart + 1);
    expect(hasOnlyBoundedQuantifiers(keywords)).toBe(true);
    expect((await check(candidates, 'i', { timeout: 60_000 })).status).toBe('safe');
  }, 120_000);
});

import type { Command } from 'commander';
import { DetectionPlan, maskMiddle, UsageError, type Detector } from '@saring/core';
import { allDetectors } from '@saring/detectors';
import type { CliIO } from '../io.js';
import { EXIT } from '../exit-codes.js';
import { loadUserConfig } from './scan-setup.js';
import { resolveConfig } from '../config/resolve.js';

/** Digit runs at least this long are masked in examples even when no detector claims them. */
const MIN_DIGITS_MASKED = 8;

/**
 * An example with every identifier in it masked the way reports mask it: each detector's match
 * (all detectors, not only the one explained) and any other long digit run. Examples are
 * synthetic, but printing identifier-shaped values teaches people to paste real ones.
 */
export function maskExample(text: string, plan: DetectionPlan): string {
  const { matches } = plan.detect({ text, locator: { kind: 'text', line: 1, column: 1 } }, 0);
  let out = text;
  for (const { detector, match } of [...matches].sort((a, b) => b.match.start - a.match.start)) {
    const masked = detector.mask ? detector.mask(match.value) : maskMiddle(match.value);
    out = out.slice(0, match.start) + masked + out.slice(match.end);
  }
  return out.replace(new RegExp(`[0-9]{${MIN_DIGITS_MASKED},}`, 'g'), (digits) => maskMiddle(digits));
}

/** What `saring explain` prints for one detector. */
export function explainDetector(detector: Detector, plan: DetectionPlan): string {
  const lines = [
    `${detector.id}: ${detector.meta.entity}`,
    `  severity ${detector.meta.severity}, category ${detector.meta.category}${detector.meta.identifiesPerson ? ', identifies a person' : ''}`,
    `  ${detector.meta.description}`,
  ];
  if (detector.meta.reference) lines.push(`  source: ${detector.meta.reference}`);
  if ('triggers' in detector && detector.triggers) {
    const t = detector.triggers;
    const what = [t.numbers ? `numbers of ${t.numbers.minDigits}${t.numbers.maxDigits !== t.numbers.minDigits ? `–${t.numbers.maxDigits}` : ''} digits` : '', t.codes ? 'letter-digit codes' : '', t.emails ? 'e-mail addresses' : '', t.labels ? `values after labels (${t.labels.words.join(', ')})` : '']
      .filter(Boolean)
      .join('; ');
    if (what) lines.push(`  looks at: ${what}`);
  } else lines.push('  looks at: the whole text (a pattern)');
  if (detector.keywords?.words.length) lines.push(`  context words (raise the score nearby): ${detector.keywords.words.join(', ')}`);
  if (detector.negativeKeywords?.words.length) lines.push(`  words that make it something else: ${detector.negativeKeywords.words.join(', ')}`);
  if (detector.examples) {
    lines.push('  found in (values masked):');
    for (const e of detector.examples.positive) lines.push(`    + ${maskExample(e, plan)}`);
    lines.push('  not found in:');
    for (const e of detector.examples.negative) lines.push(`    - ${maskExample(e, plan)}`);
  }
  return `${lines.join('\n')}\n`;
}

export function registerExplain(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('explain')
    .description('Explain a detector: what it looks for, its context words, and examples (masked).')
    .argument('<detector-id>', 'a detector id from "saring detectors" or a custom one from the config')
    .option('-c, --config <file>', 'configuration file with custom detectors (default: the nearest saring.config.json)')
    .action(async (id: string, options: { config?: string }) => {
      const { config, problems } = resolveConfig(await loadUserConfig(options.config, io));
      if (problems.length) throw new UsageError(problems);
      const custom = config.detectors.filter((d) => !allDetectors.some((b) => b.id === d.id));
      const all = [...allDetectors, ...custom];
      const detector = all.find((d) => d.id === id);
      if (!detector) throw new UsageError(`No detector "${id}". Known: ${all.map((d) => d.id).join(', ')}.`);
      io.stdout.write(explainDetector(detector, new DetectionPlan(all)));
      setExit(EXIT.CLEAN);
    });
}

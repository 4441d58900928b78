import type { Command } from 'commander';
import type { CliIO } from '../io.js';
import { baselineDocument, baselineEntries, type BaselineEntry } from '../baseline/baseline.js';
import { EXIT } from '../exit-codes.js';
import { progressMode } from '../progress/progress.js';
import { addScanOptions, isCi, openSink } from './scan.js';
import { prepareScan, type ScanCommandOptions } from './scan-setup.js';
import { runPreparedScan } from './scan-run.js';

/**
 * `saring baseline create [paths] --output FILE`: scans and writes every current finding as
 * reported path, detector, keyed fingerprint and location — never a value — so that
 * `saring scan --baseline FILE` reports only what is new. Exit 0 when written, 3 when some
 * files could not be read (their findings are not in the baseline).
 */
export async function runBaselineCreate(paths: string[], options: ScanCommandOptions, io: CliIO): Promise<number> {
  const prepared = await prepareScan(paths.length ? paths : ['.'], { ...options, format: 'json' }, io, 'baseline');
  const entries: BaselineEntry[] = [];
  const result = await runPreparedScan(prepared, io, {
    progressMode: progressMode({ stderrIsTTY: Boolean(io.stderr.isTTY), ci: isCi(io), quiet: options.quiet ?? false, machineOutputOnStdout: !options.output }),
    showPaths: false,
    onFile: (file) => entries.push(...baselineEntries(file)),
  });
  const sink = openSink(io, options.output);
  try {
    sink.write(`${JSON.stringify(baselineDocument(entries, prepared.key, new Date().toISOString()), null, 2)}\n`);
  } finally {
    sink.close();
  }
  if (!options.quiet) io.stderr.write(`saring: baseline of ${entries.length} finding(s) in ${result.summary.filesWithFindings} file(s)${options.output ? ` written to ${options.output}` : ''}.\n`);
  return result.anyIncomplete ? EXIT.INCOMPLETE : EXIT.CLEAN;
}

export function registerBaseline(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const baseline = program.command('baseline').description('Record the findings you already know about, so later scans report only new ones.');
  const create = baseline
    .command('create')
    .description('Scan and write a baseline: fingerprints and locations of current findings (no values).')
    .argument('[paths...]', 'files, folders or globs (default: the working folder)')
    .option('-o, --output <file>', 'where to write the baseline (mode 0600); stdout when absent');
  addScanOptions(create).action(async (paths: string[], options: ScanCommandOptions) => {
    setExit(await runBaselineCreate(paths, { ...options, color: false }, io));
  });
}

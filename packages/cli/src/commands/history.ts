import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { formatBytes, UsageError } from '@saring/core';
import type { CliIO } from '../io.js';
import { EXIT } from '../exit-codes.js';
import { StateDb } from '../state/state-db.js';
import { displayPath } from './scan-run.js';

const DEFAULT_STATE = '.saring/state.db';

function openState(path: string, io: CliIO): StateDb {
  const full = resolve(io.cwd, path);
  if (!existsSync(full)) throw new UsageError(`--state ${path}: no such state database (it is made by "saring scan --state ${path}").`);
  return StateDb.openReadOnly(full);
}

/** `saring history`: past scans recorded in the state database, newest first. */
export function runHistory(options: { state: string; json?: boolean; limit: string }, io: CliIO): number {
  const db = openState(options.state, io);
  try {
    const scans = db.history(Number(options.limit) || 20);
    if (options.json) {
      io.stdout.write(`${JSON.stringify(scans, null, 2)}\n`);
      return EXIT.CLEAN;
    }
    if (scans.length === 0) io.stdout.write('No scans recorded yet.\n');
    for (const s of scans) {
      io.stdout.write(
        `#${s.id}  ${s.startedAt}  ${s.files} files, ${s.sensitive} with findings, ${s.findings} findings, ${s.reused} unchanged, read ${formatBytes(s.bytesRead)} in ${(s.durationMs / 1000).toFixed(1)} s${s.finishedAt ? '' : '  (did not finish)'}${s.aborted ? '  (stopped)' : ''}  [${s.roots}]\n`,
      );
    }
    return EXIT.CLEAN;
  } finally {
    db.close();
  }
}

/**
 * `saring diff`: files that became sensitive, or stopped being sensitive, between two scans
 * (default: the last two), by their masked paths.
 */
export function runDiff(options: { state: string; json?: boolean; from?: string; to?: string }, io: CliIO): number {
  const db = openState(options.state, io);
  try {
    const finished = db.history(1000).filter((s) => s.finishedAt);
    const to = options.to ? Number(options.to) : finished[0]?.id;
    const from = options.from ? Number(options.from) : finished.find((s) => to !== undefined && s.id < to)?.id;
    if (to === undefined || from === undefined) throw new UsageError('saring diff needs two finished scans in the state database (run "saring scan --state ..." twice).');
    const before = db.sensitiveFiles(from);
    const after = db.sensitiveFiles(to);
    const became = [...after].filter(([k]) => !before.has(k)).map(([, f]) => ({ ...f, path: displayPath(f.path, io) }));
    const stopped = [...before].filter(([k]) => !after.has(k)).map(([, f]) => ({ ...f, path: displayPath(f.path, io) }));
    const changed = [...after]
      .filter(([k, f]) => before.has(k) && before.get(k)!.label !== f.label)
      .map(([k, f]) => ({ ...f, path: displayPath(f.path, io), was: before.get(k)!.label }));
    if (options.json) {
      io.stdout.write(`${JSON.stringify({ from, to, became, stopped, changed }, null, 2)}\n`);
      return EXIT.CLEAN;
    }
    io.stdout.write(`Scan #${from} -> #${to}: ${became.length} became sensitive, ${stopped.length} no longer sensitive (or gone), ${changed.length} changed label.\n`);
    for (const f of became) io.stdout.write(`+ ${f.path}  (${f.label}, ${f.findings} findings)\n`);
    for (const f of stopped) io.stdout.write(`- ${f.path}  (was ${f.label})\n`);
    for (const f of changed) io.stdout.write(`~ ${f.path}  (${f.was} -> ${f.label})\n`);
    return EXIT.CLEAN;
  } finally {
    db.close();
  }
}

export function registerHistory(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('history')
    .description('List past scans recorded with --state.')
    .option('--state <file>', 'the state database', DEFAULT_STATE)
    .option('--limit <n>', 'how many scans', '20')
    .option('--json', 'print as JSON')
    .action((options: { state: string; json?: boolean; limit: string }) => setExit(runHistory(options, io)));
  program
    .command('diff')
    .description('Show files that became or stopped being sensitive between two scans recorded with --state.')
    .option('--state <file>', 'the state database', DEFAULT_STATE)
    .option('--from <scan>', 'the earlier scan number (default: the one before --to)')
    .option('--to <scan>', 'the later scan number (default: the last finished scan)')
    .option('--json', 'print as JSON')
    .action((options: { state: string; json?: boolean; from?: string; to?: string }) => setExit(runDiff(options, io)));
}

import { Command, CommanderError } from 'commander';
import { UsageError } from '@saring/core';
import type { CliIO } from './io.js';
import { EXIT } from './exit-codes.js';
import { registerDetectors } from './commands/detectors.js';
import { registerScan } from './commands/scan.js';
import { registerBaseline } from './commands/baseline.js';
import { registerHistory } from './commands/history.js';
import { registerInit } from './commands/init.js';
import { registerExplain } from './commands/explain.js';
import { registerFingerprint } from './commands/fingerprint.js';
import { registerServe } from './serve/command.js';
import { registerWatchS3 } from './watch-s3/command.js';
import { VERSION } from './version.js';

/** A command module adds itself to the program; `setExit` records its exit code. */
export type RegisterCommand = (program: Command, io: CliIO, setExit: (code: number) => void) => void;

/** Every command, one line each. */
const COMMANDS: readonly RegisterCommand[] = [
  registerScan,
  registerDetectors,
  registerServe,
  registerWatchS3,
  registerBaseline,
  registerHistory,
  registerInit,
  registerExplain,
  registerFingerprint,
];

/**
 * The whole CLI as a function: parses `argv` (without `node` and the script), runs the command,
 * and returns the exit code. Only this function catches; an unexpected error says it is a bug.
 */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  let exitCode: number = EXIT.CLEAN;
  const program = new Command()
    .name('saring')
    .description('Find Indonesian medical-record data (NIK, BPJS, names, COVID results, DICOM headers) in files before they leak.')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => void io.stdout.write(s), writeErr: (s) => void io.stderr.write(s) })
    .showHelpAfterError('(run "saring --help" for usage)');
  for (const register of COMMANDS) register(program, io, (code) => (exitCode = code));
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return error.exitCode === 0 ? EXIT.CLEAN : EXIT.ERROR;
    }
    if (error instanceof UsageError) {
      for (const problem of error.problems) io.stderr.write(`saring: ${problem}\n`);
      return EXIT.ERROR;
    }
    io.stderr.write(`saring: unexpected error (this is a bug, please report it): ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.ERROR;
  }
}

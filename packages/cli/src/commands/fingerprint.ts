import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { fingerprint, UsageError } from '@saring/core';
import { allDetectors } from '@saring/detectors';
import type { CliIO } from '../io.js';
import { EXIT } from '../exit-codes.js';
import { loadUserConfig, prepareScan } from './scan-setup.js';
import { resolveConfig } from '../config/resolve.js';

/**
 * `saring fingerprint <detector-id>`: reads one normalized value per line from stdin (so it never
 * appears in shell history or the process list) and prints its keyed fingerprint, for the
 * config's `allow` list. The value itself is never printed or stored.
 */
export function registerFingerprint(program: Command, io: CliIO, setExit: (code: number) => void, readInput: () => string = () => readFileSync(0, 'utf8')): void {
  program
    .command('fingerprint')
    .description('Print the keyed fingerprint of values read from stdin (one per line), for the allow-list.')
    .argument('<detector-id>', 'the detector that finds the value, e.g. nik')
    .option('-c, --config <file>', 'configuration file (its fingerprintKey is used)')
    .option('--fingerprint-key-file <path>', 'key for fingerprints')
    .action(async (id: string, options: { config?: string; fingerprintKeyFile?: string }) => {
      const { config } = resolveConfig(await loadUserConfig(options.config, io));
      if (!config.detectors.some((d) => d.id === id) && !allDetectors.some((d) => d.id === id)) throw new UsageError(`No detector "${id}" (see "saring detectors").`);
      const prepared = await prepareScan(['.'], { ...options, ignoreFiles: true, fileNames: true, color: false, format: 'json' }, io, 'baseline');
      const values = readInput()
        .split(/\r?\n/)
        .map((v) => v.trim())
        .filter(Boolean);
      for (const value of values) io.stdout.write(`{ "fingerprint": "${fingerprint(prepared.key, id, value)}", "note": "${id}" }\n`);
      setExit(EXIT.CLEAN);
    });
}

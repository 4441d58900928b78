import { existsSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '@saring/core';
import { presets } from '@saring/detectors';
import type { CliIO } from '../io.js';
import { EXIT } from '../exit-codes.js';

/** The JSON Schema of the config (from the zod schema, loaded only for `init`), for editors' completion and checks. */
export async function configJsonSchema(): Promise<string> {
  const [{ z }, { configSchema }] = await Promise.all([import('zod'), import('../config/schema.js')]);
  return `${JSON.stringify(z.toJSONSchema(configSchema, { io: 'input' }), null, 2)}\n`;
}

/**
 * The starting config `saring init` writes: plain JSON (any tool can read it) that explains
 * itself in `$comment` fields, with every section present and set to the defaults.
 */
export function starterConfig(schemaFile = 'saring.config.schema.json'): string {
  const config = {
    $schema: `./${schemaFile}`,
    $comment: [
      'Saring configuration. Data only: never executed. Reference: README, section "Configuration".',
      'Command-line flags win over this file; this file wins over the defaults.',
    ],
    detectors: {
      $comment: `presets: ${Object.keys(presets).join(', ')}. enable/disable take detector ids ("saring detectors"). settings: per detector severity (low|medium|high|critical) and minConfidence (low|medium|high).`,
      presets: ['all'],
      enable: [],
      disable: [],
      settings: { 'phone-id': { minConfidence: 'medium' } },
    },
    minConfidence: 'medium',
    failOn: 'low',
    customDetectors: [
      {
        $comment: 'An example: medical-record numbers of one hospital written RM-123456. The pattern is checked for linear running time.',
        id: 'rs-contoh-mrn',
        entity: 'RS Contoh medical-record number',
        description: 'Medical-record numbers of RS Contoh, written RM- followed by six digits.',
        category: 'spesifik-kesehatan',
        severity: 'high',
        pattern: 'RM-[0-9]{6}',
        keywords: ['no. rm', 'rekam medis'],
        window: 40,
        score: 0.5,
        keywordScore: 0.9,
        identifiesPerson: true,
      },
    ],
    allow: [],
    suppress: [],
    exclude: ['node_modules/', '.git/', '.saring/'],
    include: [],
    limits: {
      maxFileSize: '256MiB',
      maxArchiveDepth: 8,
      maxArchiveMembers: 10000,
      maxExpandedSize: '400MiB',
      maxMemberSize: '100MiB',
      maxCompressionRatio: 100,
      maxFindingsPerFile: 1000,
      fileTimeoutSeconds: 120,
      ocr: 'auto',
      ocrMaxPages: 50,
    },
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

export function registerInit(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('init')
    .description('Write a commented starting saring.config.json in the working folder.')
    .option('--force', 'overwrite an existing file')
    .option('-o, --output <file>', 'where to write it', 'saring.config.json')
    .action(async (options: { force?: boolean; output: string }) => {
      const path = resolve(io.cwd, options.output);
      if (existsSync(path) && !options.force) throw new UsageError(`${options.output} already exists; use --force to overwrite it.`);
      const schemaFile = `${basename(path).replace(/\.jsonc?$/, '')}.schema.json`;
      const schema = await configJsonSchema();
      writeFileSync(path, starterConfig(schemaFile), { mode: 0o644 });
      writeFileSync(join(dirname(path), schemaFile), schema, { mode: 0o644 });
      io.stdout.write(`Wrote ${options.output} (and ${schemaFile}, its JSON Schema for editors). Check it with "saring scan --config ${options.output} <folder>".\n`);
      setExit(EXIT.CLEAN);
    });
}

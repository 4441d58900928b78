import type { Command } from 'commander';
import { allDetectors } from '@saring/detectors';
import type { CliIO } from '../io.js';

/** `saring detectors`: id, entity, severity and description of every detector. */
export function registerDetectors(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('detectors')
    .description('List the detectors with their id, entity and description.')
    .option('--json', 'print as JSON')
    .action((options: { json?: boolean }) => {
      if (options.json) {
        io.stdout.write(`${JSON.stringify(allDetectors.map((d) => ({ id: d.id, ...d.meta })), null, 2)}\n`);
      } else {
        const width = Math.max(...allDetectors.map((d) => d.id.length));
        for (const d of allDetectors) io.stdout.write(`${d.id.padEnd(width)}  ${d.meta.entity} [${d.meta.severity}, ${d.meta.category}]\n${' '.repeat(width + 2)}${d.meta.description}\n`);
      }
      setExit(0);
    });
}

#!/usr/bin/env node
import { processIO, run } from '../dist/index.js';

// A closed pipe (`saring scan … | head`) ends the output quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
process.exitCode = await run(process.argv.slice(2), processIO());

#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';

// A CLI run is short: by default V8 spends a large share of a 300-file DICOM scan compiling
// optimized code for functions that are warm only briefly. A larger interrupt budget lets it
// optimize only what stays hot (a long text scan runs as fast). Large regular expressions (the
// engine's keyword and candidate patterns) are compiled once to native code instead of first to
// bytecode and then again. Set before any of Saring's code is loaded, only on Node 20's V8 (where
// the flags are known), and not when the user sets either of them (node flags or NODE_OPTIONS).
const userTuned = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((arg) => /interrupt-budget|regexp-tier-up/.test(arg));
if (!userTuned && process.versions.v8.startsWith('11.')) setFlagsFromString('--interrupt-budget=540672 --no-regexp-tier-up');

const { processIO, run } = await import('../dist/index.js');

// A closed pipe (`saring scan … | head`) ends the output quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
process.exitCode = await run(process.argv.slice(2), processIO());

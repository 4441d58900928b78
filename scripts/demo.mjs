#!/usr/bin/env node
// `npm run demo`: scans fixtures/ with the built CLI and explains the exit code, since the
// fixtures include deliberately encrypted, corrupt and over-limit files.
import { spawnSync } from 'node:child_process';

const result = spawnSync(process.execPath, ['packages/cli/bin/saring.js', 'scan', 'fixtures', '--fail-on', 'none', ...process.argv.slice(2)], { stdio: 'inherit' });
const code = result.status ?? 2;
const meaning = {
  0: 'everything was read and nothing was at or above --fail-on',
  1: 'findings at or above --fail-on',
  2: 'usage error or fatal error',
  3: 'some files could not be fully read (the fixtures include encrypted, corrupt and over-limit files on purpose); they are reported, never passed as clean',
};
console.error(`\nsaring exited ${code}: ${meaning[code] ?? 'unexpected'}`);
process.exit(code === 2 ? 2 : 0);

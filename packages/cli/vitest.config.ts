import { defineProject } from 'vitest/config';

// "source" makes workspace imports resolve to src/, so tests never need a build first.
export default defineProject({
  resolve: { conditions: ['source', 'module', 'node', 'import', 'default'] },
  // No `module` for server-side code: it would also reach Node (vitest passes the conditions on),
  // and @aws-sdk/checksums' `module` build has extension-less imports Node cannot load.
  ssr: { resolve: { conditions: ['source', 'node', 'import', 'default'], externalConditions: ['source'] } },
  test: {
    name: 'cli',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
  },
});

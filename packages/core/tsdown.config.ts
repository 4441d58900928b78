import { defineConfig } from 'tsdown';

export default defineConfig({
  // The scan worker is its own file: worker threads are started from a path (engine/worker-pool.ts).
  entry: { index: 'src/index.ts', 'scan-worker': 'src/engine/scan-worker.ts' },
  format: 'esm',
  platform: 'node',
  target: 'node20',
  dts: true,
  sourcemap: true,
  clean: true,
  fixedExtension: false,
});

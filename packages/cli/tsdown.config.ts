import { defineConfig } from 'tsdown';

export default defineConfig({
  // worker-setup is loaded by path in each scan worker (saring scan --workers).
  entry: { index: 'src/index.ts', 'worker-setup': 'src/worker-setup.ts' },
  format: 'esm',
  platform: 'node',
  target: 'node20',
  dts: true,
  sourcemap: true,
  clean: true,
  fixedExtension: false,
});

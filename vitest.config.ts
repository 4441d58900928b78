import { defineConfig } from 'vitest/config';

// One run over every package; each package keeps its own config (name, timeouts).
export default defineConfig({
  test: {
    projects: ['packages/*'],
  },
});

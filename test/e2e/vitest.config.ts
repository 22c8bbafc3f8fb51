import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** End-to-end tests: the built extension in real Chromium and Firefox (`npm run test:e2e`). */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    // One browser at a time: two machines' worth of browsers on a small CI runner is flaky.
    fileParallelism: false,
    // Launching a browser alone can take several seconds on a cold machine.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});

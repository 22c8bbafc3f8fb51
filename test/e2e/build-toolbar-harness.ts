import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { REPO_ROOT } from './launch.mjs';

/**
 * Bundles harness/toolbar-harness.ts, the toolbar on a page of the test's own, into `dir` as
 * `toolbar-harness.js`: built as the release build draws it (no test hooks: src/env.d.ts), so
 * what a test measures there is what readers get.
 */
export async function buildToolbarHarness(dir: string): Promise<void> {
  await esbuild.build({
    absWorkingDir: REPO_ROOT,
    entryPoints: ['test/e2e/harness/toolbar-harness.ts'],
    outfile: join(dir, 'toolbar-harness.js'),
    bundle: true,
    format: 'iife',
    loader: { '.css': 'text' },
    define: { __TEST_HOOKS__: 'false' },
    logLevel: 'warning',
  });
}

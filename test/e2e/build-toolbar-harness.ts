import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll } from 'vitest';
import {
  launchWithExtension,
  REPO_ROOT,
  serveDirectory,
  type ExtensionBrowser,
  type LaunchOptions,
  type StaticServer,
} from './launch.mjs';

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

/** The toolbar harness served to a browser with the built extension (see useToolbarHarness). */
export interface ToolbarHarnessSuite {
  /** The folder served: the harness and the suite's pages. */
  dir: string;
  server: StaticServer;
  session: ExtensionBrowser;
}

/**
 * For the describe block it is called in: builds the harness into a temporary folder, writes
 * `writePages(dir)`'s pages beside it, serves the folder and launches a browser with `launch`
 * before the tests; closes both and removes the folder after them.
 */
export function useToolbarHarness(
  name: string,
  launch: LaunchOptions,
  writePages: (dir: string) => Promise<void>,
): ToolbarHarnessSuite {
  const suite = {} as ToolbarHarnessSuite;
  beforeAll(async () => {
    suite.dir = await mkdtemp(join(tmpdir(), `moodmark-${name}-`));
    await buildToolbarHarness(suite.dir);
    await writePages(suite.dir);
    suite.server = await serveDirectory(suite.dir);
    suite.session = await launchWithExtension(launch);
  });
  afterAll(async () => {
    try {
      await suite.session?.close();
    } finally {
      await suite.server?.close();
      if (suite.dir) await rm(suite.dir, { recursive: true, force: true });
    }
  });
  return suite;
}

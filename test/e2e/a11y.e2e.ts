import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, readAxeSource, serious } from './axe';
import { openExtensionPage } from './extension-pages';
import {
  BROWSER_NAMES,
  REPO_ROOT,
  launchWithExtension,
  serveDirectory,
  type ExtensionBrowser,
  type StaticServer,
} from './launch.mjs';

describe.each(BROWSER_NAMES)('%s accessibility (axe-core)', (browserName) => {
  let harnessDir: string;
  let server: StaticServer;
  let session: ExtensionBrowser;
  let axeSource: string;

  beforeAll(async () => {
    axeSource = await readAxeSource();
    harnessDir = await mkdtemp(join(tmpdir(), 'moodmark-a11y-'));
    await esbuild.build({
      absWorkingDir: REPO_ROOT,
      entryPoints: ['test/e2e/harness/toolbar-harness.ts'],
      outfile: join(harnessDir, 'toolbar-harness.js'),
      bundle: true,
      format: 'iife',
      loader: { '.css': 'text' },
      // As in the release build: the audit sees what readers get (src/env.d.ts).
      define: { __TEST_HOOKS__: 'false' },
      logLevel: 'warning',
    });
    await writeFile(
      join(harnessDir, 'index.html'),
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Toolbar harness</title>' +
        '</head><body><main><h1>Article</h1><p>Text.</p></main>' +
        '<script src="toolbar-harness.js"></script></body></html>',
    );
    server = await serveDirectory(harnessDir);
    session = await launchWithExtension({ browserName });
  });

  afterAll(async () => {
    try {
      await session?.close();
    } finally {
      await server?.close();
      if (harnessDir) await rm(harnessDir, { recursive: true, force: true });
    }
  });

  it.each(['en', 'ar'])(
    'toolbar (inline and floating, %s): no serious or critical violations',
    async (lang) => {
      const page = await session.browser.newPage();
      try {
        await page.goto(server.url(`index.html?lang=${lang}`));
        await page.waitForSelector('body[data-ready]');
        const violations = await audit(page, axeSource);
        expect(serious(violations), JSON.stringify(violations, null, 1)).toEqual([]);
      } finally {
        await page.close();
      }
    },
  );

  it.each(['/options.html', '/popup.html'])(
    '%s: no serious or critical violations',
    async (path) => {
      const page = await openExtensionPage(session, path);
      try {
        await page.waitForSelector('body[data-ready]');
        const violations = await audit(page, axeSource);
        expect(serious(violations), JSON.stringify(violations, null, 1)).toEqual([]);
      } finally {
        await page.close();
      }
    },
  );
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import type { Page } from 'puppeteer-core';
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

  it("keeps the toolbar's colours on a page that registers the names its styles use (@property)", async () => {
    const page = await session.browser.newPage();
    try {
      await page.goto(server.url('index.html?lang=en'));
      await page.waitForSelector('body[data-ready]');
      const colours = () =>
        page.evaluate(() => {
          const root = document.querySelector('moodmark-toolbar')!.shadowRoot!;
          const style = getComputedStyle(root.querySelector('.toolbar')!);
          return [style.color, style.backgroundColor, style.borderTopColor];
        });
      const own = await colours();
      // A registration holds for the whole document, shadow trees included.
      const names = await page.evaluate(() => {
        const root = document.querySelector('moodmark-toolbar')!.shadowRoot!;
        const css = root.querySelector('style')!.textContent ?? '';
        return [...new Set(css.match(/--[\w-]+/g) ?? [])];
      });
      await page.evaluate((registered) => {
        const style = document.createElement('style');
        style.textContent = registered
          .map(
            (name) =>
              `@property ${name} { syntax: '<length>'; inherits: false; initial-value: 0px; }`,
          )
          .join('\n');
        document.head.append(style);
      }, names);
      expect(await colours()).toEqual(own);
    } finally {
      await page.close();
    }
  });

  // Windows contrast themes; Chromium emulates them (Firefox's protocol cannot).
  describe.runIf(browserName === 'chromium')('forced colours', () => {
    /** The pressed control's background, another's as drawn, and the page's, in forced colours. */
    async function pressedColours(page: Page, pressed: string, other: string) {
      const cdp = await page.createCDPSession();
      await cdp.send('Emulation.setEmulatedMedia', {
        features: [{ name: 'forced-colors', value: 'active' }],
      });
      return page.evaluate(
        (pressedSelector, otherSelector) => {
          const root = document.querySelector('moodmark-toolbar')?.shadowRoot ?? document;
          const background = (element: Element) => getComputedStyle(element).backgroundColor;
          const canvas = document.createElement('div');
          canvas.style.background = 'Canvas';
          document.body.append(canvas);
          const page = background(canvas);
          canvas.remove();
          // A transparent background shows the page's.
          const drawn = (colour: string) => (/,\s*0\)$/.test(colour) ? page : colour);
          return {
            active: matchMedia('(forced-colors: active)').matches,
            pressed: drawn(background(root.querySelector(pressedSelector)!)),
            other: drawn(background(root.querySelector(otherSelector)!)),
            page,
          };
        },
        pressed,
        other,
      );
    }

    it('shows the pressed reaction of the toolbar, and the pressed chip of the popup', async () => {
      const toolbar = await session.browser.newPage();
      const popup = await openExtensionPage(session, '/popup.html');
      try {
        await toolbar.goto(server.url('index.html?lang=en'));
        await toolbar.waitForSelector('body[data-ready]');
        await popup.waitForSelector('body[data-ready]');
        for (const colours of [
          await pressedColours(
            toolbar,
            '.reactions button[aria-pressed="true"]',
            '.reactions button[aria-pressed="false"]',
          ),
          await pressedColours(popup, '.chip[aria-pressed="true"]', '.chip[aria-pressed="false"]'),
        ]) {
          expect(colours.active).toBe(true);
          expect(colours.pressed, JSON.stringify(colours)).not.toBe(colours.other);
          expect(colours.pressed, JSON.stringify(colours)).not.toBe(colours.page);
        }
      } finally {
        await toolbar.close();
        await popup.close();
      }
    });
  });

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

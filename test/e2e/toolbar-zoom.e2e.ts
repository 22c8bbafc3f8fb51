import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildToolbarHarness } from './build-toolbar-harness';
import {
  BROWSER_NAMES,
  launchWithExtension,
  serveDirectory,
  type ExtensionBrowser,
  type StaticServer,
} from './launch.mjs';
import { TOOLBAR } from './toolbar-driver';

/**
 * The toolbar alone (a11y's harness, its roots open) in an article the page zooms, as a site's
 * own text-size control does.
 */
const ZOOMED_PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Zoomed article</title>' +
  '<style>main { zoom: 2; }</style></head>' +
  '<body><main><h1>Article</h1><p>Text.</p></main>' +
  '<script src="toolbar-harness.js"></script></body></html>';

describe.each(BROWSER_NAMES)('%s', (browserName) => {
  let dir: string;
  let server: StaticServer;
  let session: ExtensionBrowser;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'moodmark-toolbar-zoom-'));
    await buildToolbarHarness(dir);
    await writeFile(join(dir, 'zoomed.html'), ZOOMED_PAGE);
    server = await serveDirectory(dir);
    session = await launchWithExtension({ browserName });
  });

  afterAll(async () => {
    try {
      await session?.close();
    } finally {
      await server?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    }
  });

  it.each([800, 360])(
    'keeps the open floating panel within a %i px window on a page that zooms the article',
    async (width) => {
      const page = await session.browser.newPage();
      try {
        await page.setViewport({ width, height: 700 });
        await page.goto(server.url('zoomed.html'));
        await page.waitForSelector('body[data-ready]');
        const placed = await page.evaluate((tag) => {
          const floating = document.getElementsByTagName(tag)[1]!;
          const panel = floating.shadowRoot!.querySelector('.toolbar')!.getBoundingClientRect();
          const reactions = [...floating.shadowRoot!.querySelectorAll('.reactions button')]
            .map((button) => button.getBoundingClientRect())
            .filter((box) => box.width > 0);
          const window = { width: document.documentElement.clientWidth, height: innerHeight };
          return {
            panel: { left: panel.left, right: panel.right, top: panel.top },
            reactionsOff: reactions.filter((box) => box.left < 0 || box.right > window.width)
              .length,
            window,
          };
        }, TOOLBAR);
        expect(placed.panel.left, 'the panel’s left edge').toBeGreaterThanOrEqual(0);
        expect(placed.panel.right, 'the panel’s right edge').toBeLessThanOrEqual(
          placed.window.width,
        );
        expect(placed.panel.top, 'the panel’s top edge').toBeGreaterThanOrEqual(0);
        expect(placed.reactionsOff, 'reactions out of the window').toBe(0);
      } finally {
        await page.close();
      }
    },
  );
});

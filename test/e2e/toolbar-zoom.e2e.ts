import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { useToolbarHarness } from './build-toolbar-harness';
import { BROWSER_NAMES } from './launch.mjs';
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
  const harness = useToolbarHarness('toolbar-zoom', { browserName }, async (dir) => {
    await writeFile(join(dir, 'zoomed.html'), ZOOMED_PAGE);
    // The same article at zoom 1, until the test zooms it.
    await writeFile(join(dir, 'unzoomed.html'), ZOOMED_PAGE.replace('zoom: 2', 'zoom: 1'));
  });

  /** Where the floating panel and its reactions are, against the window. */
  async function measurePanel(page: Page) {
    return page.evaluate((tag) => {
      const floating = document.getElementsByTagName(tag)[1]!;
      const panel = floating.shadowRoot!.querySelector('.toolbar')!.getBoundingClientRect();
      const reactions = [...floating.shadowRoot!.querySelectorAll('.reactions button')]
        .map((button) => button.getBoundingClientRect())
        .filter((box) => box.width > 0);
      const window = { width: document.documentElement.clientWidth, height: innerHeight };
      return {
        panel: { left: panel.left, right: panel.right, top: panel.top },
        reactionsOff: reactions.filter((box) => box.left < 0 || box.right > window.width).length,
        window,
      };
    }, TOOLBAR);
  }

  function expectWithinWindow(placed: Awaited<ReturnType<typeof measurePanel>>): void {
    expect(placed.panel.left, 'the panel’s left edge').toBeGreaterThanOrEqual(0);
    expect(placed.panel.right, 'the panel’s right edge').toBeLessThanOrEqual(placed.window.width);
    expect(placed.panel.top, 'the panel’s top edge').toBeGreaterThanOrEqual(0);
    expect(placed.reactionsOff, 'reactions out of the window').toBe(0);
  }

  it.each([800, 360])(
    'keeps the open floating panel within a %i px window on a page that zooms the article',
    async (width) => {
      const page = await harness.session.browser.newPage();
      try {
        await page.setViewport({ width, height: 700 });
        await page.goto(harness.server.url('zoomed.html'));
        await page.waitForSelector('body[data-ready]');
        expectWithinWindow(await measurePanel(page));
      } finally {
        await page.close();
      }
    },
  );

  it('keeps the floating panel within the window when the page zooms the article while it is open', async () => {
    const page = await harness.session.browser.newPage();
    try {
      await page.setViewport({ width: 360, height: 700 });
      // Opened at zoom 1; then the site's text-size control is pressed with the panel open.
      await page.goto(harness.server.url('unzoomed.html'));
      await page.waitForSelector('body[data-ready]');
      for (const zoom of ['2', '1.5']) {
        await page.evaluate((value) => {
          document.querySelector('main')!.style.zoom = value;
        }, zoom);
        // Two frames: layout, then what the toolbar does when it hears of it.
        await page.evaluate(
          () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
        );
        expectWithinWindow(await measurePanel(page));
      }
    } finally {
      await page.close();
    }
  });
});

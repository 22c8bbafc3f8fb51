import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { DARK_SURFACE, LIGHT_SURFACE, parseColour } from '../../src/core/colour-scheme';
import { contrast } from '../support/stylesheet-colours';
import { useToolbarHarness } from './build-toolbar-harness';
import { BROWSER_NAMES, FIXTURES_DIR } from './launch.mjs';
import { pixelsOfShot, TOOLBAR } from './toolbar-driver';

/** The demo article made dark by its own stylesheet (as a site's dark design or its dark mode). */
const DARK_PAGE_STYLE = '<style>body { background: #0d1117; color: #e6edf3; }</style>';
/** The demo article with a dark mode of its own, switched on by a class on <html>. */
const SWITCHABLE_PAGE_STYLE =
  '<style>body { transition: background-color 0.2s; } ' +
  'html.night body { background: #121212; color: #eeeeee; }</style>';

/**
 * The demo article with a dark mode of its own on its `<main>`, as a web app sets one on its
 * wrapper, switched at once (no transition).
 */
const WRAPPER_SWITCH_PAGE_STYLE =
  '<style>main.night, .night-wrapper { background: #121212; color: #eeeeee; }</style>';

/** The demo article dark by a gradient on its body, its background colour left transparent. */
const GRADIENT_PAGE_STYLE =
  '<style>body { background: linear-gradient(#0d1117, #1c2128); color: #e6edf3; }</style>';

/** The demo article drawn on its canvas, in either scheme as the system prefers. */
const CANVAS_PAGE_STYLE =
  '<meta name="color-scheme" content="light dark">' +
  '<style>body { background: transparent; color: CanvasText; }</style>';

/** The toolbar alone (a11y's harness, its shadow root open) on a page of `background`. */
function harnessPage(background: string): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Toolbar harness</title>` +
    `<style>body { background: ${background}; }</style></head>` +
    '<body><main><h1>Article</h1><p>Text.</p></main>' +
    '<script src="toolbar-harness.js"></script></body></html>'
  );
}

/** The colour of the pixel at `x`, `y` of an element's screenshot, as `rgb()`. */
async function pixelOf(page: Page, selector: string, x: number, y: number): Promise<string> {
  const element = await page.$(selector);
  const shot = await element!.screenshot({ encoding: 'base64' });
  const [colour] = await pixelsOfShot(page, shot, [[x, y]]);
  return colour!;
}

/** Whether `measured` is `expected` (a `#rrggbb`), give or take a step of a channel. */
function isColour(measured: string, expected: string): boolean {
  const [a, b] = [parseColour(measured)!, parseColour(expected)!];
  return (['red', 'green', 'blue'] as const).every(
    (channel) => Math.abs(a[channel] - b[channel]) * 255 <= 2,
  );
}

/** The panel's surface as drawn: a pixel inside its border, beside the prompt. */
const surfaceDrawn = (page: Page) => pixelOf(page, TOOLBAR, 6, 30);

describe.each(BROWSER_NAMES)('%s', (browserName) => {
  describe.each(['light', 'dark'] as const)('under a %s system', (system) => {
    // Firefox's protocol cannot emulate the preference: it is the browser's, set at launch.
    const firefoxPrefs = {
      'ui.systemUsesDarkTheme': system === 'dark' ? 1 : 0,
      'layout.css.prefers-color-scheme.content-override': system === 'dark' ? 0 : 1,
    };
    const harness = useToolbarHarness('page-scheme', { browserName, firefoxPrefs }, async (dir) => {
      const article = await readFile(join(FIXTURES_DIR, 'demo-article.html'), 'utf8');
      const styled = (style: string) => article.replace('</head>', `${style}</head>`);
      await writeFile(join(dir, 'light-article.html'), article);
      await writeFile(join(dir, 'dark-article.html'), styled(DARK_PAGE_STYLE));
      await writeFile(join(dir, 'switchable-article.html'), styled(SWITCHABLE_PAGE_STYLE));
      await writeFile(join(dir, 'canvas-article.html'), styled(CANVAS_PAGE_STYLE));
      await writeFile(join(dir, 'wrapper-article.html'), styled(WRAPPER_SWITCH_PAGE_STYLE));
      await writeFile(join(dir, 'gradient-article.html'), styled(GRADIENT_PAGE_STYLE));
      await writeFile(join(dir, 'light-harness.html'), harnessPage('#ffffff'));
      await writeFile(join(dir, 'dark-harness.html'), harnessPage('#0d1117'));
    });

    /** A new tab showing `path`, under this system's preference. */
    async function open(path: string): Promise<Page> {
      const page = await harness.session.browser.newPage();
      if (browserName === 'chromium') {
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: system }]);
      }
      await page.goto(harness.server.url(path));
      const prefersDark = await page.evaluate(
        () => matchMedia('(prefers-color-scheme: dark)').matches,
      );
      expect(prefersDark, 'the system preference the test set').toBe(system === 'dark');
      return page;
    }

    /** The page's toolbar drawn on `expected`'s surface, waited for as long as a switch takes. */
    async function expectSurface(page: Page, expected: string): Promise<void> {
      let drawn = '';
      for (const started = Date.now(); Date.now() - started < 3_000;) {
        drawn = await surfaceDrawn(page);
        if (isColour(drawn, expected)) break;
      }
      expect(drawn, `the toolbar's surface, drawn`).toSatisfy((colour: string) =>
        isColour(colour, expected),
      );
    }

    const pageScheme = system === 'light' ? 'dark' : 'light';
    const pageSurface = pageScheme === 'dark' ? DARK_SURFACE : LIGHT_SURFACE;

    it(`draws the toolbar ${pageScheme} after the story of a ${pageScheme} page`, async () => {
      const page = await open(`${pageScheme}-article.html`);
      try {
        await page.waitForSelector(`${TOOLBAR}[data-ready]`);
        expect(await page.$eval(TOOLBAR, (host) => host.getAttribute('data-theme'))).toBe('system');
        await expectSurface(page, pageSurface);
      } finally {
        await page.close();
      }
    });

    it.runIf(system === 'light')(
      "follows the page's own switch to dark and back, once its transition ends",
      async () => {
        const page = await open('switchable-article.html');
        try {
          await page.waitForSelector(`${TOOLBAR}[data-ready]`);
          await expectSurface(page, LIGHT_SURFACE);
          await page.evaluate(() => document.documentElement.classList.add('night'));
          await expectSurface(page, DARK_SURFACE);
          await page.evaluate(() => document.documentElement.classList.remove('night'));
          await expectSurface(page, LIGHT_SURFACE);
        } finally {
          await page.close();
        }
      },
    );

    it.runIf(system === 'light')(
      "follows the page's own switch made at once on a wrapper round the story, or in its head",
      async () => {
        const page = await open('wrapper-article.html');
        try {
          await page.waitForSelector(`${TOOLBAR}[data-ready]`);
          await expectSurface(page, LIGHT_SURFACE);
          await page.evaluate(() => document.querySelector('main')!.classList.add('night'));
          await expectSurface(page, DARK_SURFACE);
          await page.evaluate(() => document.querySelector('main')!.classList.remove('night'));
          await expectSurface(page, LIGHT_SURFACE);
          // A dark stylesheet put in, as a site swaps its theme's sheet or a web app its styles.
          await page.evaluate(() => {
            const sheet = document.createElement('style');
            sheet.textContent = 'body { background: #121212; color: #eeeeee; }';
            document.head.append(sheet);
          });
          await expectSurface(page, DARK_SURFACE);
        } finally {
          await page.close();
        }
      },
    );

    it.runIf(system === 'light')(
      "follows the page's switch made on a wrapper it puts round the story later",
      async () => {
        const page = await open('wrapper-article.html');
        try {
          await page.waitForSelector(`${TOOLBAR}[data-ready]`);
          await expectSurface(page, LIGHT_SURFACE);
          // As a site's script wraps its content once it runs, or a reading mode its overlay.
          await page.$eval(TOOLBAR, (host) => {
            const story = host.parentElement!;
            const wrapper = document.createElement('div');
            story.before(wrapper);
            wrapper.append(story);
          });
          await new Promise((resolve) => setTimeout(resolve, 200));
          await page.$eval(TOOLBAR, (host) => {
            host.parentElement!.parentElement!.className = 'night-wrapper';
          });
          await expectSurface(page, DARK_SURFACE);
        } finally {
          await page.close();
        }
      },
    );

    it.runIf(system === 'light')(
      "follows the page's switch to a dark stylesheet it links, once the sheet has come",
      async () => {
        const page = await open('wrapper-article.html');
        try {
          await page.waitForSelector(`${TOOLBAR}[data-ready]`);
          await expectSurface(page, LIGHT_SURFACE);
          // The sheet held until the toolbar has looked at the page its switch left unchanged.
          let letGo: (() => void) | undefined;
          await page.setRequestInterception(true);
          page.on('request', (request) => {
            if (new URL(request.url()).pathname !== '/dark-theme.css') void request.continue();
            else {
              letGo = () =>
                void request.respond({
                  status: 200,
                  contentType: 'text/css',
                  body: 'body { background: #121212; color: #eeeeee; }',
                });
            }
          });
          await page.evaluate(() => {
            const link = document.createElement('link');
            link.rel = 'stylesheet';
            link.href = 'dark-theme.css';
            document.head.append(link);
          });
          while (!letGo) await new Promise((resolve) => setTimeout(resolve, 20));
          await new Promise((resolve) => setTimeout(resolve, 200));
          letGo();
          await expectSurface(page, DARK_SURFACE);
        } finally {
          await page.close();
        }
      },
    );

    it.runIf(system === 'light')(
      'draws the toolbar dark after the story of a page dark by a gradient',
      async () => {
        const page = await open('gradient-article.html');
        try {
          await page.waitForSelector(`${TOOLBAR}[data-ready]`);
          await expectSurface(page, DARK_SURFACE);
        } finally {
          await page.close();
        }
      },
    );

    // Chromium switches the preference of an open page; Firefox's is the browser's, set at launch.
    it.runIf(system === 'light' && browserName === 'chromium')(
      'follows the system to dark on a page drawn on its canvas',
      async () => {
        const page = await open('canvas-article.html');
        try {
          await page.waitForSelector(`${TOOLBAR}[data-ready]`);
          await expectSurface(page, LIGHT_SURFACE);
          await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
          await expectSurface(page, DARK_SURFACE);
        } finally {
          await page.close();
        }
      },
    );

    // WCAG 1.4.3: the toolbar's words 4.5:1 on its surface, in the palette the page gave it.
    it(`keeps its words 4.5:1 on the ${pageScheme} palette a ${pageScheme} page gives it`, async () => {
      const page = await open(`${pageScheme}-harness.html`);
      try {
        await page.waitForSelector('body[data-ready]');
        // Placed by the harness, not by insertAfter: read again at the page's load.
        await page.waitForFunction(
          (surface) => {
            const root = document.querySelector('moodmark-toolbar')!.shadowRoot!;
            const probe = document.createElement('div');
            probe.style.color = surface;
            document.body.append(probe);
            const wanted = getComputedStyle(probe).color;
            probe.remove();
            return getComputedStyle(root.querySelector('.toolbar')!).backgroundColor === wanted;
          },
          { timeout: 3_000, polling: 50 },
          pageSurface,
        );
        const colours = await page.evaluate(() => {
          const root = document.querySelector('moodmark-toolbar')!.shadowRoot!;
          const style = (selector: string) => getComputedStyle(root.querySelector(selector)!);
          return {
            surface: style('.toolbar').backgroundColor,
            prompt: style('.prompt').color,
            label: style('button[aria-pressed="false"]').color,
            pressedLabel: style('button[aria-pressed="true"]').color,
            pressedSurface: style('button[aria-pressed="true"]').backgroundColor,
            error: style('.status').color,
          };
        });
        const measured = {
          prompt: contrast(colours.prompt, colours.surface),
          label: contrast(colours.label, colours.surface),
          pressedLabel: contrast(colours.pressedLabel, colours.pressedSurface),
          error: contrast(colours.error, colours.surface),
        };
        console.log(`[e2e] page-scheme ${browserName} ${pageScheme} page:`, colours, measured);
        for (const [part, ratio] of Object.entries(measured)) {
          expect(ratio, `${part}: ${JSON.stringify(colours)}`).toBeGreaterThanOrEqual(4.5);
        }
      } finally {
        await page.close();
      }
    });
  });
});

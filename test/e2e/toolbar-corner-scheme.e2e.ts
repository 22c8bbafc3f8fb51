import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DARK_PAGE_MAX_LUMINANCE,
  DARK_SURFACE,
  LIGHT_SURFACE,
  parseColour,
  relativeLuminance,
} from '../../src/core/colour-scheme';
import { useToolbarHarness } from './build-toolbar-harness';
import { callFrom, openExtensionPage } from './extension-pages';
import { BROWSER_NAMES } from './launch.mjs';
import { pixelsOfShot, TOOLBAR } from './toolbar-driver';

/**
 * The toolbar alone (a11y's harness, its roots open, the floating one in the page's scheme) in a
 * page whose colour is not its body's but a wrapper's around everything, as many sites draw it
 * (`<div id="app" class="bg-black min-h-screen">`): the body is of `body`, the wrapper of `app`.
 */
function wrappedPage(body: string, app: string, banner = ''): string {
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Wrapped article</title>' +
    `<style>body { margin: 0; background: ${body}; } ` +
    `#app { min-height: 100vh; background: ${app}; }</style></head>` +
    `<body><div id="app"><main><h1>Article</h1><p>Text.</p></main></div>${banner}` +
    '<script src="toolbar-harness.js"></script></body></html>'
  );
}

/**
 * A consent banner across the foot of the window, of the other scheme, as the page shows one on
 * a first visit: there only until the reader answers it, it says nothing of the page's colour.
 */
const LIGHT_BANNER =
  '<div style="position: fixed; inset: auto 0 0; height: 120px; background: #ffffff">' +
  'We use cookies. <button>Accept</button></div>';

/**
 * A page drawn as a column of `body`'s colour, narrower and shorter than the window, on its root's
 * `root` colour, which shows in the window's corner.
 */
function columnPage(root: string, body: string): string {
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Column article</title>' +
    `<style>html { background: ${root}; } ` +
    `body { max-width: 400px; margin: 0 auto; background: ${body}; }</style></head>` +
    '<body><main><h1>Article</h1><p>Text.</p></main>' +
    '<script src="toolbar-harness.js"></script></body></html>'
  );
}

/**
 * A page whose `<main>`, around the article and the toolbar, is of `main`'s colour on a body of
 * `body`'s, laid out by `layout` (where `<main>` is not, the window's corner shows the body), with
 * `before` ahead of it.
 */
function mainPage(body: string, main: string, layout: string, before = ''): string {
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Laid out article</title>' +
    `<style>body { margin: 0; background: ${body}; } ` +
    `main { min-height: 100vh; background: ${main}; ${layout} }</style></head>` +
    `<body>${before}<main><h1>Article</h1><p>Text.</p></main>` +
    '<script src="toolbar-harness.js"></script></body></html>'
  );
}

/**
 * A page's own button in the window's end corner, where the floating button sits ("back to top"),
 * and a place before it that a test focuses to Tab from (no element added: see openPage).
 */
const CORNER_BUTTON =
  '<span id="before-corner" tabindex="-1"></span>' +
  '<button id="corner" style="position: fixed; inset-inline-end: 8px; bottom: 8px; ' +
  'width: 80px; height: 80px">Top</button>';

describe.each(BROWSER_NAMES)('%s', (browserName) => {
  // A light system, so that a toolbar drawn dark took it from the page (Firefox's protocol
  // cannot emulate the preference: it is set at launch).
  const firefoxPrefs = {
    'ui.systemUsesDarkTheme': 0,
    'layout.css.prefers-color-scheme.content-override': 1,
  };
  const harness = useToolbarHarness(
    'toolbar-corner-scheme',
    { browserName, firefoxPrefs },
    async (dir) => {
      await writeFile(join(dir, 'dark-app.html'), wrappedPage('transparent', '#0d1117'));
      await writeFile(join(dir, 'light-app.html'), wrappedPage('#0d1117', '#ffffff'));
      await writeFile(
        join(dir, 'dark-app-banner.html'),
        wrappedPage('transparent', '#0d1117', LIGHT_BANNER),
      );
      // A dark mode made by inverting the page (a site's switch, a dark-mode extension's filter
      // mode): the floating button, in the top layer, is drawn outside the filter.
      await writeFile(
        join(dir, 'inverted.html'),
        columnPage('#ffffff; filter: invert(1) hue-rotate(180deg)', '#ffffff'),
      );
      // A filter on the body alone: its colour is drawn on the canvas, outside that filter.
      await writeFile(
        join(dir, 'body-inverted.html'),
        wrappedPage('#ffffff; filter: invert(1) hue-rotate(180deg); min-height: 100vh', 'none'),
      );
      await writeFile(join(dir, 'dark-margins.html'), columnPage('#0d1117', '#ffffff'));
      await writeFile(join(dir, 'light-margins.html'), columnPage('#ffffff', '#0d1117'));
      // The article's column on the end half of a dark page: the start corner shows the body.
      await writeFile(
        join(dir, 'dark-start.html'),
        mainPage('#0d1117', '#ffffff', 'margin-inline-start: 50%;', CORNER_BUTTON),
      );
      // The article's light column on a dark page: a window as narrow is all column.
      await writeFile(
        join(dir, 'narrow-column.html'),
        mainPage('#0d1117', '#ffffff', 'max-width: 500px; margin: 0 auto;'),
      );
      // The article's dark section below a light screenful: the corner shows it once scrolled to.
      await writeFile(
        join(dir, 'dark-below.html'),
        mainPage('#ffffff', '#0d1117', 'margin-top: 150vh;'),
      );
    },
  );

  /** The floating button's surface, and the surface the toolbar's palette gives `scheme`. */
  async function launcherSurface(page: Page, scheme: string) {
    return page.evaluate(
      (tag, expected) => {
        const root = document.getElementsByTagName(tag)[1]!.shadowRoot!;
        const probe = document.createElement('div');
        probe.style.backgroundColor = expected;
        document.body.append(probe);
        const wanted = getComputedStyle(probe).backgroundColor;
        probe.remove();
        return {
          drawn: getComputedStyle(root.querySelector('.launcher')!).backgroundColor,
          wanted,
        };
      },
      TOOLBAR,
      scheme,
    );
  }

  it.each([
    { page: 'dark-app', surface: DARK_SURFACE },
    { page: 'light-app', surface: LIGHT_SURFACE },
    { page: 'dark-app-banner', surface: DARK_SURFACE },
    { page: 'dark-margins', surface: DARK_SURFACE },
    { page: 'light-margins', surface: LIGHT_SURFACE },
  ])(
    'draws the floating button in the scheme of the page under it ($page)',
    async ({ page: name, surface }) => {
      const page = await harness.session.browser.newPage();
      try {
        await page.setViewport({ width: 800, height: 600 });
        if (browserName === 'chromium') {
          await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
        }
        await page.goto(
          harness.server.url(`${name}.html?lang=en&panel=closed&floatingTheme=system`),
        );
        await page.waitForSelector('body[data-ready]');
        const { drawn, wanted } = await launcherSurface(page, surface);
        expect(drawn).toBe(wanted);
      } finally {
        await page.close();
      }
    },
  );

  // The extension's content script (its end-to-end build) runs on these pages too, and marks the
  // root each time it looks at the page again: a change of the root's attributes, after which the
  // harness's toolbar reads the page anew, as after a site's own switch, whatever a test did.
  // Turned off for the site, it looks once.
  beforeAll(async () => {
    const options = await openExtensionPage(harness.session, '/options.html');
    try {
      const url = harness.server.url('index.html');
      await callFrom(options, { call: 'setSiteDisabled', input: { url, disabled: true } });
    } finally {
      await options.close();
    }
  });

  /**
   * Opens `name` in an 800 × 600 window of a light system, the floating toolbar closed, once the
   * content script has looked at it.
   */
  async function openPage(name: string): Promise<Page> {
    const page = await harness.session.browser.newPage();
    await page.setViewport({ width: 800, height: 600 });
    if (browserName === 'chromium') {
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    }
    await page.goto(harness.server.url(`${name}.html?lang=en&panel=closed&floatingTheme=system`));
    await page.waitForSelector('body[data-ready]');
    await page.waitForSelector('html[data-moodmark-looked]');
    return page;
  }

  /** Waits until the floating button is drawn on the surface of `surface`. */
  async function expectLauncherSurface(page: Page, surface: string): Promise<void> {
    let drawn = { drawn: '', wanted: '' };
    const deadline = Date.now() + 2_000;
    do {
      drawn = await launcherSurface(page, surface);
      if (drawn.drawn === drawn.wanted) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    } while (Date.now() < deadline);
    expect(drawn.drawn).toBe(drawn.wanted);
  }

  it("reads the page again where the button moves off the page's focused control", async () => {
    const page = await openPage('dark-start');
    try {
      await expectLauncherSurface(page, LIGHT_SURFACE);
      // The reader's Tab onto the page's button in the corner: the floating one moves off it.
      await page.evaluate(() => document.getElementById('before-corner')!.focus());
      await page.keyboard.press('Tab');
      await page.waitForFunction(() => document.activeElement?.id === 'corner');
      await expectLauncherSurface(page, DARK_SURFACE);
    } finally {
      await page.close();
    }
  });

  it('reads the page again where the reader scrolled another part under the button', async () => {
    const page = await openPage('dark-below');
    try {
      await expectLauncherSurface(page, LIGHT_SURFACE);
      await page.mouse.move(400, 300);
      await page.mouse.wheel({ deltaY: 2_000 });
      await page.waitForFunction(() => scrollY > 0);
      await expectLauncherSurface(page, DARK_SURFACE);
      await page.mouse.wheel({ deltaY: -4_000 });
      await page.waitForFunction(() => scrollY === 0);
      await expectLauncherSurface(page, LIGHT_SURFACE);
    } finally {
      await page.close();
    }
  });

  // A ticker scrolling without pause: its scroll events never let the page settle, and the
  // button stayed light over the dark section for as long as it ran.
  it('reads the page again where the reader scrolled, on a page that never stops scrolling', async () => {
    const page = await openPage('dark-below');
    try {
      await expectLauncherSurface(page, LIGHT_SURFACE);
      await page.evaluate(() => {
        const ticker = document.createElement('div');
        ticker.style.cssText = 'overflow: auto; white-space: nowrap; width: 200px;';
        ticker.textContent = 'Breaking news — '.repeat(50);
        document.body.prepend(ticker);
        setInterval(() => (ticker.scrollLeft = ticker.scrollLeft > 0 ? 0 : 40), 30);
      });
      await page.mouse.move(400, 300);
      await page.mouse.wheel({ deltaY: 2_000 });
      await page.waitForFunction(() => scrollY > 0);
      await expectLauncherSurface(page, DARK_SURFACE);
    } finally {
      await page.close();
    }
  });

  it('reads the page again where the window is resized to another part under the button', async () => {
    const page = await openPage('narrow-column');
    try {
      await expectLauncherSurface(page, DARK_SURFACE);
      await page.setViewport({ width: 480, height: 600 });
      await expectLauncherSurface(page, LIGHT_SURFACE);
    } finally {
      await page.close();
    }
  });

  /**
   * Light or dark as the reader sees them, from a screenshot's pixels: the floating button's
   * surface, and the page beside it. What a filter does to either is in no computed style.
   */
  async function seenSchemes(page: Page): Promise<{ button: string; page: string }> {
    const { left, middle } = await page.evaluate((tag) => {
      const root = document.getElementsByTagName(tag)[1]!.shadowRoot!;
      const box = root.querySelector('.launcher')!.getBoundingClientRect();
      return { left: box.left, middle: box.top + box.height / 2 };
    }, TOOLBAR);
    const shot = await page.screenshot({ encoding: 'base64' });
    const [button, beside] = await pixelsOfShot(page, shot, [
      [left + 6, middle],
      [left - 12, middle],
    ]);
    const scheme = (colour: string) =>
      relativeLuminance(parseColour(colour)!) <= DARK_PAGE_MAX_LUMINANCE ? 'dark' : 'light';
    return { button: scheme(button!), page: scheme(beside!) };
  }

  it.each(['inverted', 'body-inverted'])(
    'shows the floating button in the scheme the page is seen in, filtered (%s)',
    async (name) => {
      const page = await harness.session.browser.newPage();
      try {
        await page.setViewport({ width: 800, height: 600 });
        if (browserName === 'chromium') {
          await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
        }
        await page.goto(
          harness.server.url(`${name}.html?lang=en&panel=closed&floatingTheme=system`),
        );
        await page.waitForSelector('body[data-ready]');
        const seen = await seenSchemes(page);
        expect(seen.button).toBe(seen.page);
      } finally {
        await page.close();
      }
    },
  );
});

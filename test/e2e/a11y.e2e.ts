import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { contrast } from '../support/stylesheet-colours';
import { audit, readAxeSource, serious } from './axe';
import { useToolbarHarness } from './build-toolbar-harness';
import { openExtensionPage } from './extension-pages';
import { BROWSER_NAMES } from './launch.mjs';
import { pressReaction, TOOLBAR } from './toolbar-driver';

/**
 * Where a page keeps a control of its own over the article: in the window's corner, where the
 * floating toolbar sits (inline-end, bottom), as many sites keep a "back to top" button; across
 * the middle, as a consent banner's button; or in the footer after a long article, in a page that
 * scrolls smoothly (the control comes into view after its focus events).
 */
const PAGE_CONTROLS = {
  corner:
    '#control { position: fixed; inset-inline-end: 16px; bottom: 16px; width: 44px; height: 44px; }',
  middle: '#control { position: fixed; inset-inline: 16px; top: 45%; height: 30px; }',
  footer:
    'html { scroll-behavior: smooth; } main { min-height: 300vh; } ' +
    '#control { display: block; margin: 0 24px 16px auto; width: 44px; height: 44px; }',
};

/** An article with a control (`#control`) placed as `where` says, in a page of direction `dir`. */
function pageWithControl(where: keyof typeof PAGE_CONTROLS, dir: string): string {
  return (
    `<!doctype html><html lang="en" dir="${dir}"><head><meta charset="utf-8"><title>Page</title>` +
    `<style>${PAGE_CONTROLS[where]}</style></head>` +
    '<body><main><h1>Article</h1><p>Text.</p></main><button id="control">↑</button>' +
    '<script src="toolbar-harness.js"></script></body></html>'
  );
}

describe.each(BROWSER_NAMES)('%s accessibility (axe-core)', (browserName) => {
  const harness = useToolbarHarness('a11y', { browserName }, async (dir) => {
    await writeFile(
      join(dir, 'index.html'),
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Toolbar harness</title>' +
        '</head><body><main><h1>Article</h1><p>Text.</p></main>' +
        '<script src="toolbar-harness.js"></script></body></html>',
    );
    for (const [where, direction] of [
      ['corner', 'ltr'],
      ['corner', 'rtl'],
      ['middle', 'ltr'],
      ['footer', 'ltr'],
    ] as const) {
      await writeFile(join(dir, `${where}-${direction}.html`), pageWithControl(where, direction));
    }
  });
  let axeSource: string;

  beforeAll(async () => {
    axeSource = await readAxeSource();
  });

  it.each(['en', 'ar'])(
    'toolbar (inline and floating, %s): no serious or critical violations',
    async (lang) => {
      const page = await harness.session.browser.newPage();
      try {
        await page.goto(harness.server.url(`index.html?lang=${lang}`));
        await page.waitForSelector('body[data-ready]');
        const violations = await audit(page, axeSource);
        expect(serious(violations), JSON.stringify(violations, null, 1)).toEqual([]);
      } finally {
        await page.close();
      }
    },
  );

  // Entering the toolbar, a screen reader names the landmark and then the row: both named by
  // the question, it was said twice before the first reaction. Chromium only: Firefox gives
  // puppeteer no accessibility snapshot.
  it.runIf(browserName === 'chromium').each([
    { lang: 'en', region: 'Moodmark reactions', row: "What's your reaction?" },
    { lang: 'ar', region: 'تفاعلات Moodmark', row: 'ما تفاعلك؟' },
  ])('names the region for the extension and its row by the question ($lang)', async (want) => {
    const page = await harness.session.browser.newPage();
    try {
      await page.goto(harness.server.url(`index.html?lang=${want.lang}&panel=closed`));
      await page.waitForSelector('body[data-ready]');
      const names: Record<string, unknown> = {};
      for (const [part, selector] of [
        ['region', '.toolbar'],
        ['row', '.reactions'],
        ['launcher', '.launcher'],
      ] as const) {
        // The inline toolbar's panel and row, the floating one's button.
        const element = await page.evaluateHandle(
          (selector, index) => {
            const hosts = document.querySelectorAll('moodmark-toolbar');
            return hosts[index]!.shadowRoot!.querySelector(selector)!;
          },
          selector,
          part === 'launcher' ? 1 : 0,
        );
        const node = await page.accessibility.snapshot({ root: element, interestingOnly: false });
        names[part] = { role: node?.role, name: node?.name, description: node?.description };
      }
      expect(names).toMatchObject({
        region: { role: 'region', name: want.region, description: undefined },
        row: { role: 'toolbar', name: want.row, description: undefined },
        // Its tooltip repeats its name; it is described by the status alone, empty here.
        launcher: { role: 'button', description: undefined },
      });
    } finally {
      await page.close();
    }
  });

  // The suites press reactions through pressReaction: in a right-to-left toolbar its arrows ran
  // the row backwards, and it pressed another reaction than the one it named.
  it.each(['en', 'ar'])(
    'pressReaction presses the reaction it names in a toolbar read in %s',
    async (lang) => {
      const page = await harness.session.browser.newPage();
      try {
        await page.goto(harness.server.url(`index.html?lang=${lang}&panel=closed`));
        await page.waitForSelector('body[data-ready]');
        for (const reaction of ['wow', 'dislike'] as const) {
          await pressReaction(page, reaction);
          await page.waitForFunction(
            (tag, wanted) =>
              document
                .getElementsByTagName(tag)[0]!
                .shadowRoot!.querySelector('.reactions [aria-pressed="true"]')
                ?.getAttribute('data-reaction') === wanted,
            { timeout: 3_000 },
            TOOLBAR,
            reaction,
          );
        }
      } finally {
        await page.close();
      }
    },
  );

  it("keeps the toolbar's colours on a page that registers the names its styles use (@property)", async () => {
    const page = await harness.session.browser.newPage();
    try {
      await page.goto(harness.server.url('index.html?lang=en'));
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

  // The floating button sits over whatever the page has in its corner; its focus ring must show
  // there too (WCAG 2.4.13: an area of at least twice its perimeter changing by 3:1 or more).
  it.each(['light', 'dark'])(
    'rings the focused floating button visibly on a page of its own accent colour (%s)',
    async (theme) => {
      const page = await harness.session.browser.newPage();
      try {
        await page.setViewport({ width: 800, height: 600 });
        await page.goto(harness.server.url(`index.html?lang=en&floatingTheme=${theme}`));
        await page.waitForSelector('body[data-ready]');
        // The harness focused a reaction of the open panel: Escape closes it, giving focus to
        // the floating button, as the keyboard does.
        await page.keyboard.press('Escape');
        const box = await page.evaluate(() => {
          const root = document.querySelectorAll('moodmark-toolbar')[1]!.shadowRoot!;
          const launcher = root.querySelector<HTMLElement>('.launcher')!;
          const style = getComputedStyle(launcher);
          document.documentElement.style.background = style.outlineColor;
          document.body.style.background = style.outlineColor;
          const rect = launcher.getBoundingClientRect();
          return {
            ringShown: launcher.matches(':focus-visible') && style.outlineStyle !== 'none',
            clip: {
              x: rect.x - 12,
              y: rect.y - 12,
              width: rect.width + 24,
              height: rect.height + 24,
            },
            perimeter: Math.PI * rect.width,
          };
        });
        expect(box.ringShown).toBe(true);
        const focused = await page.screenshot({ clip: box.clip, encoding: 'base64' });
        await page.evaluate(() => {
          const root = document.querySelectorAll('moodmark-toolbar')[1]!.shadowRoot!;
          (root.activeElement as HTMLElement).blur();
        });
        const unfocused = await page.screenshot({ clip: box.clip, encoding: 'base64' });
        const changed = await page.evaluate(
          async (shots: string[]) => {
            const pixels = await Promise.all(
              shots.map(async (shot) => {
                const image = new Image();
                image.src = `data:image/png;base64,${shot}`;
                await image.decode();
                const canvas = document.createElement('canvas');
                canvas.width = image.width;
                canvas.height = image.height;
                const context = canvas.getContext('2d')!;
                context.drawImage(image, 0, 0);
                return context.getImageData(0, 0, image.width, image.height).data;
              }),
            );
            const luminance = (data: Uint8ClampedArray, i: number) =>
              [0, 1, 2]
                .map((c) => data[i + c]! / 255)
                .map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
                .reduce((sum, v, c) => sum + v * [0.2126, 0.7152, 0.0722][c]!, 0);
            const [a, b] = pixels as [Uint8ClampedArray, Uint8ClampedArray];
            let count = 0;
            for (let i = 0; i < a.length; i += 4) {
              const [lighter, darker] = [luminance(a, i), luminance(b, i)].sort((x, y) => y - x);
              if ((lighter! + 0.05) / (darker! + 0.05) >= 3) count++;
            }
            return count;
          },
          [focused, unfocused],
        );
        expect(changed, `pixels changed 3:1 or more`).toBeGreaterThanOrEqual(2 * box.perimeter);
      } finally {
        await page.close();
      }
    },
  );

  // WCAG 2.4.11: the floating toolbar, in the top layer, is drawn over the page's own controls;
  // focused by Tab, one must not be hidden under it. Closed, the Tab comes from the page; open,
  // from the panel's last control. In a window as small as 400% zoom makes it, no corner leaves
  // room beside the open panel.
  it.each([
    { page: 'corner-ltr', panel: 'closed', window: { width: 800, height: 600 }, staysOpen: false },
    { page: 'corner-rtl', panel: 'open', window: { width: 800, height: 600 }, staysOpen: true },
    { page: 'middle-ltr', panel: 'open', window: { width: 320, height: 256 }, staysOpen: false },
    { page: 'footer-ltr', panel: 'closed', window: { width: 800, height: 600 }, staysOpen: false },
  ])(
    "keeps the page's own control in sight when Tab focuses it ($page, panel $panel)",
    async ({ page: pageName, panel, window, staysOpen }) => {
      const page = await harness.session.browser.newPage();
      try {
        await page.setViewport(window);
        await page.goto(harness.server.url(`${pageName}.html?lang=en&panel=${panel}`));
        await page.waitForSelector('body[data-ready]');
        for (let presses = 0; presses < 6; presses++) {
          await page.keyboard.press('Tab');
          if (await page.evaluate(() => document.activeElement?.id === 'control')) break;
        }
        // Until the page's smooth scroll to the control has ended.
        await page.evaluate(async () => {
          let last = -1;
          while (last !== scrollY) {
            last = scrollY;
            await new Promise((done) => setTimeout(done, 200));
          }
        });
        const covered = await page.evaluate(() => {
          const control = document.activeElement!;
          const box = control.getBoundingClientRect();
          const root = document.querySelectorAll('moodmark-toolbar')[1]!.shadowRoot!;
          const toolbarBoxes = [...root.querySelectorAll('.launcher, .toolbar')]
            .map((element) => element.getBoundingClientRect())
            .filter((over) => over.width > 0);
          const overlap = (over: DOMRect) =>
            Math.max(0, Math.min(box.right, over.right) - Math.max(box.left, over.left)) *
            Math.max(0, Math.min(box.bottom, over.bottom) - Math.max(box.top, over.top));
          return {
            focused: control.id,
            toolbarShown: toolbarBoxes.length > 0,
            panelOpen: toolbarBoxes.length > 1,
            coveredArea: toolbarBoxes.reduce((sum, over) => sum + overlap(over), 0),
          };
        });
        expect(covered.focused).toBe('control');
        expect(covered.toolbarShown).toBe(true);
        expect(covered.panelOpen).toBe(staysOpen);
        expect(covered.coveredArea, 'px² of the control under the toolbar').toBe(0);
      } finally {
        await page.close();
      }
    },
  );

  // A reader who asks the system for more contrast (macOS: Increase contrast); Chromium
  // emulates it. The worst page is one of the toolbar's own surface colour.
  it.runIf(browserName === 'chromium').each(['light', 'dark'])(
    'draws edges 3:1 from any page and labels 7:1 when the system asks for more contrast (%s)',
    async (theme) => {
      const page = await harness.session.browser.newPage();
      try {
        const cdp = await page.createCDPSession();
        await cdp.send('Emulation.setEmulatedMedia', {
          features: [
            { name: 'prefers-contrast', value: 'more' },
            { name: 'prefers-color-scheme', value: theme },
          ],
        });
        await page.goto(harness.server.url(`index.html?lang=en&floatingTheme=${theme}`));
        await page.waitForSelector('body[data-ready]');
        const colours = await page.evaluate(() => {
          const [inline, floating] = [...document.querySelectorAll('moodmark-toolbar')].map(
            (host) => host.shadowRoot!,
          );
          const style = (element: Element) => getComputedStyle(element);
          const panel = style(inline!.querySelector('.toolbar')!);
          const launcher = floating!.querySelector('.launcher')!;
          // Closed, its edge is the one drawn against the page.
          launcher.setAttribute('aria-expanded', 'false');
          return {
            surface: panel.backgroundColor,
            panelEdge: panel.borderTopColor,
            launcherEdge: style(launcher).borderTopColor,
            label: style(inline!.querySelector('button[aria-pressed="false"]')!).color,
          };
        });
        const measured = {
          panelEdge: contrast(colours.panelEdge, colours.surface),
          launcherEdge: contrast(colours.launcherEdge, colours.surface),
          label: contrast(colours.label, colours.surface),
        };
        expect(measured.panelEdge, JSON.stringify(colours)).toBeGreaterThanOrEqual(3);
        expect(measured.launcherEdge, JSON.stringify(colours)).toBeGreaterThanOrEqual(3);
        expect(measured.label, JSON.stringify(colours)).toBeGreaterThanOrEqual(7);
      } finally {
        await page.close();
      }
    },
  );

  // Windows contrast themes; Chromium emulates them (Firefox's protocol cannot).
  describe.runIf(browserName === 'chromium')('forced colours', () => {
    /**
     * The pressed control's background and text, another's as drawn, and the page's, in forced
     * colours.
     */
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
          const pressedControl = root.querySelector(pressedSelector)!;
          return {
            active: matchMedia('(forced-colors: active)').matches,
            pressed: drawn(background(pressedControl)),
            pressedText: getComputedStyle(pressedControl).color,
            other: drawn(background(root.querySelector(otherSelector)!)),
            page,
          };
        },
        pressed,
        other,
      );
    }

    it('shows the pressed reaction of the toolbar, and the pressed chip of the popup', async () => {
      const toolbar = await harness.session.browser.newPage();
      const popup = await openExtensionPage(harness.session, '/popup.html');
      try {
        await toolbar.goto(harness.server.url('index.html?lang=en'));
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
          // Its words on its own background: the chip's light blue (its pressed colour outside
          // forced colours) under SelectedItemText hid "All 3" (1.1:1).
          const legible = contrast(colours.pressedText, colours.pressed);
          expect(legible, JSON.stringify(colours)).toBeGreaterThanOrEqual(4.5);
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
      const page = await openExtensionPage(harness.session, path);
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

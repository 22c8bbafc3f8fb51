import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Vote } from '../../src/protocol';
import { BROWSER_NAMES, DEMO_PAGE, gotoExtensionPage } from './launch.mjs';
import { useExtensionSuite } from './extension-suite';
import { openPopupOver, setColorScheme } from './extension-pages';

/** Titles a page may give: 1,000 letters without a space, right-to-left words, emoji only. */
const TITLES = [
  'A'.repeat(1_000),
  'عنوان طويل باللغة العربية '.repeat(20),
  '🎉🔥'.repeat(200),
  'Council approves harbour budget',
];

/** What lies outside the page's width: the document's overflow, and controls cut off. */
async function cutOff(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const controls = [...document.querySelectorAll<HTMLElement>('button, input, label, a')];
    return {
      overflow: document.documentElement.scrollWidth - width,
      controls: controls
        .filter((control) => control.getClientRects().length > 0)
        .filter((control) => {
          const box = control.getBoundingClientRect();
          // A title is cut at its own end by design (an ellipsis); its box must still fit.
          return box.left < -0.5 || box.right > width + 0.5;
        })
        .map((control) => control.id || control.className || control.tagName),
    };
  });
}

describe.each(BROWSER_NAMES)('%s popup layout', (browserName) => {
  const suite = useExtensionSuite('popup-layout', browserName);
  let popup: Page;
  let workDir: string;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'moodmark-popup-layout-e2e-'));
    popup = await suite.session.openPopup();
    await popup.waitForSelector('body[data-ready]');
    const now = Date.now();
    const votes: Vote[] = TITLES.map((title, i) => {
      const site = i === 3 ? `${'x'.repeat(60)}.example` : `news${i}.example`;
      return {
        key: `https://${site}/story/${i}`,
        url: `https://${site}/story/${i}`,
        title,
        site,
        reaction: 'like',
        createdAt: now - i * 60_000 - 1_000,
        updatedAt: now - i * 60_000,
      };
    });
    const path = join(workDir, 'titles.json');
    await writeFile(path, JSON.stringify({ format: 'moodmark-history', version: 1, votes }));
    await (await popup.$('input#import-file'))!.uploadFile(path);
    await popup.waitForFunction(() =>
      document.querySelector('#status')?.textContent?.startsWith('Imported'),
    );
  });

  afterAll(async () => {
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  // WCAG 1.4.10: at 320 px (a window that narrow, or the popup zoomed until the browser's
  // largest popup holds 320 px) nothing may need scrolling sideways, which the page forbids.
  it.each(['light', 'dark'] as const)(
    'fits 320 px wide with long, right-to-left and emoji titles, nothing cut off (%s)',
    async (scheme) => {
      await popup.setViewport({ width: 320, height: 600 });
      await setColorScheme(popup, scheme);
      await popup.evaluate(() => delete document.body.dataset.ready);
      await gotoExtensionPage(popup, suite.session.popupUrl);
      await popup.waitForSelector('body[data-ready]');
      await popup.waitForFunction(
        (count) => document.querySelectorAll('#history li.history-entry').length === count,
        {},
        TITLES.length,
      );
      expect(await cutOff(popup)).toEqual({ overflow: 0, controls: [] });
    },
  );

  // Right to left (an Arabic, Hebrew or Persian browser), what overflows lies past the left
  // edge, where no scroll position reaches it.
  it('fits 320 px wide right to left, nothing cut off', async () => {
    await popup.setViewport({ width: 320, height: 600 });
    await setColorScheme(popup, 'light');
    await popup.evaluate(() => {
      document.documentElement.dir = 'rtl';
    });
    try {
      expect(await cutOff(popup)).toEqual({ overflow: 0, controls: [] });
    } finally {
      await popup.evaluate(() => {
        document.documentElement.dir = 'ltr';
      });
    }
  });

  // Zoomed, the browsers' largest popup (800 px) holds 266 CSS px at 300%, 200 at 400%: a row's
  // seven choices in one line ran past its edge, where the day's group cut them off unseen.
  it.each([266, 200])(
    "keeps a row's seven choices inside %i px, its picker open",
    async (width) => {
      await popup.setViewport({ width, height: 600 });
      await gotoExtensionPage(popup, suite.session.popupUrl);
      await popup.waitForSelector('body[data-ready]');
      await popup.waitForFunction(
        (count) => document.querySelectorAll('#history li.history-entry').length === count,
        {},
        TITLES.length,
      );
      await popup.click('.history-emoji');
      await popup.waitForSelector('.history-picker:not([hidden]) .history-choice');
      expect(await cutOff(popup)).toEqual({ overflow: 0, controls: [] });
    },
  );

  it('keeps its width of 380 px where it has the room', async () => {
    await popup.setViewport({ width: 800, height: 600 });
    expect(await popup.evaluate(() => document.body.getBoundingClientRect().width)).toBe(380);
  });

  // Chromium opens the toolbar button's popup, which takes the width its page asks for.
  it.runIf(browserName === 'chromium')('opens from the toolbar button 380 px wide', async () => {
    const article = await suite.session.browser.newPage();
    try {
      await article.goto(suite.server.url(DEMO_PAGE));
      const opened = await openPopupOver(suite.session, article);
      expect(await opened.evaluate(() => document.body.getBoundingClientRect().width)).toBe(380);
      await opened.waitForSelector('#this-page-reactions button');
      // Where they have the room, this page's reactions keep their full size.
      expect(
        await opened.$$eval('#this-page-reactions button', (buttons) => [
          ...new Set(buttons.map((button) => button.getBoundingClientRect().width)),
        ]),
      ).toEqual([40]);
      await opened.close();
    } finally {
      await article.close();
    }
  });

  // Firefox's popup over an article is a tab here, whose width the test sets: this page's
  // seven reactions shown, and as the popup zoomed to 300% and 400% holds them.
  it.runIf(browserName === 'firefox')(
    "fits this page's reactions 320 px wide, and zoomed",
    async () => {
      const article = await suite.session.browser.newPage();
      try {
        await article.goto(suite.server.url(DEMO_PAGE));
        const opened = await openPopupOver(suite.session, article);
        await opened.waitForSelector('#this-page-reactions button');
        for (const width of [320, 266, 200]) {
          await opened.setViewport({ width, height: 600 });
          expect(await cutOff(opened), `${width} px`).toEqual({ overflow: 0, controls: [] });
        }
        // They wrap only where narrowing cannot fit them: at 320 px, one line.
        await opened.setViewport({ width: 320, height: 600 });
        const tops = await opened.$$eval('#this-page-reactions button', (buttons) => [
          ...new Set(buttons.map((button) => Math.round(button.getBoundingClientRect().top))),
        ]);
        expect(tops).toHaveLength(1);
        await opened.close();
      } finally {
        await article.close();
      }
    },
  );
});

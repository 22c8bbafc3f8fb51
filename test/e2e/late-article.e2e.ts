import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { WATCH_LIMIT_MS } from '../../src/content/article-watcher';
import { BROWSER_NAMES } from './launch.mjs';
import { useExtensionSuite } from './extension-suite';
import { TOOLBAR, pressReaction, sleep, waitForDecision, waitForToolbar } from './toolbar-driver';

/** Whether the one toolbar sits right after the article's last paragraph. */
function isAfterLastParagraph(page: Page): Promise<boolean> {
  return page.evaluate((tag) => {
    const hosts = document.getElementsByTagName(tag);
    const last = [...document.querySelectorAll('article p')].at(-1);
    return hosts.length === 1 && !!last && hosts[0]!.previousElementSibling === last;
  }, TOOLBAR);
}

describe.each(BROWSER_NAMES)('%s article the reader lets in', (browserName) => {
  const suite = useExtensionSuite('late-article', browserName);

  it('shows the toolbar under an article a consent wall lets in after the watch', async () => {
    const page = await suite.session.browser.newPage();
    try {
      await page.bringToFront();
      const opened = Date.now();
      await page.goto(suite.server.url('consent-wall.html'));
      await waitForDecision(page);
      // The reader reads the wall's small print past the watch, then accepts.
      await sleep(WATCH_LIMIT_MS + 1000 - (Date.now() - opened));
      expect(await page.$(TOOLBAR)).toBeNull();
      await page.click('#accept');
      await waitForToolbar(page, { shown: true, reaction: null }, 5000);
      expect(await isAfterLastParagraph(page)).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('moves the toolbar, its reaction kept, to the end of a story the reader expands', async () => {
    const page = await suite.session.browser.newPage();
    try {
      await page.bringToFront();
      await page.goto(suite.server.url('continue-reading.html'));
      await waitForToolbar(page, { shown: true, reaction: null }, 10_000);
      expect(await isAfterLastParagraph(page)).toBe(true);
      await pressReaction(page, 'wow');
      await waitForToolbar(page, { shown: true, reaction: 'wow' });
      await page.evaluate((tag) => {
        (window as { placedToolbar?: Element }).placedToolbar = document.querySelector(tag)!;
      }, TOOLBAR);
      await page.click('#more');
      await page.waitForFunction(() => document.querySelectorAll('article p').length === 10);
      await page.waitForFunction(
        (tag) => {
          const host = document.querySelector(tag);
          const last = [...document.querySelectorAll('article p')].at(-1);
          return !!host && host.previousElementSibling === last;
        },
        { timeout: 5000, polling: 50 },
        TOOLBAR,
      );
      expect(await isAfterLastParagraph(page)).toBe(true);
      // The same toolbar, moved: the reader's reaction shows as it was.
      expect(
        await page.evaluate(
          (tag) =>
            (window as { placedToolbar?: Element }).placedToolbar === document.querySelector(tag),
          TOOLBAR,
        ),
      ).toBe(true);
      await waitForToolbar(page, { shown: true, reaction: 'wow' });
    } finally {
      await page.close();
    }
  });
});

import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { REACTION_EMOJI } from '../../src/core/reactions';
import { BROWSER_NAMES } from './launch.mjs';
import { useExtensionSuite } from './extension-suite';
import { openExtensionPage, readBadges, sendFromContentScript } from './extension-pages';
import {
  SETTLE_MS,
  TOOLBAR,
  pressReaction,
  sleep,
  waitForDecision,
  waitForStoredReaction,
} from './toolbar-driver';

/**
 * The toolbar button's badge shows the reaction to the article in the tab, and only there: the
 * browser clears it when the tab goes to another page, and an answer about the article that comes
 * after (a vote that had to wake the background) does not put it back on the next page.
 */

/** The badges of every tab, but the empty ones. */
async function shownBadges(extensionPage: Page): Promise<string[]> {
  return (await readBadges(extensionPage)).filter(Boolean);
}

describe.each(BROWSER_NAMES)('%s toolbar button badge', (browserName) => {
  const suite = useExtensionSuite('badge', browserName);

  it('shows no reaction on a page the tab went on to while the vote was answered', async () => {
    const options = await openExtensionPage(suite.session, '/options.html');
    const page = await suite.session.browser.newPage();
    try {
      const article = suite.server.url('demo-article.html');
      // The tab has left the article for the front page (no article, so no toolbar of its own)
      // when the answer to the vote sent from the article comes.
      await page.goto(suite.server.url('front-page.html'));
      await waitForDecision(page);
      const vote = {
        call: 'setReaction',
        input: { url: article, title: 'Story', reaction: 'love' },
      };
      expect(await sendFromContentScript(page, vote)).toMatchObject({ ok: true });
      await sleep(SETTLE_MS / 2);
      expect(await shownBadges(options)).toEqual([]);
      // The vote itself is kept.
      expect(await waitForStoredReaction(suite.session.browser, article, 'love')).toBe('love');
    } finally {
      await page.close();
      await options.close();
    }
  });

  it.each(['spa.html?story=a', 'spa-hash.html#!/story/1'])(
    'follows an app (%s) from story to story',
    async (start) => {
      const options = await openExtensionPage(suite.session, '/options.html');
      const page = await suite.session.browser.newPage();
      try {
        await page.goto(suite.server.url(start));
        await page.waitForSelector(`${TOOLBAR}[data-ready]`);
        await pressReaction(page, 'wow');
        await expect.poll(() => shownBadges(options)).toEqual([REACTION_EMOJI.wow]);
        // The next story: its address is not the one the page loaded at.
        await page.click('#next');
        await page.waitForFunction(
          (tag) =>
            document.querySelector('h1')?.textContent?.startsWith('Fishing') &&
            document.querySelector(tag)?.hasAttribute('data-ready'),
          { polling: 50 },
          TOOLBAR,
        );
        await expect.poll(() => shownBadges(options)).toEqual([]);
        await pressReaction(page, 'love');
        await expect.poll(() => shownBadges(options)).toEqual([REACTION_EMOJI.love]);
      } finally {
        await page.close();
        await options.close();
      }
    },
  );
});

import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BROWSER_NAMES,
  FIXTURES_DIR,
  launchWithExtension,
  serveDirectory,
  type BrowserName,
  type ExtensionBrowser,
  type StaticServer,
} from './launch.mjs';
import { isPendingVoteKey } from '../../src/core/pending-vote';
import { openPopupOver } from './extension-pages';
import { watchLocalWrites } from './storage-watch';
import {
  SETTLE_MS,
  TOOLBAR,
  firstReactionPoint,
  readPopupEntries,
  shownReaction,
  sleep,
  waitForToolbar,
} from './toolbar-driver';

/**
 * Private windows. A browser runs an extension there only if the reader allows it; then votes
 * from private tabs live in the background's memory (storage.session) for the private session
 * only, never in the history. The browser starts with a private window (Chromium `--incognito`,
 * Firefox `-private-window`), the extension installed allowed there or not (see launch.mjs).
 * In Firefox every page opened by automation lands in that private window, so there the popup is
 * read from inside it; it still shows the one history, which is what is checked.
 */

/** How long the page has to show a toolbar, were the content script running. */
const TOOLBAR_WAIT_MS = SETTLE_MS;

/** Clicks the first reaction (like) with the mouse. */
async function clickFirstReaction(page: Page): Promise<void> {
  const point = await firstReactionPoint(page);
  await page.mouse.click(point.x, point.y);
}

/** The private window's tab (the browser's first page). */
async function privateTab(session: ExtensionBrowser): Promise<Page> {
  const [page] = await session.browser.pages();
  if (!page) throw new Error('no private window');
  return page;
}

describe.each(BROWSER_NAMES)('%s', (browserName: BrowserName) => {
  describe.each(['allowed', 'not-allowed'] as const)('private windows %s', (privateWindow) => {
    let server: StaticServer;
    let session: ExtensionBrowser;

    beforeAll(async () => {
      server = await serveDirectory(FIXTURES_DIR);
      session = await launchWithExtension({ browserName, privateWindow });
    });

    afterAll(async () => {
      try {
        await session?.close();
      } finally {
        await server?.close();
      }
    });

    if (privateWindow === 'not-allowed') {
      it('shows no toolbar on an article in a private window, and records nothing', async () => {
        const url = server.url('demo-article.html');
        const page = await privateTab(session);
        await page.goto(url);
        await sleep(TOOLBAR_WAIT_MS);
        expect(await page.$(TOOLBAR), 'no toolbar in the private window').toBeNull();
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
        await sleep(SETTLE_MS / 2);
        if (browserName !== 'chromium') return;
        expect(await readPopupEntries(session)).toEqual([]);
        // The extension does run, in a normal window (Firefox opens every page in the private one).
        const normal = await session.browser.newPage();
        try {
          await normal.goto(url);
          await waitForToolbar(normal, { shown: true }, 10_000);
        } finally {
          await normal.close();
        }
      });
      return;
    }

    it('keeps a private tab’s reaction for the private session, out of the history', async () => {
      const url = server.url('demo-article.html');
      const page = await privateTab(session);
      const local = await watchLocalWrites(session);
      await page.bringToFront();
      await page.goto(url);
      expect(await shownReaction(page)).toBeNull();
      await clickFirstReaction(page);
      await expect
        .poll(() => page.$eval(TOOLBAR, (h) => h.getAttribute('data-reaction')), {
          timeout: 5_000,
        })
        .toBe('like');
      // Not kept aside on disk while it was sent, as a normal window's vote is.
      await sleep(SETTLE_MS / 2);
      expect((await local.written()).filter(isPendingVoteKey)).toEqual([]);
      await local.close();

      // Still there after a reload: the private session remembers it…
      await page.reload();
      expect(await shownReaction(page)).toBe('like');
      // …but the history never heard of it.
      expect(await readPopupEntries(session)).toEqual([]);

      // The popup over the private tab reacts, but offers nothing that would write the page's
      // title or site to disk (a correction, the site switch).
      const popup = await openPopupOver(session, page);
      try {
        await popup.waitForSelector('#this-page-body:not([hidden])');
        expect(
          await popup.$eval(
            '#this-page-reactions [aria-pressed="true"]',
            (b) => (b as HTMLElement).dataset.reaction,
          ),
        ).toBe('like');
        await sleep(SETTLE_MS / 2);
        expect(await popup.$eval('#this-page-correct', (b) => (b as HTMLElement).hidden)).toBe(
          true,
        );
        expect(await popup.$eval('#site-switch', (s) => (s as HTMLElement).hidden)).toBe(true);
      } finally {
        await popup.close();
      }

      if (browserName === 'chromium') {
        // A normal window shows the article without it.
        const normal = await session.browser.newPage();
        try {
          await normal.goto(url);
          expect(await shownReaction(normal)).toBeNull();
        } finally {
          await normal.close();
        }
        // The last private window closes: the session's reactions go with it.
        const worker = await (
          await session.browser.waitForTarget((t) => t.type() === 'service_worker')
        ).worker();
        const sessionKeys = () =>
          worker!.evaluate(() =>
            (
              globalThis as unknown as {
                chrome: { storage: { session: { get(k: null): Promise<object> } } };
              }
            ).chrome.storage.session
              .get(null)
              // Beside the session's own flags (the open tabs' injection).
              .then((items) => Object.keys(items).filter((name) => name.startsWith('private-'))),
          );
        // Kept there until then (not in the worker's own memory, which would pass as empty).
        expect(await sessionKeys()).toEqual([expect.stringMatching(/^private-vote:/)]);
        await page.close();
        await expect.poll(sessionKeys).toEqual([]);
      }
    });
  });
});

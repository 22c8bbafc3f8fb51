import { describe, expect, it } from 'vitest';
import { useExtensionSuite } from './extension-suite';
import { SETTLE_MS, TOOLBAR, entriesFor, readPopupEntries, sleep } from './toolbar-driver';

/**
 * Private windows: a browser runs an extension there only if the reader allows it, and
 * Moodmark asks for nothing more ("incognito" is left at its default, "spanning", which only
 * matters once the reader has allowed it). So an article read in a private window gets no
 * toolbar, and nothing of it reaches the history.
 *
 * Chromium only: puppeteer's `createBrowserContext()` is an incognito (off-the-record) profile
 * there. Firefox likewise does not run extensions in private windows unless allowed
 * (`extensions.allowPrivateBrowsingByDefault` is false), but puppeteer's WebDriver BiDi user
 * contexts in Firefox are containers, not private windows, so there is no private window to
 * drive from here. (A profile in permanent private browsing, `browser.privatebrowsing.autostart`,
 * showed no toolbar either, but the popup page still loaded there, so that run could not tell
 * the private-window rule from another cause; it is not encoded.)
 */

/** How long the page has to show a toolbar, were the content script running. */
const TOOLBAR_WAIT_MS = SETTLE_MS;

describe('chromium private (incognito) window', () => {
  const suite = useExtensionSuite('private', 'chromium');

  it('shows no toolbar on an article and records nothing', async () => {
    const url = suite.server.url('demo-article.html');
    // The same article in a normal window gets the toolbar: the check below is not vacuous.
    const normal = await suite.session.browser.newPage();
    try {
      await normal.goto(url);
      await normal.waitForSelector(`${TOOLBAR}[data-ready]`, { timeout: 15_000 });
    } finally {
      await normal.close();
    }
    const before = await readPopupEntries(suite.session);

    const context = await suite.session.browser.createBrowserContext();
    try {
      const page = await context.newPage();
      // The extension is not enabled here: its own pages are refused, as in a private window.
      const popup = await page.goto(suite.session.popupUrl).then(
        () => 'loaded',
        (error: Error) => error.message,
      );
      expect(popup).toMatch(/ERR_BLOCKED_BY_CLIENT/);
      await page.goto(url);
      await sleep(TOOLBAR_WAIT_MS);
      expect(await page.$(TOOLBAR), 'no toolbar in the private window').toBeNull();
      // Keys a reader would press to vote reach nothing.
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await sleep(SETTLE_MS / 2);
    } finally {
      await context.close();
    }

    const after = await readPopupEntries(suite.session);
    expect(after).toEqual(before);
    expect(entriesFor(after, url)).toEqual([]);
  });
});

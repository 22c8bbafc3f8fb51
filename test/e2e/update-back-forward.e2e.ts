import { describe, expect, it } from 'vitest';
import { useExtensionSuite } from './extension-suite';
import { extensionDirFor } from './launch.mjs';
import {
  SETTLE_MS,
  TOOLBAR,
  pressReaction,
  sleep,
  waitForStoredReaction,
  waitForToolbar,
} from './toolbar-driver';

/**
 * An article left for another page, kept in the back-forward cache, while Moodmark is updated:
 * its content script is the old version's, cut off, and the background's injection into open
 * tabs cannot reach a page in the cache. Chromium empties every tab's cache as an extension
 * loads or unloads (the extensions TabHelper flushes it), so Back loads the page again and the
 * manifest runs the new version there. Should Chromium ever keep such a page, this fails:
 * the page would come back with no working toolbar.
 */
describe('chromium update while an article waits in the back-forward cache', () => {
  const suite = useExtensionSuite('update-back-forward', 'chromium');

  it('gives the article a working toolbar when the reader comes Back', async () => {
    const { browser, extensionOrigin } = suite.session;
    const url = suite.server.url('demo-article.html');
    const page = await browser.newPage();
    await page.goto(url);
    await waitForToolbar(page, { shown: true, reaction: null }, 15_000);
    await pressReaction(page, 'like');
    expect(await waitForStoredReaction(browser, url, 'like')).toBe('like');
    await page.evaluate(() =>
      addEventListener('pageshow', (event) => {
        if (event.persisted) document.documentElement.dataset.restored = '';
      }),
    );
    await page.goto(suite.server.url('front-page.html'));

    // Installed again from the same folder: an update (same id, data kept), as durability does.
    const restarted = new Promise((done) =>
      browser.on(
        'targetcreated',
        (t) =>
          t.type() === 'service_worker' &&
          t.url().startsWith(extensionOrigin + '/') &&
          done(undefined),
      ),
    );
    expect(await browser.installExtension(extensionDirFor('chromium'))).toBe(
      suite.session.extensionId,
    );
    await restarted;

    await page.goBack();
    const restored = await page.evaluate(() => 'restored' in document.documentElement.dataset);
    console.log(`[e2e] update-back-forward: came back from the cache: ${restored}`);
    await waitForToolbar(page, { shown: true, reaction: 'like' }, 15_000);
    await pressReaction(page, 'love');
    expect(await waitForStoredReaction(browser, url, 'love')).toBe('love');
    await sleep(SETTLE_MS);
    expect(await page.$$eval(TOOLBAR, (hosts) => hosts.length)).toBe(1);
  });
});

import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { useExtensionSuite } from './extension-suite';
import { BROWSER_NAMES, FIXTURES_DIR, serveDirectory } from './launch.mjs';
import { TOOLBAR, pressReaction, waitForStoredReaction, waitForToolbar } from './toolbar-driver';

/**
 * A tab open before Moodmark is installed gets the toolbar without a reload: Chrome runs the
 * content script there at install, Firefox by itself, and either way it runs once.
 */
describe.each(BROWSER_NAMES)('%s install with an article already open', (browserName) => {
  let article: Page;
  const suite = useExtensionSuite(
    'install',
    browserName,
    () => serveDirectory(FIXTURES_DIR),
    async (browser, server) => {
      article = await browser.newPage();
      await article.goto(server.url('demo-article.html'));
    },
  );

  it('shows one toolbar in that tab, and a reaction there is stored', async () => {
    await article.bringToFront();
    await waitForToolbar(article, { shown: true, reaction: null }, 15_000);
    expect(await article.$$eval(TOOLBAR, (hosts) => hosts.length)).toBe(1);
    await pressReaction(article, 'love');
    const url = suite.server.url('demo-article.html');
    expect(await waitForStoredReaction(suite.session.browser, url, 'love')).toBe('love');
  });
});

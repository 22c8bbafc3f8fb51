import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BROWSER_NAMES,
  FIXTURES_DIR,
  launchWithExtension,
  serveDirectory,
  type ExtensionBrowser,
  type StaticServer,
} from './launch.mjs';
import { TOOLBAR, pressReaction, waitForStoredReaction, waitForToolbar } from './toolbar-driver';

/**
 * A tab open before Moodmark is installed gets the toolbar without a reload: Chrome runs the
 * content script there at install, Firefox by itself, and either way it runs once.
 */
describe.each(BROWSER_NAMES)('%s install with an article already open', (browserName) => {
  let server: StaticServer;
  let session: ExtensionBrowser;
  let article: Page;

  beforeAll(async () => {
    server = await serveDirectory(FIXTURES_DIR);
    session = await launchWithExtension({
      browserName,
      async beforeInstall(browser) {
        article = await browser.newPage();
        await article.goto(server.url('demo-article.html'));
      },
    });
  });

  afterAll(async () => {
    try {
      await session?.close();
    } finally {
      await server?.close();
    }
  });

  it('shows one toolbar in that tab, and a reaction there is stored', async () => {
    await article.bringToFront();
    await waitForToolbar(article, { shown: true, reaction: null }, 15_000);
    expect(await article.$$eval(TOOLBAR, (hosts) => hosts.length)).toBe(1);
    await pressReaction(article, 'love');
    const url = server.url('demo-article.html');
    expect(await waitForStoredReaction(session.browser, url, 'love')).toBe('love');
  });
});

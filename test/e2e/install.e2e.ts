import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useExtensionSuite } from './extension-suite';
import {
  BROWSER_NAMES,
  FIXTURES_DIR,
  extensionDirFor,
  launchWithExtension,
  serveDirectory,
  type ExtensionBrowser,
  type StaticServer,
} from './launch.mjs';
import {
  SETTLE_MS,
  TOOLBAR,
  pressReaction,
  sleep,
  waitForStoredReaction,
  waitForToolbar,
} from './toolbar-driver';

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

/**
 * An update with an article open: Chrome keeps the previous version's content script running
 * there, cut off from the extension; the new version's takes over the toolbar without a reload.
 */
describe.each(BROWSER_NAMES)('%s update with an article open', (browserName) => {
  let server: StaticServer;
  let work: string;
  let session: ExtensionBrowser | undefined;

  beforeAll(async () => {
    server = await serveDirectory(FIXTURES_DIR);
    work = await mkdtemp(join(tmpdir(), 'moodmark-update-'));
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('replaces the toolbar in that tab, and a reaction there is stored', async () => {
    // Installed again from the same folder, the extension is updated (same id, its data kept).
    const extension = join(work, 'extension');
    await cp(extensionDirFor(browserName), extension, { recursive: true });
    session = await launchWithExtension({ browserName, extensionDir: extension });
    const url = server.url('demo-article.html');
    const article = await session.browser.newPage();
    await article.goto(url);
    await waitForToolbar(article, { shown: true, reaction: null }, 15_000);
    await pressReaction(article, 'like');
    expect(await waitForStoredReaction(session.browser, url, 'like')).toBe('like');
    const before = await article.$(TOOLBAR);

    expect(await session.browser.installExtension(extension)).toBe(session.extensionId);
    await article.waitForFunction(
      (old, selector) => !old?.isConnected && document.querySelector(selector) !== null,
      { timeout: 15_000, polling: 50 },
      before,
      TOOLBAR,
    );
    await waitForToolbar(article, { shown: true, reaction: 'like' }, 15_000);
    await pressReaction(article, 'love');
    expect(await waitForStoredReaction(session.browser, url, 'love')).toBe('love');
    // The previous version's script does not fight the new one for the page.
    await sleep(SETTLE_MS);
    expect(await article.$$eval(TOOLBAR, (hosts) => hosts.length)).toBe(1);
    await waitForToolbar(article, { shown: true, reaction: 'love' });
  });
});

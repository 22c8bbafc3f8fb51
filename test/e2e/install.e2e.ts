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

/**
 * Turns the extension off and on again, as the reader does on the browser's extensions page.
 * Chromium: that page's `chrome.management`; Firefox: its add-on manager, from `about:addons`.
 */
async function disableAndEnable(session: ExtensionBrowser): Promise<void> {
  const page = await session.browser.newPage();
  try {
    if (session.browserName === 'chromium') {
      await page.goto('chrome://extensions');
      await page.evaluate(async (id) => {
        const { management } = (
          globalThis as unknown as {
            chrome: { management: { setEnabled(id: string, enabled: boolean): Promise<void> } };
          }
        ).chrome;
        await management.setEnabled(id, false);
        await management.setEnabled(id, true);
      }, session.extensionId);
      return;
    }
    // As gotoExtensionPage: Firefox's navigation to a privileged page never resolves.
    page.goto('about:addons').catch(() => {});
    // Polled from here: a privileged page refuses the functions waitForFunction builds.
    while (!(await page.evaluate(() => location.href === 'about:addons').catch(() => false))) {
      await sleep(50);
    }
    await page.evaluate(async (id) => {
      const { AddonManager } = (
        globalThis as unknown as {
          ChromeUtils: { importESModule(url: string): { AddonManager: FirefoxAddonManager } };
        }
      ).ChromeUtils.importESModule('resource://gre/modules/AddonManager.sys.mjs');
      const addon = await AddonManager.getAddonByID(id);
      await addon.disable();
      await addon.enable();
    }, session.extensionId);
  } finally {
    await page.close().catch(() => {});
  }
}

/** What `disableAndEnable` uses of Firefox's add-on manager. */
interface FirefoxAddonManager {
  getAddonByID(id: string): Promise<{ disable(): Promise<void>; enable(): Promise<void> }>;
}

/**
 * Re-enabled with an article open: Chrome fires no onInstalled and leaves the old toolbar there,
 * dead; the extension's fresh start gives the tab a working one without a reload.
 */
describe.each(BROWSER_NAMES)('%s re-enabled with an article open', (browserName) => {
  let article: Page;
  const suite = useExtensionSuite('re-enable', browserName, undefined, async (browser, server) => {
    article = await browser.newPage();
    await article.goto(server.url('demo-article.html'));
  });

  it('replaces the toolbar in that tab, and a reaction there is stored', async () => {
    const url = suite.server.url('demo-article.html');
    await article.bringToFront();
    await waitForToolbar(article, { shown: true, reaction: null }, 15_000);
    const before = await article.$(TOOLBAR);

    await disableAndEnable(suite.session);
    await article.bringToFront();
    await article.waitForFunction(
      (old, selector) => !old?.isConnected && document.querySelector(selector) !== null,
      { timeout: 15_000, polling: 50 },
      before,
      TOOLBAR,
    );
    await waitForToolbar(article, { shown: true, reaction: null }, 15_000);
    await pressReaction(article, 'love');
    expect(await waitForStoredReaction(suite.session.browser, url, 'love')).toBe('love');
    // Injected once: no second toolbar beside it.
    await sleep(SETTLE_MS);
    expect(await article.$$eval(TOOLBAR, (hosts) => hosts.length)).toBe(1);
  });
});

import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseFloatingPlacement } from './extension-pages';
import { useExtensionSuite } from './extension-suite';
import {
  BROWSER_NAMES,
  DEMO_PAGE,
  FIXTURES_DIR,
  extensionDirFor,
  launchWithExtension,
  serveDirectory,
  type ExtensionBrowser,
  type StaticServer,
} from './launch.mjs';
import { FOLLOW_MS, SETTLE_MS, TOOLBAR, sleep, waitForToolbar } from './toolbar-driver';

/** The floating button's size and its distance from the window's corner (toolbar.css). */
const LAUNCHER_SIZE = 48;
const LAUNCHER_INSET = 16;

/** Whether the page's toolbar (or `host`) has a box: drawn, not hidden. */
function isDrawn(page: Page, host?: ElementHandle<Element>): Promise<boolean> {
  return page.evaluate(
    (selector, given) => {
      const element = given ?? document.querySelector(selector);
      return element !== null && element.getClientRects().length > 0;
    },
    TOOLBAR,
    host,
  );
}

/** Whether the window's bottom-end corner shows the floating button (closed: the host is hit). */
function isFloatingButtonDrawn(page: Page): Promise<boolean> {
  return page.evaluate(
    (selector, at) => {
      const { clientWidth, clientHeight } = document.documentElement;
      const hit = document.elementFromPoint(clientWidth - at, clientHeight - at);
      return hit !== null && hit === document.querySelector(selector);
    },
    TOOLBAR,
    LAUNCHER_INSET + LAUNCHER_SIZE / 2,
  );
}

/** Whether the toolbar had to show itself: the extension's sheet did not (test hook). */
function isShownWithoutSheet(page: Page): Promise<boolean> {
  return page.$eval(TOOLBAR, (host) => host.hasAttribute('data-shown-without-sheet'));
}

/** What the tests use of Firefox's add-on manager. */
interface FirefoxAddonManager {
  getAddonByID(id: string): Promise<{ disable(): Promise<void>; enable(): Promise<void> }>;
}

/** Turns Moodmark off (`enabled` false) or on in Firefox, as the reader does in about:addons. */
async function setFirefoxAddonEnabled(session: ExtensionBrowser, enabled: boolean): Promise<void> {
  const page = await session.browser.newPage();
  try {
    // As gotoExtensionPage: Firefox's navigation to a privileged page never resolves.
    page.goto('about:addons').catch(() => {});
    while (!(await page.evaluate(() => location.href === 'about:addons').catch(() => false))) {
      await sleep(50);
    }
    await page.evaluate(
      async (id, enable) => {
        const { AddonManager } = (
          globalThis as unknown as {
            ChromeUtils: { importESModule(url: string): { AddonManager: FirefoxAddonManager } };
          }
        ).ChromeUtils.importESModule('resource://gre/modules/AddonManager.sys.mjs');
        const addon = await AddonManager.getAddonByID(id);
        await (enable ? addon.enable() : addon.disable());
      },
      session.extensionId,
      enabled,
    );
  } finally {
    await page.close().catch(() => {});
  }
}

/**
 * Firefox unloads the content script of an add-on removed or turned off before any of its code
 * could take the toolbar away (no disconnect, pagehide or timer runs): the toolbar stayed in the
 * page, drawn but dead. It is shown by the sheet the extension inserts with it, which Firefox
 * takes away with the add-on.
 */
describe('firefox: Moodmark removed while an article stays open', () => {
  const suite = useExtensionSuite('toolbar-removed', 'firefox');

  it('takes the toolbar out of sight', async () => {
    const page = await suite.session.browser.newPage();
    await page.goto(suite.server.url(DEMO_PAGE));
    await waitForToolbar(page, { shown: true }, 15_000);
    expect(await isDrawn(page)).toBe(true);
    expect(await isShownWithoutSheet(page)).toBe(false);

    await suite.session.browser.uninstallExtension(suite.session.extensionId);
    await page.waitForFunction(
      (selector) => {
        const host = document.querySelector(selector);
        return host !== null && host.getClientRects().length === 0;
      },
      { timeout: FOLLOW_MS, polling: 50 },
      TOOLBAR,
    );
  });
});

describe('firefox: Moodmark turned off and on while an article stays open', () => {
  const suite = useExtensionSuite('toolbar-disabled', 'firefox');

  it('takes the floating toolbar out of sight, and shows one again when turned on', async () => {
    await chooseFloatingPlacement(suite.session);
    const page = await suite.session.browser.newPage();
    await page.goto(suite.server.url(DEMO_PAGE));
    await waitForToolbar(page, { shown: true }, 15_000);
    await page.waitForFunction(
      (selector) => document.querySelector(selector)?.getAttribute('data-placement') === 'floating',
      { timeout: FOLLOW_MS, polling: 50 },
      TOOLBAR,
    );
    expect(await isFloatingButtonDrawn(page)).toBe(true);
    const before = (await page.$(TOOLBAR))!;

    await setFirefoxAddonEnabled(suite.session, false);
    await page.bringToFront();
    await page.waitForFunction(
      (old) => old.getClientRects().length === 0,
      { timeout: FOLLOW_MS, polling: 50 },
      before,
    );
    expect(await isFloatingButtonDrawn(page)).toBe(false);

    await setFirefoxAddonEnabled(suite.session, true);
    await page.bringToFront();
    await page.waitForFunction(
      (old, selector) => !old.isConnected && document.querySelector(selector) !== null,
      { timeout: 15_000, polling: 50 },
      before,
      TOOLBAR,
    );
    await waitForToolbar(page, { shown: true }, 15_000);
    await sleep(SETTLE_MS);
    expect(await page.$$eval(TOOLBAR, (hosts) => hosts.length)).toBe(1);
    expect(await isFloatingButtonDrawn(page)).toBe(true);
    expect(await isShownWithoutSheet(page)).toBe(false);
  });
});

/** The toolbar hidden by its own styles but where the extension's sheet shows it. */
describe.each(BROWSER_NAMES)('%s: the toolbar as the extension shows it', (browserName) => {
  let server: StaticServer;
  let work: string;
  let session: ExtensionBrowser | undefined;

  beforeAll(async () => {
    server = await serveDirectory(FIXTURES_DIR);
    work = await mkdtemp(join(tmpdir(), 'moodmark-toolbar-shown-'));
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('shows one toolbar on screen (none in print), and one after an update', async () => {
    // Installed again from the same folder, the extension is updated (same id, its data kept).
    const extension = join(work, 'extension');
    await cp(extensionDirFor(browserName), extension, { recursive: true });
    session = await launchWithExtension({ browserName, extensionDir: extension });
    const page = await session.browser.newPage();
    await page.goto(server.url(DEMO_PAGE));
    await waitForToolbar(page, { shown: true }, 15_000);
    expect(await isDrawn(page)).toBe(true);
    expect(await isShownWithoutSheet(page)).toBe(false);
    // Print media is emulated over the DevTools protocol only, which Firefox does not speak.
    if (browserName === 'chromium') {
      await page.emulateMediaType('print');
      expect(await isDrawn(page)).toBe(false);
      await page.emulateMediaType('screen');
      expect(await isDrawn(page)).toBe(true);
    }
    const before = (await page.$(TOOLBAR))!;

    expect(await session.browser.installExtension(extension)).toBe(session.extensionId);
    await page.waitForFunction(
      (old, selector) => !old.isConnected && document.querySelector(selector) !== null,
      { timeout: 15_000, polling: 50 },
      before,
      TOOLBAR,
    );
    await waitForToolbar(page, { shown: true }, 15_000);
    await sleep(SETTLE_MS);
    expect(await page.$$eval(TOOLBAR, (hosts) => hosts.length)).toBe(1);
    expect(await isDrawn(page)).toBe(true);
    expect(await isShownWithoutSheet(page)).toBe(false);
  });
});

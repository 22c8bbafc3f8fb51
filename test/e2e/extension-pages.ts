import type { Page } from 'puppeteer-core';
import { TEST_CALL_PREFIX, TEST_REPLY_PREFIX } from '../../src/content/test-channel';
import { gotoExtensionPage, type ExtensionBrowser } from './launch.mjs';

/**
 * The popup as the toolbar button opens it over `article` (which it brings to the front):
 * Chromium runs the real action (so activeTab is granted); Firefox lets the extension see the
 * tab's address through its content script's host permission, so a popup tab loaded behind the
 * article (the active tab of the window, which the popup acts on) is enough.
 */
export async function openPopupOver(session: ExtensionBrowser, article: Page): Promise<Page> {
  await article.bringToFront();
  if (session.browserName === 'chromium') {
    const extension = (await session.browser.extensions()).get(session.extensionId)!;
    const before = new Set(session.browser.targets());
    await article.triggerExtensionAction(extension);
    const target = await session.browser.waitForTarget(
      (t) => !before.has(t) && t.url() === session.popupUrl,
    );
    const page = (await target.asPage())!;
    await page.waitForSelector('body[data-ready]');
    return page;
  }
  const page = await session.browser.newPage();
  await article.bringToFront();
  await gotoExtensionPage(page, session.popupUrl);
  await page.waitForSelector('body[data-ready]');
  return page;
}

/** Opens a page of the extension (e.g. `/options.html`) in a new tab, loaded. */
export async function openExtensionPage(session: ExtensionBrowser, path: string): Promise<Page> {
  const page = await session.browser.newPage();
  await gotoExtensionPage(page, session.extensionOrigin + path);
  return page;
}

/** Sends a call from an extension page, as the popup or the options page does. */
export function callFrom(extensionPage: Page, message: unknown): Promise<unknown> {
  return extensionPage.evaluate(
    (text) =>
      (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
        }
      ).chrome.runtime.sendMessage(JSON.parse(text)),
    JSON.stringify(message),
  );
}

/**
 * Sends `message` to the background from the content script of `page`, through the e2e build's
 * test channel (src/content/test-channel.ts); resolves with its reply.
 */
export function sendFromContentScript(page: Page, message: unknown): Promise<unknown> {
  return page.evaluate(
    (text, callPrefix, replyPrefix) =>
      new Promise((resolve) => {
        const listener = (event: MessageEvent) => {
          if (typeof event.data !== 'string' || !event.data.startsWith(replyPrefix)) return;
          removeEventListener('message', listener);
          resolve(JSON.parse(event.data.slice(replyPrefix.length)));
        };
        addEventListener('message', listener);
        postMessage(callPrefix + text, '*');
      }),
    JSON.stringify(message),
    TEST_CALL_PREFIX,
    TEST_REPLY_PREFIX,
  );
}

/** The badge text of every tab, read in an extension page through the action API. */
export function readBadges(extensionPage: Page): Promise<string[]> {
  return extensionPage.evaluate(async () => {
    // `browser` in Firefox, `chrome` in Chromium: both return promises in Manifest V3.
    const scope = globalThis as unknown as { browser?: ExtensionApi; chrome?: ExtensionApi };
    const api = (scope.browser ?? scope.chrome)!;
    const tabs = await api.tabs.query({});
    return Promise.all(tabs.map((tab) => api.action.getBadgeText({ tabId: tab.id })));
  });
}

/**
 * Sends the message the "focus the toolbar" shortcut makes the background send
 * (`focusToolbarInActiveTab`) from an extension page: puppeteer cannot press a browser command.
 */
export function sendFocusToolbar(extensionPage: Page): Promise<void> {
  return extensionPage.evaluate(async () => {
    const scope = globalThis as unknown as { browser?: ExtensionApi; chrome?: ExtensionApi };
    const api = (scope.browser ?? scope.chrome)!;
    const [tab] = await api.tabs.query({ active: true, currentWindow: true });
    await api.tabs.sendMessage(tab!.id, { notice: 'focusToolbar', input: {} });
  });
}

/** The little of the extension API these helpers use. */
interface ExtensionApi {
  tabs: {
    query(filter: object): Promise<{ id: number }[]>;
    sendMessage(tabId: number, message: unknown): Promise<unknown>;
  };
  action: { getBadgeText(details: { tabId: number }): Promise<string> };
}

/**
 * Shows an extension page in a light or dark theme. Chromium emulates prefers-color-scheme;
 * Firefox's WebDriver BiDi cannot, so there the root's color-scheme is set, which is what the
 * pages' light-dark() colours follow either way.
 */
export async function setColorScheme(page: Page, scheme: 'light' | 'dark'): Promise<void> {
  try {
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
  } catch {
    await page.evaluate((value) => {
      document.documentElement.style.colorScheme = value;
    }, scheme);
  }
}

/**
 * Chooses the floating button on the options page, waiting until the choice is stored: the page
 * writes it after reading the settings under a lock, and closed at once it could go first.
 */
export async function chooseFloatingPlacement(session: ExtensionBrowser): Promise<void> {
  const options = await openExtensionPage(session, '/options.html');
  try {
    await options.waitForSelector('body[data-ready]');
    await options.click('input[name="placement"][value="floating"]');
    await options.waitForFunction(
      async () => {
        const { storage } = (
          globalThis as unknown as {
            chrome: {
              storage: {
                local: { get(key: string): Promise<{ settings?: { placement?: unknown } }> };
              };
            };
          }
        ).chrome;
        return (await storage.local.get('settings')).settings?.placement === 'floating';
      },
      { polling: 100, timeout: 10_000 },
    );
  } finally {
    await options.close();
  }
}

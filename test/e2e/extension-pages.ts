import type { Page } from 'puppeteer-core';
import { gotoExtensionPage, type ExtensionBrowser } from './launch.mjs';

/** Opens a page of the extension (e.g. `/options.html`) in a new tab, loaded. */
export async function openExtensionPage(session: ExtensionBrowser, path: string): Promise<Page> {
  const page = await session.browser.newPage();
  await gotoExtensionPage(page, session.extensionOrigin + path);
  return page;
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

import type Browser from 'webextension-polyfill';

type ExtensionGlobals = { browser?: Browser.Browser; chrome?: Browser.Browser };

/**
 * The extension API for the content script and toolbar.js, without webextension-polyfill (a
 * quarter of content.js, compiled and set up on every page). Firefox's `browser` answers with
 * promises, and so do Chrome's `chrome` methods in Manifest V3 for all these scripts use:
 * runtime.sendMessage, storage.local.get, i18n.getUILanguage, and onMessage / storage.onChanged
 * listeners that answer nothing. A content-script listener that must answer a message needs
 * Chrome's sendResponse (returning a promise is the polyfill's way, not Chrome's).
 */
const extension: Browser.Browser = ((globalThis as ExtensionGlobals).browser ??
  (globalThis as ExtensionGlobals).chrome)!;

export default extension;

import type Browser from 'webextension-polyfill';

type ExtensionGlobals = { browser?: Browser.Browser; chrome?: Browser.Browser };

/** The parts of the extension API the content script and toolbar.js use. */
type ExtensionApi = Pick<Browser.Browser, 'runtime' | 'storage' | 'i18n'>;

let bound: Browser.Browser | undefined;

/**
 * The browser's API object, read once: reading it first builds it in this world (Firefox takes
 * 10–15 ms, and as much again for each namespace on its first use).
 */
export function bind(): Browser.Browser {
  bound ??= ((globalThis as ExtensionGlobals).browser ?? (globalThis as ExtensionGlobals).chrome)!;
  return bound;
}

/**
 * The extension API for the content script and toolbar.js, without webextension-polyfill (a
 * quarter of content.js, compiled and set up on every page). Firefox's `browser` answers with
 * promises, and so do Chrome's `chrome` methods in Manifest V3 for all these scripts use:
 * runtime.sendMessage, storage.local.get, i18n.getUILanguage, and onMessage / storage.onChanged
 * listeners that answer nothing. A content-script listener that must answer a message needs
 * Chrome's sendResponse (returning a promise is the polyfill's way, not Chrome's).
 *
 * Until it has a toolbar, the content script touches `runtime` only: Firefox binds each part of
 * the API on first use, and `storage` (its listener and one read) took 10–20 ms of every page.
 *
 * Bound on first use, not when the script starts: binding costs a few milliseconds, which the
 * page's first task (compiling and starting this script) need not carry.
 */
const extension: ExtensionApi = {
  get runtime() {
    return bind().runtime;
  },
  get storage() {
    return bind().storage;
  },
  get i18n() {
    return bind().i18n;
  },
};

export default extension;

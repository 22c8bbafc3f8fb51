import type Browser from 'webextension-polyfill';

type ExtensionGlobals = { browser?: Browser.Browser; chrome?: Browser.Browser };

/** The parts of the extension API the content script and toolbar.js use. */
type ExtensionApi = Pick<Browser.Browser, 'runtime' | 'storage' | 'i18n' | 'extension'>;

let bound: Browser.Browser | undefined;

/**
 * Whether `value` is an API object rather than what the page put there: its elements and frames
 * are named properties of the content script's global too, so where the browser has no `browser`
 * (Chrome before it), `<div id="browser">` is found under that name (https://crbug.com/865881).
 */
function isApiObject(value: unknown): value is Browser.Browser {
  return (
    typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype
  );
}

/**
 * The browser's API object, read once: reading it first builds it in this world (Firefox takes
 * 10–15 ms, and as much again for each namespace on its first use).
 */
export function bind(): Browser.Browser {
  if (!bound) {
    const globals = globalThis as ExtensionGlobals;
    // `chrome` only where `browser` fails: Firefox builds each object on its first read.
    bound = isApiObject(globals.browser) ? globals.browser : globals.chrome!;
  }
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
  get extension() {
    return bind().extension;
  },
};

export default extension;

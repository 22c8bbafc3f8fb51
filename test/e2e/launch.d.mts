/**
 * CHROMIUM_ARGS for one launch. A visible browser (npm start), which the developer may take to
 * any site, keeps Chromium's sandbox, and is spared its warning bar for the switch; only as root
 * does it go without, as Chromium will not start there with it. Headless test browsers, which
 * open local pages only, go without it wherever they run (containers may not allow it).
 * @param {{ headless: boolean, isRoot?: boolean }} options
 * @returns {string[]}
 */
export function chromiumArgsFor({
  headless,
  isRoot,
}: {
  headless: boolean;
  isRoot?: boolean;
}): string[];
/**
 * Firefox's language as LANGUAGE names it, the variable Chromium reads (test:e2e sets `en_US`):
 * Debian's Firefox otherwise speaks the machine's language (LANG) wherever its language pack is
 * installed, and so do the extension's pages in it. Nothing where LANGUAGE names no language.
 * @param {Record<string, string | undefined>} [env]
 * @returns {Record<string, string>}
 */
export function firefoxLanguagePrefs(
  env?: Record<string, string | undefined>,
): Record<string, string>;
/**
 * @typedef {object} StaticServer
 * @property {string} origin `http://127.0.0.1:<port>`
 * @property {number} port
 * @property {(path: string) => string} url Absolute URL of a file, e.g. `url('demo-article.html')`.
 * @property {() => Promise<void>} close Stops listening and drops open connections.
 */
/**
 * @typedef {object} ServeOptions
 * @property {(pathname: string) => string} [rewrite] Maps a request's decoded path to the path
 *   of the file to serve, so one fixture can appear under many addresses (distinct articles).
 */
/**
 * Serves the files under `root` (read-only, GET/HEAD, no directory listings, nothing outside
 * `root`) on 127.0.0.1 at a free port.
 * @param {string} root
 * @param {ServeOptions} [options]
 * @returns {Promise<StaticServer>}
 */
export function serveDirectory(root: string, { rewrite }?: ServeOptions): Promise<StaticServer>;
/**
 * The unpacked build for a browser: the end-to-end variant (`dist/e2e/chrome/`, whose toolbar
 * mirrors its state onto its host for the tests) or the release (`dist/chrome/`).
 * @param {BrowserName} browserName
 * @param {'e2e' | 'release'} [variant]
 */
export function extensionDirFor(browserName: BrowserName, variant?: 'e2e' | 'release'): string;
/**
 * The browser executable, overridable with CHROMIUM_PATH / FIREFOX_PATH.
 * @param {BrowserName} browserName
 */
export function executableFor(browserName: BrowserName): string;
/**
 * @typedef {object} ExtensionBrowser
 * @property {import('puppeteer-core').Browser} browser
 * @property {BrowserName} browserName
 * @property {string} extensionId Chromium's extension id, or Firefox's add-on id.
 * @property {string} extensionOrigin `chrome-extension://<id>` or `moz-extension://<uuid>`
 * @property {string} popupUrl
 * @property {() => Promise<import('puppeteer-core').Page>} openPopup Opens the popup page in a new tab, loaded.
 * @property {() => Promise<void>} close Closes the browser; safe to call twice.
 */
/**
 * @typedef {object} LaunchOptions
 * @property {BrowserName} browserName
 * @property {string} [extensionDir] Unpacked extension; defaults to this browser's e2e build.
 * @property {boolean} [headless] Defaults to true.
 * @property {number} [timeoutMs] For launch and for the extension to start; defaults to 30 s.
 * @property {string} [userDataDir] A profile directory that outlives the browser (to restart with
 *   the same profile); defaults to a fresh temporary one.
 * @property {Record<string, unknown>} [firefoxPrefs] More Firefox prefs, over the defaults.
 * @property {string[]} [chromiumArgs] More Chromium flags, after the defaults.
 * @property {'none' | 'allowed' | 'not-allowed'} [privateWindow] Opens the browser with a private
 *   window (Chromium `--incognito`, Firefox `-private-window`; `browser.pages()[0]` is its tab,
 *   and further pages open elsewhere in Chromium but in it in Firefox), the extension allowed to
 *   run there or not (Chromium: Extensions.loadUnpacked's enableInIncognito; Firefox: WebDriver
 *   BiDi webExtension.install's moz:allowPrivateBrowsing). Defaults to 'none'.
 * @property {string} [chromiumLanguage] Chromium's interface language (its LANGUAGE), e.g. `ar`, which
 *   the extension's pages speak (Debian's chromium-l10n); defaults to the system's.
 * @property {(browser: import('puppeteer-core').Browser) => Promise<void>} [beforeInstall] Runs once
 *   the browser is up, before the extension is installed (to open tabs it finds already open).
 */
/**
 * Launches Chromium or Firefox ESR with the extension installed and its background running.
 * Call `close()` in a `finally`: a harness killed with its browser open leaves processes behind.
 * @param {LaunchOptions} options
 * @returns {Promise<ExtensionBrowser>}
 */
export function launchWithExtension({
  browserName,
  extensionDir,
  headless,
  timeoutMs,
  userDataDir,
  firefoxPrefs,
  chromiumArgs,
  privateWindow,
  chromiumLanguage,
  beforeInstall,
}: LaunchOptions): Promise<ExtensionBrowser>;
/**
 * Navigates `page` to a page of the extension and waits until it has loaded.
 *
 * In Firefox, `page.goto('moz-extension://…')` loads the page but never resolves, and evaluating
 * during the process switch can throw, so this starts the navigation without awaiting it and
 * polls the page until it reports the URL, fully loaded.
 * @param {import('puppeteer-core').Page} page
 * @param {string} url
 * @param {number} [timeoutMs]
 */
export function gotoExtensionPage(
  page: import('puppeteer-core').Page,
  url: string,
  timeoutMs?: number,
): Promise<void>;
/**
 * @typedef {object} DemoOptions
 * @property {BrowserName} [browserName] Defaults to chromium.
 * @property {boolean} [headless] Defaults to false (a visible browser).
 * @property {string} [extensionDir] Defaults to this browser's release build.
 * @property {string} [page] Fixture to open; defaults to the demo article.
 */
/**
 * `npm start`: serves `test/fixtures/`, opens the demo article in a browser with the built
 * extension and resolves once that browser has been closed (the server stops with it).
 * @param {DemoOptions} [options]
 */
export function startDemo({
  browserName,
  headless,
  extensionDir,
  page: fixture,
}?: DemoOptions): Promise<void>;
/** @typedef {'chromium' | 'firefox'} BrowserName */
/** The browsers the extension is built and tested for. */
export const BROWSER_NAMES: readonly ['chromium', 'firefox'];
/** Repository root (this file is `test/e2e/launch.mjs`). */
export const REPO_ROOT: string;
/** The HTML pages the tests and the demo serve. */
export const FIXTURES_DIR: string;
/** The page `npm start` opens. */
export const DEMO_PAGE: 'demo-article.html';
/** Firefox add-on id, from `browser_specific_settings.gecko.id` in the manifest. */
export const GECKO_ID: 'moodmark@moodmark';
/**
 * Firefox gives each add-on a random `moz-extension://<uuid>/` origin per profile; pinning it
 * through the `extensions.webextensions.uuids` pref lets tests know the popup's URL up front.
 */
export const FIREFOX_EXTENSION_UUID: '6d0c2f4e-7a51-4d3b-9c8e-2b1f0a9e5d17';
/** Path of the popup page inside the extension origin. */
export const POPUP_PATH: '/popup.html';
/** Chromium flags that keep a test browser offline and quiet (no updates, sync, or first-run UI). */
export const CHROMIUM_ARGS: string[];
/** Firefox prefs that keep a test browser offline (puppeteer already sets most of them). */
export const FIREFOX_PREFS: {
  'app.update.enabled': boolean;
  'browser.safebrowsing.malware.enabled': boolean;
  'browser.safebrowsing.phishing.enabled': boolean;
  'datareporting.policy.dataSubmissionEnabled': boolean;
  'extensions.getAddons.cache.enabled': boolean;
  'extensions.update.enabled': boolean;
  'network.captive-portal-service.enabled': boolean;
  'network.connectivity-service.enabled': boolean;
  'extensions.webextensions.uuids': string;
};
export type StaticServer = {
  /**
   * `http://127.0.0.1:<port>`
   */
  origin: string;
  port: number;
  /**
   * Absolute URL of a file, e.g. `url('demo-article.html')`.
   */
  url: (path: string) => string;
  /**
   * Stops listening and drops open connections.
   */
  close: () => Promise<void>;
};
export type ServeOptions = {
  /**
   * Maps a request's decoded path to the path
   * of the file to serve, so one fixture can appear under many addresses (distinct articles).
   */
  rewrite?: (pathname: string) => string;
};
export type ExtensionBrowser = {
  browser: import('puppeteer-core').Browser;
  browserName: BrowserName;
  /**
   * Chromium's extension id, or Firefox's add-on id.
   */
  extensionId: string;
  /**
   * `chrome-extension://<id>` or `moz-extension://<uuid>`
   */
  extensionOrigin: string;
  popupUrl: string;
  /**
   * Opens the popup page in a new tab, loaded.
   */
  openPopup: () => Promise<import('puppeteer-core').Page>;
  /**
   * Closes the browser; safe to call twice.
   */
  close: () => Promise<void>;
};
export type LaunchOptions = {
  browserName: BrowserName;
  /**
   * Unpacked extension; defaults to this browser's e2e build.
   */
  extensionDir?: string;
  /**
   * Defaults to true.
   */
  headless?: boolean;
  /**
   * For launch and for the extension to start; defaults to 30 s.
   */
  timeoutMs?: number;
  /**
   * A profile directory that outlives the browser (to restart with
   * the same profile); defaults to a fresh temporary one.
   */
  userDataDir?: string;
  /**
   * More Firefox prefs, over the defaults.
   */
  firefoxPrefs?: Record<string, unknown>;
  /**
   * More Chromium flags, after the defaults.
   */
  chromiumArgs?: string[];
  /**
   * Opens the browser with a private
   * window (Chromium `--incognito`, Firefox `-private-window`; `browser.pages()[0]` is its tab,
   * and further pages open elsewhere in Chromium but in it in Firefox), the extension allowed to
   * run there or not (Chromium: Extensions.loadUnpacked's enableInIncognito; Firefox: WebDriver
   * BiDi webExtension.install's moz:allowPrivateBrowsing). Defaults to 'none'.
   */
  privateWindow?: 'none' | 'allowed' | 'not-allowed';
  /**
   * Chromium's interface language (its LANGUAGE), e.g. `ar`, which
   * the extension's pages speak (Debian's chromium-l10n); defaults to the system's.
   */
  chromiumLanguage?: string;
  /**
   * Runs once
   * the browser is up, before the extension is installed (to open tabs it finds already open).
   */
  beforeInstall?: ((browser: import('puppeteer-core').Browser) => Promise<void>) | undefined;
};
export type DemoOptions = {
  /**
   * Defaults to chromium.
   */
  browserName?: BrowserName;
  /**
   * Defaults to false (a visible browser).
   */
  headless?: boolean;
  /**
   * Defaults to this browser's release build.
   */
  extensionDir?: string;
  /**
   * Fixture to open; defaults to the demo article.
   */
  page?: string;
};
export type BrowserName = 'chromium' | 'firefox';

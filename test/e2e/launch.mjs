// @ts-check
/**
 * Runs the built extension in a real browser: a static file server for test pages, a launcher
 * that installs `dist/<browser>/` into Chromium or Firefox ESR through puppeteer-core, a helper
 * that opens extension pages, and the `npm start` demo.
 *
 * Plain ESM JavaScript so `build.mjs` (Node, no TypeScript) and the e2e tests share it. Its types
 * for TypeScript are in `launch.d.mts`, generated from the JSDoc here:
 *   npx tsc test/e2e/launch.mjs --allowJs --checkJs --declaration --emitDeclarationOnly \
 *     --module nodenext --target es2022 --skipLibCheck --outDir test/e2e
 *   npx prettier --write test/e2e/launch.d.mts
 */
import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

/** @typedef {'chromium' | 'firefox'} BrowserName */

/** The browsers the extension is built and tested for. */
export const BROWSER_NAMES = /** @type {const} */ (['chromium', 'firefox']);

/** Repository root (this file is `test/e2e/launch.mjs`). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The HTML pages the tests and the demo serve. */
export const FIXTURES_DIR = join(REPO_ROOT, 'test', 'fixtures');

/** The page `npm start` opens. */
export const DEMO_PAGE = 'demo-article.html';

/** Firefox add-on id, from `browser_specific_settings.gecko.id` in the manifest. */
export const GECKO_ID = 'moodmark@moodmark';

/**
 * Firefox gives each add-on a random `moz-extension://<uuid>/` origin per profile; pinning it
 * through the `extensions.webextensions.uuids` pref lets tests know the popup's URL up front.
 */
export const FIREFOX_EXTENSION_UUID = '6d0c2f4e-7a51-4d3b-9c8e-2b1f0a9e5d17';

/** Path of the popup page inside the extension origin. */
export const POPUP_PATH = '/popup.html';

const DEFAULT_EXECUTABLES = {
  chromium: '/usr/bin/chromium',
  firefox: '/usr/bin/firefox-esr',
};

/** Chromium flags that keep a test browser offline and quiet (no updates, sync, or first-run UI). */
export const CHROMIUM_ARGS = [
  // Needed when running as root (CI containers); without it Chromium exits with "Target closed".
  // A visible browser run by a user keeps its sandbox (chromiumArgsFor).
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-default-apps',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider',
];

/**
 * CHROMIUM_ARGS for one launch. A visible browser (npm start), which the developer may take to
 * any site, keeps Chromium's sandbox, and is spared its warning bar for the switch; only as root
 * does it go without, as Chromium will not start there with it. Headless test browsers, which
 * open local pages only, go without it wherever they run (containers may not allow it).
 * @param {{ headless: boolean, isRoot?: boolean }} options
 * @returns {string[]}
 */
export function chromiumArgsFor({ headless, isRoot = process.getuid?.() === 0 }) {
  return headless || isRoot ? CHROMIUM_ARGS : CHROMIUM_ARGS.filter((arg) => arg !== '--no-sandbox');
}

/** Firefox prefs that keep a test browser offline (puppeteer already sets most of them). */
export const FIREFOX_PREFS = {
  'app.update.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.update.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
};

/**
 * Firefox's language as LANGUAGE names it, the variable Chromium reads (test:e2e sets `en_US`):
 * Debian's Firefox otherwise speaks the machine's language (LANG) wherever its language pack is
 * installed, and so do the extension's pages in it. Nothing where LANGUAGE names no language.
 * @param {Record<string, string | undefined>} [env]
 * @returns {Record<string, string>}
 */
export function firefoxLanguagePrefs(env = process.env) {
  const languages = (env.LANGUAGE ?? '')
    .split(':')
    // de_DE.UTF-8@euro → de-DE
    .map((name) => name.replace(/[.@].*$/, '').replace(/_/g, '-'))
    .filter((tag) => /^[a-z]{2,3}(?:-[A-Za-z0-9]+)*$/.test(tag));
  return languages.length ? { 'intl.locale.requested': languages.join(',') } : {};
}

const CONTENT_TYPES = /** @type {Record<string, string>} */ ({
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xhtml': 'application/xhtml+xml; charset=utf-8',
});

/**
 * Longest request target the server accepts: test pages have short names, but a newsletter's
 * link carries thousands of characters of tracking parameters, which servers take (8 KB, as
 * nginx's default buffer for a request line).
 */
const MAX_REQUEST_TARGET_LENGTH = 8192;

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
export async function serveDirectory(root, { rewrite = (pathname) => pathname } = {}) {
  const rootDir = resolve(root);
  const server = createServer(async (req, res) => {
    const send = (/** @type {number} */ status, /** @type {string} */ text) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(text);
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'Method not allowed');
      const rawUrl = req.url ?? '/';
      if (rawUrl.length > MAX_REQUEST_TARGET_LENGTH) return send(414, 'URI too long');
      const pathname = rewrite(decodeURIComponent(new URL(rawUrl, 'http://localhost').pathname));
      const filePath = resolve(
        rootDir,
        '.' + (pathname.endsWith('/') ? pathname + 'index.html' : pathname),
      );
      if (filePath !== rootDir && !filePath.startsWith(rootDir + sep))
        return send(403, 'Forbidden');
      const info = await stat(filePath).catch(() => null);
      if (!info?.isFile()) return send(404, 'Not found');
      res.writeHead(200, {
        'content-type':
          CONTENT_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream',
        'content-length': info.size,
        'cache-control': 'no-store',
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(filePath).pipe(res);
    } catch {
      if (!res.headersSent) send(400, 'Bad request');
      else res.destroy();
    }
  });
  server.requestTimeout = 10_000;
  await new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done(undefined));
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no port');
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    origin,
    port: address.port,
    url: (path) => new URL(path.replace(/^\/+/, ''), origin + '/').href,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/**
 * The unpacked build for a browser: the end-to-end variant (`dist/e2e/chrome/`, whose toolbar
 * mirrors its state onto its host for the tests) or the release (`dist/chrome/`).
 * @param {BrowserName} browserName
 * @param {'e2e' | 'release'} [variant]
 */
export function extensionDirFor(browserName, variant = 'e2e') {
  const build = browserName === 'chromium' ? 'chrome' : 'firefox';
  return variant === 'e2e' ? join(REPO_ROOT, 'dist', 'e2e', build) : join(REPO_ROOT, 'dist', build);
}

/**
 * The browser executable, overridable with CHROMIUM_PATH / FIREFOX_PATH.
 * @param {BrowserName} browserName
 */
export function executableFor(browserName) {
  const fromEnv = browserName === 'chromium' ? process.env.CHROMIUM_PATH : process.env.FIREFOX_PATH;
  return fromEnv || DEFAULT_EXECUTABLES[browserName];
}

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
export async function launchWithExtension({
  browserName,
  extensionDir = extensionDirFor(browserName),
  headless = true,
  timeoutMs = 30_000,
  userDataDir,
  firefoxPrefs = {},
  chromiumArgs = [],
  privateWindow = 'none',
  chromiumLanguage,
  beforeInstall,
}) {
  if (
    !headless &&
    process.platform === 'linux' &&
    !process.env.DISPLAY &&
    !process.env.WAYLAND_DISPLAY
  ) {
    throw new Error(
      'No display (DISPLAY / WAYLAND_DISPLAY unset): a visible browser cannot start here.',
    );
  }
  /** @type {import('puppeteer-core').LaunchOptions} */
  const common = {
    executablePath: executableFor(browserName),
    headless,
    timeout: timeoutMs,
    // Headful: let pages fill the window instead of puppeteer's fixed 800x600.
    defaultViewport: headless ? { width: 1280, height: 900 } : null,
    ...(userDataDir ? { userDataDir } : {}),
  };
  const browser =
    browserName === 'chromium'
      ? await puppeteer.launch({
          ...common,
          browser: 'chrome',
          pipe: true,
          enableExtensions: true,
          args: [
            ...chromiumArgsFor({ headless }),
            ...chromiumArgs,
            ...(privateWindow === 'none' ? [] : ['--incognito']),
          ],
          // On Linux, Chromium takes its language from LANGUAGE (not --lang), if chromium-l10n has it.
          ...(chromiumLanguage ? { env: { ...process.env, LANGUAGE: chromiumLanguage } } : {}),
        })
      : await puppeteer.launch({
          ...common,
          browser: 'firefox',
          // Without it Firefox refuses to navigate automation to moz-extension:// pages.
          args: [
            '--remote-allow-system-access',
            ...(privateWindow === 'none' ? [] : ['-private-window', 'about:blank']),
          ],
          extraPrefsFirefox: { ...FIREFOX_PREFS, ...firefoxLanguagePrefs(), ...firefoxPrefs },
        });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await browser.close().catch(() => browser.process()?.kill('SIGKILL'));
  };
  try {
    await beforeInstall?.(browser);
    const extensionId =
      privateWindow === 'none'
        ? await browser.installExtension(resolve(extensionDir))
        : await installForPrivateWindows(browser, browserName, resolve(extensionDir), {
            allowed: privateWindow === 'allowed',
          });
    let extensionOrigin;
    if (browserName === 'chromium') {
      extensionOrigin = `chrome-extension://${extensionId}`;
      await browser.waitForTarget(
        (t) => t.type() === 'service_worker' && t.url().startsWith(extensionOrigin + '/'),
        { timeout: timeoutMs },
      );
    } else {
      if (extensionId !== GECKO_ID) {
        throw new Error(`Firefox installed ${extensionId}, expected gecko id ${GECKO_ID}`);
      }
      extensionOrigin = `moz-extension://${FIREFOX_EXTENSION_UUID}`;
    }
    const popupUrl = extensionOrigin + POPUP_PATH;
    return {
      browser,
      browserName,
      extensionId,
      extensionOrigin,
      popupUrl,
      openPopup: async () => {
        const page = await browser.newPage();
        await gotoExtensionPage(page, popupUrl, timeoutMs);
        return page;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Installs the extension with private windows allowed or not, which puppeteer's
 * `installExtension` cannot say: through the browser's own protocol.
 * @param {import('puppeteer-core').Browser} browser
 * @param {BrowserName} browserName
 * @param {string} path
 * @param {{ allowed: boolean }} options
 * @returns {Promise<string>} the extension's id
 */
async function installForPrivateWindows(browser, browserName, path, { allowed }) {
  if (browserName === 'chromium') {
    const cdp = await browser.target().createCDPSession();
    const { id } = await cdp.send('Extensions.loadUnpacked', { path, enableInIncognito: allowed });
    await cdp.detach();
    return id;
  }
  // Puppeteer's WebDriver BiDi browser exposes its connection for commands it does not wrap.
  const { connection } =
    /** @type {{ connection: { send(method: string, params: object): Promise<any> } }} */ (
      /** @type {unknown} */ (browser)
    );
  const { result } = await connection.send('webExtension.install', {
    extensionData: { type: 'path', path },
    'moz:allowPrivateBrowsing': allowed,
  });
  return result.extension;
}

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
export async function gotoExtensionPage(page, url, timeoutMs = 15_000) {
  if (url.startsWith('chrome-extension://')) {
    await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
    return;
  }
  page.goto(url, { timeout: timeoutMs }).catch(() => {});
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const loaded = await page
      .evaluate((expected) => location.href === expected && document.readyState === 'complete', url)
      .catch(() => false);
    if (loaded) return;
    if (Date.now() > deadline) throw new Error(`Timed out loading ${url}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

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
export async function startDemo({
  browserName = 'chromium',
  headless = false,
  extensionDir = extensionDirFor(browserName, 'release'),
  page: fixture = DEMO_PAGE,
} = {}) {
  const executable = executableFor(browserName);
  if (!existsSync(executable)) {
    const variable = browserName === 'chromium' ? 'CHROMIUM_PATH' : 'FIREFOX_PATH';
    throw new Error(
      `no ${browserName} at ${executable}: run .ci/setup, which installs it, or set ${variable}`,
    );
  }
  const server = await serveDirectory(FIXTURES_DIR);
  /** @type {ExtensionBrowser | undefined} */
  let session;
  try {
    session = await launchWithExtension({
      browserName,
      headless,
      extensionDir,
    });
    const { browser } = session;
    const disconnected = new Promise((done) => browser.once('disconnected', done));
    const [firstTab] = await browser.pages();
    const tab = firstTab ?? (await browser.newPage());
    await tab.goto(server.url(fixture));
    console.log(
      `Moodmark demo: ${server.url(fixture)} in ${browserName}. Close the browser to stop.`,
    );
    await disconnected;
  } finally {
    await session?.close();
    await server.close();
  }
}

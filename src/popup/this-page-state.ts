import { siteOf } from '../core/article-url';
import type { ToolbarCorrection } from '../core/page-corrections';
import { cleanTitle, keptPageUrl } from '../core/vote';
import type { ArticleRef, PageReport } from '../protocol';
import { isBlankText } from './is-blank-text';

/** Hosts of the browsers' add-on stores, where browsers run no extension's content script. */
const STORE_PAGES = [
  { host: 'chromewebstore.google.com', path: '/' },
  { host: 'chrome.google.com', path: '/webstore' },
  { host: 'addons.mozilla.org', path: '/' },
];

/**
 * Mozilla's hosts besides its add-on store where Firefox runs no extension's content script (its
 * default extensions.webextensions.restrictedDomains). Chrome runs there, and so does a Firefox
 * whose reader emptied the list: there the content script answers.
 */
const FIREFOX_RESTRICTED_HOSTS = new Set([
  'accounts-static.cdn.mozilla.net',
  'accounts.firefox.com',
  'addons.cdn.mozilla.net',
  'api.accounts.firefox.com',
  'content.cdn.mozilla.net',
  'discovery.addons.mozilla.org',
  'install.mozilla.org',
  'oauth.accounts.firefox.com',
  'profile.accounts.firefox.com',
  'support.mozilla.org',
  'sync.services.mozilla.com',
]);

/**
 * `title` as the history keeps it (cleaned, cut at its length limit), or undefined where it would
 * read as blank (a page's zero-width filler).
 */
function visibleTitle(title: string | undefined): string | undefined {
  return title === undefined || isBlankText(title) ? undefined : cleanTitle(title);
}

/**
 * Why the popup cannot react to the page in the tab; `too-long`: an address longer than the
 * background keeps (MAX_URL_LENGTH, as written or as parsed), even without its tracking
 * parameters (keptPageUrl).
 */
export type UnavailableReason = 'browser' | 'store' | 'file' | 'too-long' | 'unknown';

/** What the popup's "this page" section shows. */
export type ThisPage =
  | { kind: 'unavailable'; reason: UnavailableReason }
  | {
      kind: 'page';
      /**
       * What the background derives the article's identity (its key) from, as the in-page toolbar
       * sends it.
       */
      ref: ArticleRef;
      title: string;
      /** The language of `title`, where the page declares one and the title is not its address. */
      lang?: string | undefined;
      site: string;
      /** Whether a toolbar shows in the page; null when no content script answered. */
      toolbarShown: boolean | null;
      /** Shown in Firefox's Reader View, where no toolbar can show: nothing to correct. */
      inReaderView: boolean;
    };

/** The tab as the tabs API shows it to the popup (address and title only with activeTab). */
export interface TabInfo {
  url?: string | undefined;
  title?: string | undefined;
}

/**
 * The page the popup acts on: the content script's report when it answered (the addresses it
 * declares and its article title, so a vote gets the in-page toolbar's identity), else the tab's
 * address and title. Pages where no extension runs (the browser's own, Mozilla's, the add-on
 * stores, files), addresses too long to keep and tabs whose address the popup may not see are
 * unavailable.
 */
export function describeThisPage(tab: TabInfo | undefined, report: PageReport | null): ThisPage {
  const address = report?.url ?? tab?.url;
  if (!address) return { kind: 'unavailable', reason: 'unknown' };
  let parsed: URL;
  try {
    parsed = new URL(address);
  } catch {
    return { kind: 'unavailable', reason: 'unknown' };
  }
  if (parsed.protocol === 'about:' && parsed.pathname === 'reader') {
    const shown = parsed.searchParams.get('url');
    if (!shown) return { kind: 'unavailable', reason: 'browser' };
    // Firefox's Reader View runs no content script: the tab's address and title are the article's.
    const article = describeThisPage({ url: shown, title: tab?.title }, null);
    return article.kind === 'page' ? { ...article, inReaderView: true } : article;
  }
  if (parsed.protocol === 'file:') return { kind: 'unavailable', reason: 'file' };
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { kind: 'unavailable', reason: 'browser' };
  }
  // As the background keeps it, which refuses what it cannot keep: said here rather than as an
  // error from the first call.
  const url = keptPageUrl(address);
  if (url === null) return { kind: 'unavailable', reason: 'too-long' };
  const host = parsed.hostname.toLowerCase();
  if (STORE_PAGES.some((store) => host === store.host && parsed.pathname.startsWith(store.path))) {
    return { kind: 'unavailable', reason: 'store' };
  }
  if (!report && FIREFOX_RESTRICTED_HOSTS.has(host)) {
    return { kind: 'unavailable', reason: 'browser' };
  }
  const ref: ArticleRef = report?.declaredUrls
    ? { url, declaredUrls: report.declaredUrls }
    : { url };
  const title = visibleTitle(report?.title) ?? visibleTitle(tab?.title) ?? url;
  return {
    kind: 'page',
    ref,
    title,
    // An address is no language's; the tab's title is the page's, in its language.
    lang: title === url ? undefined : report?.lang,
    site: siteOf(host),
    toolbarShown: report ? report.toolbarShown : null,
    inReaderView: false,
  };
}

/**
 * The correction the section offers: hiding the toolbar where one shows (or was asked for),
 * showing it where none does. None while the reader has turned the toolbar off for the site:
 * the site switch is what turns it back on.
 */
export function offeredCorrection(
  toolbarShown: boolean | null,
  correction: ToolbarCorrection | null,
  siteDisabled: boolean,
): ToolbarCorrection | null {
  if (siteDisabled) return null;
  // Without a content script to ask (a tab opened before the extension), the stored correction says.
  const shown = toolbarShown ?? correction === 'show';
  return shown ? 'hide' : 'show';
}

import { normalizeArticleUrl } from './article-url';
import { isSameSite } from './same-site';

/** Paths of a site's home page. */
const HOME_PATH = /^\/(?:index\.\w+|home)?$/i;

/**
 * The article's key: the first address the page declares for itself (`declared`, in the page's
 * order) that is on the page's own site by the Public Suffix List, else the page's own address.
 * An address on another site (syndication, a mistake, or a page claiming another site's article)
 * is passed over, and so is the site's root declared by a page below it: a canonical link every
 * page of a misconfigured site shares, or one a single-page app left from its home page, would
 * file every article under one key. Null if `pageUrl` is not an http(s) URL.
 */
export function articleKey(pageUrl: string, declared: readonly string[] = []): string | null {
  const own = normalizeArticleUrl(pageUrl);
  if (!own) return null;
  // Compared after normalization, so a page served from an AMP cache counts as its publisher's.
  const { hostname: host, pathname } = new URL(own);
  const isBelowHome = !HOME_PATH.test(pathname);
  for (const address of declared) {
    const key = normalizeArticleUrl(address);
    if (!key || !isSameSite(host, new URL(key).hostname)) continue;
    if (isBelowHome && isSiteRoot(key)) continue;
    return key;
  }
  return own;
}

/** Whether `key` (an article key) is a site's root, with no query. */
function isSiteRoot(key: string): boolean {
  const { pathname, search } = new URL(key);
  return pathname === '/' && search === '';
}

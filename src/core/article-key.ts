import { normalizeArticleUrl } from './article-url';
import { isSameSite } from './same-site';

/**
 * The article's key: the first address the page declares for itself (`declared`, in the page's
 * order) that is on the page's own site by the Public Suffix List, else the page's own address.
 * An address on another site (syndication, a mistake, or a page claiming another site's article)
 * is passed over. Null if `pageUrl` is not an http(s) URL.
 */
export function articleKey(pageUrl: string, declared: readonly string[] = []): string | null {
  const own = normalizeArticleUrl(pageUrl);
  if (!own) return null;
  // Compared after normalization, so a page served from an AMP cache counts as its publisher's.
  const host = new URL(own).hostname;
  for (const address of declared) {
    const key = normalizeArticleUrl(address);
    if (key && isSameSite(host, new URL(key).hostname)) return key;
  }
  return own;
}

import { normalizeArticleUrl } from './article-url';

/** Link lists that lead to the page without listing it: breadcrumbs, the pages of one story. */
const NOT_A_MENU =
  '[class*="breadcrumb" i], [id*="breadcrumb" i], [aria-label*="breadcrumb" i], [class*="pagination" i], [class*="pager" i]';

/**
 * Whether a site menu links to this page: an item of a `<nav>`, or a list item in a page
 * `<header>`, among `menus`, outside the body `parts`, that leads to one of the page's
 * `addresses` (article keys). That is the mark of a site's own page (a service, about or product
 * page): menus list sections and such pages, not articles.
 */
export function isListedInSiteMenu(
  menus: readonly Element[],
  parts: readonly Element[],
  addresses: readonly string[],
): boolean {
  const lastSegments = addresses.map((key) => lastSegment(new URL(key).pathname));
  for (const menu of menus) {
    if (parts.some((part) => part.contains(menu))) continue;
    const links = menu.getElementsByTagName('a');
    for (let i = 0, count = links.length; i < count; i++) {
      const link = links[i]!;
      const href = link.getAttribute('href');
      // Resolving a URL is costly: only a link that names the page's last path segment can lead to it.
      if (!href || !lastSegments.some((segment) => href.includes(segment))) continue;
      if (href.startsWith('#') || link.hasAttribute('hreflang')) continue;
      const key = normalizeArticleUrl((link as HTMLAnchorElement).href);
      if (key !== null && addresses.includes(key) && isMenuItem(link, menu)) return true;
    }
  }
  return false;
}

function lastSegment(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/**
 * Whether `link` is an item of the menu: anywhere in a `<nav>`, in a list item of a header; never
 * a heading (an article's title linking to itself), breadcrumbs or page numbers.
 */
function isMenuItem(link: Element, menu: Element): boolean {
  if (!/\p{L}/u.test(link.textContent ?? '')) return false;
  if (link.closest('h1, h2, h3, h4, h5, h6, article, main') || link.closest(NOT_A_MENU)) {
    return false;
  }
  return menu.tagName === 'NAV' || link.closest('li') !== null;
}

import { normalizeArticleUrl, routeInFragment, siteOf, withHostOfSite } from '../article-url';
import { readPageHead, type PageHead } from './read-page-head';

/** The path of a site's home: its root, an index file, or a language's root (`/en`, `/de-at`). */
const HOME_PATH = /^\/(?:index\.\w+|home|[a-z]{2}(?:[-_][a-z]{2,4})?)?$/i;
/**
 * Paths of the lists a site keeps: search results in the languages served, tag, category and
 * author pages, the further pages of any list (`/page/2`), and a blog's or an archive's index
 * (its stories live below it, as `/blog/a-story`). Not `/news`: a site may declare its news
 * front the canonical address of every story.
 */
const LISTING_PATH =
  /\/(?:search|suche|recherche|buscar|busca|cerca|ricerca|zoeken|szukaj|tags?|category|categories|author|authors)(?:\/|$)|\/page\/\d+$|\/(?:blog|archives?|archiv)\/?$/i;
/**
 * Paths of a site's topic, section, tag, category and author pages in the languages served
 * (`/topic/climate`, `/thema/Ukraine`, `/section/world`, `/autor/jane-doe`, `/by/jane-doe`): the
 * word, then at most one more segment without a story's number, of at most
 * {@link MAX_TOPIC_WORDS}. Deeper paths are left alone: some sites file stories below a topic.
 */
const TOPIC_PATH =
  /\/(?:topics?|thema|themen|tema|temas|temi|argomenti|sujets?|sections?|rubrik|rubriken|rubrique|rubriques|ressort|kategorie|kategorien|categoria|categorias|categorie|kategori|kategoria|schlagworte?|stichworte?|etiquetas?|tagged|autor|autoren|auteurs?|autore|autori|autores|profiles?|contributors?|journalists?|reporters?|by)(?:\/(?![^/]*\d{4})[^/]+)?\/?$/i;
/**
 * Words a topic's or an author's name takes at most (`/topic/climate-change`,
 * `/autor/jane-marie-doe`); a longer segment spells a story's headline, filed below its topic
 * (`/themen/eu-taxonomie-atomkraft-erdgas-sind-nicht-nachhaltig`).
 */
const MAX_TOPIC_WORDS = 4;
/**
 * A company's profile, as directories, networks and business news keep them (`/company/acme`,
 * `/companies/acme-corp`, `/bedrijf/acme.html`): its name, the path's last segment. Stories are
 * filed so too (a blog's `Company` category), so only a page nothing dates or declares is taken
 * for one. Beyond English only the singular: `/unternehmen/`, `/empresas/` are news sections.
 */
const COMPANY_PATH = /\/(?:compan(?:y|ies)|bedrijf|firma|entreprise|empresa|azienda)\/[^/]+\/?$/i;

/** Whether the page's first address is a company's profile's ({@link COMPANY_PATH}). */
export function isCompanyAddress(addresses: readonly string[]): boolean {
  const url = firstAddressUrl(addresses);
  return url !== null && COMPANY_PATH.test(url.pathname);
}

/** Query parameters that carry a search. */
const SEARCH_PARAMS = ['q', 'query', 'search', 's', 'keys', 'keyword', 'keywords', 'searchterm'];
/**
 * Words from which a path's last segment spells out a headline: there a search parameter is a
 * share or tracking mark (`/p/a-story-title?s=r`), not a search.
 */
export const STORY_SLUG_WORDS = 3;

/** A year and month in an address (`/2024/05/`, `2024-05-01`), as stories' addresses carry. */
const ADDRESS_DATE = /(?:^|[/_-])(?:19|20)\d\d[/_-](?:0?[1-9]|1[0-2])(?:[/_-]|$)/;

/**
 * Whether one of `addresses` (article keys) has a year and month in its path. Worked out once per
 * list: several tests ask, and each address would be parsed again.
 */
export const hasDatedAddress = oncePerList((addresses) =>
  addresses.some((address) => ADDRESS_DATE.test(parseAddress(address).pathname)),
);

/**
 * The addresses `doc` goes by, as article keys: first those it declares in its head (the
 * canonical link, then og:url), then its own. `head` is read here when not given.
 */
export function readPageAddresses(doc: Document, head: PageHead = readPageHead(doc)): string[] {
  const keys: string[] = [];
  // jsdom serializes `URL` anew on every read.
  const pageUrl = doc.URL;
  const read = new Set<string>();
  for (const written of [...head.declaredAddresses, pageUrl]) {
    const address = written.trim();
    // Pages declare their own address again and again (canonical, og:url): parsed once.
    if (read.has(address)) continue;
    read.add(address);
    // A malformed declared address has no key: it says nothing about the page.
    const key = address ? normalizeArticleUrl(withHostOfSite(address, pageUrl), pageUrl) : null;
    if (key !== null && !keys.includes(key)) keys.push(key);
  }
  return keys;
}

/**
 * Whether `address` (an article key) is one of a site's lists: its home (the root or a language's
 * root, with no query), a search, a topic, section, tag, category or author page, or a further
 * page of a list. Never an article, whatever the page shows.
 */
export function isListingAddress(address: string): boolean {
  const url = parseAddress(address);
  if (url.search === '' && HOME_PATH.test(url.pathname)) return true;
  if (
    SEARCH_PARAMS.some((name) => url.searchParams.get(name)?.trim()) &&
    slugWords(url.pathname) < STORY_SLUG_WORDS
  ) {
    return true;
  }
  if (LISTING_PATH.test(url.pathname)) return true;
  return TOPIC_PATH.test(url.pathname) && slugWords(url.pathname) <= MAX_TOPIC_WORDS;
}

/**
 * Words in the last segment of `pathname` that has letters (`/2024/05/harbour-fire-closes-port`
 * → 4).
 */
export function slugWords(pathname: string): number {
  const last = pathname
    .split('/')
    .filter((part) => /\p{L}/u.test(part))
    .at(-1);
  if (last === undefined) return 0;
  return pathSegmentName(last)
    .split(/[-_+.,\s]+/)
    .filter((word) => /\p{L}/u.test(word)).length;
}

/** Each segment of `pathname` read as a name ({@link pathSegmentName}), in lower case. */
export function pathSegmentNames(pathname: string): string[] {
  return pathname.split('/').map((segment) => pathSegmentName(segment).toLowerCase());
}

/**
 * A path segment read as a name: decoded (`%C3%BCber-uns` → `über-uns`; as written where that is
 * malformed), without a page file's extension (`about.html` → `about`).
 */
export function pathSegmentName(segment: string): string {
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // Malformed: read as written.
  }
  return decoded.replace(/\.(?:s?html?|php\d?|aspx?|jsp|cfm)$/i, '');
}

/**
 * Whether `link` leads to one of `addresses` (article keys): to the page itself, under any of the
 * names it goes by, through tracking parameters, `www.` or AMP. `href` is the link's attribute,
 * for a caller that has read it already.
 */
export function isLinkTo(
  link: Element,
  addresses: readonly string[],
  href: string | null = link.getAttribute('href'),
): boolean {
  if (!href) return false;
  // Resolving a URL is costly: only a link that names an address's last path segment can lead there.
  if (!lastPathSegmentsOf(addresses).some((segment) => href.includes(segment))) return false;
  // The platform's URL parser, not the link's `href` getter: jsdom's is many times slower.
  const base = link.baseURI;
  const keys = linkKeysOf(addresses);
  const written = `${base} ${href}`;
  let key = keys.get(written);
  if (key === undefined) {
    key = normalizeArticleUrl(href, base);
    keys.set(written, key);
  }
  return key !== null && addresses.includes(key);
}

/** The keys of the links asked about, by base and href: a page links one address many times. */
const linkKeysOf = oncePerList(() => new Map<string, string | null>());

/** Each list's last path segments, worked out once: a page asks about every link it has. */
const lastPathSegmentsOf = oncePerList((addresses) => addresses.map(lastPathSegment));

/** The last segment of an article key's path (`story` of `https://site/news/story/?id=2`), or ''. */
export function lastPathSegment(key: string): string {
  const pathStart = key.indexOf('/', key.indexOf('//') + 2);
  const queryStart = key.indexOf('?', pathStart);
  const path = key.slice(pathStart, queryStart < 0 ? undefined : queryStart).replace(/\/+$/, '');
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Whether `href` stays on the site of `addresses` (article keys): a relative address, or an
 * absolute one on the same host (`www.` and the like aside). Read from the text, without resolving.
 */
export function isWithinSite(href: string, addresses: readonly string[]): boolean {
  const host = /^(?:[a-z][a-z\d+.-]*:)?\/\/([^/?#:]+)/i.exec(href.trim())?.[1];
  if (host === undefined) return !/^[a-z][a-z\d+.-]*:/i.test(href.trim());
  return sitesOf(addresses).has(siteOf(host));
}

/**
 * `address` (an article key) parsed, an app's route (`#!/story/1`, `#/story/1`) read as its path
 * and query: the route, not the app's own address at the site's root, names the page shown.
 */
export function parseAddress(address: string): URL {
  const url = new URL(address);
  const route = routeInFragment(url.hash);
  return route === null ? url : new URL(route, url.origin);
}

/**
 * The page's first address (the one it declares, else its own) as a parsed URL, or null for a
 * page without one: parsed once per list, for every signal that reads the address's parts.
 */
export const firstAddressUrl = oncePerList((addresses) =>
  addresses.length > 0 ? parseAddress(addresses[0]!) : null,
);

/** Each list's sites, worked out once. */
const sitesOf = oncePerList(
  (addresses) => new Set(addresses.map((address) => siteOf(new URL(address).hostname))),
);

/**
 * `derive` for each list of addresses, kept while the list lives: detection asks the same
 * question of one page's list for every link on the page.
 */
function oncePerList<T>(
  derive: (addresses: readonly string[]) => T,
): (addresses: readonly string[]) => T {
  const derived = new WeakMap<readonly string[], T>();
  return (addresses) => {
    let value = derived.get(addresses);
    if (value === undefined) {
      value = derive(addresses);
      derived.set(addresses, value);
    }
    return value;
  };
}

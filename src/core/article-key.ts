import { siteOf, unwrappedAddress, withoutInnerMobileLabel } from './article-url';
import { pathSegmentName } from './detect/page-addresses';
import {
  hasImpostorWrapper,
  isSameSite,
  listedSiteOf,
  normalizeArticleUrlByList,
  registrableDomain,
} from './same-site';
import { MAX_KEY_LENGTH } from './vote';

/** Paths of a site's home page: its root, or a server's default page there (`/Default.aspx`). */
const HOME_PATH = /^\/(?:(?:index|default|home)(?:\.\w+)?)?$/i;
/** Paths of a site's home in one of its languages (`/en`, `/de-at`), or of a short front (`/tv`). */
const LANGUAGE_HOME_PATH = /^\/[a-z]{2}(?:[-_][a-z]{2,4})?$/i;
/** A label of a site's variant hosts, wherever it stands in the host (`en.m.wiki.example`). */
const VARIANT_LABEL = /^(?:www\d*|m|amp|mobile)$/;
/** A query parameter that names the language a page is shown in (`/?lang=fr`, `/?hl=de`). */
const LANGUAGE_PARAM = /^(?:lang|language|hl|locale|lng)$/i;
/** A server script's path (`/article.php`, `/news/view.aspx`): its query names what it shows. */
const SCRIPT_PATH = /\.(?:php\d?|aspx?|jspx?|cfm|cgi|pl|do|action)$/i;
/**
 * A query parameter that names the story it shows (`/story?id=12`, WordPress's `?p=959` and
 * `?page_id=2`), never the visit.
 */
const STORY_PARAM = /^(?:id|p|story|story_?id|article|article_?id|news_?id|nid|post_?id|page_id)$/i;

/**
 * The article's key: the first address the page declares for itself (`declared`, in the page's
 * order) that is on the page's own site by the Public Suffix List, on its host or one above or
 * below it (areHostsNested), else the page's own address.
 * An address on another site (syndication, a mistake, or a page claiming another site's article)
 * is passed over, and so is a home (the site's, or a language's) declared by any other page: a
 * canonical link every page of a misconfigured site shares, or one a single-page app left from
 * its home page, would file every article under one key; so would one cut short of what names
 * the story (its route, a script's query: see isCutShort), or a section the page is filed under
 * (isSectionAbove). Either on its host without a mobile edition's label inside it
 * (withoutMobileLabel). Hosts are as normalizeArticleUrlByList names them: a user's `m.github.io`
 * stays whole. Null if `pageUrl` is not an http(s) URL, or is on a host that passes for an
 * AMP cache or viewer (hasImpostorWrapper): its key would be the article on another site that
 * its address names.
 */
export function articleKey(pageUrl: string, declared: readonly string[] = []): string | null {
  const own = normalizeArticleUrlByList(pageUrl);
  if (!own || hasImpostorWrapper(pageUrl)) return null;
  // Compared after normalization, so a page served from an AMP cache, or translated by Google's
  // proxy, counts as its publisher's.
  const ownUrl = new URL(own);
  const isHomePage = isHome(ownUrl, HOME_PATH);
  for (const address of declared) {
    const key = normalizeArticleUrlByList(address);
    if (!key) continue;
    const url = new URL(key);
    if (!isSameSite(ownUrl.hostname, url.hostname)) continue;
    if (!areHostsNested(url.hostname, ownUrl.hostname)) continue;
    if (!isHomePage && (isHome(url, HOME_PATH) || isHome(url, LANGUAGE_HOME_PATH))) continue;
    if (isCutShort(url, ownUrl) || isSectionAbove(url, ownUrl)) continue;
    return withoutMobileLabel(key);
  }
  return withoutMobileLabel(own);
}

/**
 * `key` on its host without a mobile edition's label inside it (`en.m.wiki.example`: a wiki's
 * mobile pages without their canonical link), where the host keeps its registrable domain: not
 * where that label is part of it (`news.m.se`, `m.se` a public suffix; a user's `m.github.io`).
 */
function withoutMobileLabel(key: string): string {
  const desktop = withoutInnerMobileLabel(key);
  if (desktop === key) return key;
  const domain = registrableDomain(new URL(key).hostname);
  return domain !== null && registrableDomain(new URL(desktop).hostname) === domain ? desktop : key;
}

/**
 * The key articleKey gives now to what an earlier version stored under `key` for the page at
 * `pageUrl` (a vote's or a correction's), `key` taken for what that page declared: an update to
 * the rules moves it there. `key` as it is where the page is no address, where the key now is on
 * another site (what is stored only ever moves within its site, its mobile label and the wrapper
 * it was read through aside: an AMP viewer, Google Translate's proxy), or where it is longer than
 * MAX_KEY_LENGTH (an earlier version measured a page's address as sent, not as parsed): no call
 * could name it to switch, remove or forget what moved there.
 */
export function storedArticleKey(key: string, pageUrl: string): string {
  const now = articleKey(pageUrl, [withPageHostRestored(key, pageUrl)]);
  if (now === null || now === key || now.length > MAX_KEY_LENGTH) return key;
  try {
    // A key an earlier version left on a wrapper (a page translated by Google's proxy) is its
    // publisher's article.
    const siteOfKey = (address: string) =>
      siteOf(new URL(withoutMobileLabel(unwrappedAddress(address))).hostname);
    return siteOfKey(now) === siteOfKey(key) ? now : key;
  } catch {
    return key;
  }
}

/**
 * `key` on the page's host as keys name it now (listedSiteOf), where an earlier version left that
 * host's variant labels off down to a public suffix (`github.io/a` for a page on `m.github.io`,
 * `gov.uk/x` for one on `www.gov.uk`): what the page declared was on its own site. As it is
 * otherwise.
 */
function withPageHostRestored(key: string, pageUrl: string): string {
  try {
    const url = new URL(key);
    const pageHost = new URL(unwrappedAddress(pageUrl)).hostname;
    if (registrableDomain(url.hostname) !== null || siteOf(pageHost) !== url.hostname) return key;
    url.hostname = listedSiteOf(pageHost);
    return url.href;
  } catch {
    return key;
  }
}

/**
 * Whether one of two hosts is the other or below it (`uk.news.example`, `news.example`), their
 * variant labels aside (`en.m.wiki.example`, `en.wiki.example`): never two hosts side by side.
 * The Public Suffix List does not name every service whose users each have a host of their own
 * and write its HTML (`alice.tumblr.com` and `mallory.tumblr.com` are one site by it): one user's
 * page would file its readers' votes under another's articles. The service's own host, above
 * them, may name a user's (Substack's reader, `substack.com/home/post/p-1`).
 */
function areHostsNested(hostA: string, hostB: string): boolean {
  const [a, b] = [withoutAnyVariantLabel(hostA), withoutAnyVariantLabel(hostB)];
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

/** `host` without any of its `www.`, `m.`, `amp.` or `mobile.` labels, wherever they stand. */
function withoutAnyVariantLabel(host: string): string {
  return host
    .split('.')
    .filter((label) => !VARIANT_LABEL.test(label))
    .join('.');
}

/**
 * Whether `declared` (an article key) is the page's own key `own` cut short of what names its
 * story: on the same path (or the one it is keyed on without a query: `/cms2/index.php` as
 * `/cms2`), without the app's route (`/app/#!/story/1` declaring `/app/`), or without any query
 * where a script's path (`/article.php?id=12` declaring `/article.php`) or a story's parameter
 * (`/story?id=12` declaring `/story`) says the query names the story. A site's template that
 * writes so writes it for every story, which would all go by one key. Elsewhere a query the
 * declared address leaves off is taken for tracking (`/harbour-fire?src=rss`).
 */
function isCutShort(declared: URL, own: URL): boolean {
  if (declared.pathname !== own.pathname && declared.pathname !== pathKeyedAlone(own)) {
    return false;
  }
  if (own.hash !== '' && declared.hash === '') return true;
  return declared.search === '' && hasStoryQuery(own);
}

/** The path of `url` (an article key) as keyed without its query or route. */
function pathKeyedAlone(url: URL): string {
  const key = normalizeArticleUrlByList(url.origin + url.pathname);
  return key === null ? url.pathname : new URL(key).pathname;
}

/** Whether `url`'s query names its story: by a story's parameter, or after a script's path. */
function hasStoryQuery({ search, searchParams, pathname }: URL): boolean {
  if (search === '') return false;
  const namesStory = [...searchParams.keys()].some((name) => STORY_PARAM.test(name));
  return namesStory || SCRIPT_PATH.test(pathname);
}

/** A further page's number: short, where a story's id or a year has four digits or more. */
const FURTHER_PAGE_NUMBER = /^\d{1,3}$/;
/**
 * Words that name a further page or view of a story below its address (`/page/3`, `/print`,
 * `/comments`, `/live-updates`, `/photo-gallery`, `/print-view`), never another story.
 */
const FURTHER_PAGE_WORDS = new Set([
  'page',
  'pages',
  'seite',
  'pagina',
  'print',
  'printable',
  'drucken',
  'imprimer',
  'imprimir',
  'comments',
  'kommentare',
  'commentaires',
  'comentarios',
  'commenti',
  'all',
  'full',
  'single',
  'story',
  'view',
  'live',
  'updates',
  'gallery',
  'photo',
  'photos',
  'pictures',
  'images',
  'video',
  'videos',
]);

/**
 * Whether `declared` (an article key) is a section the page `own` is filed under: a path above
 * the page's (`/news` for `/news/2026/05/harbour-fire`, a blog's root in a site's folder,
 * `/life/food-and-drink`, a month's archive `/2026/05`) that names no story by a number, with
 * anything below it on the page's path but a story's further pages: a headline's words, a single
 * word (`/news/fire`), a long number (`/news/48213`), a script's query (`/news/view.php?id=12`).
 * A template's canonical link to it is the same on every story below, which would all go by one
 * key. A story above its further pages, print view or comments (`…/harbour-fire/2`,
 * `/brexit-deal/print`, `/brexit-deal/live-updates`) names one, and so does a story's number
 * (`/story/48213` above `/story/48213/harbour-fire`).
 */
function isSectionAbove(declared: URL, own: URL): boolean {
  if (declared.search !== '' || declared.hash !== '') return false;
  if (!own.pathname.startsWith(`${declared.pathname}/`)) return false;
  if (namesStoryByNumber(declared.pathname)) return false;
  // Its query names the story, as at the section's own script (isCutShort).
  if (hasStoryQuery(own)) return true;
  const below = own.pathname.slice(declared.pathname.length).split('/');
  return !below.every((segment) => segment === '' || isFurtherPageSegment(segment));
}

/** A date's part as a whole path segment: a day or month (`05`), a year, a date (`2026-05-12`). */
const DATE_SEGMENT = /^(?:\d{1,2}|(?:19|20)\d\d(?:[-_]\d\d?){0,2})$/;

/**
 * Whether a segment of `pathname` has a number naming a story (`/story/48213`,
 * `/questions/48213/slug`), not only a date an archive is named by (`/2026/05`, `/news/2026`).
 */
function namesStoryByNumber(pathname: string): boolean {
  return pathname.split('/').some((segment) => /\d/.test(segment) && !DATE_SEGMENT.test(segment));
}

/** Whether a path segment names a further page of a story: a short number or its view's words. */
function isFurtherPageSegment(segment: string): boolean {
  const name = pathSegmentName(segment).toLowerCase();
  if (FURTHER_PAGE_NUMBER.test(name)) return true;
  const words = name.split(/[-_+.,\s]+/).filter((word) => word !== '');
  return words.length > 0 && words.every((word) => FURTHER_PAGE_WORDS.has(word));
}

/**
 * Whether `url` (an article key) is a home: at `homePath`, with no route and no query but the
 * language it is shown in (`/?lang=fr`, a multilingual site's home). A query or a route names a
 * page of its own there (`/?p=959`, `/index.php?id=12`, `/#!/story/1`).
 */
function isHome({ pathname, searchParams, hash }: URL, homePath: RegExp): boolean {
  const names = [...searchParams.keys()];
  return hash === '' && homePath.test(pathname) && names.every((name) => LANGUAGE_PARAM.test(name));
}

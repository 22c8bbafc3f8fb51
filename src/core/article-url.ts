/**
 * Article identity: one article, one key, whichever of its addresses the reader came through.
 */

/**
 * Query parameters that track the visit rather than name the article. Not `ref`, a share link's on
 * many sites, but one that picks a branch or a record on others.
 */
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'msclkid',
  'yclid',
  'twclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  // HubSpot's visitor cookies, which its script copies into links to the site's other domains.
  '__hstc',
  '__hssc',
  '__hsfp',
  // HubSpot's call-to-action buttons, and MSN's visit from Edge's new tab (beside its `ocid`).
  'hsctatracking',
  'cvid',
  'mkt_tok',
  'cmpid',
  'ocid',
  'ito',
  'smid',
  'ref_src',
  'ref_url',
  'share',
  'gbraid',
  'wbraid',
  'gad_source',
  'srsltid',
  'ttclid',
  'li_fat_id',
  'xtor',
  'cmp',
  'intcmp',
  'ncid',
  'guccounter',
  'guce_referrer',
  'guce_referrer_sig',
  '__twitter_impression',
  // Instagram's and Facebook's share links, Adobe, Outbrain, Yahoo's share buttons.
  'igsh',
  'mibextid',
  'fb_action_ids',
  'fb_action_types',
  'fb_source',
  's_cid',
  'dicbo',
  'oborigurl',
  'soc_src',
  'soc_trk',
  // A PHP site's session, in the address when the reader's cookies are off.
  'phpsessid',
  // AMP markers, and what Google's AMP viewer adds to a cache's address (`?amp_js_v=0.1&usqp=…`).
  'amp',
  '_amp',
  'outputtype',
  'usqp',
  // Forbes' share hash.
  'sh',
  // The Washington Post's links between its pages (`itid`: see SCRIPT_ITEM_PARAMS) and its
  // newsletters', The New York Times' share type (beside its `smid`) and share button.
  'wpisrc',
  'wpmm',
  'wpmk',
  'smtyp',
  'referringsource',
  // Condé Nast's newsletter reader, share buttons' network, Klaviyo's and ActiveCampaign's reader
  // (their address, encoded), Adobe Advertising's click.
  'cndid',
  'sr_share',
  '_kx',
  'vgo_ee',
  's_kwcid',
  'ef_id',
]);
const TRACKING_PREFIXES = [
  'utm_',
  'pk_',
  'mtm_',
  'at_',
  'hsa_',
  'ns_',
  'amp_',
  '_branch_',
  // Omeda's, Vero's and Webtrends' families (`oly_src`, `vero_conv`, `WT.tsrc`, `wt_zmc`).
  'oly_',
  'vero_',
  'wt.',
  'wt_',
  // Google News Showcase's grant of a paywalled story (`gaa_at`, `gaa_n`, `gaa_ts`, `gaa_sig`).
  'gaa_',
];
/**
 * Tracking parameters but after a server script's path, where they name what it shows: The
 * Washington Post's `itid` on links between its pages is a state department's
 * `article.php?itid=` and a shop's `product_item.php?ItId=`; the share id YouTube and Spotify
 * add to a link (`si`) is a script's `page.php?si=12`.
 */
const SCRIPT_ITEM_PARAMS = new Set(['itid', 'si']);
/** A server script's path (`/article.php`, `/news/view.aspx`), as article-key reads it. */
const SCRIPT_PATH = /\.(?:php\d?|aspx?|jspx?|cfm|cgi|pl|do|action)$/i;

/**
 * `amp;` before a name: a link whose `&` a feed or newsletter wrote as `&amp;` (once or more),
 * read by the browser as `&` then a parameter `amp;utm_medium`.
 */
const ESCAPED_AMPERSAND_PREFIX = /^(?:amp;|amp%3b)+/i;

/**
 * A hash-routed app's route in a fragment (`#!/story/1`, `#/story/1`, or a hashbang without the
 * slash: `#!5753509/slug`, `#!story=12`): its path, then its query. Any other fragment is an
 * anchor in the page (`#comments`, `#:~:text=`).
 */
const ROUTE_FRAGMENT = /^#(!?\/[^?]*|![^?]+)(\?.*)?$/s;
/**
 * MediaWiki's media viewer (Wikipedia's): one of the article's pictures shown over it, written
 * as a route to the file's page in its wiki's language (`#/media/File:Harbour.jpg`,
 * `#/media/Datei:…`).
 */
const MEDIA_VIEWER_FRAGMENT = /^#\/media\/[^/?]+:/;

/** The path and query of the app's route in `hash`, or null for an anchor (see ROUTE_FRAGMENT). */
function matchRoute(hash: string): RegExpExecArray | null {
  return MEDIA_VIEWER_FRAGMENT.test(hash) ? null : ROUTE_FRAGMENT.exec(hash);
}

/**
 * Google's AMP cache, and Bing's, which writes its addresses the same way: each site's pages under
 * a label of their own ({@link cacheLabelOf}).
 */
const AMP_CACHE_DOMAIN = /^(?:cdn\.ampproject\.org|bing-amp\.com)$/;
/** The cache's address of a page: `/c/s/example.com/a` (or `/v/`, `/i/`: one letter for the kind). */
const AMP_CACHE_PATH = /^\/[a-z]\/(s\/)?([^/]+)(\/.*)?$/;
/**
 * Google Search's AMP viewer (`www.google.com`, `www.google.co.uk`…), and Bing's: its address is
 * the page's tab address, the cached page being in a frame no content script runs in.
 */
const AMP_VIEWER_HOST = /^(?:www\.)?(?:google\.(?:com|(?:com?\.)?[a-z]{2})|bing\.com)$/;
/** The viewer's address of a page: `/amp/s/example.com/a`; the host has a dot (not `/amp/s`). */
const AMP_VIEWER_PATH = /^\/amp\/(s\/)?([^/]+\.[^/]+)(\/.*)?$/;
/**
 * Google Translate's website proxy: the page's host written in one label of its own
 * (`www-example-com.translate.goog` for `www.example.com`), the page's path and query as they are.
 */
const TRANSLATE_PROXY_HOST = /^([a-z\d-]+)\.translate\.goog$/;
/** The parameters Google Translate's proxy adds: the languages, how its host label reads. */
const TRANSLATE_PARAM_PREFIX = '_x_tr_';
/**
 * The parameters of Google Translate's proxy that say how its host label reads
 * (publisherOfTranslation); the others say how the page is translated (`_x_tr_sl`, `_x_tr_tl`)
 * and how the reader came to it (`_x_tr_pto`).
 */
const TRANSLATE_HOST_PARAMS: ReadonlySet<string> = new Set([
  `${TRANSLATE_PARAM_PREFIX}hp`,
  `${TRANSLATE_PARAM_PREFIX}enc`,
]);
/** A label of a host name: letters, digits and inner hyphens. */
const HOST_LABEL = /^[a-z\d](?:[a-z\d-]*[a-z\d])?$/;
/**
 * Ends of a path that name no other page: AMP forms (/amp, /amp.html, /story.amp,
 * /story.amp.html) and a directory's index page (/story/index.html is /story/), trailing slashes
 * gone. Lower-case only: `/wiki/Amp` names an article.
 */
const DROPPED_PATH_SUFFIX = /\/amp(?:\.html?)?$|\.amp(?=(?:\.html?)?$)|\/index\.html?$/;
/** The longest text {@link DROPPED_PATH_SUFFIX} reads: `/index.html`. */
const DROPPED_SUFFIX_MAX_LENGTH = 11;
/**
 * {@link DROPPED_PATH_SUFFIX}, and a PHP site's directory index, dropped where no query follows:
 * the server runs it for the directory's address. With a query it stays, a script whose query
 * names what it shows.
 */
const DROPPED_PATH_SUFFIX_WITHOUT_QUERY =
  /\/amp(?:\.html?)?$|\.amp(?=(?:\.html?)?$)|\/index\.(?:html?|php)$/;
/** A path's last segment that a URL parser resolves (`/.`, `/..`, `/%2e%2e`). */
const DOT_SEGMENT_END = /\/(?:\.|%2e){1,2}$/i;
/** A path segment that a URL parser resolves (`.`, `..`, `%2e`). */
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;
/** The longest text {@link DOT_SEGMENT_END} reads: `/%2e%2e`. */
const DOT_SEGMENT_MAX_LENGTH = 7;
/** The first label of a site's variant hosts (desktop, mobile, AMP); stacked in `www.m.`. */
const VARIANT_HOST_LABEL = /^(?:www\d*|m|amp|mobile)\./;

function isTrackingParam(name: string, path: string): boolean {
  const lower = name.toLowerCase().replace(ESCAPED_AMPERSAND_PREFIX, '');
  if (SCRIPT_ITEM_PARAMS.has(lower)) return !SCRIPT_PATH.test(path);
  return TRACKING_PARAMS.has(lower) || TRACKING_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

/** The `name=value` pairs of a query (`?a=1&&b`) as written, escapes and all, without empty ones. */
function writtenPairs(query: string): string[] {
  return query
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '');
}

/** `host` without a final dot (`news.example.`, the host written as a fully qualified name). */
export function withoutFinalDot(host: string): string {
  return host.replace(/(?<=[^.])\.$/, '');
}

/**
 * The host without its leading `www.`, `m.`, `amp.` or `mobile.`: the same site reached through
 * variants. Kept whole where that would leave a bare top-level domain (`amp.dev`, `mobile.de`).
 * A final dot goes too: `news.example.` is the same host written as a fully qualified name.
 * Read without the Public Suffix List, so `m.github.io` (a user's site) is `github.io` here: the
 * background, which has the list, keys and names sites by listedSiteOf (core/same-site).
 */
export function siteOf(host: string): string {
  return withoutVariantLabels(host).at(-1)!;
}

/**
 * `host`, then each host left as its leading `www.`, `m.`, `amp.` or `mobile.` goes in turn, down
 * to siteOf's (`www.m.blog.example`, `m.blog.example`, `blog.example`).
 */
export function withoutVariantLabels(host: string): string[] {
  const hosts = [withoutFinalDot(host.toLowerCase())];
  for (let site = hosts[0]!; ;) {
    const rest = site.replace(VARIANT_HOST_LABEL, '');
    // Kept whole where that would leave a bare top-level domain (`amp.dev`, `mobile.de`).
    if (rest === site || !rest.includes('.')) return hosts;
    hosts.push((site = rest));
  }
}

/** A mobile edition's label (`en.m.wiki.example`, `de.mobile.news.example`). */
const MOBILE_LABEL = /^(?:m|mobile)$/;

/**
 * `key` (an article key) on its host without the mobile edition's labels after its first, each
 * with two labels or more after it (`https://en.m.wiki.example/a` → `https://en.wiki.example/a`),
 * which siteOf keeps: it leaves off only leading ones. Read without the Public Suffix List:
 * whether such a label names a site of its own instead (`news.m.se`, a user's
 * `blog.m.github.io`) is the caller's to tell.
 */
export function withoutInnerMobileLabel(key: string): string {
  const { hostname } = new URL(key);
  const labels = hostname.split('.');
  const kept = labels.filter(
    (label, i) => i === 0 || i > labels.length - 3 || !MOBILE_LABEL.test(label),
  );
  if (kept.length === labels.length) return key;
  return key.replace(`//${hostname}`, `//${kept.join('.')}`);
}

/** A host name then a port, a path or nothing at the start of an address without a scheme. */
const LEADING_HOST = /^([a-z\d-]+(?:\.[a-z\d-]+)+)\.?(?::\d*)?(?=[/?#]|$)/i;

/**
 * `written`, an address a page declares for itself, as it means it: one without its scheme that
 * starts with a host of the page's site (`www.news.example/world/story`, a template's server
 * host then path) made scheme-relative. Resolved as written, it is a path in the page's folder
 * (`/world/www.news.example/world/story`), where every story declaring the site's bare host would
 * be one address. Anything else as written (`story.html` is the page's neighbour).
 */
export function withHostOfSite(written: string, pageUrl: string): string {
  const address = written.trim();
  const host = LEADING_HOST.exec(address)?.[1];
  if (host === undefined) return written;
  try {
    return siteOf(host) === siteOf(new URL(pageUrl).hostname) ? `//${address}` : written;
  } catch {
    return written;
  }
}

/**
 * The host the site switch reads for a page at `address` (an http(s) URL), without a final dot:
 * the publisher's for a page read through an AMP cache or viewer or Google Translate's proxy, as
 * its key is. The background names the page's site from it (listedSiteOf); the page's tab, which
 * has no Public Suffix List, matches the switch's notices against it whole.
 */
export function hostOfPage(address: string): string {
  return withoutFinalDot(new URL(unwrappedAddress(address)).hostname);
}

/**
 * The publisher's address that an address of an AMP cache or viewer (Google's, Bing's) or of
 * Google Translate's proxy wraps (`https://example-com.cdn.ampproject.org/c/s/example.com/a`,
 * `https://www.google.com/amp/s/example.com/a`, `https://example-com.translate.goog/a?_x_tr_tl=de`
 * → `https://example.com/a`); any other address as it is.
 */
export function unwrappedAddress(address: string): string {
  try {
    return unwrap(new URL(address)).href;
  } catch {
    return address;
  }
}

/**
 * More wraps than Google makes (a cache's page of another cache's is two, translated three). Each
 * round parses what is left, so a page declaring an address wrapped thousands of times would
 * take seconds.
 */
const MAX_WRAPS = 4;

/**
 * Undoes the wrapping of AMP caches and viewers and of Google Translate's proxy:
 * `/c/s/example.com/a` on a cache host, `/amp/s/example.com/a` on a viewer's, `/a` on
 * `example-com.translate.goog` → `https://example.com/a`, and again while the address it wraps is
 * wrapped too. An address wrapped more than {@link MAX_WRAPS} times stays as it is.
 */
function unwrap(url: URL): URL {
  let wrapped = url;
  for (let round = 0; round <= MAX_WRAPS; round++) {
    const unwrapped = unwrapOnce(wrapped);
    if (unwrapped === wrapped) return wrapped;
    wrapped = unwrapped;
  }
  return url;
}

/**
 * The hosts of the AMP caches and viewers and of Google Translate's proxy that wrap `address` (an
 * absolute URL), outermost first: `['www.google.com']` for
 * `https://www.google.com/amp/s/example.com/a`; none for any other.
 */
export function wrapperHosts(address: string): string[] {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return [];
  }
  // Wrapped more than unwrap undoes, the address is keyed as it is: no wrapper is undone.
  if (unwrap(url) === url) return [];
  const hosts: string[] = [];
  for (;;) {
    const unwrapped = unwrapOnce(url);
    if (unwrapped === url) return hosts;
    hosts.push(url.hostname);
    url = unwrapped;
  }
}

function unwrapOnce(url: URL): URL {
  // The host as the key names it: a key read again (`m.google.com` keyed as `google.com`) must
  // be unwrapped as the address it came from was.
  const host = siteOf(url.hostname);
  const translated = TRANSLATE_PROXY_HOST.exec(host);
  if (translated) return unwrapTranslation(url, translated[1]!);
  const firstDot = host.indexOf('.');
  const wrappedPath = AMP_CACHE_DOMAIN.test(host.slice(firstDot + 1))
    ? AMP_CACHE_PATH
    : AMP_VIEWER_HOST.test(host)
      ? AMP_VIEWER_PATH
      : null;
  if (!wrappedPath) return url;
  // The path as the key names it too (`/%61mp/s/…`, `/amp;jsessionid=1/s/…` keyed `/amp/s/…`).
  const match = wrappedPath.exec(withoutPathSessions(withUnreservedUnescaped(url.pathname)));
  if (!match) return url;
  // A page can rewrite its address (history.replaceState) within its own origin: a cache's page
  // naming another site than its label's would be keyed as that site's story.
  if (wrappedPath === AMP_CACHE_PATH && host.slice(0, firstDot) !== cacheLabelOf(match[2]!)) {
    return url;
  }
  try {
    return new URL(`${match[1] ? 'https' : 'http'}://${match[2]}${match[3] ?? '/'}${url.search}`);
  } catch {
    return url;
  }
}

/**
 * The label an AMP cache serves `publisher`'s pages under (`news-example` for news.example):
 * written as Translate's proxy writes a host ({@link publisherOfTranslation}), and wrapped in
 * `0-`…`-0` where its third and fourth characters are hyphens (the AMP cache URL format). A
 * cache's page under another label (the bare `cdn.ampproject.org`, the hashed label of a long or
 * international name) stays the cache's: two entries at worst, never another site's. Null for a
 * host of one label.
 */
function cacheLabelOf(publisher: string): string | null {
  const host = publisher.toLowerCase();
  if (!host.includes('.')) return null;
  const written = host.replaceAll('-', '--').replaceAll('.', '-');
  return written.startsWith('--', 2) ? `0-${written}-0` : written;
}

/**
 * The page that Google Translate's proxy shows at `url` translated, its host written in `label`:
 * without the proxy's parameters, on the host the label names (publisherOfTranslation), by http
 * where the proxy says so (`_x_tr_sch=http`). `url` itself where the label names no host.
 */
function unwrapTranslation(url: URL, label: string): URL {
  const host = publisherOfTranslation(label, url.searchParams);
  if (host === null) return url;
  const written = writtenPairs(url.search);
  const kept = [...url.searchParams.keys()].flatMap((name, i) =>
    name.startsWith(TRANSLATE_PARAM_PREFIX) ? [] : [written[i] ?? ''],
  );
  const scheme = url.searchParams.get(`${TRANSLATE_PARAM_PREFIX}sch`) === 'http' ? 'http' : 'https';
  const search = kept.length > 0 ? `?${kept.join('&')}` : '';
  try {
    return new URL(`${scheme}://${host}${url.pathname}${search}${url.hash}`);
  } catch {
    return url;
  }
}

/**
 * The host Google Translate's proxy writes as `label` (`www-example-com` → `www.example.com`): each
 * lone `-` is a dot and `--` a hyphen (Search Central, "Enabling your ad network to work with
 * translation-related Google Search features"). Null where no host of two labels or more is
 * written so (`a---b`, read back, would be `a----b`): two hosts never read as one. Null too where
 * the query would say how the label reads (`_x_tr_hp`, the start of a long host; a leading `0-` or
 * `1-` that `_x_tr_enc` reads): the page can rewrite its query (history.replaceState), so
 * `ictim-example` with `_x_tr_hp=v` would be victim.example. Only the label, which the proxy alone
 * sets, names the publisher; such a page stays the proxy's.
 */
function publisherOfTranslation(label: string, params: URLSearchParams): string | null {
  if (params.has(`${TRANSLATE_PARAM_PREFIX}hp`) || /^[01]-/.test(label)) return null;
  const host = label.replace(/\b-\b/g, '.').replaceAll('--', '-');
  const labels = host.split('.');
  if (labels.length < 2 || !labels.every((part) => HOST_LABEL.test(part))) return null;
  return host.replaceAll('-', '--').replaceAll('.', '-') === label ? host : null;
}

/**
 * The route a fragment holds (`#!/story/1?id=3` → `/story/1?id=3`, `#!12/slug` → `/12/slug`), or
 * null for an anchor.
 */
export function routeInFragment(hash: string): string | null {
  const match = matchRoute(hash);
  return match ? `${match[1]!.replace(/^!\/?/, '/')}${match[2] ?? ''}` : null;
}

/**
 * Whether two addresses show one page: an anchor or a tracking parameter aside (their article
 * keys), or, where either is no article address, the same address but for an anchor.
 */
export function isSamePage(a: string, b: string): boolean {
  const pageOf = (address: string) => normalizeArticleUrl(address) ?? withoutAnchor(address);
  return pageOf(a) === pageOf(b);
}

/**
 * `address` without its fragment, unless that is an app's route (kept as written): an anchor
 * (`#comments`) is a place in the same page, a route (`#!/story/1`) another page.
 */
export function withoutAnchor(address: string): string {
  const hash = /#.*$/s.exec(address)?.[0] ?? '';
  return matchRoute(hash) ? address : address.slice(0, address.length - hash.length);
}

/**
 * The key of the article at `address` (resolved against `base` when relative): https, host
 * without `www.`, no fragment but an app's route (`#!/story/1`, `#/story/1`), no tracking
 * parameters or session, no AMP marker or index.html (nor index.php without a query), no trailing
 * slash (in the path or the route), escapes in upper case, remaining parameters sorted.
 * The host is as `siteOfHost` names the page's (by default siteOf; the background's keys use
 * listedSiteOf, which keeps a user's `m.github.io`). Idempotent for either. Returns null for
 * anything that is not an http(s) URL.
 */
export function normalizeArticleUrl(
  address: string,
  base?: string,
  siteOfHost: (host: string) => string = siteOf,
): string | null {
  let url: URL;
  try {
    url = unwrap(new URL(address, base));
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;

  // A page left on the proxy (its label alone names no host) is one page in any translation.
  const params = articleParams(url).filter(({ name }) => !isTranslationParam(name, url));
  params.sort(({ name: a }, { name: b }) => (a < b ? -1 : a > b ? 1 : 0));
  const search = params
    .map(({ name, value, written }) =>
      hasUtf8Escapes(written)
        ? new URLSearchParams([[name, value]]).toString()
        : withUpperCaseEscapes(written),
    )
    .join('&');

  // Read after the escapes are undone, as the key is read again.
  const pathname = withoutPathSessions(withUnreservedUnescaped(url.pathname));
  const path = withUpperCaseEscapes(withoutDroppedSuffixes(pathname, search === '') || '/');
  // The key is https, where 443 is the default port (an http address may name it).
  const port = url.port && url.port !== '443' ? `:${url.port}` : '';
  const host = siteOfHost(url.hostname) + port;
  return `https://${host}${path}${search ? `?${search}` : ''}${routeOf(url.hash)}`;
}

/** The parameters of `url`'s query that name the article, in order, each as written too. */
function articleParams(url: URL): { name: string; value: string; written: string }[] {
  // The pairs as written, one for each of searchParams' (both skip the empty ones).
  const written = writtenPairs(url.search);
  return [...url.searchParams]
    .map(([name, value], i) => ({ name, value, written: written[i] ?? '' }))
    .filter(({ name }) => !isTrackingParam(name, url.pathname));
}

/**
 * Whether `name` is a parameter of Google Translate's proxy at `url` that names no page: how it
 * translates it. Left out of the key only: the link opens the translation.
 */
function isTranslationParam(name: string, url: URL): boolean {
  return (
    name.startsWith(TRANSLATE_PARAM_PREFIX) &&
    !TRANSLATE_HOST_PARAMS.has(name) &&
    TRANSLATE_PROXY_HOST.test(siteOf(url.hostname))
  );
}

/**
 * The pairs of the query (`?id=2&utm_source=x`) of a route at `path` that name the article, as
 * written.
 */
function routeParams(path: string, query: string): string[] {
  return writtenPairs(query).filter((pair) => !isTrackingParam(pair.split('=', 1)[0]!, path));
}

/**
 * `address` (an http(s) URL) without what names the visit rather than the article: credentials,
 * an anchor, the tracking parameters of its query and of an app's route. What is left stays as
 * the browser parsed it, in its order: the key (normalizeArticleUrl) is the address's own, and a
 * newsletter's link of thousands of characters comes down to the article's address.
 */
export function withoutTracking(address: string): string {
  const url = new URL(address);
  url.username = '';
  url.password = '';
  const params = articleParams(url).map(({ written }) => written);
  url.search = params.length > 0 ? `?${params.join('&')}` : '';
  const route = matchRoute(url.hash);
  if (!route) url.hash = '';
  else if (route[2]) {
    const pairs = routeParams(route[1]!, route[2]);
    url.hash = `${route[1]}${pairs.length > 0 ? `?${pairs.join('&')}` : ''}`;
  }
  return url.href;
}

/**
 * The route in `hash` (URL.hash), without trailing slashes or tracking parameters, escapes in
 * upper case; '' for an anchor, and for the app's root route, which is the page itself as `/` is
 * the site's home.
 */
function routeOf(hash: string): string {
  const match = matchRoute(hash);
  if (!match) return '';
  const [, path = '', written = ''] = match;
  // Its query as written, but for the tracking parameters a share link adds to it.
  const pairs = routeParams(path, written);
  const query = pairs.length > 0 ? `?${pairs.join('&')}` : '';
  if (!query && /^!?\/+$/.test(path)) return '';
  // The slashes after `#!` or `#` stay: `#/?id=3` would otherwise be no route once keyed.
  return withUpperCaseEscapes(`#${path.replace(/(?<=[^!/])\/+$/, '')}${query}`);
}

/** `%c3%a9` and `%C3%A9` are one character (RFC 3986, 6.2.2.1); browsers keep either as written. */
function withUpperCaseEscapes(text: string): string {
  return text.replace(/%[\da-f]{2}/gi, (escape) => escape.toUpperCase());
}

/**
 * `path` with the escapes of letters, digits, `-`, `_` and `~` undone: each is the character
 * (RFC 3986, 6.2.2.2), escaped or not by a link rewriter, and browsers keep either as written.
 * Not `.`: `/%2e%2e` unescaped is a segment the key's parse would resolve.
 */
function withUnreservedUnescaped(path: string): string {
  // Not after a `%` that starts no escape (`/%3%30`): the character undone would finish it.
  return path.replace(/(?<!%[\da-f]?)%(?:3\d|[46][1-9a-f]|[57][\da]|2d|5f|7e)/gi, (escape) =>
    String.fromCharCode(parseInt(escape.slice(1), 16)),
  );
}

/**
 * Whether the escapes in a query's pair spell UTF-8. A page in a legacy encoding (EUC-KR,
 * Shift_JIS) escapes its queries in that: decoded as UTF-8, values of one length would all be
 * the same run of U+FFFD, and so one key.
 */
function hasUtf8Escapes(pair: string): boolean {
  try {
    // A `%` that starts no escape is a character of its own, as URLSearchParams reads it.
    decodeURIComponent(pair.replace(/%(?![\da-f]{2})/gi, '%25'));
    return true;
  } catch {
    return false;
  }
}

/**
 * `path` without the reader's session a Java site writes into it when cookies are off
 * (`/story;jsessionid=8F3A`), but where a segment would be left a dot segment (`/..;jsessionid=1`):
 * the key's parse would resolve it, and the key read again (an import) be another article's.
 */
function withoutPathSessions(path: string): string {
  if (!/;jsessionid=/i.test(path)) return path;
  return path
    .split('/')
    .map((segment) => {
      const kept = segment.replace(/;jsessionid=[^/;]*/gi, '');
      return DOT_SEGMENT.test(kept) ? segment : kept;
    })
    .join('/');
}

/**
 * `path` without trailing slashes, AMP markers and index pages, however they nest (`/story.amp/`,
 * `/amp/amp`, `/amp/index.html`), and without a directory's `index.php` where `withoutQuery`.
 */
function withoutDroppedSuffixes(path: string, withoutQuery: boolean): string {
  const dropped = withoutQuery ? DROPPED_PATH_SUFFIX_WITHOUT_QUERY : DROPPED_PATH_SUFFIX;
  // Read from the end, a few characters a round: a round over the whole path would make a
  // page's address of thousands of `/amp` take seconds. The path so far is `path` up to `end`,
  // then `extension` (the `.html` a `.amp` before it left).
  let end = path.length;
  let extension = '';
  for (;;) {
    if (!extension) while (end > 0 && path[end - 1] === '/') end--;
    const fromPath = Math.min(end, DROPPED_SUFFIX_MAX_LENGTH);
    const tail = path.slice(end - fromPath, end) + extension;
    const marker = dropped.exec(tail);
    if (!marker) return path.slice(0, end) + extension;
    const keptEnd = end - (fromPath - marker.index);
    const keptExtension = tail.slice(marker.index + marker[0].length);
    // `/..amp` is a name; left as `/..`, the key parsed again would lose that segment.
    const keptTail = path.slice(Math.max(0, keptEnd - DOT_SEGMENT_MAX_LENGTH), keptEnd);
    if (!keptExtension && DOT_SEGMENT_END.test(keptTail)) return path.slice(0, end) + extension;
    end = keptEnd;
    extension = keptExtension;
  }
}

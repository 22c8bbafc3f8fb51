import { getDomain, parse } from 'tldts';
import {
  hostOfPage,
  normalizeArticleUrl,
  siteOf,
  withoutFinalDot,
  wrapperHosts,
} from './article-url';
import type { Vote } from './vote';

/**
 * The site a host belongs to by the Public Suffix List (its registrable domain, "eTLD+1"),
 * private suffixes included, so `a.github.io` and `b.github.io` are two sites; null for hosts
 * without one (IP addresses, `localhost`, single labels). Kept out of the content script's
 * bundle: only the background needs the list (see the byte cost in CHANGELOG.md).
 */
export function registrableDomain(host: string): string | null {
  return getDomain(host.toLowerCase(), { allowPrivateDomains: true });
}

/**
 * Whether `host` is itself a suffix of the Public Suffix List (`com`, `co.uk`, `github.io`),
 * private ones included: a site turned off by that name would turn off every site under it. Not a
 * name the list does not know (`localhost`, an intranet's `intranet`) nor an IP address.
 */
export function isPublicSuffix(host: string): boolean {
  const { domain, isIcann, isPrivate } = parse(host.toLowerCase(), { allowPrivateDomains: true });
  return domain === null && (isIcann === true || isPrivate === true);
}

/**
 * The site the toolbar switch names for `host`, as the list of sites turned off keeps it: as
 * `siteOf` names it, but with the variant labels (`www.`, `m.`) it left off a public suffix put
 * back (`www.gov.uk`, `m.github.io`): an entry `gov.uk` would turn off every site under it.
 */
export function listedSiteOf(host: string): string {
  const whole = withoutFinalDot(host.toLowerCase());
  let site = siteOf(whole);
  const leftOff = site === whole ? [] : whole.slice(0, -site.length - 1).split('.');
  while (registrableDomain(site) === null && leftOff.length > 0) site = `${leftOff.pop()}.${site}`;
  return site;
}

/**
 * The key of `address` (resolved against `base`) as normalizeArticleUrl makes it, its host as
 * listedSiteOf names it: a variant label (`www.`, `m.`) left off only where a site remains in
 * front of the public suffix. `m.github.io` and `www.github.io` are two users' sites, not
 * `github.io`; `www.gov.uk` is a site, `gov.uk` a suffix.
 */
export function normalizeArticleUrlByList(address: string, base?: string): string | null {
  return normalizeArticleUrl(address, base, listedSiteOf);
}

/**
 * The host whose site a page at `address` (an http(s) URL) may read and change the switch of:
 * the publisher's (hostOfPage) for a page read through a wrapper its key is the publisher's by
 * (an AMP cache or viewer, Google Translate's proxy), the page's own for any other. A page on a
 * host that only passes for a wrapper (hasImpostorWrapper) is its own host's: its address names
 * another site, which it may neither turn off nor read the switch of.
 */
export function trustedHostOfPage(address: string): string {
  return hasImpostorWrapper(address)
    ? withoutFinalDot(new URL(address).hostname)
    : hostOfPage(address);
}

/**
 * Whether two hosts belong to one site: the same host, or the same registrable domain by the
 * Public Suffix List. Hosts without a registrable domain (IP addresses, `localhost`) match only
 * themselves.
 */
export function isSameSite(hostA: string, hostB: string): boolean {
  const a = hostA.toLowerCase();
  const b = hostB.toLowerCase();
  if (a === b) return true;
  const domain = registrableDomain(a);
  return domain !== null && domain === registrableDomain(b);
}

/** The registrable domains of the wrappers {@link isWrapperOwnersHost} takes. */
const WRAPPER_OWNERS: ReadonlySet<string> = new Set([
  'ampproject.org',
  'bing-amp.com',
  'bing.com',
  'translate.goog',
]);

/**
 * Whether `host` is on the registrable domain (by ICANN's section of the Public Suffix List only)
 * of a wrapper whose pages are keyed as the publisher's: Google's AMP cache (`ampproject.org`),
 * Bing's (`bing-amp.com`), Google Search's AMP viewer (`google.` then a public suffix a country's
 * registry gives out), Bing's viewer (`bing.com`), Google Translate's proxy (`translate.goog`,
 * Google's own top-level domain).
 */
function isWrapperOwnersHost(host: string): boolean {
  const domain = getDomain(host.toLowerCase()) ?? '';
  return WRAPPER_OWNERS.has(domain) || /^google\./.test(domain);
}

/**
 * Whether `address` is wrapped by a host that only passes for an AMP cache or viewer: the host
 * `www.google.co.nl` has the viewer's form, but `co.nl` is a suffix a private registry sells names
 * under, to anyone (by ICANN's section, `co.nl` is the registrable domain). Its page would
 * otherwise be keyed, and its votes filed, as the article on another site its address names.
 */
export function hasImpostorWrapper(address: string): boolean {
  return wrapperHosts(address).some((host) => !isWrapperOwnersHost(host));
}

/**
 * Whether a vote's address is on the site of its key: the popup shows the key's site and links
 * to the address, so a vote (restored or imported) where they differ is refused. The address is
 * read as its key would be: a page read through Google's AMP cache or Translate proxy is on its
 * publisher's site.
 */
export function isVoteOnOneSite(vote: Pick<Vote, 'key' | 'url'>): boolean {
  const urlKey = normalizeArticleUrlByList(vote.url);
  return (
    urlKey !== null &&
    !hasImpostorWrapper(vote.url) &&
    isSameSite(new URL(vote.key).hostname, new URL(urlKey).hostname)
  );
}

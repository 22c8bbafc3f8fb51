import { normalizeArticleUrl, siteOf, withoutFinalDot, withoutTracking } from './article-url';
import { isReaction, type Reaction } from './reactions';

/** Longest article URL the background accepts (browsers handle ~2 MB, but no article needs more). */
export const MAX_URL_LENGTH = 2048;
/**
 * Longest page address a call may name: a newsletter's or a social network's link may carry
 * thousands of characters of tracking parameters (keptPageUrl drops them), but no page may have
 * the background read megabytes.
 */
export const MAX_PAGE_URL_INPUT = 16 * MAX_URL_LENGTH;
/**
 * Longest article key. A key is made from an address of at most MAX_URL_LENGTH characters as
 * parsed (the parser escapes what a page may write raw), its query written anew
 * (normalizeArticleUrl): what an address may leave plain there (`/`, `:`, `,`) is escaped, three
 * characters for one, and http becomes https.
 */
export const MAX_KEY_LENGTH = 3 * MAX_URL_LENGTH + 1;
/** Longest title kept; longer titles are cut on the way in, not rejected. */
export const MAX_TITLE_LENGTH = 500;

/** One stored reaction: what the background stores, returns, exports and imports. Times are epoch milliseconds. */
export interface Vote {
  /** The article's identity: its normalized URL. */
  key: string;
  url: string;
  title: string;
  site: string;
  reaction: Reaction;
  createdAt: number;
  updatedAt: number;
  /**
   * The language of the article (and so of its title), a BCP 47 tag as its page declares it:
   * screen readers speak the title in its voice. Absent where unknown (votes from before it was
   * kept, pages declaring none).
   */
  lang?: string;
}

/** Longest language tag kept: tags in use run far shorter (`zh-Hant-TW`). */
const MAX_LANGUAGE_TAG_LENGTH = 35;

/**
 * Tags readLanguageTag has read, as it read them: a history holds a few languages, and each of
 * its votes read (listed, searched, exported) would otherwise be canonicalized anew.
 */
const tagsRead = new Map<string, string | undefined>();
const MAX_TAGS_REMEMBERED = 256;

/**
 * `value` as a well-formed language tag in its canonical case (`de-AT`), or undefined: a page,
 * a file or a damaged record may hold anything there. `und` (undetermined) says nothing either.
 */
export function readLanguageTag(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_LANGUAGE_TAG_LENGTH) return undefined;
  if (tagsRead.has(value)) return tagsRead.get(value);
  // Cleared, not evicted one by one: only a damaged or hostile store holds this many.
  if (tagsRead.size >= MAX_TAGS_REMEMBERED) tagsRead.clear();
  const tag = canonicalLanguageTag(value);
  tagsRead.set(value, tag);
  return tag;
}

function canonicalLanguageTag(value: string): string | undefined {
  let tag: string | undefined;
  try {
    // `en_US`, a common misspelling, is read as browsers read it.
    tag = Intl.getCanonicalLocales(value.trim().replace(/_/g, '-'))[0];
  } catch {
    return undefined;
  }
  // A canonical form longer than the limit (islamicc is islamic-civil) would not read back.
  return tag === undefined || tag === 'und' || tag.length > MAX_LANGUAGE_TAG_LENGTH
    ? undefined
    : tag;
}

/** `vote` with `lang` where it is a language tag (readLanguageTag); as it is otherwise. */
export function withLanguage<T extends object>(vote: T, lang: unknown): T & { lang?: string } {
  const tag = readLanguageTag(lang);
  return tag === undefined ? vote : { ...vote, lang: tag };
}

/** Whether `value` is an http(s) URL of at most MAX_URL_LENGTH characters, written and parsed. */
export function isHttpUrl(value: unknown): value is string {
  return isHttpAddressUpTo(value, MAX_URL_LENGTH);
}

function isHttpAddressUpTo(value: unknown, maxLength: number): value is string {
  if (typeof value !== 'string' || value.length > maxLength) return false;
  try {
    // The parsed address is what a key is made from: a raw `é` there is six characters.
    const { protocol, href } = new URL(value);
    return (protocol === 'http:' || protocol === 'https:') && href.length <= maxLength;
  } catch {
    return false;
  }
}

/** How many declared addresses of a page the background looks at. */
export const MAX_DECLARED_ADDRESSES = 8;

/**
 * The addresses a page declares (ArticleRef.declaredUrls) as the background reads them: the first
 * MAX_DECLARED_ADDRESSES, less those that are no http(s) URL of at most MAX_URL_LENGTH.
 */
export function keptDeclaredAddresses(addresses: readonly unknown[]): string[] {
  return addresses.slice(0, MAX_DECLARED_ADDRESSES).filter(isHttpUrl);
}

/**
 * The address a vote keeps for the page at `value`: `value` itself where it is an http(s) URL of
 * at most MAX_URL_LENGTH characters (isHttpUrl), else, where that fits, the address without its
 * credentials, anchor and tracking parameters (withoutTracking), whose key is the same. Null for
 * anything else: no http(s) URL, longer than MAX_PAGE_URL_INPUT, or too long even without them.
 */
export function keptPageUrl(value: unknown): string | null {
  if (isHttpUrl(value)) return value;
  if (!isHttpAddressUpTo(value, MAX_PAGE_URL_INPUT)) return null;
  const address = withoutTracking(value);
  return address.length <= MAX_URL_LENGTH ? address : null;
}

/**
 * `url` without the user name and password it may carry (`https://user:pass@host/`); as given
 * where it has none or is no URL.
 */
export function withoutCredentials(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (!parsed.username && !parsed.password) return url;
  parsed.username = '';
  parsed.password = '';
  return parsed.href;
}

/**
 * `vote` without the credentials 0.1.0 kept in its link, and so in the title of a page without
 * one, which it named by that link (whole, later cut as a title is); itself where it has none.
 */
export function withoutLinkCredentials<T extends { url: string; title: string }>(vote: T): T {
  const url = withoutCredentials(vote.url);
  if (url === vote.url) return vote;
  const namedByLink = vote.title === vote.url || vote.title === cleanTitle(vote.url);
  return { ...vote, url, title: namedByLink ? cleanTitle(url) : vote.title };
}

/**
 * Most characters of a page-supplied title read: room for MAX_TITLE_LENGTH after whitespace is
 * collapsed, short of the megabytes a page may put there (each read would block the worker).
 */
export const MAX_TITLE_INPUT = 16 * MAX_TITLE_LENGTH;

/** Collapses whitespace and control characters and caps the length of a page-supplied title. */
export function cleanTitle(value: string): string {
  // The head of an absurd title, without half a character where it was cut (here, or by the
  // content script, which reads as much). Only there: a title kept with a lone half (a hostile
  // page's) must clean to itself when its export is imported.
  const head =
    value.length >= MAX_TITLE_INPUT
      ? value.slice(0, MAX_TITLE_INPUT).replace(/[\ud800-\udbff]$/, '')
      : value;
  const collapsed = head.replace(/[\u0000-\u001f\u007f-\u009f\s]+/g, ' ').trim();
  // Trimmed again after the cut: a title ending in the space before a cut word would lose it
  // when cleaned again (its export imported), and not be the same title.
  return Array.from(collapsed).slice(0, MAX_TITLE_LENGTH).join('').trimEnd();
}

/**
 * The latest time a JavaScript Date holds, epoch ms (100,000,000 days after 1970): past it a
 * date is invalid (toISOString throws), though the number is still a safe integer.
 */
export const MAX_DATE_MS = 8.64e15;

/**
 * Whether `time` is a vote's time, whole epoch ms a Date holds: a damaged profile's (or a
 * hand-made import's) may be anything.
 */
export function isStoredTime(time: unknown): time is number {
  return Number.isSafeInteger(time) && (time as number) >= 0 && (time as number) <= MAX_DATE_MS;
}

/**
 * A record of the history's store read as a vote, to list, search, export or answer a toolbar
 * with; null where it cannot stand for one: a reaction not among the seven (a damaged profile's,
 * or a later version's) or no time it was last set, which places it in the history. What else a
 * damaged profile may have kept is read as a write would have made it: a link that is not text
 * as the key, a title as named by the link, a site from the key, a creation time as the update.
 * Only read so: the record stays stored as it is.
 */
export function readStoredVote(stored: unknown): Vote | null {
  if (typeof stored !== 'object' || stored === null) return null;
  const { key, url, title, site, reaction, createdAt, updatedAt, lang } = stored as Record<
    string,
    unknown
  >;
  if (typeof key !== 'string' || !isReaction(reaction) || !isStoredTime(updatedAt)) return null;
  const link = typeof url === 'string' ? url : key;
  const vote: Vote = {
    key,
    url: link,
    title: typeof title === 'string' ? title : cleanTitle(link),
    site: typeof site === 'string' ? site : siteOfKey(key),
    reaction,
    createdAt: isStoredTime(createdAt) ? createdAt : updatedAt,
    updatedAt,
  };
  return withLanguage(vote, lang);
}

/** The site of article key `key`; none where it is no address. */
function siteOfKey(key: string): string {
  try {
    return siteOf(new URL(key).hostname);
  } catch {
    return '';
  }
}

/**
 * A stored vote as given by another context or a file, or null when any field is invalid:
 * an http(s) key (≤ MAX_KEY_LENGTH as given and normalized, given back normalized but for its
 * host, which the background keys), an http(s) url (≤ MAX_URL_LENGTH, given back as the browser
 * parses it), a known reaction, times as isStoredTime has them and ≤ `latest`. The title is
 * cleaned and capped, the url's credentials dropped (withoutLinkCredentials), the site
 * recomputed from the key, and a creation after the update moved back to it: an earlier version
 * stored such votes where the clock went back between the two.
 * Whether key and url are one site needs the Public Suffix List, which only the background
 * loads: see isVoteOnOneSite.
 */
export function parseVote(value: unknown, latest = MAX_DATE_MS): Vote | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { key, url, title, reaction, createdAt, updatedAt, lang } = value as Record<
    string,
    unknown
  >;
  const isTime = (time: unknown): time is number => isStoredTime(time) && time <= latest;
  // A key an earlier version normalized otherwise (a backup's) is moved to today's form, as the
  // database's upgrade moves stored ones; refused, its vote would be lost on import. Its host
  // stays whole: only the background's Public Suffix List tells a variant label (`www.`) from a
  // user's site (`m.github.io`), and keys it (normalizeArticleUrlByList).
  const normalKey = isHttpAddressUpTo(key, MAX_KEY_LENGTH)
    ? normalizeArticleUrl(key, undefined, withoutFinalDot)
    : null;
  // Longer once normalized, the key could not be named in a call again (edited, removed).
  if (!normalKey || normalKey.length > MAX_KEY_LENGTH) return null;
  if (!isHttpUrl(url) || !isReaction(reaction) || typeof title !== 'string') return null;
  if (!isTime(createdAt) || !isTime(updatedAt)) return null;
  const site = siteOf(new URL(normalKey).hostname);
  // As the browser reads it, as a page's own address is: a crafted file's tabs, line breaks and
  // direction controls would otherwise be stored, and written raw into the CSV export.
  const href = new URL(url).href;
  // An export of 0.1.0 carries the page's credentials in the link (and a title named by it):
  // imported, they would be shown and exported again.
  const link = withoutLinkCredentials({
    url: href,
    // Named by its address, cut as a title is, as writeVote names a page without a title.
    title: cleanTitle(title) || cleanTitle(href),
  });
  const vote: Vote = {
    key: normalKey,
    url: link.url,
    title: link.title,
    site,
    reaction,
    // Refused, such a vote would be lost to an import of its export, or to undo.
    createdAt: Math.min(createdAt, updatedAt),
    updatedAt,
  };
  return withLanguage(vote, lang);
}

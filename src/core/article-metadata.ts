/** Reads what a page says about itself: its title and the addresses it declares. */

import { normalizeArticleUrl, withHostOfSite } from './article-url';
import { keptDeclaredAddresses, MAX_TITLE_INPUT } from './vote';

function metaContent(doc: Document, selector: string): string | undefined {
  const value = doc.querySelector(selector)?.getAttribute('content')?.trim();
  return value || undefined;
}

/**
 * Characters of JSON-LD read in one block. A page's description takes a few kilobytes (52 kB at
 * most in the corpus); a block beyond this carries a live blog's posts or the article's text, and
 * parsing it, which cannot be done in slices, would hold up the page for a frame or more.
 */
export const MAX_JSON_LD_CHARS = 128 * 1024;

/**
 * What a JSON-LD script holds, CDATA markers (some CMSs wrap it in them) aside. Throws on broken
 * JSON-LD, as `JSON.parse` does, and on a block over {@link MAX_JSON_LD_CHARS}. Not cached: a
 * page's blocks can be large, and a cache would keep them for the page's lifetime.
 */
export function parseJsonLdScript(script: Element): unknown {
  const text = script.textContent ?? '';
  if (text.length > MAX_JSON_LD_CHARS) {
    throw new RangeError(`JSON-LD block of ${text.length} characters: not read`);
  }
  return JSON.parse(text.replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, ''));
}

/** JSON-LD objects on the page, flattened out of arrays and `@graph`; malformed blocks skipped. */
export function readJsonLd(doc: Document): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const visit = (node: unknown, depth: number): void => {
    if (depth > 4 || typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, depth + 1);
      return;
    }
    const record = node as Record<string, unknown>;
    found.push(record);
    if (record['@graph']) visit(record['@graph'], depth + 1);
  };
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      visit(parseJsonLdScript(script), 0);
    } catch {
      // Pages ship broken JSON-LD often enough; one bad block must not hide the others.
    }
  }
  return found;
}

/** The page's `og:title`, if it has one. */
export function readOpenGraphTitle(doc: Document): string | undefined {
  return metaContent(doc, 'meta[property="og:title"]');
}

/**
 * The article's title: Open Graph (unless `openGraph` is false: left from a single-page app's
 * previous page), then the first heading, then the document title; no longer than the background
 * reads of it (a page may make it megabytes long).
 */
export function readArticleTitle(doc: Document, { openGraph = true } = {}): string {
  const title =
    (openGraph && readOpenGraphTitle(doc)) ||
    doc.querySelector('h1')?.textContent?.trim() ||
    doc.title.trim();
  return title.slice(0, MAX_TITLE_INPUT);
}

const ARTICLE_TYPES = /^(?:\w*Article|BlogPosting|Report|WebPage)$/;

function jsonLdAddresses(item: Record<string, unknown>): unknown[] {
  const types = ([] as unknown[]).concat(item['@type']);
  if (!types.some((type) => typeof type === 'string' && ARTICLE_TYPES.test(type))) return [];
  const main = item.mainEntityOfPage;
  return [
    item.url,
    typeof main === 'object' && main !== null ? (main as { '@id'?: unknown })['@id'] : main,
  ].filter(isAbsoluteOrRootAddress);
}

/**
 * Whether a JSON-LD value is written as an address: absolute, or from the site's root. Sites put
 * other values there (`"mainEntityOfPage": "True"`), which resolved against the page would name
 * one address for every story beside it.
 */
function isAbsoluteOrRootAddress(value: unknown): boolean {
  return typeof value === 'string' && /^\s*(?:[a-z][a-z\d+.-]*:|\/)/i.test(value);
}

/**
 * The addresses the page declares for itself (link rel=canonical, og:url, then JSON-LD url or
 * mainEntityOfPage of an article), absolute and http(s), in that order, each once, as many and as
 * long as the background reads (keptDeclaredAddresses): they go with every call about the article.
 * Whether one is on the page's own site (a canonical link to another site, for syndication or by
 * mistake, must not merge unrelated articles) is the background's to decide: see articleKey.
 */
export function readDeclaredAddresses(doc: Document): string[] {
  const candidates: unknown[] = [
    doc.querySelector('link[rel~="canonical" i]')?.getAttribute('href'),
    metaContent(doc, 'meta[property="og:url"]'),
    ...readJsonLd(doc).flatMap(jsonLdAddresses),
  ];
  const addresses: string[] = [];
  for (const candidate of candidates) {
    if (typeof candidate !== 'string' || !candidate.trim()) continue;
    try {
      const url = new URL(withHostOfSite(candidate, doc.URL).trim(), doc.baseURI);
      const isWeb = url.protocol === 'http:' || url.protocol === 'https:';
      if (isWeb && !addresses.includes(url.href)) addresses.push(url.href);
    } catch {
      // Not a URL: try the next candidate.
    }
  }
  return keptDeclaredAddresses(addresses);
}

/**
 * A check of what a page declares in its head (its addresses, its og:title) as its address
 * changes: a single-page app may navigate without updating its head, and the previous article's
 * declarations would then name this one. True while they are those first read at another
 * address, until the page updates them; back at that address (a scroll spy naming the next story,
 * then this one again), they are its own again. An address of the same article is no other
 * address (pageOf).
 */
export function createLeftOverCheck(): (address: string, declared: readonly string[]) => boolean {
  /** The declarations last read, and the address they were first read at. */
  let owner: { url: string; declared: readonly string[] } | undefined;
  return (address, declared) => {
    const url = pageOf(address);
    const before = owner?.declared;
    const isSame =
      before !== undefined &&
      declared.length === before.length &&
      declared.every((value, i) => value === before[i]);
    if (!owner || !isSame) owner = { url, declared };
    return owner.url !== url;
  };
}

/**
 * The page `address` shows, as the left-over checks compare it: a fragment (`#comments`, a table
 * of contents' link) or tracking parameters a page drops from its address once it has loaded
 * name the same one.
 */
function pageOf(address: string): string {
  return normalizeArticleUrl(address) ?? address.replace(/#.*$/s, '');
}

/**
 * A filter of the addresses a page declares (readDeclaredAddresses) as its address changes: each
 * one left over from a previous address, as createLeftOverCheck tells, is dropped, and the page's
 * own address keys the article, so that its vote does not replace the previous article's. Read
 * one by one: an app may update its og:url and leave its canonical link as it was. One the
 * page's address lies below is kept (a gallery's, above each photo's address): loaded at that
 * address, the page declares it too, and the key is the same however the reader came (articleKey
 * passes over a section above a story).
 */
export function createDeclaredAddressFilter(): (url: string, declared: string[]) => string[] {
  /** Each address last read, and the address it was first read at since it was last missing. */
  let owners = new Map<string, string>();
  return (address, declared) => {
    const url = pageOf(address);
    owners = new Map(declared.map((value) => [value, owners.get(value) ?? url]));
    return declared.filter((value) => owners.get(value) === url || isBelow(url, value));
  };
}

/** Whether the page `url` (an article key) lies below `declared` on its path (`/gallery/3`). */
function isBelow(url: string, declared: string): boolean {
  const key = normalizeArticleUrl(declared);
  return key !== null && !/[?#]/.test(key) && url.startsWith(`${key}/`);
}

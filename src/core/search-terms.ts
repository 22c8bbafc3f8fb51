/**
 * Word-prefix search over history titles and sites, shaped for an IndexedDB multiEntry index.
 *
 * Each vote stores index terms per distinct word start: the word's first SEARCH_PREFIX_CHARS
 * characters (a shorter word: all of it), and a long word's first LONG_PREFIX_CHARS too, each
 * followed by its `updatedAt`, so that one index range yields the votes whose words start so,
 * already newest first. A query word of at least SEARCH_PREFIX_CHARS characters is narrowed by
 * the range of its longest stored prefix (`queryTermPrefix`) and checked in full by
 * `matchesQuery`; a shorter one has no range of its own (see `isIndexedQueryWord`). A host typed
 * or pasted is one query word of its own, looked up by the marked terms of the ends of each
 * vote's site (`.news7.example`, see `hostTermBounds`), or else by one of its words (`lookupWord`).
 * Terms are strings (`prefix`, U+0000, the time in fixed-width base 36): many short strings
 * cost far less to store and read than as many small arrays.
 */

import { hostOfPage, withoutVariantLabels } from './article-url';
import { displayHost } from './display-host';
import { MAX_TITLE_LENGTH } from './vote';

/**
 * Characters of each word the index holds. One term a word, two for a long one (not one per
 * prefix length, as up to version 2 of the database), keeps writes cheap.
 */
export const SEARCH_PREFIX_CHARS = 3;
/**
 * A word this long has a second term, its first LONG_PREFIX_CHARS characters: a query word as
 * long reads only the votes with words that start so, not every vote with a word starting with
 * its first three characters ("harpoon" would read all of "harbour", "hardware", "harvest" …).
 */
export const LONG_PREFIX_CHARS = 5;
/** Query words beyond this many are ignored; nobody types more into a popup search box. */
export const MAX_QUERY_WORDS = 8;
/** Longest query kept, in characters. */
export const MAX_QUERY_LENGTH = 200;

/** One index entry: a word prefix and the vote's `updatedAt`, as one string (see above). */
export type SearchTerm = string;

/** Separates the prefix from the time; words never contain it. */
const TERM_SEPARATOR = '\u0000';
/** Base-36 digits of Number.MAX_SAFE_INTEGER: every time pads to this width and sorts as text. */
const TIME_DIGITS = 11;

/** The index term for `prefix` at `time` (a safe integer ≥ 0, in ms). */
export function encodeTerm(prefix: string, time: number): SearchTerm {
  return `${prefix}${TERM_SEPARATOR}${time.toString(36).padStart(TIME_DIGITS, '0')}`;
}

/** The prefix a term was stored with. */
export function termPrefix(term: SearchTerm): string {
  return term.slice(0, -TIME_DIGITS - TERM_SEPARATOR.length);
}

/** The time a term was stored with. */
export function termTime(term: SearchTerm): number {
  return parseInt(term.slice(-TIME_DIGITS), 36);
}

/**
 * The bounds of every term whose prefix starts with query word `word` ("fe": "fe", "fer",
 * "few" …); for a host, with its {@link lookupWord}.
 */
export function termStartBounds(word: string): [lower: string, upper: string] {
  const start = lookupWord(word);
  // U+FFFF is the highest UTF-16 code unit, and IndexedDB compares strings by code units.
  return [start, `${start}\uffff`];
}

/**
 * The bounds of the terms of `prefix` (exactly that prefix, not longer ones), up to and
 * including `upTo` when given: `[lower, upper]`, with `upper` inclusive only for `upTo`.
 */
export function termBounds(prefix: string, upTo?: number): [lower: string, upper: string] {
  return [
    `${prefix}${TERM_SEPARATOR}`,
    upTo === undefined ? `${prefix}\u0001` : encodeTerm(prefix, upTo),
  ];
}

/** Letters, the marks written on them (Hindi's and Thai's vowel signs) and digits. */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
/** Text with nothing to fold but case. */
const ASCII = /^[\u0000-\u007f]*$/;

/**
 * Letters that fold to others without a mark to drop (no decomposition): what the Unicode root
 * collation holds equal to them at base strength, and a Turkish dotless ı, which no one types
 * in a query for the i that other languages write.
 */
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  ß: 'ss',
  ς: 'σ',
  ı: 'i',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  ħ: 'h',
};
const FOLDED_LETTER = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'gu');
/** A Latin, Greek or Cyrillic letter (decomposed) and its accents, which search ignores. */
const ACCENTED_LETTER = /([\p{sc=Latin}\p{sc=Greek}\p{sc=Cyrillic}])\p{M}+/gu;
/** A decomposed й: a letter of its own, not an и with an accent (as the root collation has it). */
const SHORT_I = /^\u0438\p{M}*\u0306/u;
/**
 * An Arabic or Hebrew letter (composed: أ and آ stay letters here, for ARABIC_FOLDS) and its vowel
 * points, which most text leaves out; the vowel signs of Indic scripts and Thai are part of the
 * word and stay.
 */
const POINTED_LETTER = /([\p{sc=Arabic}\p{sc=Hebrew}])\p{M}+/gu;
/** Arabic tatweel, a stretch of the line between letters. */
const TATWEEL = /\u0640/g;
/**
 * Arabic and Persian letters that readers type as others, folded as Arabic search engines fold
 * them (Lucene's Arabic and Persian normalizers): an alef with a hamza or a madda as a bare alef
 * (most typing leaves the hamza out), alef maksura and the Persian yeh as yeh, teh marbuta as heh,
 * the Persian kaf as kaf.
 */
const ARABIC_FOLDS: Readonly<Record<string, string>> = {
  آ: 'ا',
  أ: 'ا',
  إ: 'ا',
  ٱ: 'ا',
  ى: 'ي',
  ی: 'ي',
  ة: 'ه',
  ۀ: 'ه',
  ک: 'ك',
};
const ARABIC_FOLDED = new RegExp(`[${Object.keys(ARABIC_FOLDS).join('')}]`, 'gu');
/**
 * Characters that show nothing and sit inside words: a soft hyphen (a page's hyphenation hint),
 * zero-width spaces and joiners, word joiners, a byte order mark, direction marks, embeddings
 * and isolates, and variation selectors (an emoji's U+FE0F, a mark, began the word after it:
 * `⚡️Breaking`; an ideograph's, a mark of no script, parted its Chinese or Japanese run:
 * `葛󠄀飾`). Not the zero-width non-joiner, which parts a Persian word as a space does.
 */
const INVISIBLE =
  /[\u00ad\u200b\u200d-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufe00-\ufe0f\ufeff\u{e0100}-\u{e01ef}]/gu;
/**
 * Apostrophes as titles write them (’, and ‘ typed for one), Ukrainian's U+02BC, which Unicode
 * counts a letter, Hebrew's geresh (צ׳יפס), and the marks typed for one (´ ` ′): search reads
 * each as the "'" a keyboard types. Replaced before NFKC, which makes ´ a space and an accent.
 */
const APOSTROPHE = /[\u2018\u2019\u02bc\u05f3\u00b4`\u2032]/g;
/** An apostrophe inside a word (O'Brien, aujourd'hui, İstanbul'da), not a quote around one. */
const INNER_APOSTROPHE = /(?<=[\p{L}\p{M}\p{N}])'(?=[\p{L}\p{M}\p{N}])/gu;
/** Arabic-Indic and Persian digits, written as the digits a keyboard types: each block starts at …0. */
const ARABIC_INDIC_DIGIT = /[\u0660-\u0669\u06f0-\u06f9]/g;

/**
 * `text` as search compares it, the same for stored titles and typed queries: compatibility
 * forms as the plain ones (NFKC: ＡＢＣ, ﬁ), case folded (ß as ss, final ς as σ), without
 * accents on Latin, Greek and Cyrillic letters (é, ё) or vowel points on Arabic and Hebrew ones,
 * Arabic letter variants and digits folded (أ as ا, ٢٠٢٤ as 2024), and without the
 * {@link INVISIBLE} characters that would part a word (`news\u00adpaper` is `newspaper`), and with
 * one apostrophe ({@link APOSTROPHE}).
 */
function foldForSearch(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase().replace(APOSTROPHE, "'");
  return text
    .replace(INVISIBLE, '')
    .replace(APOSTROPHE, "'")
    .normalize('NFKC')
    .toLowerCase()
    .replace(FOLDED_LETTER, (letter) => LETTER_FOLDS[letter]!)
    .normalize('NFD')
    .replace(ACCENTED_LETTER, (accented, letter: string) => (SHORT_I.test(accented) ? 'й' : letter))
    .normalize('NFC')
    .replace(TATWEEL, '')
    .replace(POINTED_LETTER, '$1')
    .replace(ARABIC_FOLDED, (letter) => ARABIC_FOLDS[letter]!)
    .replace(ARABIC_INDIC_DIGIT, (digit) => String(digit.charCodeAt(0) & 0xf));
}

/**
 * Scripts written without spaces between words: Chinese, Japanese, Thai, Lao, Khmer, Burmese.
 * A word may start at any of their characters, so a run of them is one search word that a query
 * word matches anywhere in. Not a dictionary segmenter (Intl.Segmenter): its dictionaries change
 * between browser versions, and terms stored with one must be found with the next.
 */
const UNSPACED = ['Han', 'Hiragana', 'Katakana', 'Thai', 'Lao', 'Khmer', 'Myanmar']
  .map((script) => `\\p{scx=${script}}`)
  .join('');
/** Splits a word at the edges of its unspaced runs, keeping the runs (`split`'s group). */
const UNSPACED_RUN = new RegExp(`([${UNSPACED}]+)`, 'u');
const UNSPACED_START = new RegExp(`^[${UNSPACED}]`, 'u');
const HAS_UNSPACED = new RegExp(`[${UNSPACED}]`, 'u');

/**
 * The words of `text`, folded (see `foldForSearch`: `Zürich` is `zurich`): letters with their
 * marks, and digits; punctuation and spaces separate words, and so do the edges of a run of an
 * unspaced script (`iPhone新型` is `iphone` and `新型`). A word with an apostrophe inside is its
 * parts and, after them, the parts joined (`O'Brien` is `o`, `brien` and `obrien`), as readers
 * type it either way. Changing what a word is changes the stored terms: a database upgrade step.
 */
export function searchWords(text: string): string[] {
  const folded = foldForSearch(text);
  const words = wordsOf(folded);
  if (!folded.includes("'")) return words;
  const joined = wordsOf(folded.replace(INNER_APOSTROPHE, ''));
  return [...words, ...joined.filter((word) => !words.includes(word))];
}

/**
 * The words of a query: as {@link searchWords}, but a word with an apostrophe inside is only its
 * parts joined, which the stored words of `O'Brien`, `O’Brien` and `OBrien` all hold.
 */
function queryWords(text: string): string[] {
  return wordsOf(foldForSearch(text).replace(INNER_APOSTROPHE, ''));
}

/** A letter or a digit: a word of marks alone has none. */
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * The words of folded text (see {@link searchWords}); not one of marks alone, such as a keycap's
 * (`#️⃣`) or one an unspaced run's edge parts from it (`済⃝`), which would be a term of every
 * title with one, and find them all.
 */
function wordsOf(folded: string): string[] {
  const words = folded.match(WORD) ?? [];
  const pieces = HAS_UNSPACED.test(folded)
    ? words.flatMap((word) => word.split(UNSPACED_RUN))
    : words;
  return pieces.filter((piece) => LETTER_OR_DIGIT.test(piece));
}

/** Whether `word` (from {@link searchWords}) is a run of an unspaced script. */
function isUnspacedRun(word: string): boolean {
  return UNSPACED_START.test(word);
}

/**
 * The index term a query word is looked up under (see `isIndexedQueryWord`): its first
 * LONG_PREFIX_CHARS characters if it has as many, else its first SEARCH_PREFIX_CHARS. A run of
 * an unspaced script has three-character terms only. A host is looked up by its
 * {@link lookupWord}.
 */
export function queryTermPrefix(word: string): string {
  const looked = lookupWord(word);
  const characters = Array.from(looked);
  const long = characters.length >= LONG_PREFIX_CHARS && !isUnspacedRun(looked);
  return characters.slice(0, long ? LONG_PREFIX_CHARS : SEARCH_PREFIX_CHARS).join('');
}

/**
 * Whether the index has one term range, newest first, for the words a query word starts: only
 * for a word at least as long as the stored prefixes. A shorter one ("fe") starts many stored
 * prefixes ("fe", "fer", "few" …), each a range of its own (see `termStartBounds`). A host is
 * looked up by its {@link lookupWord}.
 */
export function isIndexedQueryWord(word: string): boolean {
  return Array.from(lookupWord(word)).length >= SEARCH_PREFIX_CHARS;
}

/**
 * The words of a site's host, and of its name as the reader sees it where that differs: an
 * internationalized name is stored in punycode (`xn--bcher-kva.de`) but shown, and typed, as
 * `bücher.de`.
 */
function siteWords(site: string): string[] {
  const shown = displayHost(site);
  return shown === site ? searchWords(site) : [...searchWords(site), ...searchWords(shown)];
}

/**
 * Marks a host term: the end of a host, `.news7.example`, which a host query is looked up by
 * (see {@link hostTermBounds}). No word holds a dot, so no word's term starts with one.
 */
const HOST_TERM_MARK = '.';
/** A run of host labels written in a title (folded): `node.js`, `3.13`, `news.example`. */
const DOTTED_RUN = /[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

/** A hyphen inside a dotted run, where a version after a name starts (`gpt-3.5`, `llama-3.1`). */
const INNER_HYPHEN = /(?<=[\p{L}\p{N}])-(?=[\p{L}\p{N}][^.]*\.)/gu;

/**
 * The dotted runs of a title (see {@link DOTTED_RUN}), folded, in as much of it as a vote keeps:
 * each end of a run is a term, n² characters for n labels, and a damaged profile's title may be
 * far longer. A run is also each of its parts after an inner hyphen that still holds a dot: a
 * hyphen parts words (`Covid-19` is found by `19`), so `GPT-3.5` is found by `3.5`.
 */
function dottedRuns(title: string): string[] {
  const runs = foldForSearch(title.slice(0, MAX_TITLE_LENGTH)).match(DOTTED_RUN) ?? [];
  return runs.flatMap((run) => [
    run,
    ...Array.from(run.matchAll(INNER_HYPHEN), (hyphen) => run.slice(hyphen.index + 1)),
  ]);
}

/**
 * The host terms of a vote (without time): each end of two labels or more of its site (as stored
 * and as shown) and of each dotted run of its title, marked. A host query holds a dot, so no end
 * of one label (`.example`, which most votes share) is ever looked up.
 */
function hostEndingTerms(title: string, site: string): string[] {
  const hosts = [...new Set([site, displayHost(site)].map(foldForSearch)), ...dottedRuns(title)];
  return hosts.flatMap((host) => {
    const labels = host.split('.');
    return labels.slice(0, -1).map((_, i) => `${HOST_TERM_MARK}${labels.slice(i).join('.')}`);
  });
}

/**
 * Every distinct index term of a vote's title and site, each paired with `updatedAt`: a term for
 * each word (and a second for a long one), for each character of an unspaced run (each starts a
 * word), and for each end of its site's host and of a host-like run of its title (`node.js`).
 */
export function searchTerms(title: string, site: string, updatedAt: number): SearchTerm[] {
  const prefixes = new Set<string>();
  for (const word of [...searchWords(title), ...siteWords(site)]) {
    const characters = Array.from(word);
    const unspaced = isUnspacedRun(word);
    for (const start of unspaced ? characters.keys() : [0]) {
      prefixes.add(characters.slice(start, start + SEARCH_PREFIX_CHARS).join(''));
    }
    if (!unspaced && characters.length >= LONG_PREFIX_CHARS) {
      prefixes.add(characters.slice(0, LONG_PREFIX_CHARS).join(''));
    }
  }
  for (const ending of hostEndingTerms(title, site)) prefixes.add(ending);
  return [...prefixes].map((prefix) => encodeTerm(prefix, updatedAt));
}

/**
 * The words of a search box's text, the one the index is read by first (its {@link lookupWord}
 * longest: the most selective drives the lookup). A host typed (`news.example`, `www.bbc.co.uk`)
 * or a pasted address is one query word, its host (see {@link matchesQuery}): the history holds
 * no words of an address's path.
 */
export function parseQuery(query: string): string[] {
  const words = [...new Set(queryParts(query.slice(0, MAX_QUERY_LENGTH)))];
  return words
    .slice(0, MAX_QUERY_WORDS)
    .sort((a, b) => lookupWord(b).length - lookupWord(a).length);
}

const ADDRESS = /^https?:\/\//i;
/**
 * A host (or a one-label name with a letter, `localhost`) with a port, and maybe a path, typed
 * without a scheme: `news.example:8080/a`. Not a time or a verse (`10:30`, `23:4`); a name before
 * a number (`iOS:17`) is no host either, which {@link withoutPort} tells.
 */
const HOST_WITH_PORT =
  /^([\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+|[\p{L}\p{N}-]*\p{L}[\p{L}\p{N}-]*):\d{1,5}(?:[/?#].*)?$/u;
/** A word written as a host: labels of letters, digits and hyphens joined by dots. */
const HOST = /^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+$/u;
/**
 * Leading www labels, before a name (`www.bbc` too, which withoutVariantLabels keeps whole): a
 * reader typing `www.bbc.co.uk` has typed no word of the site yet.
 */
const TYPED_WWW = /^(?:www\d*\.)+(?=[^.])/i;

/**
 * The query words of `text` in the order typed: each word of it, but a host or an address written
 * among them as one word, its host folded (see {@link foldForSearch}), which words never are:
 * they hold no dot.
 */
function queryParts(text: string): string[] {
  const parts: string[] = [];
  let words = '';
  for (const piece of text.split(/(\s+)/)) {
    // An address's path holds no word the history has: its host alone is searched.
    // Nor is a port part of a site as votes keep it.
    const written = ADDRESS.test(piece) ? (hostOfAddress(piece) ?? piece) : withoutPort(piece);
    const host = hostQueryOf(written);
    if (host === null) {
      words += written;
      continue;
    }
    parts.push(...queryWords(words), host);
    words = ' ';
  }
  return [...parts, ...queryWords(words)];
}

/**
 * `piece` as its host where it is a host query or `localhost` with a port ({@link HOST_WITH_PORT});
 * else all of it, every word searched: `iOS:17` and `episode:12` are a word and a number.
 */
function withoutPort(piece: string): string {
  const name = HOST_WITH_PORT.exec(piece)?.[1];
  if (name === undefined) return piece;
  return hostQueryOf(name) !== null || name.toLowerCase() === 'localhost' ? name : piece;
}

/** The host of `address` (the publisher's for an AMP cache's or viewer's), null for no address. */
function hostOfAddress(address: string): string | null {
  try {
    return hostOfPage(address);
  } catch {
    return null;
  }
}

/**
 * The host query word of `written`, a host (folded), or null where it is none: not written as a
 * host (an IP version 6 address's `[::1]`), or of no word (`-.-`) or none past its www.
 */
function hostQueryOf(written: string): string | null {
  if (!HOST.test(written)) return null;
  const folded = foldForSearch(written);
  return HOST.test(folded) && wordsOf(hostLookupSuffix(folded)).length > 0 ? folded : null;
}

/** Whether query word `word` is a host (see {@link parseQuery}). */
function isHostQuery(word: string): boolean {
  return word.includes('.');
}

/** A mobile edition's label, as article keys read it (withoutInnerMobileLabel). */
const MOBILE_LABEL = /^(?:m|mobile)$/;

/**
 * `host` without the mobile edition's labels after its first, each with two labels or more after
 * it (`en.m.wiki.example` → `en.wiki.example`), which article keys leave off. Keys keep one where
 * it is part of a site's name (a user's `blog.m.github.io`), which only the public suffix list
 * tells: the popup has none, and such a search finds that name's site too (`blog.github.io`).
 */
function withoutInnerMobileLabels(host: string): string {
  const labels = host.split('.');
  const kept = labels.filter(
    (label, i) => i === 0 || i > labels.length - 3 || !MOBILE_LABEL.test(label),
  );
  return kept.join('.');
}

/**
 * The shortest end of host query `host` that every site it finds has (see {@link matchesQuery}):
 * without the www typed before it, and without the variant labels (`m.`, `amp.`) a site's host
 * may be stored without, before it or inside it.
 */
function hostLookupSuffix(host: string): string {
  const keyed = withoutInnerMobileLabels(host);
  const typedAfterWww = keyed.replace(TYPED_WWW, '');
  const variantFree = withoutVariantLabels(keyed).at(-1)!;
  return typedAfterWww.length < variantFree.length ? typedAfterWww : variantFree;
}

/**
 * The word a query word is looked up by in the index: the word itself, and for a host the
 * longest word of its {@link hostLookupSuffix}, which every vote it finds has a word starting so;
 * not of its last label where others have words: a top-level domain (`com`) that most votes share
 * would have a search for a site read all of theirs.
 */
function lookupWord(word: string): string {
  if (!isHostQuery(word)) return word;
  const suffix = hostLookupSuffix(word);
  const lastDot = suffix.lastIndexOf('.');
  const name = wordsOf(lastDot < 0 ? suffix : suffix.slice(0, lastDot));
  const words = name.length > 0 ? name : wordsOf(suffix);
  return words.reduce((longest, each) => (each.length > longest.length ? each : longest), '');
}

/**
 * Whether host query `host` names `site` (folded): the host, a subdomain of it, or a host whose
 * name starts so (`harbour.ex` as typed so far), at a label's start; with a www typed before it
 * (`www.bbc.co.uk`) as typed without; with a variant label (`m.bbc.co.uk`) the site stored
 * without it (`bbc.co.uk`), not that site's subdomains: `m.github.io` is a user's site, not
 * every one under `github.io`. A mobile edition's label inside it (`en.m.wiki.example`) is read
 * with it and without, as article keys leave it off.
 */
function isHostOfSite(host: string, site: string): boolean {
  const keyed = withoutInnerMobileLabels(host);
  return isWrittenHostOfSite(host, site) || (keyed !== host && isWrittenHostOfSite(keyed, site));
}

/** Whether host query `host` names `site` as written (see {@link isHostOfSite}). */
function isWrittenHostOfSite(host: string, site: string): boolean {
  const anyLabel = new Set([host, host.replace(TYPED_WWW, '')]);
  for (const named of anyLabel) if (`.${site}`.includes(`.${named}`)) return true;
  return withoutVariantLabels(host)
    .slice(1)
    .some((variantFree) => site.startsWith(variantFree));
}

/**
 * The bounds of the host terms (see {@link hostEndingTerms}) that together hold every vote host
 * query `host` finds ({@link matchesQuery}): those starting with a host it names. Null where one
 * would be an end of one label, which is not stored (`www.harbour` names sites whose last label
 * starts `harbour`), or for a query word that is no host.
 */
export function hostTermBounds(host: string): [lower: string, upper: string][] | null {
  if (!isHostQuery(host)) return null;
  const named = new Set<string>();
  for (const written of new Set([host, withoutInnerMobileLabels(host)])) {
    named.add(written);
    named.add(written.replace(TYPED_WWW, ''));
    for (const variantFree of withoutVariantLabels(written).slice(1)) named.add(variantFree);
  }
  const prefixes = [...named];
  if (!prefixes.every(isHostQuery)) return null;
  return prefixes.map((prefix) => [
    `${HOST_TERM_MARK}${prefix}`,
    `${HOST_TERM_MARK}${prefix}\uffff`,
  ]);
}

/** Whether query word `query` (not a host) starts one of `words`, or is in an unspaced run. */
function startsAWord(words: readonly string[], query: string): boolean {
  return words.some(
    (word) => word.startsWith(query) || (word.includes(query) && isUnspacedRun(word)),
  );
}

/**
 * Whether every query word starts some word of the title or the site (or is found anywhere in a
 * run of an unspaced script, where any character starts a word). A host matches the site it
 * names (see {@link isHostOfSite}: as stored, and as shown for an internationalized one), or a
 * title that writes it so, at a label's start (`Node.js`, `Python 3.13.1`).
 */
export function matchesQuery(
  entry: { title: string; site: string },
  queryWords: readonly string[],
): boolean {
  if (queryWords.length === 0) return true;
  const titleWords = searchWords(entry.title);
  let words: string[] | undefined;
  let sites: string[] | undefined;
  return queryWords.every((query) => {
    if (!isHostQuery(query)) {
      words ??= [...titleWords, ...siteWords(entry.site)];
      return startsAWord(words, query);
    }
    sites ??= [...new Set([entry.site, displayHost(entry.site)].map(foldForSearch))];
    return (
      sites.some((site) => isHostOfSite(query, site)) ||
      dottedRuns(entry.title).some((run) => `.${run}`.includes(`.${query}`))
    );
  });
}

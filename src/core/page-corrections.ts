import {
  normalizeArticleUrl,
  withoutFinalDot,
  withoutInnerMobileLabel,
  withoutVariantLabels,
} from './article-url';

/**
 * The reader's corrections of the article detector, one per article: "show the toolbar on this
 * page" where the detector found no article, "not an article: hide it here" where it found one.
 * Kept in the extension's local storage (never synced), one entry per article key, so that a
 * content script reads the one entry of its page and nothing else.
 */

/** What the reader asked for on one article's page. */
export type ToolbarCorrection = 'show' | 'hide';

/** One stored correction. Times are epoch milliseconds. */
export interface PageCorrection {
  toolbar: ToolbarCorrection;
  /** The page's title when the reader made the correction, for the options page's list. */
  title: string;
  /** The page's address (what the options page links to). */
  url: string;
  setAt: number;
}

/** Local storage keys of corrections start with this, followed by the article's key. */
export const CORRECTION_KEY_PREFIX = 'correction:';

/** The local storage key of the correction of article `articleKey` (see core/article-url). */
export function correctionStorageKey(articleKey: string): string {
  return CORRECTION_KEY_PREFIX + articleKey;
}

/**
 * The article keys a page's correction may be stored under, in the order the background picks
 * its key (core/article-key): each address the page declares, then its own, normalized, each
 * once; each on its whole host, then as its leading variant labels go one by one
 * (`www.m.blog.example`, `m.blog.example`, `blog.example`), and each of those without a mobile
 * label inside it first (`en.m.wiki.example` as `en.wiki.example`). The content script reads
 * them all in one lookup rather than bundling the Public Suffix List to tell which declared
 * address is on the page's site, or which label names no site of its own (the background keeps
 * a user's `m.github.io`, and `www.gov.uk` in front of the suffix `gov.uk`).
 */
export function correctionCandidates(pageUrl: string, declared: readonly string[]): string[] {
  const keys = [...declared, pageUrl].map((address) =>
    normalizeArticleUrl(address, undefined, withoutFinalDot),
  );
  const candidates = keys
    .filter((key): key is string => key !== null)
    .flatMap(withEachVariantLabelLeftOff)
    .flatMap((key) => [withoutInnerMobileLabel(key), key]);
  return [...new Set(candidates)];
}

/** `key` (on its whole host), then on its host as each leading variant label goes in turn. */
function withEachVariantLabelLeftOff(key: string): string[] {
  const { hostname } = new URL(key);
  return withoutVariantLabels(hostname).map((host) => key.replace(`//${hostname}`, `//${host}`));
}

/** A stored correction, or null for anything else (nothing stored, an unknown shape). */
export function parseCorrection(value: unknown): PageCorrection | null {
  if (typeof value !== 'object' || value === null) return null;
  const { toolbar, title, url, setAt } = value as Record<string, unknown>;
  if (toolbar !== 'show' && toolbar !== 'hide') return null;
  if (typeof title !== 'string' || typeof url !== 'string' || !Number.isFinite(setAt)) return null;
  return { toolbar, title, url, setAt: setAt as number };
}

/** A correction with the key of the article it belongs to. */
export interface KeyedCorrection extends PageCorrection {
  key: string;
}

/** Every correction among the items of local storage, newest first (the options page's list). */
export function listCorrections(items: Readonly<Record<string, unknown>>): KeyedCorrection[] {
  const found: KeyedCorrection[] = [];
  for (const [name, value] of Object.entries(items)) {
    if (!name.startsWith(CORRECTION_KEY_PREFIX)) continue;
    const correction = parseCorrection(value);
    if (correction) found.push({ key: name.slice(CORRECTION_KEY_PREFIX.length), ...correction });
  }
  return found.sort((a, b) => b.setAt - a.setAt || (a.key < b.key ? -1 : 1));
}

/** What rekeyCorrections changes in local storage: entries to write, then names to remove. */
export interface CorrectionMoves {
  set: Record<string, PageCorrection>;
  remove: string[];
}

/**
 * The changes that move each correction stored under a key `keyOf` no longer gives (an earlier
 * version's, before a change to keys) to the key it gives now, as the database's upgrade moves
 * votes; of two for one article, the one set later is kept. Left where it was, such a correction
 * would still be listed in the options but never apply to its page again. `keyOf` is given the
 * stored key and the correction; by default, the key as normalizeArticleUrl makes it now.
 */
export function rekeyCorrections(
  items: Readonly<Record<string, unknown>>,
  keyOf: (key: string, correction: PageCorrection) => string | null = (key) =>
    normalizeArticleUrl(key),
): CorrectionMoves {
  const moved: { name: string; target: string; correction: PageCorrection }[] = [];
  for (const [name, value] of Object.entries(items)) {
    if (!name.startsWith(CORRECTION_KEY_PREFIX)) continue;
    const correction = parseCorrection(value);
    const key = correction && keyOf(name.slice(CORRECTION_KEY_PREFIX.length), correction);
    if (!correction || !key) continue;
    const target = correctionStorageKey(key);
    if (target !== name) moved.push({ name, target, correction });
  }
  // One moves onto a name another moves off (a one-word story below its section, a story filed
  // under that one's key): the one leaving is not taken for the same article, nor removed once
  // the other arrives.
  const leaving = new Set(moved.map(({ name }) => name));
  const moves: CorrectionMoves = { set: {}, remove: [] };
  for (const { target, correction } of moved) {
    const kept = moves.set[target] ?? (leaving.has(target) ? null : parseCorrection(items[target]));
    if (!kept || correction.setAt > kept.setAt) moves.set[target] = correction;
  }
  moves.remove = [...leaving].filter((name) => !Object.hasOwn(moves.set, name));
  return moves;
}

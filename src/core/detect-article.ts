import { storyHasTime, type BodyCandidate } from './detect/find-body-candidate';
import { findBodyEndSteps } from './detect/find-body-end';
import { weighLength } from './detect/measure-text';
import { isDated, isDeclaredBeyondOpenGraph } from './detect/is-dated-or-declared';
import { isCompanyAddress } from './detect/page-addresses';
import { readPageAddressFacts, readPageFactsSteps } from './detect/read-page-facts';
import { drain } from './run-in-slices';
import { declaresNonArticle } from './detect/signals/declares-non-article';
import { entryList } from './detect/signals/entry-list';
import { forumAddress } from './detect/signals/forum-address';
import { headedSnippets, MIN_HEADED_SNIPPETS } from './detect/signals/headed-snippets';
import { legalTitle } from './detect/signals/legal-title';
import { listingAddress } from './detect/signals/listing-address';
import { listingTitle } from './detect/signals/listing-title';
import { MIN_LONG_PARAGRAPH_CHARS, proseLength } from './detect/signals/long-paragraphs';
import { mediaPage } from './detect/signals/media-page';
import { playerBesideLittleText } from './detect/signals/player-beside-little-text';
import { productOffer } from './detect/signals/product-offer';
import { referencePage } from './detect/signals/reference-page';
import { sectionAddress } from './detect/signals/section-address';
import { signedPosts } from './detect/signals/signed-posts';
import { siteInfoPage } from './detect/signals/site-info-page';
import { siteMenuPage } from './detect/signals/site-menu-page';
import { teaserList } from './detect/signals/teaser-list';

export { DENSE_SCRIPT_CHAR_WEIGHT } from './detect/measure-text';
export { MIN_LONG_PARAGRAPH_CHARS } from './detect/signals/long-paragraphs';
export { MAX_TEASER_CHARS, MIN_TEASERS_IN_LIST } from './detect/signals/teaser-list';

/** Where an article's body is, and where the reaction toolbar goes. */
export interface ArticleDetection {
  /** The element that holds the article's body text. */
  body: Element;
  /** The toolbar is inserted right after this element (the body's last block of text). */
  anchor: Element;
}

/** Thresholds of {@link detectArticle}; each defaults to the constant of the same meaning. */
export interface DetectArticleOptions {
  /** Body characters (outside links) an article needs when its metadata says nothing. */
  minArticleChars?: number;
  /** Body characters a declared article needs ({@link MIN_ARTICLE_CHARS_WITH_METADATA}). */
  minArticleCharsWithMetadata?: number;
  /**
   * Told of the body candidate once the page is walked (null: the page has no paragraph),
   * whatever the answer: a caller that places the toolbar on a page the detector turns down (the
   * reader asked for it there) needs no second walk. Not called when the answer needs no walk.
   */
  onCandidate?: (candidate: BodyCandidate | null) => void;
}

/**
 * Body characters outside links an article needs when nothing else marks it as one, or when only
 * og:type=article does and nothing dates it.
 */
export const MIN_ARTICLE_CHARS = 800;
/**
 * Body characters an article needs when its structured data or markup declares it an article, or
 * its head or address dates it (a short post at `/2011/09/17/...`).
 */
export const MIN_ARTICLE_CHARS_WITH_METADATA = 400;
/** Share of the page's paragraph text the body must hold; below it, text is spread as on a front page. */
export const MIN_BODY_TEXT_SHARE = 0.3;
/**
 * Reader View's test of real paragraphs (Readability's `isProbablyReaderable`): an undeclared page
 * needs more than this in all, each paragraph of {@link MIN_LONG_PARAGRAPH_CHARS} or more adding the
 * square root of its excess; a dated one of {@link MIN_ARTICLE_CHARS} or more is exempt. Blurbs of
 * a product or landing page stay under it.
 */
export const MIN_LONG_PARAGRAPH_SCORE = 20;

/**
 * Decides whether `doc` is an article page and, if it is, where its body ends.
 * Returns null for pages that are not articles. Reads the DOM only through `doc`, never layout.
 */
export function detectArticle(
  doc: Document,
  options: DetectArticleOptions = {},
): ArticleDetection | null {
  return drain(detectArticleSteps(doc, options));
}

/**
 * {@link detectArticle} in steps, for a caller that keeps each task short: pauses (yields) every
 * few hundred nodes of the page walk, between the tests that read the page again, and before
 * each block the body-end search weighs, and returns the detection. The page must not change
 * between steps; a caller that sees it change starts again.
 */
export function* detectArticleSteps(
  doc: Document,
  options: DetectArticleOptions = {},
): Generator<void, ArticleDetection | null> {
  const minChars = options.minArticleChars ?? MIN_ARTICLE_CHARS;
  const minCharsWithMetadata =
    options.minArticleCharsWithMetadata ?? MIN_ARTICLE_CHARS_WITH_METADATA;
  const known = readPageAddressFacts(doc);
  yield;
  // A list's or a forum's address (a home, a search, a tag page, a thread), a list's title, a
  // page about the site or a reference work's says no whatever the page shows: no walk.
  if (
    listingAddress(known) ||
    forumAddress(known) ||
    listingTitle(known) ||
    siteInfoPage(known) ||
    referencePage(known)
  ) {
    return null;
  }
  const facts = yield* readPageFactsSteps(doc, known);
  options.onCandidate?.(facts?.candidate ?? null);
  if (!facts) return null;
  yield;
  const { candidate, metadata } = facts;
  const bodyLength = weighLength(candidate.bodyChars, candidate.bodyDenseChars);
  if (bodyLength < minCharsWithMetadata) return null;
  if (candidate.bodyChars < MIN_BODY_TEXT_SHARE * candidate.pageChars) return null;
  if (declaresNonArticle(facts)) return null;
  const dated = isDated(facts);
  // A section's address (`/sport/football`) takes a date to be a story's: a single word may also
  // be an id of letters or a post's one-word name.
  if (!dated && sectionAddress(facts)) return null;
  const declaredBeyondOpenGraph = isDeclaredBeyondOpenGraph(facts);
  const isDeclared = declaredBeyondOpenGraph || metadata.hasArticleOpenGraph;
  // A company's profile (`/company/acme`) unless a date or a declaration makes it a story there.
  if (!dated && !declaredBeyondOpenGraph && isCompanyAddress(facts.addresses)) return null;
  // A date vouches for a text as a declaration does: a short one still takes Reader View's test of
  // real paragraphs, one of an undeclared page's full length not (a post of lists and one-liners).
  const minUndeclaredChars = dated ? minCharsWithMetadata : minChars;
  const needsLongParagraphs = !dated || bodyLength < minChars;
  if (
    !isDeclared &&
    (bodyLength < minUndeclaredChars || (needsLongParagraphs && !hasLongParagraphs(candidate)))
  ) {
    return null;
  }
  yield;
  // og:type=article is many CMSs' default for every page: alone, it vouches for a short text, or
  // for headed snippets, only on a page something dates (its head, its address, or a <time> in
  // the story).
  const isDeclaredByOpenGraphOnly = metadata.hasArticleOpenGraph && !declaredBeyondOpenGraph;
  // Nothing declares or dates it, and a plain heading labels every few lines: a product's
  // specifications, a listing's fields or a question's answers, not a story's sections.
  // Asked only where a test needs it: the story's <time> elements are sought through all of it.
  const isUndated = (): boolean => !dated && !storyHasTime(candidate);
  if (!declaredBeyondOpenGraph && isUndated() && headedSnippets(facts) >= MIN_HEADED_SNIPPETS) {
    return null;
  }
  if (isDeclaredByOpenGraphOnly && bodyLength < minChars && isUndated()) return null;
  yield;
  // A short text beside a player describes an episode or a clip, whatever the metadata says.
  if (bodyLength < minChars && playerBesideLittleText(facts) > 0) return null;
  // So does one on a page whose address or title names a clip's or a gallery's (`/video/`).
  if (mediaPage(facts)) return null;
  yield;
  if (teaserList(facts) || legalTitle(facts)) return null;
  yield;
  // A story's own structured data outweighs a list of entries read from its headings: a site's
  // logo or a teaser over the story's text makes it look like one entry of several.
  if (!metadata.hasArticleJsonLd && entryList(facts)) return null;
  yield;
  // A dated page or one declaring an article may be featured in the site's menu.
  if (!dated && siteMenuPage(facts)) return null;
  yield;
  // A shop's page offers what it describes (a review's product is exempt in productOffer).
  if (!dated && !declaredBeyondOpenGraph && productOffer(facts)) return null;
  yield;
  // Forums rarely declare an article; news sites that link readers' profiles in the text often do.
  if (!metadata.hasArticleJsonLd && signedPosts(facts)) return null;
  yield;
  return { body: candidate.body, anchor: yield* findBodyEndSteps(candidate.parts, candidate.scan) };
}

/**
 * Whether the body's paragraphs pass Reader View's test: enough text in paragraphs of
 * {@link MIN_LONG_PARAGRAPH_CHARS} or more, not only short blurbs.
 */
function hasLongParagraphs({ bodyParagraphs }: BodyCandidate): boolean {
  let score = 0;
  for (const paragraph of bodyParagraphs) {
    const length = proseLength(paragraph);
    if (length < MIN_LONG_PARAGRAPH_CHARS) continue;
    score += Math.sqrt(length - MIN_LONG_PARAGRAPH_CHARS);
    if (score > MIN_LONG_PARAGRAPH_SCORE) return true;
  }
  return false;
}

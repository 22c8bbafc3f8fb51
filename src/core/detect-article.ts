import { findBodyCandidate, type BodyCandidate } from './find-body-candidate';
import { findBodyEnd } from './find-body-end';
import { readArticleSignals } from './read-article-signals';

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
  /** Body characters an article needs when its metadata declares an article. */
  minArticleCharsWithMetadata?: number;
}

/** Body characters outside links an article needs when nothing else marks it as one. */
export const MIN_ARTICLE_CHARS = 800;
/** Body characters an article needs when its metadata or markup declares it an article. */
export const MIN_ARTICLE_CHARS_WITH_METADATA = 400;
/** Share of the page's paragraph text the body must hold; below it, text is spread as on a front page. */
export const MIN_BODY_TEXT_SHARE = 0.3;
/** `<article>` elements holding paragraphs inside the body from which it is a list of teasers. */
export const MIN_TEASERS_IN_LIST = 3;
/** Share of the body's text the largest `<article>` in it must hold for the others to be asides. */
const MIN_MAIN_ARTICLE_SHARE = 0.6;

/**
 * Decides whether `doc` is an article page and, if it is, where its body ends.
 * Returns null for pages that are not articles. Reads the DOM only through `doc`, never layout.
 */
export function detectArticle(
  doc: Document,
  options: DetectArticleOptions = {},
): ArticleDetection | null {
  const minChars = options.minArticleChars ?? MIN_ARTICLE_CHARS;
  const minCharsWithMetadata =
    options.minArticleCharsWithMetadata ?? MIN_ARTICLE_CHARS_WITH_METADATA;
  let candidate = findBodyCandidate(doc);
  if (!candidate || !isArticleShaped(candidate, minChars)) {
    // Some sites write paragraphs as bare text in <div>s; look again counting those.
    candidate = findBodyCandidate(doc, true);
  }
  if (!candidate || !isArticleShaped(candidate, minCharsWithMetadata)) return null;
  const { body, bodyChars, textInside, paragraphs } = candidate;
  const signals = readArticleSignals(doc);
  if (signals.declaresNonArticle) return null;
  const isDeclared =
    signals.hasArticleJsonLd ||
    signals.hasArticleOpenGraph ||
    candidate.isInArticleBody ||
    candidate.isInArticleElement;
  if (!isDeclared && bodyChars < minChars) return null;
  return { body, anchor: findBodyEnd(body, textInside, paragraphs) };
}

/** Whether the candidate has `minChars` of body text, concentrated, and is not a list of teasers. */
function isArticleShaped(candidate: BodyCandidate, minChars: number): boolean {
  const { bodyChars, pageChars } = candidate;
  return (
    bodyChars >= minChars &&
    bodyChars >= MIN_BODY_TEXT_SHARE * pageChars &&
    !isTeaserList(candidate)
  );
}

/** Whether the body is a run of teaser `<article>`s, none of which dominates its text. */
function isTeaserList({ body, bodyChars, articles, textInside }: BodyCandidate): boolean {
  if (body.tagName === 'ARTICLE') return false;
  let teasers = 0;
  let largest = 0;
  for (const article of articles) {
    const chars = textInside.get(article) ?? 0;
    if (chars === 0 || !body.contains(article)) continue;
    teasers++;
    largest = Math.max(largest, chars);
  }
  return teasers >= MIN_TEASERS_IN_LIST && largest < MIN_MAIN_ARTICLE_SHARE * bodyChars;
}

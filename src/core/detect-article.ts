import {
  countEntries,
  hasSignedPosts,
  findBodyCandidate,
  type BodyCandidate,
} from './find-body-candidate';
import { findBodyEnd } from './find-body-end';
import { isListedInSiteMenu } from './is-listed-in-site-menu';
import { isListingAddress, readPageAddresses } from './page-addresses';
import { readPageHead } from './read-page-head';
import { MIN_PARAGRAPH_CHARS } from './scan-page';
import {
  classifySchemaType,
  readArticleSignals,
  type ArticleSignals,
  type SchemaTypeKind,
} from './read-article-signals';

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
/** Headings linking elsewhere inside the body from which it may be a list of teasers. */
export const MIN_TEASERS_IN_LIST = 3;
/** Whole entries (headings linking elsewhere, each leading a long text) that make a body a list of posts. */
export const MIN_ENTRIES_IN_LIST = 2;
/** Posts signed with a link to a member's profile that make a page a forum thread. */
export const MIN_POSTS_IN_THREAD = 3;
/** Body characters per teaser below which the teasers' texts are summaries, not the body. */
export const MAX_TEASER_CHARS = 500;
/**
 * Reader View's test of real paragraphs (Readability's `isProbablyReaderable`): paragraphs count
 * from this length, each adding the square root of its excess…
 */
export const MIN_LONG_PARAGRAPH_CHARS = 140;
/** …and an undeclared page needs more than this in all. Blurbs of a product or landing page stay under it. */
export const MIN_LONG_PARAGRAPH_SCORE = 20;
/**
 * What one character of Han or kana counts for against the length thresholds: such text runs about
 * a third of the length of the same text in a Latin script.
 */
export const DENSE_SCRIPT_CHAR_WEIGHT = 3;

/**
 * Titles of legal pages (terms, privacy, imprint, cookies) in the languages of the sites served:
 * long text, but never an article.
 */
const LEGAL_TITLE =
  /\b(?:terms (?:of (?:service|use)|and conditions)|privacy (?:policy|notice|statement)|cookie (?:policy|notice)|legal notice|imprint|impressum|datenschutz\w*|nutzungsbedingungen|allgemeine geschäftsbedingungen|agb|mentions légales|conditions générales|politique de confidentialité|aviso legal|política de (?:privacidad|cookies)|términos y condiciones|condizioni (?:generali|d'uso)|informativa (?:sulla )?privacy|privacybeleid|algemene voorwaarden|polityka prywatności|regulamin)\b/i;

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
  const head = readPageHead(doc);
  const addresses = readPageAddresses(doc, head);
  if (addresses.length > 0 && isListingAddress(addresses[0]!)) return null;
  const candidate = findBodyCandidate(doc, addresses);
  if (!candidate) return null;
  const bodyLength =
    candidate.bodyChars + (DENSE_SCRIPT_CHAR_WEIGHT - 1) * candidate.bodyDenseChars;
  if (bodyLength < minCharsWithMetadata) return null;
  if (candidate.bodyChars < MIN_BODY_TEXT_SHARE * candidate.pageChars) return null;
  const signals = readArticleSignals(doc, candidate.scan.jsonLdScripts, head);
  const itemKind = classifyItemType(candidate.itemType);
  const declaresArticle = signals.hasArticleJsonLd || signals.hasArticleOpenGraph;
  if (
    signals.declaresNonArticle ||
    itemKind === 'overridingNonArticle' ||
    (itemKind === 'nonArticle' && !declaresArticle)
  ) {
    return null;
  }
  const isDeclared =
    declaresArticle ||
    itemKind === 'article' ||
    candidate.isInArticleBody ||
    candidate.isInArticleElement;
  if (!isDeclared && (bodyLength < minChars || !hasLongParagraphs(candidate))) return null;
  // A short text beside a player describes an episode or a clip, whatever the metadata says.
  if (bodyLength < minChars && hasPlayer(storyOf(candidate))) return null;
  if (isTeaserList(candidate, minChars) || isEntryList(candidate) || isLegalPage(doc, candidate)) {
    return null;
  }
  if (isSitePage(candidate, signals, addresses)) return null;
  // Forums rarely declare an article; news sites that link readers' profiles in the text often do.
  if (!signals.hasArticleJsonLd && hasSignedPosts(candidate, MIN_POSTS_IN_THREAD)) return null;
  return { body: candidate.body, anchor: findBodyEnd(candidate.parts, candidate.scan.totals) };
}

/**
 * Whether the body is a list of teasers: several headings linking to other pages, each followed by
 * a short summary, and no run of text between two of them long enough to be an article.
 */
function isTeaserList(candidate: BodyCandidate, minChars: number): boolean {
  const { bodyTeasers, bodyChars, longestRunChars } = candidate;
  return (
    bodyTeasers >= MIN_TEASERS_IN_LIST &&
    bodyChars < MAX_TEASER_CHARS * bodyTeasers &&
    longestRunChars < minChars
  );
}

/**
 * Whether the body's paragraphs pass Reader View's test: enough text in paragraphs of
 * {@link MIN_LONG_PARAGRAPH_CHARS} or more, not only short blurbs.
 */
function hasLongParagraphs({ bodyParagraphs }: BodyCandidate): boolean {
  let score = 0;
  for (const paragraph of bodyParagraphs) {
    const length = paragraph.chars + (DENSE_SCRIPT_CHAR_WEIGHT - 1) * paragraph.denseChars;
    if (length < MIN_LONG_PARAGRAPH_CHARS) continue;
    score += Math.sqrt(length - MIN_LONG_PARAGRAPH_CHARS);
    if (score > MIN_LONG_PARAGRAPH_SCORE) return true;
  }
  return false;
}

/** What the microdata item the body lies in says about the page (an `itemtype` may list several types). */
function classifyItemType(itemType: string | null): SchemaTypeKind {
  let found: SchemaTypeKind = null;
  for (const type of itemType?.split(/\s+/) ?? []) {
    const kind = classifySchemaType(type);
    if (kind === 'overridingNonArticle') return kind;
    found ??= kind;
  }
  return found;
}

/**
 * Whether the body is a list of whole entries (a blog's front showing its latest posts in full):
 * it opens with a heading linking elsewhere, and several such headings each lead a long run of text.
 */
function isEntryList(candidate: BodyCandidate): boolean {
  if (candidate.scan.linkedHeadings.length < MIN_ENTRIES_IN_LIST) return false;
  const { entries, leadChars } = countEntries(candidate);
  return entries >= MIN_ENTRIES_IN_LIST && leadChars < MIN_PARAGRAPH_CHARS;
}

/**
 * Whether the page is one of the site's own (a service, about or product page): its menu lists
 * it by one of its `addresses`, and nothing dates it. A dated article may be featured in a menu.
 */
function isSitePage(
  candidate: BodyCandidate,
  signals: ArticleSignals,
  addresses: readonly string[],
): boolean {
  if (signals.hasArticleJsonLd || signals.hasPublishedDate) return false;
  // A menu's link home says nothing of a page that also goes by the site's root.
  const pageAddresses = addresses.filter((address) => !isListingAddress(address));
  if (!isListedInSiteMenu(candidate.scan.menus, candidate.parts, pageAddresses)) return false;
  // A byline's <time> sits in the article's header, beside the body rather than in it.
  return storyOf(candidate).getElementsByTagName('time').length === 0;
}

/** The body with what sits beside it (title, byline, media): its `<article>`, else its parent. */
function storyOf({ body }: BodyCandidate): Element {
  return body.closest('article') ?? body.parentElement ?? body;
}

/** Whether `story` holds an audio or video player: the page of a podcast episode or a clip. */
function hasPlayer(story: Element): boolean {
  return (
    story.getElementsByTagName('audio').length > 0 || story.getElementsByTagName('video').length > 0
  );
}

/** Whether the page's title or main heading names a legal page. */
function isLegalPage(doc: Document, { scan }: BodyCandidate): boolean {
  return LEGAL_TITLE.test(doc.title) || LEGAL_TITLE.test(scan.firstHeading ?? '');
}

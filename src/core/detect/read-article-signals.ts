import { parseJsonLdScript } from '../article-metadata';
import { readPageHead, type PageHead } from './read-page-head';

/** What a page's metadata says about whether it is an article, read without a full DOM scan. */
export interface ArticleSignals {
  /** JSON-LD names an article type (NewsArticle, BlogPosting, ReportageNewsArticle…). */
  hasArticleJsonLd: boolean;
  /** Open Graph says og:type=article. */
  hasArticleOpenGraph: boolean;
  /** A meta tag or JSON-LD gives a publication date. */
  hasPublishedDate: boolean;
  /**
   * The metadata names a kind of page that is not an article (video, product, profile…) and no
   * JSON-LD article, or a recipe (recipe posts also declare an article), or a plain WebPage with no
   * article publication time (how CMSs describe a site's own pages: services, about, landing).
   */
  declaresNonArticle: boolean;
  /** Of those, only the plain WebPage: no other kind of page is named. */
  declaresWebPageOnly: boolean;
}

/** schema.org types of article pages; `DiscussionForumPosting` (a forum thread) is deliberately not one. */
const ARTICLE_TYPE = /^(?:\w*Article|BlogPosting|LiveBlogPosting|SocialMediaPosting|Report)$/;

/** schema.org types whose page, when nothing on it is an article, is not one. */
const NON_ARTICLE_TYPE =
  /^(?:VideoObject|VideoGallery|ImageGallery|MediaGallery|Recipe|Product|ProductGroup|Offer|CollectionPage|ItemList|SearchResultsPage|ProfilePage|AboutPage|ContactPage|Event|JobPosting|DiscussionForumPosting|QAPage|FAQPage|PodcastEpisode|PodcastSeries|Movie|LocalBusiness|Store|Restaurant)$/;

/** schema.org types that make a page a non-article even beside an article type (recipe blogs declare both). */
const OVERRIDING_NON_ARTICLE_TYPE = /^Recipe$/;

/** A schema.org type's name without its vocabulary (`https://schema.org/Product` → `Product`). */
export function schemaTypeName(type: string): string {
  return type.replace(/^.*[/#:]/, '');
}

/** What a schema.org type name (JSON-LD `@type` or microdata `itemtype`) says about its page. */
export type SchemaTypeKind = 'article' | 'nonArticle' | 'overridingNonArticle' | null;

export function classifySchemaType(type: string): SchemaTypeKind {
  const name = schemaTypeName(type);
  if (ARTICLE_TYPE.test(name)) return 'article';
  if (OVERRIDING_NON_ARTICLE_TYPE.test(name)) return 'overridingNonArticle';
  return NON_ARTICLE_TYPE.test(name) ? 'nonArticle' : null;
}

/**
 * Whether a JSON-LD block is a list of things of one kind, such as a sidebar's upcoming events
 * (a calendar plugin writes one item per event shown): it describes what the page lists beside
 * its text, not the page, which describes itself once.
 */
function listsShownItems(block: unknown): boolean {
  if (!Array.isArray(block) || block.length < 2) return false;
  const typeOf = (item: unknown): unknown =>
    typeof item === 'object' && item !== null ? (item as Record<string, unknown>)['@type'] : null;
  const first = typeOf(block[0]);
  return typeof first === 'string' && block.every((item) => typeOf(item) === first);
}

/** og:type values of pages that are not articles. */
const NON_ARTICLE_OG_TYPE =
  /^(?:video|music|product|profile|business|place|restaurant|books?|game)\b/i;

/**
 * A Twitter card's kind (`twitter:card`) of a page whose main content is an audio or video player:
 * a clip's or an episode's page. A story with a video in it shows a summary card.
 */
const PLAYER_CARD = /^player$/i;

const PUBLISHED_META =
  /^(?:article:published(?:_time)?|datepublished|publishdate|publish[-_]date|pubdate|date|dc\.date(?:\.issued)?)$/i;

/** JSON-LD nesting followed when looking for types (arrays and @graph). */
const MAX_JSON_LD_DEPTH = 4;

/**
 * Reads the article signals of `doc`'s JSON-LD blocks and meta tags. Only the `<head>` is searched
 * (`head`, read here when not given), plus `bodyScripts` (the JSON-LD scripts found in the body by
 * a walk already made); without them, the whole document is.
 */
export function readArticleSignals(
  doc: Document,
  bodyScripts?: readonly Element[],
  head?: PageHead,
): ArticleSignals {
  const signals: ArticleSignals = {
    hasArticleJsonLd: false,
    hasArticleOpenGraph: false,
    hasPublishedDate: false,
    declaresNonArticle: false,
    declaresWebPageOnly: false,
  };
  let hasNonArticleType = false;
  let hasOverridingType = false;
  let hasWebPageType = false;
  let hasPublishedMeta = false;
  const visit = (node: unknown, depth: number): void => {
    if (depth > MAX_JSON_LD_DEPTH || typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, depth + 1);
      return;
    }
    const record = node as Record<string, unknown>;
    const types = ([] as unknown[]).concat(record['@type'] ?? []);
    for (const type of types) {
      if (typeof type !== 'string') continue;
      const kind = classifySchemaType(type);
      if (kind === 'article') signals.hasArticleJsonLd = true;
      else if (kind === 'overridingNonArticle') hasOverridingType = true;
      else if (kind === 'nonArticle') hasNonArticleType = true;
      else if (/^(?:.*[/#:])?WebPage$/.test(type)) hasWebPageType = true;
    }
    if (record['datePublished']) signals.hasPublishedDate = true;
    if (record['@graph']) visit(record['@graph'], depth + 1);
    // A WebPage may name its article as its main entity.
    if (record['mainEntity']) visit(record['mainEntity'], depth + 1);
  };
  const pageHead = bodyScripts ? (head ?? readPageHead(doc)) : null;
  const scripts =
    pageHead && bodyScripts
      ? [...pageHead.jsonLdScripts, ...bodyScripts]
      : doc.getElementsByTagName('script');
  for (const script of scripts) {
    if (!/ld\+json/i.test(script.getAttribute('type') ?? '')) continue;
    try {
      const block = parseJsonLdScript(script);
      if (!listsShownItems(block)) visit(block, 0);
    } catch {
      // Broken JSON-LD is common; the other signals still count.
    }
  }
  let hasNonArticleMetaType = false;
  const metas = pageHead ? pageHead.metas : doc.getElementsByTagName('meta');
  for (const meta of metas) {
    const key =
      meta.getAttribute('property') ?? meta.getAttribute('name') ?? meta.getAttribute('itemprop');
    if (!key) continue;
    // The content only of the few keys read: a page's head holds dozens of other metas.
    const isOpenGraphType = /^og:type$/i.test(key);
    const isTwitterCard = /^twitter:card$/i.test(key);
    if (!isOpenGraphType && !isTwitterCard && !PUBLISHED_META.test(key)) continue;
    const content = (meta.getAttribute('content') ?? '').trim();
    if (isTwitterCard) {
      if (PLAYER_CARD.test(content)) hasNonArticleMetaType = true;
    } else if (isOpenGraphType) {
      if (/^article$/i.test(content)) signals.hasArticleOpenGraph = true;
      else if (NON_ARTICLE_OG_TYPE.test(content)) hasNonArticleMetaType = true;
    } else if (content) {
      signals.hasPublishedDate = true;
      hasPublishedMeta = true;
    }
  }
  const isSitePage = hasWebPageType && !signals.hasArticleJsonLd && !hasPublishedMeta;
  // og:type=article is many CMSs' default for every page: it does not outweigh structured data
  // that describes only a video, a podcast or a product.
  const declaresOtherKind =
    hasOverridingType ||
    ((hasNonArticleType || hasNonArticleMetaType) && !signals.hasArticleJsonLd);
  signals.declaresNonArticle = declaresOtherKind || isSitePage;
  signals.declaresWebPageOnly = isSitePage && !declaresOtherKind;
  return signals;
}

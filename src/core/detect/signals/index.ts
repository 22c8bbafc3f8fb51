import type { PageFacts } from '../read-page-facts';
import { addressSlugWords } from './address-slug-words';
import { anyArticleDeclaration } from './any-article-declaration';
import { anyNonArticleMark } from './any-non-article-mark';
import { articleMarkup } from './article-markup';
import { bodyLength } from './body-length';
import { bodyTextShare } from './body-text-share';
import { declaresArticle } from './declares-article';
import { declaresNonArticle } from './declares-non-article';
import { entryList } from './entry-list';
import { forumAddress } from './forum-address';
import { headedSnippets } from './headed-snippets';
import { headingDensity } from './heading-density';
import { headlineWords } from './headline-words';
import { legalTitle } from './legal-title';
import { linkDensity } from './link-density';
import { listingAddress } from './listing-address';
import { listingTitle } from './listing-title';
import { longParagraphs } from './long-paragraphs';
import { mediaPage } from './media-page';
import { numberedAddress } from './numbered-address';
import { openGraphArticle } from './open-graph-article';
import { paragraphCount } from './paragraph-count';
import { playerBesideLittleText } from './player-beside-little-text';
import { productOffer } from './product-offer';
import { publishedDate } from './published-date';
import { referencePage } from './reference-page';
import { sectionAddress } from './section-address';
import { signedPosts } from './signed-posts';
import { siteInfoPage } from './site-info-page';
import { siteMenuPage } from './site-menu-page';
import { teaserList } from './teaser-list';
import { unvouchedNonArticleMark } from './unvouched-non-article-mark';

/**
 * The named signals the decision weighs, each a pure function of the page's facts. The cheap ones
 * come first: the decision reads the costly ones only when the others leave it open.
 */
export const SIGNALS = {
  bodyLength,
  bodyTextShare,
  longParagraphs,
  paragraphCount,
  declaresArticle,
  openGraphArticle,
  articleMarkup,
  declaresNonArticle,
  publishedDate,
  listingAddress,
  listingTitle,
  siteInfoPage,
  referencePage,
  forumAddress,
  addressSlugWords,
  numberedAddress,
  sectionAddress,
  headlineWords,
  anyArticleDeclaration,
  legalTitle,
  teaserList,
  linkDensity,
  headingDensity,
  headedSnippets,
  playerBesideLittleText,
  mediaPage,
  entryList,
  siteMenuPage,
  productOffer,
  signedPosts,
  anyNonArticleMark,
  unvouchedNonArticleMark,
} satisfies Record<string, (facts: PageFacts) => number>;

/** The name of one signal. */
export type SignalName = keyof typeof SIGNALS;

/** The signals' names, in the order the decision reads them. */
export const SIGNAL_NAMES = Object.keys(SIGNALS) as SignalName[];

import { storyHasTime } from '../find-body-candidate';
import { isDated, isDeclaredBeyondOpenGraph } from '../is-dated-or-declared';
import { isCompanyAddress } from '../page-addresses';
import type { PageFacts } from '../read-page-facts';
import { headedSnippets, MIN_HEADED_SNIPPETS } from './headed-snippets';
import { productOffer } from './product-offer';
import { sectionAddress } from './section-address';
import { signedPosts } from './signed-posts';
import { siteMenuPage } from './site-menu-page';

/**
 * A mark of a page that is no article which a story's date or declaration would outweigh, on a
 * page that has neither: a section's or a company's address, a page the site's menu lists, an
 * offer to buy, fields under headings (og:type=article alone vouches for them only with a
 * `<time>` in the story); or posts signed by readers where no structured data declares
 * an article.
 */
export function unvouchedNonArticleMark(facts: PageFacts): number {
  const dated = isDated(facts);
  const declared = isDeclaredBeyondOpenGraph(facts);
  if (!facts.metadata.hasArticleJsonLd && signedPosts(facts)) return 1;
  if (dated) return 0;
  if (sectionAddress(facts) || siteMenuPage(facts)) return 1;
  if (declared) return 0;
  if (isCompanyAddress(facts.addresses) || productOffer(facts)) return 1;
  const isVouched = facts.metadata.hasArticleOpenGraph && storyHasTime(facts.candidate);
  return !isVouched && headedSnippets(facts) >= MIN_HEADED_SNIPPETS ? 1 : 0;
}

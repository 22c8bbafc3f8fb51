import type { PageFacts } from '../read-page-facts';

/**
 * The metadata names a kind of page that is not an article (video, product, profile, recipe,
 * forum thread, a site's own web page), or the body's microdata item does. An article item around
 * the body outweighs a bare WebPage, which some SEO plugins write for every page.
 */
export function declaresNonArticle({ metadata, itemKind }: PageFacts): number {
  const itemSaysNo =
    itemKind === 'overridingNonArticle' ||
    (itemKind === 'nonArticle' && !metadata.hasArticleJsonLd && !metadata.hasArticleOpenGraph);
  const metadataSaysNo =
    metadata.declaresNonArticle && !(metadata.declaresWebPageOnly && itemKind === 'article');
  return metadataSaysNo || itemSaysNo ? 1 : 0;
}

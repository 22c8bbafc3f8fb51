import type { PageFacts } from '../read-page-facts';

/**
 * The metadata names a kind of page that is not an article (video, product, profile, recipe,
 * forum thread, a site's own web page), or the body's microdata item does.
 */
export function declaresNonArticle({ metadata, itemKind }: PageFacts): number {
  const itemSaysNo =
    itemKind === 'overridingNonArticle' ||
    (itemKind === 'nonArticle' && !metadata.hasArticleJsonLd && !metadata.hasArticleOpenGraph);
  return metadata.declaresNonArticle || itemSaysNo ? 1 : 0;
}

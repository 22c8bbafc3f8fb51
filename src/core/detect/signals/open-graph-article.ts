import type { PageFacts } from '../read-page-facts';

/** Open Graph says `og:type=article` (many sites' default for every page, so weaker than structured data). */
export function openGraphArticle({ metadata }: PageFacts): number {
  return metadata.hasArticleOpenGraph ? 1 : 0;
}

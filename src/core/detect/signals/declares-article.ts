import type { PageFacts } from '../read-page-facts';

/** Structured data (JSON-LD or the body's microdata item) declares an article. */
export function declaresArticle({ metadata, itemKind }: PageFacts): number {
  return metadata.hasArticleJsonLd || itemKind === 'article' ? 1 : 0;
}

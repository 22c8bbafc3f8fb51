import type { PageFacts } from '../read-page-facts';

/** The body lies in an `<article>` element or in one marked `itemprop="articleBody"`. */
export function articleMarkup({ candidate }: PageFacts): number {
  return candidate.isInArticleElement || candidate.isInArticleBody ? 1 : 0;
}

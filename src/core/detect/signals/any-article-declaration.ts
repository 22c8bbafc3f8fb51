import type { PageFacts } from '../read-page-facts';
import { articleMarkup } from './article-markup';
import { declaresArticle } from './declares-article';
import { openGraphArticle } from './open-graph-article';

/**
 * Any of the page's declarations calls it an article: structured data, `og:type` or the body's
 * markup. Sites declare in one way or another; on their own each is rare enough to be overlooked.
 */
export function anyArticleDeclaration(facts: PageFacts): number {
  return Math.max(declaresArticle(facts), openGraphArticle(facts), articleMarkup(facts));
}

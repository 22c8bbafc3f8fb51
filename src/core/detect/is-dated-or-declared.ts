import { storyHasTime } from './find-body-candidate';
import { hasDatedAddress } from './page-addresses';
import type { PageFacts } from './read-page-facts';

/** Whether the page's head (its structured data, a publication date) or its address dates it. */
export function isDated({ metadata, addresses }: PageFacts): boolean {
  return metadata.hasArticleJsonLd || metadata.hasPublishedDate || hasDatedAddress(addresses);
}

/**
 * Whether the page declares an article by more than `og:type=article` (which many sites set on
 * every page): its structured data, microdata, or the markup its body lies in.
 */
export function isDeclaredBeyondOpenGraph({ metadata, itemKind, candidate }: PageFacts): boolean {
  return (
    metadata.hasArticleJsonLd ||
    itemKind === 'article' ||
    candidate.isInArticleBody ||
    candidate.isInArticleElement
  );
}

/** Whether the page's metadata, address or story dates it, or its structured data or markup declares an article. */
export function isDatedOrDeclared(facts: PageFacts): boolean {
  return isDated(facts) || isDeclaredBeyondOpenGraph(facts) || storyHasTime(facts.candidate);
}

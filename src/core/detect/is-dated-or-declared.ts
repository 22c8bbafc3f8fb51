import { storyHasTime } from './find-body-candidate';
import { hasDatedAddress } from './page-addresses';
import type { PageFacts } from './read-page-facts';

/** Whether the page's metadata, address or story dates it, or its structured data or markup declares an article. */
export function isDatedOrDeclared({
  metadata,
  itemKind,
  candidate,
  addresses,
}: PageFacts): boolean {
  return (
    metadata.hasArticleJsonLd ||
    metadata.hasPublishedDate ||
    itemKind === 'article' ||
    candidate.isInArticleBody ||
    candidate.isInArticleElement ||
    hasDatedAddress(addresses) ||
    storyHasTime(candidate)
  );
}

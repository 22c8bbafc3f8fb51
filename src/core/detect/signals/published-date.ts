import type { PageFacts } from '../read-page-facts';

/** The metadata gives a publication date, as articles' do. */
export function publishedDate({ metadata }: PageFacts): number {
  return metadata.hasPublishedDate ? 1 : 0;
}

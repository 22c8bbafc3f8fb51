import type { PageFacts } from '../read-page-facts';

/** How many paragraphs the body holds, on a log scale. */
export function paragraphCount({ candidate }: PageFacts): number {
  return Math.log1p(candidate.bodyParagraphs.length);
}

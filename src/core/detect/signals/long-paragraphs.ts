import { weighLength } from '../measure-text';
import type { PageFacts } from '../read-page-facts';

/** Reader View's paragraph length from which a paragraph counts (Readability's `isProbablyReaderable`). */
export const MIN_LONG_PARAGRAPH_CHARS = 140;

/**
 * Reader View's score of the body's real paragraphs, on a log scale: each paragraph of
 * {@link MIN_LONG_PARAGRAPH_CHARS} or more adds the square root of its excess. Blurbs add nothing.
 */
export function longParagraphs({ candidate }: PageFacts): number {
  let score = 0;
  for (const paragraph of candidate.bodyParagraphs) {
    const length = weighLength(paragraph.chars, paragraph.denseChars);
    if (length > MIN_LONG_PARAGRAPH_CHARS) score += Math.sqrt(length - MIN_LONG_PARAGRAPH_CHARS);
  }
  return Math.log1p(score);
}

import { weighLength } from '../measure-text';
import type { PageFacts } from '../read-page-facts';

/** How much text the body holds, outside links, CJK weighed fairly: log10 of its weighed characters. */
export function bodyLength({ candidate }: PageFacts): number {
  return Math.log10(1 + weighLength(candidate.bodyChars, candidate.bodyDenseChars));
}

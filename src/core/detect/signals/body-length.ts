import { weighLength } from '../measure-text';
import type { PageFacts } from '../read-page-facts';

/** How much text the body holds, outside links, CJK weighed fairly: log10 of its weighed characters. */
export function bodyLength({ candidate }: PageFacts): number {
  // At least 0: the scan may count a linked paragraph's links a character longer than its text,
  // and the log of a negative count is NaN, which every threshold would read as a long body.
  const chars = Math.max(0, weighLength(candidate.bodyChars, candidate.bodyDenseChars));
  return Math.log10(1 + chars);
}

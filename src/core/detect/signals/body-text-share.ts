import type { PageFacts } from '../read-page-facts';

/** The share of the page's paragraph text that lies in the body (low when text is spread, as on a front). */
export function bodyTextShare({ candidate }: PageFacts): number {
  return candidate.pageChars > 0 ? candidate.bodyChars / candidate.pageChars : 0;
}

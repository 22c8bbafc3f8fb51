import type { PageFacts } from '../read-page-facts';

/** Body characters per heading below which text reads as a series of headed snippets. */
const CHARS_PER_HEADING = 1000;
const SUBHEADINGS = ['h2', 'h3', 'h4', 'h5', 'h6'];

/** Subheadings in the body per {@link CHARS_PER_HEADING} characters of its text (high for indexes of teasers). */
export function headingDensity({ candidate }: PageFacts): number {
  let headings = 0;
  for (const part of candidate.parts) {
    for (const tag of SUBHEADINGS) headings += part.getElementsByTagName(tag).length;
  }
  return (headings * CHARS_PER_HEADING) / Math.max(candidate.bodyChars, CHARS_PER_HEADING);
}

import { bodySubheadings } from '../find-body-candidate';
import type { PageFacts } from '../read-page-facts';

/** Body characters per heading below which text reads as a series of headed snippets. */
const CHARS_PER_HEADING = 1000;

/** Subheadings in the body per {@link CHARS_PER_HEADING} characters of its text (high for indexes of teasers). */
export function headingDensity({ candidate }: PageFacts): number {
  const headings = bodySubheadings(candidate).length;
  return (headings * CHARS_PER_HEADING) / Math.max(candidate.bodyChars, CHARS_PER_HEADING);
}

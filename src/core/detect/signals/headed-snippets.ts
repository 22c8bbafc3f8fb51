import type { PageFacts } from '../read-page-facts';

/** Body characters the density is counted per. */
const CHARS_PER_COUNT = 1000;
/**
 * Headings per {@link CHARS_PER_COUNT} body characters from which the body reads as labelled
 * snippets: a heading every 200 characters. A story's subheadings head paragraphs.
 */
export const MIN_HEADED_SNIPPETS = 5;

/**
 * Subheadings in the body that link nowhere, per {@link CHARS_PER_COUNT} characters of its text:
 * high where the body is labelled snippets (a product's specifications, a listing's fields). A
 * teaser's linked heading is left to the headingDensity signal.
 */
export function headedSnippets({ candidate }: PageFacts): number {
  const linked = new Set(candidate.scan.linkedHeadings.map(({ el }) => el));
  let headings = 0;
  for (const part of candidate.parts) {
    for (const heading of part.querySelectorAll('h2, h3, h4, h5, h6')) {
      if (!linked.has(heading) && !heading.closest('a') && !heading.querySelector('a')) headings++;
    }
  }
  return (headings * CHARS_PER_COUNT) / Math.max(candidate.bodyChars, CHARS_PER_COUNT);
}

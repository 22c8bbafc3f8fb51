import type { PageFacts } from '../read-page-facts';

/** Body characters the density is counted per. */
const CHARS_PER_COUNT = 1000;
/**
 * Headings per {@link CHARS_PER_COUNT} body characters from which the body reads as labelled
 * snippets: a heading every 200 characters. A story's subheadings head paragraphs.
 */
export const MIN_HEADED_SNIPPETS = 5;

const SUBHEADINGS = ['h2', 'h3', 'h4', 'h5', 'h6'];

/**
 * Subheadings in the body that link nowhere, per {@link CHARS_PER_COUNT} characters of its text:
 * high where the body is labelled snippets (a product's specifications, a listing's fields). A
 * teaser's linked heading is left to the headingDensity signal.
 */
export function headedSnippets({ candidate }: PageFacts): number {
  const linked = new Set(candidate.scan.linkedHeadings.map(({ el }) => el));
  let headings = 0;
  // Tag lookups and a climb, not selector queries: jsdom's selector engine costs several times more.
  for (const part of candidate.parts) {
    for (const tag of SUBHEADINGS) {
      const found = part.getElementsByTagName(tag);
      for (let i = 0, count = found.length; i < count; i++) {
        const heading = found[i]!;
        if (!linked.has(heading) && !isInLink(heading) && !holdsLink(heading)) headings++;
      }
    }
  }
  return (headings * CHARS_PER_COUNT) / Math.max(candidate.bodyChars, CHARS_PER_COUNT);
}

/** Whether `el` lies in a link (`el.closest('a')`). */
function isInLink(el: Element): boolean {
  for (let node: Element | null = el; node; node = node.parentElement) {
    if (node.localName === 'a') return true;
  }
  return false;
}

/** Whether `el` holds a link (`el.querySelector('a')`). */
function holdsLink(el: Element): boolean {
  return el.getElementsByTagName('a').length > 0;
}

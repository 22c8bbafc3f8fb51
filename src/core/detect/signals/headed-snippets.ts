import { holdsText, weighLength } from '../measure-text';
import { bodySubheadings } from '../find-body-candidate';
import type { PageFacts } from '../read-page-facts';
import { isInLink } from '../../page-tree';

/** Body characters ({@link weighLength}) the density is counted per. */
const CHARS_PER_COUNT = 1000;
/**
 * Headings per {@link CHARS_PER_COUNT} body characters from which the body reads as labelled
 * snippets: a heading every 200 characters. A story's subheadings head paragraphs.
 */
export const MIN_HEADED_SNIPPETS = 5;

/**
 * Subheadings in the body that link nowhere, per {@link CHARS_PER_COUNT} characters of its text:
 * high where the body is labelled snippets (a product's specifications, a listing's fields). A
 * teaser's linked heading is left to the headingDensity signal, and an empty one (`<h3>&nbsp;</h3>`,
 * an editor's blank line between paragraphs) labels nothing.
 */
export function headedSnippets({ candidate }: PageFacts): number {
  const linked = new Set(candidate.scan.linkedHeadings.map(({ el }) => el));
  // A climb and a tag lookup, not selector queries: jsdom's selector engine costs several times more.
  const headings = bodySubheadings(candidate).filter(
    (heading) =>
      !linked.has(heading) && !isInLink(heading) && !holdsLink(heading) && holdsText(heading),
  ).length;
  // Han and kana weighed as bodyLength weighs them: a Chinese story's sections are as long.
  const length = weighLength(candidate.bodyChars, candidate.bodyDenseChars);
  return (headings * CHARS_PER_COUNT) / Math.max(length, CHARS_PER_COUNT);
}

/** Whether `el` holds a link (`el.querySelector('a')`). */
function holdsLink(el: Element): boolean {
  return el.getElementsByTagName('a').length > 0;
}

import { countWords } from '../measure-text';
import type { PageFacts } from '../read-page-facts';

/** What separates a title's parts (headline, section, site name). */
const TITLE_PARTS = /\s[|–—·»:-]\s|\s[|»]|[|»]\s/;

/**
 * Words in the page's main heading (its first `<h1>`, else the longest part of its title): a
 * story's headline is a sentence, the heading of an about, service or product page is a name.
 */
export function headlineWords({ title, candidate }: PageFacts): number {
  const heading = candidate.scan.firstHeading?.trim() || longestPart(title);
  return countWords(heading);
}

function longestPart(title: string): string {
  return title
    .split(TITLE_PARTS)
    .reduce((longest, part) => (part.trim().length > longest.length ? part.trim() : longest), '');
}

import type { PageFacts } from '../read-page-facts';

/** Han and kana: a word of such text runs about two characters, with no space between words. */
const DENSE_SCRIPT_CHARS = /[\u3040-\u30FF\u3400-\u9FFF\uF900-\uFAFF]/g;
/** What separates a title's parts (headline, section, site name). */
const TITLE_PARTS = /\s[|–—·»:-]\s|\s[|»]|[|»]\s/;

/**
 * Words in the page's main heading (its first `<h1>`, else the longest part of its title): a
 * story's headline is a sentence, the heading of an about, service or product page is a name.
 */
export function headlineWords({ doc, candidate }: PageFacts): number {
  const heading = candidate.scan.firstHeading?.trim() || longestPart(doc.title);
  const dense = heading.match(DENSE_SCRIPT_CHARS)?.length ?? 0;
  const words = heading.replace(DENSE_SCRIPT_CHARS, ' ').split(/\s+/).filter(Boolean).length;
  return words + dense / 2;
}

function longestPart(title: string): string {
  return title
    .split(TITLE_PARTS)
    .reduce((longest, part) => (part.trim().length > longest.length ? part.trim() : longest), '');
}

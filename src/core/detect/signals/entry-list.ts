import { countEntries } from '../find-body-candidate';
import type { PageFacts } from '../read-page-facts';
import { MIN_PARAGRAPH_CHARS } from '../scan-page';

/** Whole entries (headings linking elsewhere, each leading a long text) that make a body a list of posts. */
export const MIN_ENTRIES_IN_LIST = 2;

/**
 * The body is a list of whole entries (a blog's front showing its latest posts in full): it opens
 * with a heading linking elsewhere, and several such headings each lead a long run of text.
 */
export function entryList({ candidate }: PageFacts): number {
  if (candidate.scan.linkedHeadings.length < MIN_ENTRIES_IN_LIST) return 0;
  const { entries, leadChars } = countEntries(candidate);
  return entries >= MIN_ENTRIES_IN_LIST && leadChars < MIN_PARAGRAPH_CHARS ? 1 : 0;
}

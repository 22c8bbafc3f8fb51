import { parseAddress, pathSegmentName } from '../page-addresses';
import type { PageFacts } from '../read-page-facts';

/** Most path segments a section's address has (`/news/world/europe`). */
const MAX_SECTION_SEGMENTS = 3;
/** A path segment that is one word of letters (decoded): no digits, no hyphens. */
const ONE_WORD = /^\p{L}+$/u;

/**
 * Every address the page goes by is a section's, a topic's or a site's own page: one to
 * {@link MAX_SECTION_SEGMENTS} path segments, each a single word without a file's extension
 * (`/world`, `/sport/football`), and no query. A story's address carries its headline's words, a
 * date or a number. Every one, since a site may declare its section the canonical address of its
 * stories.
 */
export function sectionAddress({ addresses }: Pick<PageFacts, 'addresses'>): number {
  return addresses.length > 0 && addresses.every(isSectionAddress) ? 1 : 0;
}

function isSectionAddress(address: string): boolean {
  const { pathname, search } = parseAddress(address);
  const segments = pathname.split('/').filter(Boolean);
  return (
    search === '' &&
    segments.length > 0 &&
    segments.length <= MAX_SECTION_SEGMENTS &&
    segments.every((segment) => !segment.includes('.') && ONE_WORD.test(pathSegmentName(segment)))
  );
}

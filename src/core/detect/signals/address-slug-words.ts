import { pathSegmentName } from '../page-addresses';
import type { PageFacts } from '../read-page-facts';

/**
 * Words in the last named segment of the page's address (`/2024/05/harbour-fire-closes-port` → 4):
 * a story's address spells out its headline, a section's, service's or product's names a topic.
 */
export function addressSlugWords({ addresses }: PageFacts): number {
  if (addresses.length === 0) return 0;
  const segments = new URL(addresses[0]!).pathname.split('/').filter((part) => /\p{L}/u.test(part));
  const last = segments.at(-1);
  if (last === undefined) return 0;
  const name = pathSegmentName(last);
  return name.split(/[-_+.,\s]+/).filter((word) => /\p{L}/u.test(word)).length;
}

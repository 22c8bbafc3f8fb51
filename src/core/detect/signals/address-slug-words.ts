import { firstAddressUrl, pathSegmentName } from '../page-addresses';
import type { PageFacts } from '../read-page-facts';

/**
 * Words in the last named segment of the page's address (`/2024/05/harbour-fire-closes-port` → 4):
 * a story's address spells out its headline, a section's, service's or product's names a topic.
 */
export function addressSlugWords({ addresses }: PageFacts): number {
  const url = firstAddressUrl(addresses);
  if (!url) return 0;
  const segments = url.pathname.split('/').filter((part) => /\p{L}/u.test(part));
  const last = segments.at(-1);
  if (last === undefined) return 0;
  const name = pathSegmentName(last);
  return name.split(/[-_+.,\s]+/).filter((word) => /\p{L}/u.test(word)).length;
}

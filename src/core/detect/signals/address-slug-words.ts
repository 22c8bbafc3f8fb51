import { firstAddressUrl, slugWords } from '../page-addresses';
import type { PageFacts } from '../read-page-facts';

/**
 * Words in the last named segment of the page's address (`/2024/05/harbour-fire-closes-port` → 4):
 * a story's address spells out its headline, a section's, service's or product's names a topic.
 */
export function addressSlugWords({ addresses }: PageFacts): number {
  const url = firstAddressUrl(addresses);
  return url ? slugWords(url.pathname) : 0;
}

import { isListingAddress } from '../page-addresses';
import type { PageFacts } from '../read-page-facts';

/** The page's address has the shape of a list: a site's home, a search, a tag, category or author page. */
export function listingAddress({ addresses }: Pick<PageFacts, 'addresses'>): number {
  return addresses.length > 0 && isListingAddress(addresses[0]!) ? 1 : 0;
}

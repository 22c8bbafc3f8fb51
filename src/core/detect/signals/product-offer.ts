import type { PageFacts } from '../read-page-facts';

/** schema.org types of something for sale: a product, or an offer of one (its price). */
const SALE_ITEM_TYPE = /schema\.org\/(?:Product|Offer|AggregateOffer)\b/i;

/**
 * The page's microdata offers something for sale (a Product or an Offer item, in a block the walk
 * read: not in a sidebar or a footer): a shop's page.
 */
export function productOffer({ candidate }: PageFacts): number {
  const isForSale = (item: Element) => SALE_ITEM_TYPE.test(item.getAttribute('itemtype') ?? '');
  return candidate.scan.items.some(isForSale) ? 1 : 0;
}

import type { PageFacts } from '../read-page-facts';

/** Microdata items of something for sale: a schema.org Product, or an offer of one (its price). */
const SALE_ITEMS = [
  '[itemtype*="schema.org/Product" i]',
  '[itemtype*="schema.org/Offer" i]',
  '[itemtype*="schema.org/AggregateOffer" i]',
].join(', ');

/** The page's microdata offers something for sale (a Product or an Offer item): a shop's page. */
export function productOffer({ doc }: PageFacts): number {
  return doc.querySelector(SALE_ITEMS) ? 1 : 0;
}

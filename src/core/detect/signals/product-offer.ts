import { classifySchemaType, schemaTypeName } from '../read-article-signals';
import type { PageFacts } from '../read-page-facts';

/** schema.org types of something for sale: a product (or a group or model of one), an offer. */
const SALE_TYPE = /^(?:Product\w*|Offer|AggregateOffer)$/;
/**
 * Types that make an item a piece of writing, whatever else it is, beside the article types: a
 * review (of the product it marks up), and the `CreativeWork Product` of paywall markup.
 */
const WRITING_TYPE = /^(?:Review|CreativeWork)$/;

/**
 * The page's microdata offers something for sale and describes no piece of writing: a shop's page.
 * Only the outermost such items say what the page is: a shop's product holds its buyers' reviews,
 * a review the product it reviews. Items in `<nav>`, `<aside>` and `<footer>`, which the walk
 * skips, do not count, nor do those on inline elements (`<span>`), which it does not list.
 */
export function productOffer({ candidate }: PageFacts): number {
  let isForSale = false;
  let outermost: Element | null = null;
  // The walk lists items in document order: an item inside the last outermost one is nested.
  for (const item of candidate.scan.items) {
    const kind = itemKind(item);
    if (kind === null || outermost?.contains(item)) continue;
    if (kind === 'writing') return 0;
    outermost = item;
    isForSale = true;
  }
  return isForSale ? 1 : 0;
}

/** Whether `item` is a piece of writing, something for sale, or neither (a page, a person…). */
function itemKind(item: Element): 'writing' | 'sale' | null {
  let kind: 'writing' | 'sale' | null = null;
  // Types are URLs separated by spaces (some pages write the space as %20).
  for (const url of (item.getAttribute('itemtype') ?? '').split(/\s+|%20/)) {
    const type = schemaTypeName(url);
    if (WRITING_TYPE.test(type) || classifySchemaType(type) === 'article') return 'writing';
    if (SALE_TYPE.test(type)) kind = 'sale';
  }
  return kind;
}

import { classifySchemaType, schemaTypeName } from '../read-article-signals';
import type { PageFacts } from '../read-page-facts';

/**
 * schema.org types of something for sale: a product (or a group or model of one), an offer, an app
 * or a game (its store page offers it for install); and GoodRelations' `Offering`, the shop
 * vocabulary written in RDFa.
 */
const SALE_TYPE =
  /^(?:Product\w*|Offer|AggregateOffer|Offering|SoftwareApplication|MobileApplication|WebApplication|VideoGame)$/;
/**
 * Types that make an item a piece of writing, whatever else it is, beside the article types: a
 * review (of the product it marks up), and the `CreativeWork Product` of paywall markup.
 */
const WRITING_TYPE = /^(?:Review|CreativeWork)$/;

/**
 * The page offers something for sale and describes no piece of writing: a shop's page. Its
 * microdata names a product or an offer, or its root is typed as one in RDFa (which the walk does
 * not list).
 */
export function productOffer({ doc, candidate }: PageFacts): number {
  const items = microdataSale(candidate.scan.items);
  if (items !== null) return items ? 1 : 0;
  return isTypedForSale(doc.documentElement) ? 1 : 0;
}

/**
 * Whether the microdata offers something for sale (null when it says nothing either way). Only
 * the outermost such items say what the page is: a shop's product holds its buyers' reviews, a
 * review the product it reviews. Items in `<nav>`, `<aside>` and `<footer>`, which the walk skips,
 * do not count, nor do those on inline elements (`<span>`), which it does not list.
 */
function microdataSale(items: readonly Element[]): boolean | null {
  let isForSale = false;
  let outermost: Element | null = null;
  // The walk lists items in document order: an item inside the last outermost one is nested.
  for (const item of items) {
    const kind = itemKind(item.getAttribute('itemtype'));
    if (kind === null || outermost?.contains(item)) continue;
    if (kind === 'writing') return false;
    outermost = item;
    isForSale = true;
  }
  return isForSale ? true : null;
}

/** Whether the page's root element says in RDFa (`typeof="gr:Offering"`) that it sells something. */
function isTypedForSale(root: Element | null): boolean {
  return root !== null && itemKind(root.getAttribute('typeof')) === 'sale';
}

/** Whether an item of `types` is a piece of writing, something for sale, or neither (a page, a person…). */
function itemKind(types: string | null): 'writing' | 'sale' | null {
  let kind: 'writing' | 'sale' | null = null;
  // Types are URLs separated by spaces (some pages write the space as %20).
  for (const url of (types ?? '').split(/\s+|%20/)) {
    const type = schemaTypeName(url);
    if (WRITING_TYPE.test(type) || classifySchemaType(type) === 'article') return 'writing';
    if (SALE_TYPE.test(type)) kind = 'sale';
  }
  return kind;
}

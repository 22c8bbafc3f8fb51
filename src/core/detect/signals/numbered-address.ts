import { firstAddressUrl } from '../page-addresses';
import type { PageFacts } from '../read-page-facts';

/** A date (`/2024/05/`, `2024-05-01`, `20240501`) or a number of four digits or more: a story's. */
const DATE_OR_NUMBER = /(?:^|[/_-])(?:(?:19|20)\d\d[/_-](?:0?[1-9]|1[0-2])(?:[/_-]|$)|\d{4,})/;

/** The page's address holds a date or a long number, as stories' addresses do (their date or id). */
export function numberedAddress({ addresses }: PageFacts): number {
  const url = firstAddressUrl(addresses);
  if (!url) return 0;
  return DATE_OR_NUMBER.test(url.pathname) || DATE_OR_NUMBER.test(url.search) ? 1 : 0;
}

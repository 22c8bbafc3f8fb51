import { storyHasTime } from '../find-body-candidate';
import { isListedInSiteMenu } from '../is-listed-in-site-menu';
import { isListingAddress } from '../page-addresses';
import type { PageFacts } from '../read-page-facts';

/**
 * The site's menu lists this page (a service, about or product page: menus list sections and such
 * pages, not articles) and nothing in the story dates it.
 */
export function siteMenuPage({ candidate, addresses }: PageFacts): number {
  // A menu's link home says nothing of a page that also goes by the site's root.
  const pageAddresses = addresses.filter((address) => !isListingAddress(address));
  if (!isListedInSiteMenu(candidate.scan.menus, candidate.parts, pageAddresses)) return 0;
  return storyHasTime(candidate) ? 0 : 1;
}

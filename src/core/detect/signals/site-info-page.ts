import { lastPathSegment, pathSegmentName } from '../page-addresses';
import type { PageFacts } from '../read-page-facts';
import { TITLE_SEPARATOR } from './listing-title';

/**
 * Names of the pages a site or an organisation keeps about itself (about us, contact, team,
 * jobs, FAQ, a forum's rules), in the languages served, written lower-case with single spaces.
 */
const SITE_INFO_NAMES = new Set([
  'about',
  'about us',
  'about me',
  'who we are',
  'our story',
  'our team',
  'team',
  'contact',
  'contact us',
  'jobs',
  'careers',
  'faq',
  'forum rules',
  'community guidelines',
  'netiquette',
  'über uns',
  'ueber uns',
  'uber uns',
  'über mich',
  'wir über uns',
  'unser team',
  'kontakt',
  'karriere',
  'forenregeln',
  'forumsregeln',
  'forums regeln',
  'à propos',
  'a propos',
  'qui sommes nous',
  'nous contacter',
  'sobre nosotros',
  'quiénes somos',
  'quienes somos',
  'contacto',
  'chi siamo',
  'contatti',
  'over ons',
  'wie zijn wij',
  'o nas',
  'sobre nós',
  'quem somos',
  'contato',
]);

/**
 * A colon between a page's own name and its site's (`Über uns : Example`): a page about the site
 * may be titled so, beside the marks of {@link TITLE_SEPARATOR}.
 */
const COLON_SEPARATOR = /\s+:\s+/;

/**
 * The page is one a site keeps about itself (about us, contact, team, jobs): its address's last
 * segment, or its title or a part of it, is such a page's name. Long prose, but never an article.
 */
export function siteInfoPage({ title, addresses }: Pick<PageFacts, 'title' | 'addresses'>): number {
  const titleParts = title.split(TITLE_SEPARATOR).flatMap((part) => part.split(COLON_SEPARATOR));
  if (titleParts.some((part) => SITE_INFO_NAMES.has(nameOf(part)))) return 1;
  if (addresses.length === 0) return 0;
  return SITE_INFO_NAMES.has(nameOf(pathSegmentName(lastPathSegment(addresses[0]!)))) ? 1 : 0;
}

/** A title part or address segment as the names above are written. */
function nameOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/[-_+'\u2019\s]+/g, ' ')
    .trim();
}

import { firstAddressUrl, pathSegmentNames } from '../page-addresses';
import type { PageFacts } from '../read-page-facts';
import { TITLE_SEPARATOR } from './listing-title';

/**
 * Names of reference works (a glossary, a dictionary, an encyclopedia, a lexicon) in the languages
 * served, written lower-case, as a site names their pages in its title or their folder in its
 * addresses. Letters beyond ASCII as escapes (see LEGAL_NAME in legal-title.ts): w\u00f6rterbuch
 * is wörterbuch.
 */
const REFERENCE_NAMES = new Set([
  'glossary',
  'glossar',
  'glossaire',
  'glosario',
  'glossario',
  'dictionary',
  'w\u00f6rterbuch',
  'woerterbuch',
  'dictionnaire',
  'diccionario',
  'dizionario',
  'encyclopedia',
  'encyclopaedia',
  'enzyklop\u00e4die',
  'encyclop\u00e9die',
  'enciclopedia',
  'lexicon',
  'lexikon',
  'lexique',
]);

/** How dictionaries title an entry: `Serendipity Definition & Meaning - Merriam-Webster`. */
const DEFINITION_TITLE = /\bdefinition (?:and|&) meaning$/i;

/**
 * The page is an entry (or the index) of a reference work: a part of its title names one
 * (`Lexikon « Example`) or reads as a dictionary's entry, or a segment of its address is one's
 * folder (`/glossary/leverage`). Long explaining prose, but no story: a story about a dictionary
 * names it in a longer headline and a longer address segment.
 */
export function referencePage({
  title,
  addresses,
}: Pick<PageFacts, 'title' | 'addresses'>): number {
  const titleParts = title.split(TITLE_SEPARATOR).map((part) => part.trim());
  if (titleParts.some((part) => REFERENCE_NAMES.has(part.toLowerCase()))) return 1;
  if (titleParts.some((part) => DEFINITION_TITLE.test(part))) return 1;
  const url = firstAddressUrl(addresses);
  if (!url) return 0;
  return pathSegmentNames(url.pathname).some(isReferenceFolder) ? 1 : 0;
}

/**
 * A folder named as a reference work, alone or after one word of topic (`/loewen-lexikon/`); a
 * story's slug that ends in one says more (`/why-we-need-a-new-dictionary`).
 */
function isReferenceFolder(segment: string): boolean {
  const words = segment.split(/[-_]/);
  return words.length <= 2 && REFERENCE_NAMES.has(words.at(-1)!);
}

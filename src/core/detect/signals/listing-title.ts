import { countWords } from '../measure-text';
import type { PageFacts } from '../read-page-facts';

/**
 * Names of a site's lists in the languages served, written lower-case: the index of its blog, its
 * news or its archive, its home.
 */
const LISTING_NAMES = new Set([
  'blog',
  'news',
  'archive',
  'archives',
  'archiv',
  'home',
  'homepage',
  'startseite',
  'aktuelles',
  'neuigkeiten',
  'nachrichten',
  'actualités',
  'actualites',
  'noticias',
  'notícias',
  'notizie',
  'nieuws',
]);

/**
 * What separates a page's own name from its site's in a title (`Blog – Example`): a bar, dash, en
 * or em dash, middle dot, bullet or guillemet (`Blog « Example`). Not a colon: `News: the harbour
 * reopens` is a story's title.
 */
export const TITLE_SEPARATOR = /\s+[|\u2013\u2014\u00b7\u2022\u00ab\u00bb-]\s+/;

/**
 * Words from which the part after a list's name is a story's headline (`News - Elder: From the
 * ghetto to Augusta`), not a site's name (`News | Example Gazette`).
 */
const MIN_HEADLINE_WORDS = 5;

/**
 * The page's title names a list before anything else (`Blog – Example`, `News | Example`): a
 * site's index, not a story. Only the first part names it: stories name their site after their own
 * title (`The harbour reopens – Example – Blog`); one that names its section first follows it with
 * a headline of {@link MIN_HEADLINE_WORDS} words or more.
 */
export function listingTitle({ title }: Pick<PageFacts, 'title'>): number {
  const [firstPart = '', secondPart = ''] = title.split(TITLE_SEPARATOR);
  if (!LISTING_NAMES.has(firstPart.trim().toLowerCase())) return 0;
  return countWords(secondPart) < MIN_HEADLINE_WORDS ? 1 : 0;
}

import { storyHasTime } from '../find-body-candidate';
import { weighLength } from '../measure-text';
import { firstAddressUrl, hasDatedAddress, pathSegmentName } from '../page-addresses';
import type { PageFacts } from '../read-page-facts';

/**
 * Body text below which a clip's, an episode's or a gallery's page holds only their description or
 * captions: less than a short news story.
 */
export const MAX_MEDIA_PAGE_CHARS = 1500;

/**
 * Path segments of a site's video, audio and picture pages in the languages served, written
 * lower-case. Letters beyond ASCII as escapes (see LEGAL_TITLE): v\u00eddeo is vídeo.
 */
const MEDIA_SEGMENTS = new Set([
  'video',
  'videos',
  'v\u00eddeo',
  'v\u00eddeos',
  'wideo',
  'av',
  'audio',
  'podcast',
  'podcasts',
  'episode',
  'episodes',
  'multimedia',
  'mediathek',
  'gallery',
  'galleries',
  'photo-gallery',
  'galerie',
  'galerien',
  'galeria',
  'galer\u00eda',
  'bildergalerie',
  'fotogalerie',
  'fotostrecke',
  'fotogaleria',
  'fotogaler\u00eda',
  'fotogallery',
  'photos',
  'fotos',
  'foto',
  'slideshow',
  'diaporama',
  'in-pictures',
]);

/** Title openings of such pages: `Video: …`, `Watch live: …`, `In pictures: …`, `Bilder: …`. */
const MEDIA_TITLE =
  /^\s*(?:videos?|v\u00eddeos?|watch(?: live)?|live-?stream|audio|podcast|gallery|photo gallery|photos|pictures|in pictures|slideshow|fotos|bilder|in bildern|bildergalerie|fotostrecke|diashow|galerie|diaporama|en images|en vid\u00e9o|galer\u00eda|fotogaler\u00eda|wideo)\s*:/i;

/**
 * The page's address (a `/video/` or `/gallery/` segment) or its title (`Video: …`) names it a
 * clip's, an episode's or a gallery's page, and its body is shorter than
 * {@link MAX_MEDIA_PAGE_CHARS} or nothing dates or declares it a story (a longer text there is an
 * episode's transcript, or a story filed with its clips). Their players and pictures are often
 * added by script, so the page's own words say it where its markup cannot.
 */
export function mediaPage(facts: PageFacts): number {
  const { doc, addresses, candidate } = facts;
  const url = firstAddressUrl(addresses);
  const isMedia =
    MEDIA_TITLE.test(doc.title) ||
    (url !== null &&
      url.pathname
        .split('/')
        .some((segment) => MEDIA_SEGMENTS.has(pathSegmentName(segment).toLowerCase())));
  if (!isMedia) return 0;
  const isLong = weighLength(candidate.bodyChars, candidate.bodyDenseChars) >= MAX_MEDIA_PAGE_CHARS;
  return isLong && isDatedOrDeclared(facts) ? 0 : 1;
}

/** Whether the page's metadata, address or story dates it, or its structured data or markup declares an article. */
function isDatedOrDeclared({ metadata, itemKind, candidate, addresses }: PageFacts): boolean {
  return (
    metadata.hasArticleJsonLd ||
    metadata.hasPublishedDate ||
    itemKind === 'article' ||
    candidate.isInArticleBody ||
    candidate.isInArticleElement ||
    hasDatedAddress(addresses) ||
    storyHasTime(candidate)
  );
}

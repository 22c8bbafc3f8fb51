import { weighLength } from '../measure-text';
import { isDatedOrDeclared } from '../is-dated-or-declared';
import { firstAddressUrl, pathSegmentNames } from '../page-addresses';
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
 * The page's address (a `/video/` or `/gallery/` segment, a podcast's own site) or its title
 * (`Video: …`) names it a clip's, an episode's or a gallery's page, and its body is shorter than
 * {@link MAX_MEDIA_PAGE_CHARS}; or an episode's address names it and nothing dates or declares a
 * longer text there a story (it is the episode's transcript). Their players and pictures are
 * often added by script, so the page's own words say it where its markup cannot.
 */
export function mediaPage(facts: PageFacts): number {
  const { title, addresses, candidate } = facts;
  const url = firstAddressUrl(addresses);
  const segments = url ? pathSegmentNames(url.pathname) : [];
  const isPodcastSite = url !== null && PODCAST_HOST.test(url.hostname);
  const isMedia =
    MEDIA_TITLE.test(title) ||
    isPodcastSite ||
    segments.some((segment) => MEDIA_SEGMENTS.has(segment));
  if (!isMedia) return 0;
  const isLong = weighLength(candidate.bodyChars, candidate.bodyDenseChars) >= MAX_MEDIA_PAGE_CHARS;
  if (!isLong) return 1;
  // A long text filed under a clip's or a gallery's name is a story often enough (`VIDEO: …`,
  // `/multimedia/`); under an episode's, undated and undeclared, it is the episode's transcript.
  const isEpisode = isPodcastSite || segments.some((segment) => EPISODE_SEGMENTS.has(segment));
  return isEpisode && !isDatedOrDeclared(facts) ? 1 : 0;
}

/** A podcast's own site (`podcast.example.com`, `example-podcast.de`): its pages are episodes. */
const PODCAST_HOST = /(?:^|[.-])podcasts?[.-]/;

/** Address segments of an episode's page (a podcast's, a radio show's): see {@link mediaPage}. */
const EPISODE_SEGMENTS = new Set(['podcast', 'podcasts', 'episode', 'episodes', 'audio']);

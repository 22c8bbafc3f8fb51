import type { PageFacts } from '../read-page-facts';
import { declaresNonArticle } from './declares-non-article';
import { entryList } from './entry-list';
import { forumAddress } from './forum-address';
import { legalTitle } from './legal-title';
import { listingAddress } from './listing-address';
import { listingTitle } from './listing-title';
import { mediaPage } from './media-page';
import { referencePage } from './reference-page';
import { siteInfoPage } from './site-info-page';
import { teaserList } from './teaser-list';

/**
 * Any mark of a page that is no article, whatever its text: a list's or a forum's address, a
 * list's title, a page about the site or a reference work's entry, a legal title, a list of
 * teasers or entries, a clip's or a gallery's page, or a non-article declaration. Each is rare, so
 * one signal lets the decision learn them as one veto.
 */
export function anyNonArticleMark(facts: PageFacts): number {
  return Math.max(
    listingAddress(facts),
    listingTitle(facts),
    forumAddress(facts),
    siteInfoPage(facts),
    referencePage(facts),
    legalTitle(facts),
    declaresNonArticle(facts),
    teaserList(facts),
    entryList(facts),
    mediaPage(facts),
  );
}

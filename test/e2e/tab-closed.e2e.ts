import { describe, expect, it } from 'vitest';
import { isPendingVoteKey } from '../../src/core/pending-vote';
import { BROWSER_NAMES, FIXTURES_DIR, serveDirectory, type BrowserName } from './launch.mjs';
import { backgroundControl } from './background-control';
import { storedLocalKeys } from './storage-watch';
import { useExtensionSuite } from './extension-suite';
import { TOOLBAR, entriesFor, pressReaction, readPopupEntries, sleep } from './toolbar-driver';

/**
 * "Never lose a vote" when the reader closes the tab right after reacting, the background asleep:
 * the tab goes at once (no navigation that lets its page unload in its own time), taking the
 * message with it while the background starts, and the vote kept aside is what is stored.
 */

/** By when the background applies a vote its page could not send (it waits 2 s for the page's call). */
const PENDING_VOTE_APPLIED_MS = 5_000;

describe.each(BROWSER_NAMES)('%s', (browserName: BrowserName) => {
  // Each article of its own: `/articles/<name>/demo-article.html` serves the demo article, whose
  // relative canonical link then names a distinct article per path.
  const suite = useExtensionSuite('tab-closed', browserName, () =>
    serveDirectory(FIXTURES_DIR, {
      rewrite: (pathname) => pathname.replace(/^\/articles\/[^/]+\//, '/'),
    }),
  );

  it('keeps a vote when the reader closes the tab at once, the background stopped', async () => {
    const url = suite.server.url('articles/tab-closed/demo-article.html');
    const page = await suite.session.browser.newPage();
    const background = await backgroundControl(suite.session, page);
    try {
      await page.goto(url);
      await page.waitForSelector(`${TOOLBAR}[data-ready]`);
      await background.stop();
      await pressReaction(page, 'love');
      await page.close();
      // No page of the extension open meanwhile: the write alone must wake the background.
      await sleep(PENDING_VOTE_APPLIED_MS);
      const rows = entriesFor(await readPopupEntries(suite.session), url);
      expect(rows.map((row) => row.reaction)).toEqual(['love']);
      // The vote kept aside is not left behind.
      expect((await storedLocalKeys(suite.session)).filter(isPendingVoteKey)).toEqual([]);
    } finally {
      await background.close();
      if (!page.isClosed()) await page.close();
    }
  });
});

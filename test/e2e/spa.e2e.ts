import { describe, expect, it } from 'vitest';
import { NEXT_ARTICLE_WAIT_MS, WATCH_LIMIT_MS } from '../../src/content/article-watcher';
import { BROWSER_NAMES } from './launch.mjs';
import { useExtensionSuite } from './extension-suite';
import {
  FOLLOW_MS,
  TOOLBAR,
  entriesFor,
  pressReaction,
  readPopupEntries,
  sleep,
} from './toolbar-driver';

/** Waits until the one toolbar sits after the article headed `title` and shows `reaction`. */
async function waitForArticle(
  page: import('puppeteer-core').Page,
  title: string,
  reaction: string | null,
) {
  await page.waitForFunction(
    (tag, wanted, want) => {
      const hosts = document.querySelectorAll(tag);
      const host = hosts[0];
      return (
        hosts.length === 1 &&
        document.querySelector('h1')?.textContent === wanted &&
        host?.hasAttribute('data-ready') &&
        host.previousElementSibling?.closest('article') !== null &&
        host.getAttribute('data-reaction') === want
      );
    },
    { timeout: 10_000 },
    TOOLBAR,
    title,
    reaction,
  );
}

const FIRST = 'Lighthouse keeper retires after forty winters';
const SECOND = 'Fishing co-op opens a smokehouse on the old pier';

/** In `page`, at story a at `address`: wow to it, then the link to story b, and love to that. */
async function reactToTwoStories(page: import('puppeteer-core').Page, address: string) {
  await page.goto(address);
  await waitForArticle(page, FIRST, null);
  await pressReaction(page, 'wow');
  await waitForArticle(page, FIRST, 'wow');
  await page.click('#next');
  await waitForArticle(page, SECOND, null);
  await pressReaction(page, 'love');
  await waitForArticle(page, SECOND, 'love');
}

describe.each(BROWSER_NAMES)('%s single-page app', (browserName) => {
  const suite = useExtensionSuite('spa', browserName);

  it('moves the toolbar to the next article and keeps the two reactions apart', async () => {
    const page = await suite.session.browser.newPage();
    try {
      await reactToTwoStories(page, suite.server.url('spa.html?story=a'));
      await page.goBack();
      await waitForArticle(page, FIRST, 'wow');
    } finally {
      await page.close();
    }
    const entries = await readPopupEntries(suite.session);
    expect(
      entriesFor(entries, suite.server.url('spa.html?story=a')).map((e) => e.reaction),
    ).toEqual(['wow']);
    expect(
      entriesFor(entries, suite.server.url('spa.html?story=b')).map((e) => e.reaction),
    ).toEqual(['love']);
  });

  it('keeps the reactions to two routes of a hash-routed app apart (#!/story/1, #!/story/2)', async () => {
    const page = await suite.session.browser.newPage();
    try {
      await reactToTwoStories(page, suite.server.url('spa-hash.html#!/story/1'));
      await page.goBack();
      await waitForArticle(page, FIRST, 'wow');
    } finally {
      await page.close();
    }
    const entries = await readPopupEntries(suite.session);
    const reactions = (route: string) =>
      entriesFor(entries, suite.server.url(`spa-hash.html${route}`)).map((e) => e.reaction);
    expect(reactions('#!/story/1')).toEqual(['wow']);
    expect(reactions('#!/story/2')).toEqual(['love']);
  });

  it.each([
    ['the head as it was (canonical link, og:title)', 'spa-static-head.html?story='],
    ['og:title as it was', 'spa.html?og=first&story='],
  ])('keys and titles the next article as its own where the app leaves %s', async (_, page) => {
    const tab = await suite.session.browser.newPage();
    try {
      await reactToTwoStories(tab, suite.server.url(`${page}a`));
    } finally {
      await tab.close();
    }
    const entries = await readPopupEntries(suite.session);
    const entry = (story: string) =>
      entriesFor(entries, suite.server.url(`${page}${story}`)).map((e) => [e.reaction, e.title]);
    expect(entry('a')).toEqual([['wow', FIRST]]);
    expect(entry('b')).toEqual([['love', SECOND]]);
  });

  it('keeps the toolbar under the story read on as an endless feed names the next one', async () => {
    const page = await suite.session.browser.newPage();
    const address = suite.server.url('spa.html?story=a&visit=feed');
    try {
      await page.bringToFront();
      const opened = Date.now();
      await page.goto(address);
      await waitForArticle(page, FIRST, null);
      // The reader clicks in the page (a consent banner's Accept), then reads past the watch.
      await page.click('footer p');
      await sleep(WATCH_LIMIT_MS + 1000 - (Date.now() - opened));
      // The feed adds the next story; its scroll spy names it in the address as it comes into view.
      await page.evaluate(() => {
        const story = document.querySelector('article')!.cloneNode(true) as Element;
        story.querySelector('h1')!.textContent = 'Fishing co-op opens a smokehouse on the old pier';
        for (const paragraph of story.querySelectorAll('p')) {
          paragraph.textContent = `The smokehouse cures a day of herring. ${paragraph.textContent}`;
        }
        document.getElementById('app')!.append(story);
        const next = new URL(location.href);
        next.searchParams.set('story', 'b');
        history.replaceState({}, '', next);
      });
      await sleep(FOLLOW_MS);
      const placedAfterFirst = () =>
        page.evaluate((tag) => {
          const hosts = document.getElementsByTagName(tag);
          const first = document.querySelector('article');
          return hosts.length === 1 && hosts[0]!.previousElementSibling?.parentElement === first;
        }, TOOLBAR);
      expect(await placedAfterFirst()).toBe(true);
      await pressReaction(page, 'funny');
      await page.waitForSelector(`${TOOLBAR}[data-reaction="funny"]`, { timeout: 5000 });
      expect(await placedAfterFirst()).toBe(true);
    } finally {
      await page.close();
    }
    const entries = await readPopupEntries(suite.session);
    expect(entriesFor(entries, address).map((e) => e.reaction)).toEqual(['funny']);
  });

  it('keeps the toolbar under its story as an endless article appends the next one', async () => {
    // The next story goes into the same article element, after the toolbar; a click in it (a
    // word selected) moved the toolbar under it, still voting for the first story.
    const page = await suite.session.browser.newPage();
    const address = suite.server.url('spa.html?story=a&visit=endless');
    try {
      await page.bringToFront();
      const opened = Date.now();
      await page.goto(address);
      await waitForArticle(page, FIRST, null);
      await sleep(WATCH_LIMIT_MS + 1000 - (Date.now() - opened));
      await page.evaluate((second) => {
        const article = document.querySelector('article')!;
        const heading = document.createElement('h2');
        heading.textContent = second;
        article.append(heading);
        for (const paragraph of [...article.querySelectorAll('p')]) {
          const next = document.createElement('p');
          next.className = 'next';
          next.textContent = `The smokehouse cures a day of herring. ${paragraph.textContent}`;
          article.append(next);
        }
        const nextAddress = new URL(location.href);
        nextAddress.searchParams.set('story', 'b');
        history.replaceState({}, '', nextAddress);
      }, SECOND);
      await sleep(FOLLOW_MS);
      await page.click('p.next');
      await sleep(FOLLOW_MS + 1000);
      const underFirstStory = () =>
        page.evaluate((tag) => {
          const hosts = document.getElementsByTagName(tag);
          const before = hosts[0]?.previousElementSibling;
          return hosts.length === 1 && before?.localName === 'p' && !before.matches('.next');
        }, TOOLBAR);
      expect(await underFirstStory()).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('shows no toolbar under the last story while the app fetches the next (2 s)', async () => {
    const page = await suite.session.browser.newPage();
    try {
      await page.bringToFront();
      await page.goto(suite.server.url('spa.html?story=a&fetch=2000'));
      await waitForArticle(page, FIRST, null);
      await pressReaction(page, 'wow');
      await waitForArticle(page, FIRST, 'wow');
      await page.click('#next');
      // Sampled while the last story is still shown: its own toolbar (wow) or none, never one
      // for the next story under it (no reaction).
      const underLast: (string | null)[] = [];
      while ((await page.$eval('h1', (h1) => h1.textContent)) === FIRST) {
        const shown = await page.evaluate((tag) => {
          const host = document.querySelector(tag);
          return host?.hasAttribute('data-ready') ? host.getAttribute('data-reaction') : 'none';
        }, TOOLBAR);
        if (shown !== 'none' && shown !== 'wow') underLast.push(shown);
        await sleep(100);
      }
      expect(underLast).toEqual([]);
      await waitForArticle(page, SECOND, null);
    } finally {
      await page.close();
    }
  });

  it("finds the next story written into the last one's text nodes once fetched (1 s)", async () => {
    const page = await suite.session.browser.newPage();
    try {
      await page.bringToFront();
      await page.goto(suite.server.url('spa.html?story=a&fetch=1000&inplace=1'));
      await waitForArticle(page, FIRST, null);
      const clickedAt = Date.now();
      await page.click('#next');
      await waitForArticle(page, SECOND, null);
      // Seen as the text changed, not once the wait for the story left ended.
      expect(Date.now() - clickedAt).toBeLessThan(NEXT_ARTICLE_WAIT_MS);
    } finally {
      await page.close();
    }
  });

  it('shows the toolbar again at once when the reader goes Back during the fetch to the story left', async () => {
    const page = await suite.session.browser.newPage();
    try {
      await page.bringToFront();
      // Back renders the first story into the elements it is still shown in.
      await page.goto(suite.server.url('spa.html?story=a&fetch=4000&inplace=1'));
      await waitForArticle(page, FIRST, null);
      const clickedAt = Date.now();
      await page.click('#next');
      await page.waitForFunction((tag) => !document.querySelector(tag), {}, TOOLBAR);
      await page.evaluate(() => history.back());
      await waitForArticle(page, FIRST, null);
      // Not once the wait for the next story ended, 5 s after the click.
      expect(Date.now() - clickedAt).toBeLessThan(NEXT_ARTICLE_WAIT_MS);
    } finally {
      await page.close();
    }
  });

  it('finds a short next article (four paragraphs of about 250 characters)', async () => {
    const page = await suite.session.browser.newPage();
    try {
      // Its own address, so that the reaction left on story a by the case above does not show.
      await page.goto(suite.server.url('spa.html?story=a&visit=2'));
      await waitForArticle(page, FIRST, null);
      await page.click('#short');
      await waitForArticle(page, 'Ferry timetable changes for the winter', null);
      await pressReaction(page, 'sad');
      await waitForArticle(page, 'Ferry timetable changes for the winter', 'sad');
    } finally {
      await page.close();
    }
    const entries = await readPopupEntries(suite.session);
    expect(
      entriesFor(entries, suite.server.url('spa.html?story=c&visit=2')).map((e) => e.reaction),
    ).toEqual(['sad']);
  });
});

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { REACTIONS, type Reaction } from '../../src/core/reactions';
import { MAX_URL_LENGTH } from '../../src/core/vote';
import { BROWSER_NAMES, REPO_ROOT } from './launch.mjs';
import { callFrom, openExtensionPage } from './extension-pages';
import { useExtensionSuite } from './extension-suite';
import {
  firstReactionPoint,
  pressReaction,
  readPopupEntries,
  tabIntoToolbar,
  waitForStoredReaction,
  waitForToolbar,
  waitForDecision,
} from './toolbar-driver';

const HEADLINE = 'Night ferry returns to Alder Bay after eleven years, now running on batteries';
const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'screenshots');
const TOOLBAR = 'moodmark-toolbar';

/**
 * Reacts the way a keyboard user does: Tab moves focus into the toolbar's single tab stop
 * (`delegatesFocus`), Home/ArrowRight walk to the button, Enter presses it. Keys are trusted input.
 */
async function reactWithKeyboard(page: Page, reaction: Reaction): Promise<void> {
  await tabIntoToolbar(page);
  await page.keyboard.press('Home');
  for (let i = 0; i < REACTIONS.indexOf(reaction); i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
}

/** The reaction the toolbar shows, once it has loaded the stored one. */
async function shownReaction(page: Page): Promise<string | null> {
  await page.waitForSelector(`${TOOLBAR}[data-ready]`);
  return page.$eval(TOOLBAR, (host) => host.getAttribute('data-reaction'));
}

async function waitForReaction(page: Page, reaction: Reaction | null): Promise<void> {
  await page.waitForFunction(
    (selector, expected) =>
      document.querySelector(selector)?.getAttribute('data-reaction') === expected,
    {},
    TOOLBAR,
    reaction,
  );
}

interface HistoryView {
  entries: { reaction: string | null; title: string; href: string; lang: string | null }[];
  emptyStateVisible: boolean;
}

async function readPopup(popup: Page): Promise<HistoryView> {
  await popup.waitForSelector('body[data-ready]');
  return popup.evaluate(() => {
    const empty = document.querySelector<HTMLElement>('#history-empty');
    return {
      entries: [...document.querySelectorAll('#history li.history-entry')].map((li) => {
        const link = li.querySelector<HTMLAnchorElement>('a.history-title');
        return {
          reaction: li.getAttribute('data-reaction'),
          title: link?.textContent?.trim() ?? '',
          href: link?.href ?? '',
          lang: link?.getAttribute('lang') ?? null,
        };
      }),
      emptyStateVisible: !!empty && !empty.hidden && empty.getClientRects().length > 0,
    };
  });
}

describe.each(BROWSER_NAMES)('%s', (browserName) => {
  const suite = useExtensionSuite('foundation', browserName);
  let article: Page;
  let articleUrl: string;

  beforeAll(async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    articleUrl = suite.server.url('demo-article.html');
    article = await suite.session.browser.newPage();
    await article.goto(articleUrl);
  });

  it('inserts the toolbar after the article body, before the comments', async () => {
    await article.waitForSelector(`${TOOLBAR}[data-ready]`);
    const placement = await article.$eval(TOOLBAR, (host) => {
      const follows = (node: Node | null) =>
        !!node && !!(host.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING);
      const lastParagraph = document.querySelector('[itemprop="articleBody"] p:last-of-type');
      const previous = host.previousElementSibling;
      return {
        count: document.querySelectorAll(host.localName).length,
        afterLastParagraph:
          !!lastParagraph &&
          !!previous &&
          (previous === lastParagraph || previous.contains(lastParagraph)),
        beforeShareButtons: follows(document.querySelector('.share')),
        beforeRelated: follows(document.querySelector('.related')),
        beforeComments: follows(document.querySelector('.comments')),
        outsideFooter: !host.closest('footer, .comments, .related'),
      };
    });
    expect(placement).toEqual({
      count: 1,
      afterLastParagraph: true,
      beforeShareButtons: true,
      beforeRelated: true,
      beforeComments: true,
      outsideFooter: true,
    });
  });

  it('keeps its shadow root closed to page scripts', async () => {
    expect(await article.$eval(TOOLBAR, (host) => host.shadowRoot === null)).toBe(true);
  });

  it('is a single tab stop between the article and the share buttons', async () => {
    const focusIsOnToolbar = () =>
      article.evaluate((selector) => document.activeElement?.matches(selector) ?? false, TOOLBAR);
    await article.$eval('.share button', (button) => (button as HTMLElement).focus());
    await article.keyboard.down('Shift');
    await article.keyboard.press('Tab');
    expect(await focusIsOnToolbar(), 'Shift+Tab from Share').toBe(true);
    await article.keyboard.press('Tab');
    await article.keyboard.up('Shift');
    expect(await focusIsOnToolbar(), 'a second Shift+Tab leaves the toolbar').toBe(false);
    await article.keyboard.press('Tab');
    expect(await focusIsOnToolbar(), 'Tab comes back in').toBe(true);
    await article.keyboard.press('Tab');
    expect(await article.evaluate(() => document.activeElement?.textContent)).toBe('Share');
  });

  it('records a reaction from the keyboard and keeps it across a reload', async () => {
    expect(await shownReaction(article)).toBeNull();
    await reactWithKeyboard(article, 'wow');
    await waitForReaction(article, 'wow');

    await article.reload();
    expect(await shownReaction(article)).toBe('wow');
  });

  it('switches to another reaction', async () => {
    await reactWithKeyboard(article, 'love');
    await waitForReaction(article, 'love');

    const toolbar = await article.$(TOOLBAR);
    await toolbar!.scrollIntoView();
    await toolbar!.screenshot({ path: join(SCREENSHOT_DIR, `${browserName}-toolbar.png`) });
  });

  it('lists the article once in the popup, with its current reaction', async () => {
    const popup = await suite.session.openPopup();
    try {
      await popup.setViewport({ width: 380, height: 520 });
      const view = await readPopup(popup);
      expect(view.entries).toHaveLength(1);
      // Spoken in its page's language (`<html lang="en">`), whatever the popup's.
      expect(view.entries[0]).toMatchObject({ reaction: 'love', lang: 'en' });
      expect(view.entries[0]!.title).toContain(HEADLINE);
      expect(new URL(view.entries[0]!.href).pathname).toBe(new URL(articleUrl).pathname);
      expect(view.emptyStateVisible).toBe(false);
      await popup.screenshot({ path: join(SCREENSHOT_DIR, `${browserName}-popup.png`) });
    } finally {
      await popup.close();
    }
  });

  it('undoes the reaction when the selected one is pressed again', async () => {
    await reactWithKeyboard(article, 'love');
    await waitForReaction(article, null);

    const popup = await suite.session.openPopup();
    try {
      const view = await readPopup(popup);
      expect(view.entries).toEqual([]);
      expect(view.emptyStateVisible).toBe(true);
    } finally {
      await popup.close();
    }
  });

  it('takes keys again after the reader switched to another tab and back', async () => {
    expect(await shownReaction(article)).toBeNull();
    await tabIntoToolbar(article);
    await article.keyboard.press('Home');
    const other = await suite.session.browser.newPage();
    await other.bringToFront();
    const blurred = await article.evaluate(() => !document.hasFocus());
    await article.bringToFront();
    await other.close();
    expect(blurred, 'the article lost focus to the other tab').toBe(true);
    await article.keyboard.press('Enter');
    await waitForReaction(article, 'like');
    await article.keyboard.press('Enter');
    await waitForReaction(article, null);
  });

  // Chromium's accessibility tree (puppeteer's `aria/` selectors) reaches buttons inside a
  // closed shadow root, so the test can click each at its real coordinates. Firefox's WebDriver
  // BiDi accessibility locator finds page buttons but nothing inside a closed root.
  // Retried once: in one full CI simulation (every file, 2 cores) the real click showed no
  // reaction in 30 s, while the file alone passes (3 of 3 runs); the cause is not found.
  it.runIf(browserName === 'chromium')(
    'takes mouse clicks, and ignores a click dispatched by script',
    { retry: 1 },
    async () => {
      const funny = await article.$('aria/funny[role="button"]');
      expect(funny, 'the funny button, by accessible name').not.toBeNull();
      // Were the scripted click accepted, the real click after it would undo it again.
      // Forged as a pointer's click (detail 1): only its isTrusted tells it from the reader's.
      await funny!.evaluate((button) =>
        button.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, detail: 1 })),
      );
      await funny!.click();
      await waitForReaction(article, 'funny');
      await article.reload();
      expect(await shownReaction(article)).toBe('funny');

      const again = await article.$('aria/funny[role="button"]');
      expect(await again!.evaluate((button) => button.getAttribute('aria-pressed'))).toBe('true');
      await again!.click();
      await waitForReaction(article, null);
    },
  );

  it('keys the article by its canonical address when opened at a fragment', async () => {
    // A parameter the key keeps, and a fragment: only the page's canonical link names the article.
    const shared = await suite.session.browser.newPage();
    try {
      await shared.goto(`${articleUrl}?edition=uk#comments`);
      await waitForToolbar(shared, { shown: true, reaction: null }, 10_000);
      await pressReaction(shared, 'sad');
      expect(await waitForStoredReaction(suite.session.browser, articleUrl, 'sad')).toBe('sad');
      await pressReaction(shared, 'sad');
      expect(await waitForStoredReaction(suite.session.browser, articleUrl, null)).toBeNull();
    } finally {
      await shared.close();
    }
  });

  it("keys the article by its address when opened at a picture in a wiki's media viewer", async () => {
    // MediaWiki's viewer writes the picture shown over the article as a route: a shared link.
    const shared = await suite.session.browser.newPage();
    try {
      await shared.goto(`${articleUrl}#/media/File:Night_ferry_at_Alder_Bay.jpg`);
      await waitForToolbar(shared, { shown: true, reaction: null }, 10_000);
      await pressReaction(shared, 'wow');
      expect(await waitForStoredReaction(suite.session.browser, articleUrl, 'wow')).toBe('wow');
      await pressReaction(shared, 'wow');
      expect(await waitForStoredReaction(suite.session.browser, articleUrl, null)).toBeNull();
    } finally {
      await shared.close();
    }
  });

  it("records a click on a page opened through a newsletter's link made long by tracking", async () => {
    // 2,500 characters, most of them what a mailing tool adds: the key drops them all.
    const token = 'p2ANqtz-'.repeat(300);
    const link = `${articleUrl}?utm_source=newsletter&utm_medium=email&_hsenc=${token}&_hsmi=42#top`;
    expect(link.length).toBeGreaterThan(MAX_URL_LENGTH);
    const reader = await suite.session.browser.newPage();
    try {
      await reader.goto(link);
      await waitForToolbar(reader, { shown: true, reaction: null }, 10_000);
      const point = await firstReactionPoint(reader);
      await reader.mouse.click(point.x, point.y);
      await waitForToolbar(reader, { reaction: 'like' });
      expect(await waitForStoredReaction(suite.session.browser, articleUrl, 'like')).toBe('like');
      // Stored under the article's key, linked to its address without the tracking.
      const entries = await readPopupEntries(suite.session);
      expect(entries).toMatchObject([{ reaction: 'like', href: articleUrl }]);
      await reader.mouse.click(point.x, point.y);
      expect(await waitForStoredReaction(suite.session.browser, articleUrl, null)).toBeNull();
    } finally {
      await reader.close();
    }
  });

  // Firefox under WebDriver BiDi did not keep the page in its back-forward cache here.
  it.runIf(browserName === 'chromium')(
    'shows a change made meanwhile (reaction, correction) when the reader comes Back to the page',
    async () => {
      const reader = await suite.session.browser.newPage();
      const extensionPage = await openExtensionPage(suite.session, '/options.html');
      try {
        const url = suite.server.url('demo-article-ar.html');
        await reader.bringToFront();
        await reader.goto(url);
        await waitForToolbar(reader, { shown: true, reaction: null }, 10_000);
        await pressReaction(reader, 'like');
        await waitForToolbar(reader, { reaction: 'like' });
        await reader.evaluate(() =>
          addEventListener('pageshow', (event) => {
            if (event.persisted) document.documentElement.dataset.restored = '';
          }),
        );
        await reader.goto(suite.server.url('front-page.html'));
        // Changed in the popup while the page waits in the back-forward cache.
        const { value } = (await callFrom(extensionPage, {
          call: 'getReaction',
          input: { url },
        })) as { value: { key: string } };
        await callFrom(extensionPage, {
          call: 'editVote',
          input: { key: value.key, reaction: 'sad' },
        });
        await reader.goBack();
        const restored = await reader.evaluate(
          () => 'restored' in document.documentElement.dataset,
        );
        expect(restored, 'the page came back from the back-forward cache').toBe(true);
        // Asked again of the background on return: on a loaded machine that took over 3 s once.
        await waitForToolbar(reader, { shown: true, reaction: 'sad' }, 10_000);

        // Hidden from the popup ("Not an article") meanwhile: back again, the toolbar goes.
        await reader.evaluate(() => delete document.documentElement.dataset.restored);
        await reader.goto(suite.server.url('front-page.html'));
        const correction = { toolbar: 'hide', title: 'Demo', url, setAt: Date.now() };
        await callFrom(extensionPage, {
          call: 'setCorrection',
          input: { key: value.key, correction },
        });
        await reader.goBack();
        expect(await reader.evaluate(() => 'restored' in document.documentElement.dataset)).toBe(
          true,
        );
        await waitForToolbar(reader, { shown: false }, 10_000);
      } finally {
        await reader.close();
        await extensionPage.close();
      }
    },
  );

  it('lets an article shown in a modal dialog close on the first Escape from its toolbar', async () => {
    // Focus came by Tab, with nowhere to go back to: the toolbar has nothing to do with Escape,
    // which took it all the same, and the dialog stayed open.
    const page = await suite.session.browser.newPage();
    try {
      await page.goto(suite.server.url('demo-article.html'));
      await waitForToolbar(page, { shown: true });
      await page.evaluate(() => {
        const dialog = document.createElement('dialog');
        dialog.append(...document.body.children);
        document.body.append(dialog);
        dialog.showModal();
      });
      await tabIntoToolbar(page);
      await page.keyboard.press('Escape');
      expect(await page.evaluate(() => document.querySelector('dialog')!.open)).toBe(false);
    } finally {
      await page.close();
    }
  });

  it('takes the toolbar out of an article the page turns into an editor, and back after', async () => {
    // A CMS's edit mode switched on after the toolbar was placed: the editor saved its element.
    const page = await suite.session.browser.newPage();
    try {
      await page.goto(suite.server.url('demo-article.html'));
      await waitForToolbar(page, { shown: true });
      await page.evaluate((tag) => {
        const text = document.querySelector(tag)!.parentElement!;
        text.id = 'moodmark-test-editable';
        text.contentEditable = 'true';
      }, TOOLBAR);
      await waitForToolbar(page, { shown: false });
      await page.evaluate(() =>
        document.getElementById('moodmark-test-editable')!.removeAttribute('contenteditable'),
      );
      await waitForToolbar(page, { shown: true });
    } finally {
      await page.close();
    }
  });

  it.each([
    ['a front page of teasers', 'front-page.html'],
    ['a plain-text file, however long its text', 'plain-text.txt'],
    ['a page served as XHTML, whose tag names the detector does not read', 'xhtml-article.xhtml'],
    [
      'an article open in a web editor, which would save the toolbar with it',
      'editable-article.html',
    ],
  ])('adds no toolbar to %s', async (_, file) => {
    const page = await suite.session.browser.newPage();
    try {
      await page.goto(suite.server.url(file));
      await waitForDecision(page);
      const toolbars = await page.evaluate(
        (selector) => document.querySelectorAll(selector).length,
        TOOLBAR,
      );
      expect(toolbars, `toolbars on ${file}`).toBe(0);
    } finally {
      await page.close();
    }
  });
});

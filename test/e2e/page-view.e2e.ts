import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REACTION_EMOJI } from '../../src/core/reactions';
import { SETTINGS_KEY } from '../../src/core/settings';
import {
  BROWSER_NAMES,
  FIXTURES_DIR,
  extensionDirFor,
  launchWithExtension,
  serveDirectory,
  type BrowserName,
  type ExtensionBrowser,
  type StaticServer,
} from './launch.mjs';
import { callFrom, openExtensionPage, readBadges } from './extension-pages';
import {
  SETTLE_MS,
  TOOLBAR,
  entriesFor,
  readPopupEntries,
  sleep,
  tabIntoToolbar,
} from './toolbar-driver';

/**
 * What a page can learn of the toolbar, in the release build (no test hooks): an element with
 * no attributes, placed only once the background has answered and never where the reader
 * turned the toolbar off, whose size is the same whatever the reader's reaction; where there is
 * none, nothing of the page's own changes. The reaction is read back through the popup, never
 * from the page.
 */

interface HostView {
  attributes: string[];
  width: number;
  height: number;
}

/** What the page sees of the toolbar's element, or null when there is none. */
function viewHost(page: Page): Promise<HostView | null> {
  return page.evaluate((tag) => {
    const host = document.getElementsByTagName(tag)[0];
    if (!host) return null;
    const rect = host.getBoundingClientRect();
    return {
      attributes: host.getAttributeNames(),
      width: rect.width,
      height: rect.height,
    };
  }, TOOLBAR);
}

async function waitForHost(page: Page): Promise<HostView> {
  await page.waitForFunction((tag) => document.getElementsByTagName(tag).length > 0, {}, TOOLBAR);
  return (await viewHost(page))!;
}

describe.each(BROWSER_NAMES)('%s release build', (browserName: BrowserName) => {
  let server: StaticServer;
  let session: ExtensionBrowser;
  let options: Page;

  beforeAll(async () => {
    server = await serveDirectory(FIXTURES_DIR);
    session = await launchWithExtension({
      browserName,
      extensionDir: extensionDirFor(browserName, 'release'),
    });
    options = await openExtensionPage(session, '/options.html');
  });

  afterAll(async () => {
    try {
      await session?.close();
    } finally {
      await server?.close();
    }
  });

  it('shows the page an element without attributes, the same size whatever the reaction', async () => {
    // Three reactions shown, wider together than the prompt above them; the others hidden, so a
    // selected hidden one must take no room either.
    await options.evaluate(
      (key) =>
        (
          globalThis as unknown as {
            chrome: { storage: { local: { set(items: object): Promise<void> } } };
          }
        ).chrome.storage.local.set({
          [key]: { reactions: ['like', 'love', 'funny'], placement: 'inline', theme: 'system' },
        }),
      SETTINGS_KEY,
    );
    const url = server.url('demo-article.html');
    const page = await session.browser.newPage();
    try {
      await page.goto(url);
      expect((await waitForHost(page)).attributes).toEqual([]);
      // As a prying page would: shrink the toolbar's element to its content, so that its size
      // follows what is drawn inside (a block fills its container's width otherwise).
      await page.evaluate((tag) => {
        const parent = document.getElementsByTagName(tag)[0]!.parentElement!;
        Object.assign(parent.style, {
          display: 'flex',
          flexDirection: 'column',
          alignItems: 'flex-start',
        });
      }, TOOLBAR);
      const before = (await viewHost(page))!;
      await sleep(SETTLE_MS / 2);
      expect(await viewHost(page)).toEqual(before);

      await tabIntoToolbar(page);
      await page.keyboard.press('Home');
      await page.keyboard.press('Enter');
      await expect
        .poll(async () => entriesFor(await readPopupEntries(session), url).map((e) => e.reaction))
        .toEqual(['like']);
      expect(await viewHost(page), 'pressed').toEqual(before);

      // A reaction the reader hid, set from elsewhere: the open toolbar shows it in its spare slot.
      await callFrom(options, { call: 'setReaction', input: { url, title: 't', reaction: 'wow' } });
      await expect
        .poll(async () => entriesFor(await readPopupEntries(session), url).map((e) => e.reaction))
        .toEqual(['wow']);
      // The badge follows the toolbar's own report: the open toolbar has heard of the change.
      await expect.poll(() => readBadges(options)).toContain(REACTION_EMOJI.wow);
      expect(await viewHost(page), 'a hidden reaction selected').toEqual(before);
    } finally {
      await page.close();
    }
  });

  it('puts no element in the page of a site the reader turned off, and follows the switch', async () => {
    const url = server.url('demo-article.html');
    const page = await session.browser.newPage();
    try {
      await page.goto(url);
      await waitForHost(page);
      await callFrom(options, { call: 'setSiteDisabled', input: { url, disabled: true } });
      await page.waitForFunction(
        (tag) => document.getElementsByTagName(tag).length === 0,
        {},
        TOOLBAR,
      );

      // The release build marks nothing in the page: as long as a toolbar takes to show.
      await page.reload();
      await sleep(SETTLE_MS);
      expect(await viewHost(page), 'after a reload').toBeNull();

      await callFrom(options, { call: 'setSiteDisabled', input: { url, disabled: false } });
      await waitForHost(page);
    } finally {
      await page.close();
    }
  });

  it('tells a page the reader hid the toolbar on nothing, even through an element of its own', async () => {
    const url = server.url('demo-article.html');
    const { value } = (await callFrom(options, { call: 'getReaction', input: { url } })) as {
      value: { key: string };
    };
    const correction = { toolbar: 'hide', title: 'Demo', url, setAt: Date.now() };
    await callFrom(options, { call: 'setCorrection', input: { key: value.key, correction } });
    const page = await session.browser.newPage();
    try {
      // As a prying page would: an element of that name, drawn as Moodmark's sheet draws it?
      await page.evaluateOnNewDocument((tag) => {
        document.addEventListener('DOMContentLoaded', () =>
          document.body.append(document.createElement(tag)),
        );
      }, TOOLBAR);
      await page.goto(url);
      await sleep(SETTLE_MS);
      const displays = await page.evaluate(
        (tag) => [...document.getElementsByTagName(tag)].map((el) => getComputedStyle(el).display),
        TOOLBAR,
      );
      expect(displays).toEqual(['inline']);
    } finally {
      await callFrom(options, {
        call: 'setCorrection',
        input: { key: value.key, correction: null },
      });
      await page.close();
    }
  });

  it("leaves the page's own element of the toolbar's name where it shows no toolbar", async () => {
    const url = server.url('demo-article.html');
    const page = await session.browser.newPage();
    const elementsNamedAsToolbar = () =>
      page.evaluate((tag) => document.getElementsByTagName(tag).length, TOOLBAR);
    try {
      // As a prying page would: an element of that name, to see whether Moodmark takes it away.
      await page.evaluateOnNewDocument((tag) => {
        document.addEventListener('DOMContentLoaded', () =>
          document.body.append(document.createElement(tag)),
        );
      }, TOOLBAR);
      await callFrom(options, { call: 'setSiteDisabled', input: { url, disabled: true } });
      await page.goto(server.url('front-page.html'));
      await sleep(SETTLE_MS);
      expect(await elementsNamedAsToolbar(), 'on a site turned off').toBe(1);

      await callFrom(options, { call: 'setSiteDisabled', input: { url, disabled: false } });
      await page.reload();
      await sleep(SETTLE_MS);
      // The front page is no article; the app moves on to its next page by itself.
      await page.evaluate(() => history.pushState(null, '', '?page=2'));
      await sleep(SETTLE_MS);
      expect(await elementsNamedAsToolbar(), "after the app's own move").toBe(1);
    } finally {
      await callFrom(options, { call: 'setSiteDisabled', input: { url, disabled: false } });
      await page.close();
    }
  });
});

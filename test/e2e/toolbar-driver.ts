import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { REACTIONS, type Reaction } from '../../src/core/reactions';
import { REPO_ROOT, type ExtensionBrowser } from './launch.mjs';

/** Drives the toolbar and the popup the way a reader does, for the fault and hostile-page tests. */

export const TOOLBAR = 'moodmark-toolbar';
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'screenshots');
/** Longer than the content script's whole retry schedule (100 + 200 + 400 + 800 ms). */
export const SETTLE_MS = 2_500;

/**
 * Open tabs must follow a change made elsewhere within this long: at once for a reader, with room
 * for Firefox on a busy machine (it took over a second there once).
 */
export const FOLLOW_MS = 3_000;

/**
 * Waits until the toolbar in `page` is ready and shown (or hidden) with `reaction` pressed, as
 * far as `expected` says.
 */
export async function waitForToolbar(
  page: Page,
  expected: { shown?: boolean; reaction?: Reaction | null },
  timeout = FOLLOW_MS,
): Promise<void> {
  await page.waitForFunction(
    (selector, want) => {
      const host = document.querySelector(selector);
      // Where the site is off there is no toolbar in the page at all.
      if (want.shown === false) return host === null;
      if (!host || !host.hasAttribute('data-ready')) return false;
      if (want.reaction !== undefined && host.getAttribute('data-reaction') !== want.reaction) {
        return false;
      }
      return true;
    },
    // Polled on a timer: animation frames do not run in a background tab.
    { timeout, polling: 50 },
    TOOLBAR,
    expected,
  );
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** After a look that found an article, the toolbar is placed within this (an answer, toolbar.js). */
const PLACE_MS = 1_000;

/**
 * Waits until the content script has decided on `page`: the end-to-end build marks the page when
 * a look ends, or when the site is off. Then as long as placing a toolbar would take: for tests
 * that check there is none, which would otherwise pass on a content script that had not looked.
 */
export async function waitForDecision(page: Page, timeout = 10_000): Promise<void> {
  await page.waitForFunction(() => 'moodmarkLooked' in document.documentElement.dataset, {
    timeout,
    polling: 50,
  });
  await sleep(PLACE_MS);
}

/** Saves a screenshot under test-results/screenshots/, never failing the test over it. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) }).catch(() => {});
}

/**
 * The colours, as `rgb()`, of the pixels at `points` (rounded) of `png`, a screenshot in base64,
 * decoded in `page`: what the reader sees, filters and all, which no computed style says.
 */
export async function pixelsOfShot(
  page: Page,
  png: string,
  points: readonly (readonly [x: number, y: number])[],
): Promise<string[]> {
  return page.evaluate(
    async (data, at) => {
      const image = new Image();
      image.src = `data:image/png;base64,${data}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      return at.map(([x, y]) => {
        const [red, green, blue] = context.getImageData(Math.round(x), Math.round(y), 1, 1).data;
        return `rgb(${red}, ${green}, ${blue})`;
      });
    },
    png,
    points as [number, number][],
  );
}

/**
 * Moves focus into the toolbar as a reader does, with a trusted Tab: focus lands first on a
 * marker placed just before the toolbar (a page element, focused by script), then Tab. The
 * toolbar ignores keys after focus a script moved into it (`host.focus()`), as a hostile page
 * would; see src/content/reader-intent.ts.
 */
export async function tabIntoToolbar(page: Page): Promise<void> {
  const ready = await page.evaluate((tag) => {
    const host = document.getElementsByTagName(tag)[0];
    if (!host) return false;
    const marker = document.createElement('span');
    marker.tabIndex = -1;
    marker.id = 'moodmark-test-before-toolbar';
    host.before(marker);
    marker.focus();
    return document.activeElement === marker;
  }, TOOLBAR);
  if (!ready) throw new Error('no toolbar to tab into');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate((tag) => {
    document.getElementById('moodmark-test-before-toolbar')?.remove();
    return document.activeElement === document.getElementsByTagName(tag)[0];
  }, TOOLBAR);
  if (!focused) throw new Error('Tab did not move focus into the toolbar');
}

/** How long after a scroll IntersectionObserver v2 may take to report the toolbar visible. */
const VISIBILITY_REPORT_MS = 300;

/**
 * Where the first reaction (like) of an inline toolbar is, in the viewport, once the toolbar is
 * scrolled into view: past the frame's padding and the prompt above the row of reactions.
 * Resolves only after IntersectionObserver v2 (delay 100 ms) has had time to see it: a click
 * before then is refused, as for a toolbar the reader cannot see yet.
 */
export async function firstReactionPoint(page: Page): Promise<{ x: number; y: number }> {
  const point = await page.evaluate((tag) => {
    const host = document.getElementsByTagName(tag)[0] as HTMLElement;
    host.scrollIntoView({ block: 'center' });
    const rect = host.getBoundingClientRect();
    return { x: rect.left + 35, y: rect.top + 57 };
  }, TOOLBAR);
  await sleep(VISIBILITY_REPORT_MS);
  return point;
}

/**
 * Presses `reaction` with the keyboard: Tab into the toolbar's single tab stop, Home, arrows,
 * Enter. Trusted input; resolves once the keys are pressed, not once the vote is stored. Down
 * steps to the next reaction whichever way the row reads (Right goes back in a right-to-left
 * toolbar), through the reactions shown, in their order (the test build names them on the host).
 */
export async function pressReaction(page: Page, reaction: Reaction): Promise<void> {
  await tabIntoToolbar(page);
  const shown = await page.evaluate(
    (tag) => document.getElementsByTagName(tag)[0]?.getAttribute('data-reactions') ?? null,
    TOOLBAR,
  );
  const order = shown ? shown.split(' ') : REACTIONS;
  const steps = order.indexOf(reaction);
  if (steps < 0) throw new Error(`the toolbar shows no ${reaction}`);
  await page.keyboard.press('Home');
  for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
}

/** The reaction the toolbar shows once it has loaded the stored one. */
export async function shownReaction(page: Page, timeout = 15_000): Promise<string | null> {
  await page.waitForSelector(`${TOOLBAR}[data-ready]`, { timeout });
  return page.$eval(TOOLBAR, (host) => host.getAttribute('data-reaction'));
}

/** What a fresh load of `url` in a new tab shows: the stored reaction as the reader sees it. */
export async function reactionOnFreshLoad(browser: Browser, url: string): Promise<string | null> {
  const page = await browser.newPage();
  try {
    await page.goto(url);
    return await shownReaction(page);
  } finally {
    await page.close();
  }
}

/** Polls fresh loads of `url` until one shows `expected` or `timeoutMs` passes; returns the last. */
export async function waitForStoredReaction(
  browser: Browser,
  url: string,
  expected: string | null,
  timeoutMs = 6_000,
): Promise<string | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const shown = await reactionOnFreshLoad(browser, url);
    if (shown === expected || Date.now() > deadline) return shown;
    await sleep(300);
  }
}

export interface PopupEntry {
  key: string;
  reaction: string | null;
  title: string;
  href: string;
}

/** Opens the popup in a tab and reads every history row it shows. */
export async function readPopupEntries(session: ExtensionBrowser): Promise<PopupEntry[]> {
  const popup = await session.openPopup();
  try {
    await popup.waitForSelector('body[data-ready]');
    await popup.waitForFunction(() => !document.querySelector('#history[aria-busy]'));
    return await popup.evaluate(() =>
      [...document.querySelectorAll('#history li.history-entry')].map((li) => {
        const link = li.querySelector<HTMLAnchorElement>('a.history-title');
        return {
          key: li.getAttribute('data-key') ?? '',
          reaction: li.getAttribute('data-reaction'),
          title: link?.textContent ?? '',
          href: link?.href ?? '',
        };
      }),
    );
  } finally {
    await popup.close();
  }
}

/** Rows whose link goes to `url` (the page's own address, as the history links it). */
export function entriesFor(entries: PopupEntry[], url: string): PopupEntry[] {
  return entries.filter((entry) => entry.href === url);
}

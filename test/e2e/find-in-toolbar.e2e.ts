import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { reactionName, translate } from '../../src/core/i18n';
import { REACTION_EMOJI, REACTIONS, type Reaction } from '../../src/core/reactions';
import { chooseFloatingPlacement } from './extension-pages';
import { useExtensionSuite } from './extension-suite';
import { BROWSER_NAMES, type BrowserName } from './launch.mjs';
import {
  SETTLE_MS,
  TOOLBAR,
  firstReactionPoint,
  pressReaction,
  sleep,
  tabIntoToolbar,
  waitForToolbar,
} from './toolbar-driver';

/**
 * What a page could search the toolbar for with `window.find`: each reaction's emoji (without its
 * variation selector, as a page would type it), its name, and the words a screen reader is told.
 */
const PROBES = [
  ...REACTIONS.flatMap((reaction) => [
    REACTION_EMOJI[reaction].replace('\uFE0F', ''),
    reactionName('en', reaction),
    translate('en', 'announceReacted', [reactionName('en', reaction)]),
  ]),
  translate('en', 'announceRemoved'),
  '⚠',
  '☺',
];

/** The probes the page's own `window.find` finds, searching the whole document each time. */
function findable(page: Page): Promise<string[]> {
  return page.evaluate(
    (probes) =>
      probes.filter((probe) => {
        getSelection()?.removeAllRanges();
        return (window as unknown as { find(text: string, ...flags: boolean[]): boolean }).find(
          probe,
          false,
          false,
          true,
        );
      }),
    PROBES,
  );
}

/**
 * The emoji the page asks the browser to draw with a font of its own, one font per emoji, each
 * named as the first of the toolbar's emoji fonts and limited to that emoji's code point
 * (`unicode-range`): the browser fetches a font only for text drawn with it, closed shadow roots
 * included, so the fonts fetched name the emoji drawn. Returns those emoji, once drawn again.
 */
function emojiFontsFetched(page: Page): Promise<string[]> {
  const emoji = [...REACTIONS.map((reaction) => REACTION_EMOJI[reaction]), '⚠️', '☺'];
  return page.evaluate(async (drawn) => {
    const faces = drawn.map((each, index) => {
      const codePoint = each.codePointAt(0)!.toString(16);
      const face = new FontFace('Apple Color Emoji', `url(/emoji-font-probe-${index}.woff2)`, {
        unicodeRange: `U+${codePoint}`,
      });
      document.fonts.add(face);
      return face;
    });
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    await new Promise((done) => setTimeout(done, 200));
    const fetched = drawn.filter((_, index) => faces[index]!.status !== 'unloaded');
    for (const face of faces) document.fonts.delete(face);
    return fetched;
  }, emoji);
}

/** The floating button's size and its distance from the window's corner (toolbar.css). */
const LAUNCHER_SIZE = 48;
const LAUNCHER_INSET = 16;
/** How long IntersectionObserver v2 (delay 100 ms) takes to report a change, with a margin. */
const VISIBILITY_REPORT_MS = 500;

/** Clicks the floating button (it opens or closes the panel), as a reader's mouse does. */
async function clickLauncher(page: Page): Promise<void> {
  const { width, height } = await page.evaluate(() => ({
    width: document.documentElement.clientWidth,
    height: document.documentElement.clientHeight,
  }));
  const centre = LAUNCHER_INSET + LAUNCHER_SIZE / 2;
  await page.mouse.click(width - centre, height - centre);
  await sleep(VISIBILITY_REPORT_MS);
}

/**
 * Clicks the last reaction (wow) of the open floating panel: it sits at the panel's inner end,
 * above the floating button (toolbar.css: 8 px gap, 1 px border, 12 px by 14 px padding, a
 * button about 57 px high).
 */
async function clickLastFloatingReaction(page: Page): Promise<void> {
  const { width, height } = await page.evaluate(() => ({
    width: document.documentElement.clientWidth,
    height: document.documentElement.clientHeight,
  }));
  const panelBottom = height - LAUNCHER_INSET - LAUNCHER_SIZE - 8;
  await page.mouse.click(width - LAUNCHER_INSET - 1 - 14 - 20, panelBottom - 1 - 12 - 28);
}

/** Votes `reaction` by keyboard on the floating toolbar, then closes its panel with Escape. */
async function pressFloatingReaction(page: Page, reaction: Reaction): Promise<void> {
  await tabIntoToolbar(page);
  // Enter on the floating button opens the panel and moves into its reactions.
  await page.keyboard.press('Enter');
  await page.keyboard.press('Home');
  for (let i = 0; i < REACTIONS.indexOf(reaction); i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
}

describe.each(BROWSER_NAMES)('%s', (browserName: BrowserName) => {
  const suite = useExtensionSuite('find-in-toolbar', browserName);

  /** Waits for `reaction` to be shown, then as long as an announcement could last. */
  async function settled(page: Page, reaction: Reaction | null): Promise<void> {
    await waitForToolbar(page, { reaction }, 10_000);
    await sleep(SETTLE_MS);
  }

  it('lets window.find learn nothing of the reaction in the inline toolbar', async () => {
    const page = await suite.session.browser.newPage();
    try {
      await page.goto(suite.server.url('demo-article.html'));
      await waitForToolbar(page, { shown: true, reaction: null }, 15_000);
      const before = await findable(page);

      const like = await firstReactionPoint(page);
      await page.mouse.click(like.x, like.y);
      await settled(page, 'like');
      expect.soft(await findable(page), 'after a click on like').toEqual(before);
      const again = await firstReactionPoint(page);
      await page.mouse.click(again.x, again.y);
      await settled(page, null);
      expect.soft(await findable(page), 'after a click took like back').toEqual(before);

      await pressReaction(page, 'love');
      await settled(page, 'love');
      expect.soft(await findable(page), 'after Enter on love').toEqual(before);
      await pressReaction(page, 'love');
      await settled(page, null);
      expect.soft(await findable(page), 'after Enter took love back').toEqual(before);
    } finally {
      await page.close();
    }
  });

  it('lets window.find learn nothing of the reaction in the floating toolbar', async () => {
    // Switched with the options page in front: Chromium does not draw a tab behind, where a
    // click would wait for it.
    await chooseFloatingPlacement(suite.session);
    const page = await suite.session.browser.newPage();
    try {
      await page.goto(suite.server.url('demo-article.html'));
      await page.waitForFunction(
        (tag) =>
          document.getElementsByTagName(tag)[0]?.getAttribute('data-placement') === 'floating',
        { polling: 100, timeout: 15_000 },
        TOOLBAR,
      );
      await waitForToolbar(page, { shown: true, reaction: null }, 15_000);
      const before = await findable(page);

      await pressFloatingReaction(page, 'love');
      await waitForToolbar(page, { reaction: 'love' }, 10_000);
      await page.keyboard.press('Escape');
      await settled(page, 'love');
      expect.soft(await findable(page), 'after Enter on love').toEqual(before);
      await pressFloatingReaction(page, 'love');
      await waitForToolbar(page, { reaction: null }, 10_000);
      await page.keyboard.press('Escape');
      await settled(page, null);
      expect.soft(await findable(page), 'after Enter took love back').toEqual(before);

      await clickLauncher(page);
      await clickLastFloatingReaction(page);
      await waitForToolbar(page, { reaction: 'wow' }, 10_000);
      await clickLauncher(page);
      await settled(page, 'wow');
      expect.soft(await findable(page), 'after a click on wow').toEqual(before);
      await clickLauncher(page);
      await clickLastFloatingReaction(page);
      await waitForToolbar(page, { reaction: null }, 10_000);
      await clickLauncher(page);
      await settled(page, null);
      expect.soft(await findable(page), 'after a click took wow back').toEqual(before);
    } finally {
      await page.close();
    }
  });

  it('lets the fonts a page declares learn nothing of the reaction on the floating button', async () => {
    await chooseFloatingPlacement(suite.session);
    const page = await suite.session.browser.newPage();
    try {
      await page.goto(suite.server.url('demo-article.html'));
      await page.waitForFunction(
        (tag) =>
          document.getElementsByTagName(tag)[0]?.getAttribute('data-placement') === 'floating',
        { polling: 100, timeout: 15_000 },
        TOOLBAR,
      );
      await waitForToolbar(page, { shown: true, reaction: null }, 15_000);
      const before = await emojiFontsFetched(page);
      await pressFloatingReaction(page, 'love');
      await waitForToolbar(page, { reaction: 'love' }, 10_000);
      await page.keyboard.press('Escape');
      await settled(page, 'love');
      expect(await emojiFontsFetched(page), 'with love chosen, the panel closed').toEqual(before);
      await pressFloatingReaction(page, 'love');
      await waitForToolbar(page, { reaction: null }, 10_000);
    } finally {
      await page.close();
    }
  });
});

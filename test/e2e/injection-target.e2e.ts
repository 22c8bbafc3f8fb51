import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { readyServiceWorker } from './background-control';
import { useExtensionSuite } from './extension-suite';
import { BROWSER_NAMES, DEMO_PAGE, type ExtensionBrowser } from './launch.mjs';
import { SETTLE_MS, TOOLBAR, sleep, waitForToolbar } from './toolbar-driver';

/** How long the background holds each insertion of the toolbar's sheet: time to navigate away. */
const HOLD_MS = 2_000;

/** A page of the same site that is no article: it never asks for the toolbar. */
const NON_ARTICLE_PAGE = 'front-page.html';

/** The held insertions, counted in the background. */
interface HeldInsertions {
  asked: number;
  settled: number;
}

/** Evaluates a function of the extension's background there (Firefox: through an extension page). */
type InBackground = <T>(fn: (holdMs: number) => Promise<T>) => Promise<T>;

/**
 * Makes the background wait `holdMs` before each insertion of a sheet, then insert it, and count
 * both. The background is the service worker itself or, from an extension page in Firefox, its
 * event page (a worker has no document). Evaluated in the browser: self-contained.
 */
async function holdSheetInsertions(holdMs: number): Promise<HeldInsertions> {
  type Scripting = { insertCSS(...args: unknown[]): Promise<void> };
  type Scope = {
    browser?: {
      scripting?: Scripting;
      runtime: { getBackgroundPage(): Promise<Scope> };
    };
    chrome?: { scripting?: Scripting };
    heldInsertions?: HeldInsertions;
  };
  const here = globalThis as unknown as Scope;
  const scope = 'document' in globalThis ? await here.browser!.runtime.getBackgroundPage() : here;
  if (!scope.browser?.scripting && !scope.chrome?.scripting) {
    throw new Error('the background has no scripting API');
  }
  const held: HeldInsertions = { asked: 0, settled: 0 };
  scope.heldInsertions = held;
  // Whichever namespace the polyfill calls (Chromium 156 has both, with one scripting object).
  const apis = new Set([scope.browser?.scripting, scope.chrome?.scripting]);
  for (const api of apis) {
    if (!api) continue;
    const insertCSS = api.insertCSS.bind(api);
    const holding = (...args: unknown[]) => {
      held.asked++;
      return new Promise((done) => setTimeout(done, holdMs))
        .then(() => insertCSS(...args))
        .finally(() => held.settled++);
    };
    api.insertCSS = holding;
    if (api.insertCSS !== holding) throw new Error('scripting.insertCSS cannot be wrapped here');
  }
  return held;
}

/** The counts of {@link holdSheetInsertions}, read in the same scope. */
async function readHeldInsertions(): Promise<HeldInsertions> {
  type Scope = {
    browser?: { runtime: { getBackgroundPage(): Promise<Scope> } };
    heldInsertions?: HeldInsertions;
  };
  const here = globalThis as unknown as Scope;
  const scope = 'document' in globalThis ? await here.browser!.runtime.getBackgroundPage() : here;
  return { ...scope.heldInsertions! };
}

/**
 * Runs functions in the background: in Chromium's service worker; in Firefox through an
 * extension page kept open, whose functions the event page then calls.
 */
async function reachBackground(session: ExtensionBrowser): Promise<InBackground> {
  if (session.browserName === 'chromium') {
    const worker = await readyServiceWorker(session);
    return (fn) => worker.evaluate(fn, HOLD_MS);
  }
  const extensionPage = await session.openPopup();
  return (fn) => extensionPage.evaluate(fn, HOLD_MS);
}

/** The computed `display` of a `<moodmark-toolbar>` the page makes itself: inline unless styled. */
function displayOfPageMadeToolbar(page: Page): Promise<string> {
  return page.evaluate((tag) => {
    const element = document.createElement(tag);
    document.body.append(element);
    const { display } = getComputedStyle(element);
    element.remove();
    return display;
  }, TOOLBAR);
}

/**
 * The toolbar's sheet (a user sheet that shows `moodmark-toolbar` as a block) goes into the page
 * that asked for the toolbar. Aimed at the tab's top frame, it went into whatever page the tab
 * had gone on to by then, which could tell from a `<moodmark-toolbar>` of its own that Moodmark
 * is installed. The background's insertion is held here so that the tab moves on meanwhile.
 */
describe.each(BROWSER_NAMES)('%s: the toolbar asked for by a page the tab has left', (name) => {
  const suite = useExtensionSuite('injection-target', name);

  it('leaves the next page unstyled, and still shows the toolbar of an article kept', async () => {
    const inBackground = await reachBackground(suite.session);
    await inBackground(holdSheetInsertions);
    const held = () => inBackground(readHeldInsertions);

    const page = await suite.session.browser.newPage();
    await page.goto(suite.server.url(DEMO_PAGE));
    await expect.poll(held, { timeout: 15_000, interval: 20 }).toMatchObject({ asked: 1 });
    await page.goto(suite.server.url(NON_ARTICLE_PAGE));
    expect(await held(), 'the tab moved on while the sheet was held').toEqual({
      asked: 1,
      settled: 0,
    });
    await expect.poll(held, { timeout: HOLD_MS + 5_000 }).toEqual({ asked: 1, settled: 1 });
    // Past the script's run, and a sheet taken back out of a page it strayed into.
    await sleep(SETTLE_MS);
    expect(await displayOfPageMadeToolbar(page)).toBe('inline');
    expect(await page.$(TOOLBAR)).toBeNull();

    const article = await suite.session.browser.newPage();
    await article.goto(suite.server.url(DEMO_PAGE));
    await waitForToolbar(article, { shown: true }, 15_000);
    expect(await held()).toEqual({ asked: 2, settled: 2 });
    expect(await article.$eval(TOOLBAR, (host) => host.getClientRects().length > 0)).toBe(true);
    expect(
      await article.$eval(TOOLBAR, (host) => host.hasAttribute('data-shown-without-sheet')),
      'shown by the sheet',
    ).toBe(false);
  });
});

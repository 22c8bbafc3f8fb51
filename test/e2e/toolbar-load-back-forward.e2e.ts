import { describe, expect, it } from 'vitest';
import { readyServiceWorker } from './background-control';
import { useExtensionSuite } from './extension-suite';
import { DEMO_PAGE } from './launch.mjs';
import { SETTLE_MS, sleep, waitForToolbar } from './toolbar-driver';

/** How long the background holds the injection of toolbar.js: time to navigate away. */
const HOLD_MS = 3_000;

/** A page of the same site that is no article: it never asks for the toolbar. */
const NON_ARTICLE_PAGE = 'front-page.html';

/** The held injections of toolbar.js, counted in the worker. */
interface HeldInjections {
  asked: number;
  settled: number;
}

/**
 * Makes the service worker wait `holdMs` before each injection of toolbar.js, then run it, and
 * count both. Evaluated in the worker: self-contained.
 */
function holdToolbarInjections(holdMs: number): HeldInjections {
  type Scripting = { executeScript(details: { files?: string[] }): Promise<unknown> };
  type Scope = { chrome: { scripting: Scripting }; heldInjections?: HeldInjections };
  const scope = globalThis as unknown as Scope;
  const api = scope.chrome.scripting;
  const held: HeldInjections = { asked: 0, settled: 0 };
  scope.heldInjections = held;
  const executeScript = api.executeScript.bind(api);
  const holding = (details: { files?: string[] }) => {
    if (!details.files?.some((file) => file.endsWith('toolbar.js'))) return executeScript(details);
    held.asked++;
    return new Promise((done) => setTimeout(done, holdMs))
      .then(() => executeScript(details))
      .finally(() => held.settled++);
  };
  api.executeScript = holding;
  if (api.executeScript !== holding) throw new Error('scripting.executeScript cannot be wrapped');
  return held;
}

/**
 * An article left while the background still injects toolbar.js, kept in the back-forward
 * cache: Chrome never delivers the answer to the frozen page. Its content script waited for it
 * forever, and the reader who came Back found no toolbar.
 */
describe('chromium: an article left while toolbar.js loads, then Back', () => {
  const suite = useExtensionSuite('toolbar-load-back-forward', 'chromium');

  it('shows the toolbar once the reader comes Back', async () => {
    const { browser } = suite.session;
    const worker = await readyServiceWorker(suite.session);
    await worker.evaluate(holdToolbarInjections, HOLD_MS);
    const held = () =>
      worker.evaluate(() => ({
        ...(globalThis as { heldInjections?: HeldInjections }).heldInjections!,
      }));

    const page = await browser.newPage();
    await page.goto(suite.server.url(DEMO_PAGE));
    await expect.poll(held, { timeout: 15_000, interval: 20 }).toMatchObject({ asked: 1 });
    await page.evaluate(() =>
      addEventListener('pageshow', (event) => {
        if (event.persisted) document.documentElement.dataset.restored = '';
      }),
    );
    await page.goto(suite.server.url(NON_ARTICLE_PAGE));
    expect(await held(), 'the tab moved on while toolbar.js was held').toEqual({
      asked: 1,
      settled: 0,
    });
    await expect.poll(held, { timeout: HOLD_MS + 5_000 }).toMatchObject({ settled: 1 });
    await sleep(SETTLE_MS);

    await page.goBack();
    const restored = await page.evaluate(() => 'restored' in document.documentElement.dataset);
    expect(restored, 'the article came back from the back-forward cache').toBe(true);
    await waitForToolbar(page, { shown: true, reaction: null }, 15_000);
  });
});

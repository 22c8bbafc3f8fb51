import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { BROWSER_NAMES, type BrowserName } from './launch.mjs';
import { openExtensionPage } from './extension-pages';
import { useExtensionSuite } from './extension-suite';
import {
  SETTLE_MS,
  TOOLBAR,
  entriesFor,
  readPopupEntries,
  sleep,
  waitForToolbar,
} from './toolbar-driver';

/** How long IntersectionObserver v2 (delay 100 ms) takes to report a change, with a margin. */
const VISIBILITY_REPORT_MS = 500;

/**
 * Moves the toolbar into a frame the page makes over its place (as a page script can), and
 * returns where its first reaction (like) is in the viewport, once it shows there: the sheet
 * the extension shows it by is the page's document's, and the toolbar shows itself in the
 * frame's at the content script's next look.
 */
async function moveToolbarIntoFrame(page: Page): Promise<{ x: number; y: number }> {
  await page.evaluate((tag) => {
    const host = document.getElementsByTagName(tag)[0] as HTMLElement;
    host.scrollIntoView({ block: 'center' });
    const frame = document.createElement('iframe');
    frame.style.cssText = 'display:block;border:0;width:100%;height:200px';
    host.before(frame);
    const inner = frame.contentDocument!;
    inner.body.style.margin = '0';
    inner.body.append(host);
  }, TOOLBAR);
  await page.waitForFunction(
    (tag) =>
      (document
        .querySelector('iframe')
        ?.contentDocument?.getElementsByTagName(tag)[0]
        ?.getClientRects().length ?? 0) > 0,
    { polling: 50, timeout: 5_000 },
    TOOLBAR,
  );
  return page.evaluate((tag) => {
    const frame = document.querySelector('iframe')!;
    const host = frame.contentDocument!.getElementsByTagName(tag)[0]!;
    const frameRect = frame.getBoundingClientRect();
    const rect = host.getBoundingClientRect();
    return { x: frameRect.left + rect.left + 35, y: frameRect.top + rect.top + 57 };
  }, TOOLBAR);
}

/** The reaction the toolbar in the page's frame shows (test build). */
function reactionInFrame(page: Page): Promise<string | null | undefined> {
  return page.evaluate(
    (tag) =>
      document
        .querySelector('iframe')
        ?.contentDocument?.getElementsByTagName(tag)[0]
        ?.getAttribute('data-reaction'),
    TOOLBAR,
  );
}

/** How the toolbar's host is drawn: its display (block by its own :host rule) and its height. */
function toolbarBox(page: Page): Promise<{ display: string; height: number }> {
  return page.evaluate((tag) => {
    const host = document.getElementsByTagName(tag)[0] as HTMLElement;
    return { display: getComputedStyle(host).display, height: host.getBoundingClientRect().height };
  }, TOOLBAR);
}

describe.each(BROWSER_NAMES)('%s', (browserName: BrowserName) => {
  const suite = useExtensionSuite('hostile-more', browserName);

  it('keeps its styles when a page whose CSP refuses inline styles moves it', async () => {
    const page = await suite.session.browser.newPage();
    try {
      await page.goto(suite.server.url('hostile/strict-csp.html'));
      await waitForToolbar(page, { shown: true }, 15_000);
      const placed = await toolbarBox(page);
      expect(placed.display).toBe('block');
      // Chromium checked the toolbar's <style> against the page's CSP again when the page's
      // script put it back, and refused it: the toolbar lost every style.
      await page.evaluate(() => (window as unknown as { moveToolbar(): void }).moveToolbar());
      await sleep(SETTLE_MS);
      expect(await toolbarBox(page)).toEqual(placed);
      // Switched to the floating button since, the host takes its floating rules all the same.
      const options = await openExtensionPage(suite.session, '/options.html');
      try {
        const placedAs = (placement: string) =>
          page.waitForFunction(
            (tag, wanted) =>
              document.getElementsByTagName(tag)[0]?.getAttribute('data-placement') === wanted,
            { polling: 100, timeout: 10_000 },
            TOOLBAR,
            placement,
          );
        await options.click('input[name="placement"][value="floating"]');
        await placedAs('floating');
        expect(await toolbarBox(page)).toEqual({ display: 'block', height: 0 });
        // Back as the other tests expect it.
        await options.click('input[name="placement"][value="inline"]');
        await placedAs('inline');
      } finally {
        await options.close();
      }
    } finally {
      await page.close();
    }
  });

  it('ignores a click on the toolbar in a frame of the page made see-through', async () => {
    const page = await suite.session.browser.newPage();
    try {
      await page.goto(suite.server.url('hostile/transparent.html'));
      await waitForToolbar(page, { shown: true }, 15_000);
      const point = await moveToolbarIntoFrame(page);
      await sleep(VISIBILITY_REPORT_MS);
      // Seen, the click at that point presses the first reaction, and a second takes it back.
      await page.mouse.click(point.x, point.y);
      await expect.poll(() => reactionInFrame(page), { timeout: 5_000 }).toBe('like');
      await page.mouse.click(point.x, point.y);
      await expect.poll(() => reactionInFrame(page), { timeout: 5_000 }).toBeNull();

      await page.evaluate(() => (document.querySelector('iframe')!.style.opacity = '0'));
      await sleep(VISIBILITY_REPORT_MS);
      await page.mouse.click(point.x, point.y);
      await sleep(SETTLE_MS);
      expect(await reactionInFrame(page)).toBeNull();
      expect(entriesFor(await readPopupEntries(suite.session), page.url())).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

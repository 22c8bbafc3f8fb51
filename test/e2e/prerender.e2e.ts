import { describe, expect, it } from 'vitest';
import { useExtensionSuite } from './extension-suite';
import {
  TOOLBAR,
  pressReaction,
  sleep,
  waitForStoredReaction,
  waitForToolbar,
} from './toolbar-driver';

/** Long enough for Chrome to prerender the fixture's linked article and run content.js there. */
const PRERENDER_MS = 3_000;

/**
 * A page Chrome prerendered (speculation rules here; the address bar does it too) is not the
 * tab's page until the reader opens it: the content script waits for that before it calls the
 * background, which would refuse it, and the toolbar comes as on any page load.
 */
describe('chromium prerendered article', () => {
  const suite = useExtensionSuite('prerender', 'chromium');

  // Retried: now and then puppeteer loses the tab's page as the prerendered frame swaps in
  // ("Navigating frame was detached"), before anything of the extension is checked; a page it
  // loses never answers again, so the attempt starts over on a new page.
  it(
    'shows the toolbar once opened, with no call refused, and stores a reaction',
    { retry: 2 },
    async () => {
      const { browser, extensionOrigin } = suite.session;
      const worker = await (
        await browser.waitForTarget(
          (t) => t.type() === 'service_worker' && t.url().startsWith(extensionOrigin + '/'),
        )
      ).worker();
      const refusals: string[] = [];
      worker!.on('console', (message) => {
        if (message.text().includes('refused')) refusals.push(message.text());
      });
      // The worker's log is heard: a refusal would be too.
      await worker!.evaluate(() => console.warn('refused: a probe of the test'));
      await expect.poll(() => refusals.length).toBe(1);
      refusals.length = 0;
      const page = await browser.newPage();
      await page.goto(suite.server.url('prerender-links.html'));
      await sleep(PRERENDER_MS);
      await Promise.all([page.waitForNavigation(), page.click('#article')]);
      const activationStart = await page.evaluate(
        () =>
          (
            performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming & {
              activationStart: number;
            }
          ).activationStart,
      );
      expect(activationStart, 'the article was prerendered').toBeGreaterThan(0);

      await waitForToolbar(page, { shown: true, reaction: null }, 15_000);
      expect(await page.$eval(TOOLBAR, (host) => host.getAttribute('data-load-error'))).toBeNull();
      await pressReaction(page, 'love');
      const url = suite.server.url('demo-article.html');
      expect(await waitForStoredReaction(browser, url, 'love')).toBe('love');
      expect(refusals).toEqual([]);
    },
  );
});

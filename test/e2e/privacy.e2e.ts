import type { CDPSession, Page, Target } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_NAMES, gotoExtensionPage, type BrowserName } from './launch.mjs';
import { useExtensionSuite } from './extension-suite';
import {
  SETTLE_MS,
  entriesFor,
  pressReaction,
  shownReaction,
  sleep,
  waitForStoredReaction,
} from './toolbar-driver';

/**
 * Privacy: through a whole flow (article, reaction, reload, popup, options) nothing is requested
 * from anywhere but the local fixture server and the extension itself. Chromium: every page and
 * the extension's service worker (DevTools Network domain); Firefox: every page (WebDriver BiDi
 * does not expose the add-on's background page to puppeteer).
 */

/** Fetches `address`: 'sent' when it is answered, else the name of the error. */
const tryFetch = (address: string) =>
  fetch(address).then(
    () => 'sent',
    (error: Error) => error.name,
  );

/** Schemes that never leave the browser. */
const LOCAL_SCHEMES = ['data:', 'blob:', 'about:'];

describe.each(BROWSER_NAMES)('%s', (browserName: BrowserName) => {
  const suite = useExtensionSuite('privacy', browserName);
  const requests: { from: string; url: string }[] = [];
  const sessions: CDPSession[] = [];

  const isAllowed = (url: string) =>
    url.startsWith(suite.server.origin + '/') ||
    url.startsWith(suite.session.extensionOrigin + '/') ||
    LOCAL_SCHEMES.some((scheme) => url.startsWith(scheme));

  function watchPage(page: Page, name: string): Page {
    page.on('request', (request) => requests.push({ from: name, url: request.url() }));
    return page;
  }

  async function watchWorker(target: Target): Promise<void> {
    if (target.type() !== 'service_worker' && target.type() !== 'shared_worker') return;
    const cdp = await target.createCDPSession();
    sessions.push(cdp);
    cdp.on('Network.requestWillBeSent', (event: { request: { url: string } }) =>
      requests.push({ from: `worker ${target.url()}`, url: event.request.url }),
    );
    await cdp.send('Network.enable');
  }

  beforeAll(async () => {
    if (browserName === 'chromium') {
      suite.session.browser.on('targetcreated', (target: Target) => void watchWorker(target));
      await Promise.all(suite.session.browser.targets().map(watchWorker));
    }
  });

  afterAll(async () => {
    await Promise.all(sessions.map((cdp) => cdp.detach().catch(() => {})));
  });

  it('requests nothing beyond the fixture server and the extension during a full flow', async () => {
    const url = suite.server.url('demo-article.html');
    const probe = suite.server.url('demo-article.html?probe');
    const article = watchPage(await suite.session.browser.newPage(), 'article');
    await article.goto(url);
    expect(await shownReaction(article)).toBeNull();
    await pressReaction(article, 'love');
    await sleep(SETTLE_MS);
    await article.reload();
    expect(await shownReaction(article)).toBe('love');
    expect(await waitForStoredReaction(suite.session.browser, url, 'love')).toBe('love');

    for (const path of ['/popup.html', '/options.html']) {
      const page = watchPage(await suite.session.browser.newPage(), path);
      await gotoExtensionPage(page, suite.session.extensionOrigin + path);
      await page.waitForSelector('body[data-ready]', { timeout: 5_000 }).catch(() => {});
      await sleep(500);
      // The extension's content security policy refuses its pages any request, even to the
      // server the article came from: the fetch fails before anything is sent.
      expect(await page.evaluate(tryFetch, probe), `fetch from ${path}`).toBe('TypeError');
      if (path === '/popup.html') {
        const rows = await page.evaluate(() =>
          [...document.querySelectorAll('#history li.history-entry')].map((li) => ({
            key: li.getAttribute('data-key') ?? '',
            reaction: li.getAttribute('data-reaction'),
            title: '',
            href: li.querySelector<HTMLAnchorElement>('a.history-title')?.href ?? '',
          })),
        );
        expect(entriesFor(rows, url).map((row) => row.reaction)).toEqual(['love']);
      }
      await page.close();
    }
    await article.close();

    expect(requests.length, 'requests were seen at all').toBeGreaterThan(0);
    expect(requests.some((r) => r.from === 'article' && r.url === url)).toBe(true);
    if (browserName === 'chromium') {
      // The worker too is refused by the policy.
      const worker = await suite.session.browser.waitForTarget(
        (t) =>
          t.type() === 'service_worker' && t.url().startsWith(suite.session.extensionOrigin + '/'),
      );
      expect(
        await (await worker.worker())!.evaluate(tryFetch, probe),
        'fetch from the worker',
      ).toBe('TypeError');
      await sleep(300);
    }
    expect(requests.filter((request) => !isAllowed(request.url))).toEqual([]);
    expect(
      requests.map((request) => request.url),
      'a refused fetch is never sent',
    ).not.toContain(probe);
  });
});

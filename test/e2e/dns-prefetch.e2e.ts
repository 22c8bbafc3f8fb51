import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openExtensionPage } from './extension-pages';
import {
  FIXTURES_DIR,
  launchWithExtension,
  serveDirectory,
  type ExtensionBrowser,
  type StaticServer,
} from './launch.mjs';
import { sleep } from './toolbar-driver';

/**
 * Privacy: a link in the extension's pages (the popup's history rows, the options page's list of
 * corrections) sends nothing until the reader follows it. Firefox looks up the host of every link
 * in a page as it is added (DNS prefetching) unless the page turns that off, so each opening of the
 * popup would tell the DNS resolver the sites in the reader's history. Only Firefox: Chromium
 * prefetches only in pages served over http: (Blink's Document::InitDNSPrefetch), never in an
 * extension's. Firefox's own table of looked-up names (about:networking) tells what it asked for.
 */

/** Adds a link to `https://<host>/story` to the page, as a history row does. */
function addLink(page: Page, host: string): Promise<void> {
  return page.evaluate((name) => {
    const link = document.createElement('a');
    link.href = `https://${name}/story`;
    link.textContent = name;
    document.body.append(link);
  }, host);
}

/** The names in Firefox's DNS table, read from a fresh about:networking page. */
async function namesLookedUp(browser: Browser): Promise<string> {
  const page = await browser.newPage();
  try {
    // Like a moz-extension: page, about:networking loads without the navigation ever resolving.
    page.goto('about:networking#dns').catch(() => {});
    for (let tries = 0; tries < 20; tries++) {
      await sleep(250);
      const names = await page
        .evaluate(() => document.getElementById('dns_content')?.textContent ?? '')
        .catch(() => '');
      if (names) return names;
    }
    return '';
  } finally {
    await page.close().catch(() => {});
  }
}

/** How long Firefox may take to look up a name it was handed, on a busy machine. */
const LOOKUP_MS = 10_000;

describe('firefox', () => {
  const suite = {} as { server: StaticServer; session: ExtensionBrowser };

  beforeAll(async () => {
    suite.server = await serveDirectory(FIXTURES_DIR);
    suite.session = await launchWithExtension({
      browserName: 'firefox',
      // Every name resolves to this machine, without asking a resolver: the lookups are still
      // made and listed, and the test sends nothing out (Firefox's own tests do the same).
      firefoxPrefs: { 'network.dns.native-is-localhost': true },
    });
  });

  afterAll(async () => {
    try {
      await suite.session?.close();
    } finally {
      await suite.server?.close();
    }
  });

  it('looks up no host linked in the popup or the options page', async () => {
    const stamp = Date.now().toString(36);
    const linked = ['popup', 'options'].map((name) => `${name}-${stamp}.example`);
    const pages: Page[] = [];
    try {
      for (const [index, path] of ['/popup.html', '/options.html'].entries()) {
        const page = await openExtensionPage(suite.session, path);
        pages.push(page);
        await addLink(page, linked[index]!);
      }
      // The control: a link in a web page is looked up, so the table shows what was asked for.
      const article = await suite.session.browser.newPage();
      pages.push(article);
      await article.goto(suite.server.url('demo-article.html'));
      const control = `control-${stamp}.example`;
      await addLink(article, control);
      let names = '';
      for (const deadline = Date.now() + LOOKUP_MS; Date.now() < deadline;) {
        names = await namesLookedUp(suite.session.browser);
        if (names.includes(control)) break;
      }
      expect(names, 'the web page’s link was looked up').toContain(control);
      for (const host of linked) expect(names).not.toContain(host);
    } finally {
      for (const page of pages) await page.close().catch(() => {});
    }
  });
});

import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PAGE, extensionDirFor } from './launch.mjs';
import { useExtensionSuite } from './extension-suite';
import { TOOLBAR, pressReaction, sleep } from './toolbar-driver';

/** A node of the DevTools protocol's DOM.getDocument, closed shadow roots included (pierce). */
interface DomNode {
  nodeType: number;
  nodeValue: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

/** DOM's nodeType of a text node. */
const TEXT_NODE = 3;

/** The text of the element with id `id`, read through closed shadow roots (Chromium only). */
async function textOfId(page: Page, id: string): Promise<string | null> {
  const cdp = await page.createCDPSession();
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as {
      root: DomNode;
    };
    const text = (node: DomNode): string =>
      node.nodeType === TEXT_NODE ? node.nodeValue : (node.children ?? []).map(text).join('');
    const find = (node: DomNode): DomNode | undefined => {
      const attributes = node.attributes ?? [];
      if (
        attributes.some((value, i) => i % 2 === 0 && value === 'id' && attributes[i + 1] === id)
      ) {
        return node;
      }
      for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) {
        const found = find(child);
        if (found) return found;
      }
      return undefined;
    };
    const found = find(root);
    return found ? text(found) : null;
  } finally {
    await cdp.detach();
  }
}

/**
 * Chromium keeps a page's content script, cut off, when its extension is updated, turned off or
 * removed. Removed is what the DevTools protocol can do (Extensions.uninstall); the script meets
 * the same cut-off runtime in all three. Firefox unloads the script instead: its toolbar stays in
 * the page, drawn but dead (a key press or click does nothing), and no code of Moodmark runs there
 * to say anything, so there is nothing to test in Firefox.
 */
describe('chromium: Moodmark removed while an article stays open', () => {
  const suite = useExtensionSuite('extension-gone', 'chromium');

  it('tells the reader at once to reload the page, in place of retrying', async () => {
    const page = await suite.session.browser.newPage();
    await page.goto(suite.server.url(DEMO_PAGE));
    await page.waitForSelector(`${TOOLBAR}[data-ready]`);
    await suite.session.browser.uninstallExtension(suite.session.extensionId);
    // Chrome keeps the page's toolbar, and its script, cut off.
    expect(await page.$(TOOLBAR)).not.toBeNull();
    await pressReaction(page, 'like');
    const pressed = performance.now();
    let status: string | null = null;
    while (!status && performance.now() - pressed < 5_000) {
      await sleep(20);
      status = await textOfId(page, 'moodmark-status');
    }
    const elapsedMs = performance.now() - pressed;
    console.log(`[e2e] extension-gone: told after ${elapsedMs.toFixed(0)} ms: ${status}`);
    expect(status).toBe(
      'Your reaction was not saved: Moodmark was updated or turned off since this page was opened. Reload the page.',
    );
    // Retried, the call took 1.5 s to fail.
    expect(elapsedMs).toBeLessThan(750);
  });

  it('takes its toolbar out of the page once the reader comes back to the tab', async () => {
    const { browser } = suite.session;
    // The extension was removed by the test before: load it again.
    const extensionId = await browser.installExtension(extensionDirFor('chromium'));
    const page = await browser.newPage();
    await page.goto(suite.server.url(DEMO_PAGE));
    await page.waitForSelector(`${TOOLBAR}[data-ready]`);
    // The reader goes to another tab, and Moodmark is removed meanwhile (chrome://extensions).
    const other = await browser.newPage();
    await other.bringToFront();
    await browser.uninstallExtension(extensionId);
    expect(await page.$(TOOLBAR)).not.toBeNull();
    await page.bringToFront();
    await other.close();
    await page.waitForFunction((tag) => !document.querySelector(tag), { timeout: 2_000 }, TOOLBAR);
  });
});

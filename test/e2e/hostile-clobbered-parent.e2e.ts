import { describe, expect, it } from 'vitest';
import { BROWSER_NAMES, type BrowserName } from './launch.mjs';
import { useExtensionSuite } from './extension-suite';
import { SETTLE_MS, sleep, waitForToolbar } from './toolbar-driver';

/** Longest a page still running its scripts takes to answer a question from the test. */
const RESPONSIVE_MS = 2_000;

describe.each(BROWSER_NAMES)('%s', (browserName: BrowserName) => {
  const suite = useExtensionSuite('hostile-clobbered', browserName);

  // A form's fields are its properties in the content script's world too: one named
  // `parentNode` made a walk up from the toolbar go round the form and its field for ever, one
  // named `parentElement` the detector's walks up from the article.
  it.each([
    ['parentNode', 'clobbered-parent.html'],
    ['parentElement', 'clobbered-parent-element.html'],
  ])(
    'keeps a page responsive whose form round the article has a field named %s',
    async (_name, fixture) => {
      const page = await suite.session.browser.newPage();
      try {
        await page.goto(suite.server.url(`hostile/${fixture}`));
        await waitForToolbar(page, { shown: true }, 15_000);
        await sleep(SETTLE_MS);
        const answer = await Promise.race([
          page.evaluate(() => 'answered'),
          sleep(RESPONSIVE_MS).then(() => 'hung'),
        ]);
        expect(answer).toBe('answered');
      } finally {
        await page.close().catch(() => {});
      }
    },
  );
});

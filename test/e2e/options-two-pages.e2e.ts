import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { openExtensionPage } from './extension-pages';
import { BROWSER_NAMES } from './launch.mjs';
import { useExtensionSuite } from './extension-suite';

/**
 * "Never lose a setting changed from two windows": each options page writes its change over the
 * settings as it reads them from storage, and two pages doing so at once each wrote back the
 * other's field as it had read it, before the other's change (Chromium lost 9 changes in 20
 * rounds, Firefox 14).
 */

const ROUNDS = 10;

/** Chooses `value` in the group of radio buttons `name`, as a click on it does. */
function choose(page: Page, name: string, value: string): Promise<void> {
  return page.evaluate(
    (group, choice) =>
      document
        .querySelector<HTMLInputElement>(`input[name="${group}"][value="${choice}"]`)!
        .click(),
    name,
    value,
  );
}

/** The settings as stored now. */
function readStored(page: Page): Promise<{ theme?: unknown; placement?: unknown } | undefined> {
  return page.evaluate(async () => {
    const { storage } = (
      globalThis as unknown as {
        chrome: { storage: { local: { get(key: string): Promise<{ settings?: object }> } } };
      }
    ).chrome;
    return (await storage.local.get('settings')).settings;
  });
}

describe.each(BROWSER_NAMES)('%s options in two pages', (browserName) => {
  const suite = useExtensionSuite('options-two-pages', browserName);

  it('keeps both of two settings changed at once in two pages', async () => {
    const [one, other] = await Promise.all(
      [0, 1].map(() => openExtensionPage(suite.session, '/options.html')),
    );
    await Promise.all([one, other].map((page) => page!.waitForSelector('body[data-ready]')));
    for (let round = 0; round < ROUNDS; round++) {
      const theme = round % 2 === 0 ? 'dark' : 'light';
      const placement = round % 2 === 0 ? 'floating' : 'inline';
      await Promise.all([choose(one!, 'theme', theme), choose(other!, 'placement', placement)]);
      // Once one change is written over, no later write brings it back.
      await expect
        .poll(() => readStored(one!), { timeout: 2_000, message: `round ${round}` })
        .toMatchObject({ theme, placement });
    }
  });
});

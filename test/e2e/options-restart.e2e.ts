import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openExtensionPage } from './extension-pages';
import {
  BROWSER_NAMES,
  DEMO_PAGE,
  FIXTURES_DIR,
  launchWithExtension,
  serveDirectory,
  type ExtensionBrowser,
  type StaticServer,
} from './launch.mjs';

/**
 * "Survives a browser restart": what the reader chose on the options page (reactions and their
 * order, placement, theme, a site turned off) is there again when the browser starts on the same
 * profile with the extension installed again, in the page and on the toolbar.
 */

const TOOLBAR = 'moodmark-toolbar';
const SITE_OFF = 'news.example.org';

/** What the options page shows: the reactions as listed (`reaction:ticked`), choices, sites. */
async function readOptions(session: ExtensionBrowser) {
  const options = await openExtensionPage(session, '/options.html');
  try {
    await options.waitForSelector('body[data-ready]');
    return await options.evaluate(() => ({
      reactions: [...document.querySelectorAll<HTMLLIElement>('#reactions li')].map(
        (item) => `${item.dataset.reaction}:${item.querySelector('input')!.checked}`,
      ),
      choices: [...document.querySelectorAll<HTMLInputElement>('input[type="radio"]:checked')].map(
        (radio) => `${radio.name}:${radio.value}`,
      ),
      sites: [...document.querySelectorAll<HTMLLIElement>('#sites li')].map(
        (item) => item.dataset.site,
      ),
    }));
  } finally {
    await options.close();
  }
}

/** The toolbar's settings on the demo article, as its host shows them. */
async function readToolbar(session: ExtensionBrowser, server: StaticServer) {
  const article: Page = await session.browser.newPage();
  try {
    await article.goto(server.url(DEMO_PAGE));
    const host = await article.waitForSelector(`${TOOLBAR}[data-ready]`);
    return await host!.evaluate((element) => ({
      reactions: element.getAttribute('data-reactions'),
      placement: element.getAttribute('data-placement'),
      theme: element.getAttribute('data-theme'),
    }));
  } finally {
    await article.close();
  }
}

describe.each(BROWSER_NAMES)('%s options after a restart', (browserName) => {
  let server: StaticServer;
  let profile: string;

  beforeAll(async () => {
    server = await serveDirectory(FIXTURES_DIR);
    profile = await mkdtemp(join(tmpdir(), `moodmark-${browserName}-options-profile-`));
  });

  afterAll(async () => {
    await server?.close();
    await rm(profile, { recursive: true, force: true });
  });

  it('keeps the reactions, their order, placement, theme and sites turned off', async () => {
    const first = await launchWithExtension({ browserName, userDataDir: profile });
    let before: Awaited<ReturnType<typeof readOptions>>;
    let toolbarBefore: Awaited<ReturnType<typeof readToolbar>>;
    try {
      const options = await openExtensionPage(first, '/options.html');
      await options.waitForSelector('body[data-ready]');
      await options.click('#show-sad');
      for (let i = 0; i < 6; i++) await options.click('#move-up-wow');
      await options.click('input[name="placement"][value="floating"]');
      await options.click('input[name="theme"][value="dark"]');
      await options.type('#site-input', `https://${SITE_OFF}/world/story`);
      await options.keyboard.press('Enter');
      await options.waitForSelector(`#sites li[data-site="${SITE_OFF}"]`);
      // Every change written before the page closes: the theme was the last.
      await options.waitForFunction(
        async () => {
          const { storage } = (
            globalThis as unknown as {
              chrome: {
                storage: {
                  local: { get(key: string): Promise<{ settings?: { theme?: unknown } }> };
                };
              };
            }
          ).chrome;
          return (await storage.local.get('settings')).settings?.theme === 'dark';
        },
        { polling: 100 },
      );
      await options.close();
      before = await readOptions(first);
      toolbarBefore = await readToolbar(first, server);
    } finally {
      await first.close();
    }
    expect(before.reactions).toEqual([
      'wow:true',
      'like:true',
      'dislike:true',
      'love:true',
      'funny:true',
      'angry:true',
      'sad:false',
    ]);
    expect(before.choices).toEqual(['placement:floating', 'theme:dark']);
    expect(before.sites).toEqual([SITE_OFF]);
    expect(toolbarBefore).toEqual({
      reactions: 'wow like dislike love funny angry',
      placement: 'floating',
      theme: 'dark',
    });

    const second = await launchWithExtension({ browserName, userDataDir: profile });
    try {
      expect(await readOptions(second)).toEqual(before);
      expect(await readToolbar(second, server)).toEqual(toolbarBefore);
    } finally {
      await second.close();
    }
  });
});

import browser from 'webextension-polyfill';

/**
 * Runs the manifest's content scripts in the tabs already open when Moodmark is installed or
 * updated: Chrome runs them only in pages loaded afterwards. Firefox runs them in open tabs itself,
 * and a page loading meanwhile gets them from the manifest too: the script runs once per frame
 * either way (src/content/index.ts). After an update, Chrome stops the previous version's script
 * in those pages but leaves its toolbar there, dead: the new script replaces it. Discarded tabs
 * run them when they load again.
 */
export async function injectIntoOpenTabs(): Promise<void> {
  for (const { matches = [], js = [] } of browser.runtime.getManifest().content_scripts ?? []) {
    const tabs = await browser.tabs.query({ url: matches, discarded: false });
    await Promise.all(
      tabs.map(({ id }) =>
        id === undefined
          ? undefined
          : browser.scripting
              .executeScript({ target: { tabId: id, frameIds: [0] }, files: js })
              // A tab that navigated meanwhile, or a page the browser keeps extensions out of.
              .catch(() => {}),
      ),
    );
  }
}

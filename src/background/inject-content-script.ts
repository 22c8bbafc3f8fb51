import browser from 'webextension-polyfill';

/** The content script's bundle, as the manifest declares it for every http(s) page. */
const CONTENT_SCRIPT = 'content.js';

/**
 * Runs the content script in the http(s) tabs already open when Moodmark is installed: Chrome
 * runs a manifest's content scripts only in pages loaded afterwards. Firefox runs them in open tabs
 * itself; the script runs once per frame either way (src/content/index.ts). Not on an update: the
 * previous version's script still runs in those pages, cut off from the extension, until they
 * reload, and two would compete for one toolbar. Discarded tabs run it when they load again.
 */
export async function injectIntoOpenTabs(): Promise<void> {
  const tabs = await browser.tabs.query({ url: ['http://*/*', 'https://*/*'], discarded: false });
  await Promise.all(
    tabs.map(({ id }) =>
      id === undefined
        ? undefined
        : browser.scripting
            .executeScript({ target: { tabId: id, frameIds: [0] }, files: [CONTENT_SCRIPT] })
            // A tab that navigated meanwhile, or a page the browser does not let extensions into.
            .catch(() => {}),
    ),
  );
}

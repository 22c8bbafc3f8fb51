import browser from 'webextension-polyfill';
import { CONTENT_SCRIPT_MARK } from '../core/content-script-mark';
import { injectWhereMissing } from './inject-where-missing';

/**
 * Runs the manifest's content scripts in the tabs open when the extension starts afresh: once per
 * extension session, at the worker's first start (runOncePerSession, wired in index.ts). That is
 * after an install or an update, after the reader turned Moodmark off and on again (Chrome fires
 * no onInstalled then), and when the browser starts. Chrome runs manifest scripts only in pages
 * loaded afterwards, and leaves a toolbar from before the restart in the page, dead: the new
 * script replaces it. Each tab is asked first, so a page that has run the script since the
 * extension started (a tab restored at browser start-up, any tab in Firefox, which runs them in
 * open tabs itself) is not given it again; a second run in one frame would stop at once anyway
 * (src/content/index.ts). Discarded tabs run them when they load again.
 */
export async function injectIntoOpenTabs(): Promise<void> {
  for (const { matches = [], js = [] } of browser.runtime.getManifest().content_scripts ?? []) {
    const tabs = await browser.tabs.query({ url: matches, discarded: false });
    const target = (tabId: number) => ({ tabId, frameIds: [0] });
    await injectWhereMissing(
      tabs.flatMap(({ id }) => (id === undefined ? [] : [id])),
      {
        async hasRun(tabId) {
          // Runs in the extension's isolated world, where the content script leaves its mark.
          const [frame] = await browser.scripting.executeScript({
            target: target(tabId),
            func: (name: string) =>
              (globalThis as Record<symbol, unknown>)[Symbol.for(name)] === true,
            args: [CONTENT_SCRIPT_MARK],
          });
          return frame?.result === true;
        },
        async run(tabId) {
          await browser.scripting.executeScript({ target: target(tabId), files: js });
        },
      },
    );
  }
}

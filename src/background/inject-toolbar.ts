import browser, { type Runtime } from 'webextension-polyfill';

/** The toolbar's bundle (build.mjs's `toolbar` entry), run in a frame only when it is wanted. */
export const TOOLBAR_SCRIPT = 'toolbar.js';

/**
 * Runs `toolbar.js` in the frame whose content script asked for it, in the content scripts'
 * isolated world. Needs the "scripting" permission and host permissions equal to the content
 * script's matches: no page beyond those the content script already runs in.
 */
export async function injectToolbar(sender: Runtime.MessageSender): Promise<void> {
  const tabId = sender.tab?.id;
  if (tabId === undefined) throw new Error('only a tab can ask for the toolbar');
  await browser.scripting.executeScript({
    target: { tabId, frameIds: [sender.frameId ?? 0] },
    files: [TOOLBAR_SCRIPT],
  });
}

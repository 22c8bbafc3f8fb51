import browser from 'webextension-polyfill';

/** The toolbar's bundle (build.mjs's `toolbar` entry), run in a frame only when it is wanted. */
export const TOOLBAR_SCRIPT = 'toolbar.js';

/**
 * Runs `toolbar.js` in the top frame of tab `tabId` (the only frame the content script runs in,
 * and the only one whose calls the background answers), in the content scripts' isolated world.
 * Needs the "scripting" permission and host permissions equal to the content script's matches:
 * no page beyond those the content script already runs in.
 */
export async function injectToolbar(tabId: number): Promise<void> {
  await browser.scripting.executeScript({
    target: { tabId, frameIds: [0] },
    files: [TOOLBAR_SCRIPT],
  });
}

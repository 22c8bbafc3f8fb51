import browser from 'webextension-polyfill';
import type { InjectedScript } from './injected-scripts';

/**
 * Runs `file` in the top frame of tab `tabId` (the only frame the content script runs in, and
 * the only one whose calls the background answers), in the content scripts' isolated world.
 * Needs the "scripting" permission and host permissions equal to the content script's matches:
 * no page beyond those the content script already runs in.
 */
export async function injectScript(tabId: number, file: InjectedScript): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [file] });
}

import browser from 'webextension-polyfill';
import { TOOLBAR_SCRIPT, TOOLBAR_SHOWN_CSS, type InjectedScript } from './injected-scripts';

type InjectionTarget = { tabId: number; frameIds: number[] };

/**
 * Runs `file` in the top frame of tab `tabId` (the only frame the content script runs in, and
 * the only one whose calls the background answers), in the content scripts' isolated world.
 * With `toolbar.js`, first inserts the sheet that shows the toolbar: only into pages that get
 * one, and before any is drawn. Needs the "scripting" permission and host permissions equal to
 * the content script's matches: no page beyond those the content script already runs in.
 */
export async function injectScript(tabId: number, file: InjectedScript): Promise<void> {
  const target = { tabId, frameIds: [0] };
  if (file === TOOLBAR_SCRIPT) await insertToolbarSheet(target);
  await browser.scripting.executeScript({ target, files: [file] });
}

/** Inserts {@link TOOLBAR_SHOWN_CSS}; refused or unknown, the toolbar shows itself (toolbar.ts). */
async function insertToolbarSheet(target: InjectionTarget): Promise<void> {
  try {
    await browser.scripting.insertCSS({ target, css: TOOLBAR_SHOWN_CSS, origin: 'USER' });
  } catch {
    // Nothing lost but the toolbar's going with Moodmark in Firefox.
  }
}

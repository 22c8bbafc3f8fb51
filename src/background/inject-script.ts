import browser, { type Scripting } from 'webextension-polyfill';
import { TOOLBAR_SCRIPT, TOOLBAR_SHOWN_CSS, type InjectedScript } from './injected-scripts';

/** How many documents that asked for the toolbar's sheet this background remembers. */
export const SHEET_ASKERS_KEPT = 1_000;

/**
 * Documents given the toolbar's sheet at their own request, oldest first: where another page's
 * file strays into one of them, the sheet there is its own. A removal takes out one copy, and the
 * straying page's copy may have gone into that page before the tab moved on.
 */
const sheetAskers = new Set<string>();

function rememberSheetAsker(documentId: string): void {
  sheetAskers.delete(documentId);
  sheetAskers.add(documentId);
  for (const oldest of sheetAskers) {
    if (sheetAskers.size <= SHEET_ASKERS_KEPT) break;
    sheetAskers.delete(oldest);
  }
}

/**
 * Runs `file` in the top frame of tab `tabId` (the only frame the content script runs in, and
 * the only one whose calls the background answers), in the content scripts' isolated world.
 * With `toolbar.js`, first inserts the sheet that shows the toolbar: only into pages that get
 * one, and before any is drawn. Needs the "scripting" permission and host permissions equal to
 * the content script's matches: no page beyond those the content script already runs in.
 *
 * `documentId` is the asking document's (the sender's, where the browser names it: Chrome,
 * Firefox 153). A frame id names the frame, not its document, so a page the tab went on to
 * while the call was answered would get the file and the sheet, which tells it Moodmark is
 * here. Aimed at that document, the injection is refused once it is gone; where the browser
 * ran it in another all the same, the sheet is taken out of that one, unless it asked for the
 * toolbar itself, and the call fails.
 */
export async function injectScript(
  tabId: number,
  file: InjectedScript,
  documentId?: string,
): Promise<void> {
  const target: Scripting.InjectionTarget =
    documentId === undefined ? { tabId, frameIds: [0] } : { tabId, documentIds: [documentId] };
  const withSheet = file === TOOLBAR_SCRIPT;
  if (withSheet && documentId !== undefined) rememberSheetAsker(documentId);
  if (withSheet) await insertToolbarSheet(target);
  const results: { documentId?: string | undefined }[] = await browser.scripting.executeScript({
    target,
    files: [file],
  });
  if (documentId === undefined) return;
  // Chrome runs an injection aimed at a document kept in the back/forward cache in the page its
  // frame shows now, and says which: https://github.com/w3c/webextensions/issues/8
  const strayed = results.flatMap((result) =>
    result.documentId !== undefined && result.documentId !== documentId ? [result.documentId] : [],
  );
  if (strayed.length === 0) return;
  const unasked = strayed.filter((strayedInto) => !sheetAskers.has(strayedInto));
  if (withSheet && unasked.length > 0) await removeToolbarSheet({ tabId, documentIds: unasked });
  throw new Error(`${file} ran in a page the tab went on to, not in the page that asked`);
}

/** Inserts {@link TOOLBAR_SHOWN_CSS}; refused or unknown, the toolbar shows itself (toolbar.ts). */
async function insertToolbarSheet(target: Scripting.InjectionTarget): Promise<void> {
  try {
    await browser.scripting.insertCSS({ target, css: TOOLBAR_SHOWN_CSS, origin: 'USER' });
  } catch {
    // Nothing lost but the toolbar's going with Moodmark in Firefox.
  }
}

/** Takes {@link TOOLBAR_SHOWN_CSS} out of documents that never asked for the toolbar. */
async function removeToolbarSheet(target: Scripting.InjectionTarget): Promise<void> {
  try {
    await browser.scripting.removeCSS({ target, css: TOOLBAR_SHOWN_CSS, origin: 'USER' });
  } catch {
    // Gone on again, or closed: the sheet went with its page.
  }
}

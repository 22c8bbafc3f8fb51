import type { ContentMessage } from '../protocol';
import type { Broadcast, WindowKind } from './calls';

/** The ids of the open tabs of `windows`' kind (tabs.query in an extension). */
export type WindowTabs = (windows: WindowKind) => Promise<number[]>;

/**
 * Tells every tab's content script about a change, and the extension's own pages (the action
 * popup, no tab, hears nothing else). A private window's reactions are news to private windows
 * only, and the history's to normal windows only; an extension page may be a normal window's, so
 * it hears no private one's. A tab without our content script, or no page open, just rejects.
 *
 * `sendToExtensionPages` is runtime.sendMessage, which reaches neither content scripts nor the
 * sender. A popup open in a tab hears a notice twice, at once, and follows it once (it waits for
 * the notices to settle).
 */
export function createBroadcast(
  tabsOf: WindowTabs,
  sendToTab: (tabId: number, message: ContentMessage) => Promise<unknown>,
  sendToExtensionPages: (message: ContentMessage) => Promise<unknown>,
): Broadcast {
  return (message, windows = 'all') => {
    void tabsOf(windows).then((tabIds) => {
      for (const tabId of tabIds) sendToTab(tabId, message).catch(() => {});
    });
    if (windows !== 'private') sendToExtensionPages(message).catch(() => {});
  };
}

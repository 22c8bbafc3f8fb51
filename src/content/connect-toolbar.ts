import browser from './extension-api';
import { resolveLocale } from '../core/i18n';
import type { Reaction } from '../core/reactions';
import { parseSettings, SETTINGS_KEY } from '../core/settings';
import { parseContentMessage, type TabNoticeMessage } from '../protocol';
import type { Toolbar } from './toolbar';

/** The toolbar on this page now; the listeners below are registered once and follow it. */
let connected: Toolbar | undefined;

function tellBackground(reaction: Reaction | null): void {
  const message: TabNoticeMessage = { tabNotice: 'reactionShown', input: { reaction } };
  // The badge is a convenience: a worker that is restarting just misses one update.
  browser.runtime.sendMessage(message).catch(() => {});
}

function listenOnce(): void {
  browser.storage.onChanged.addListener((changes, area) => {
    const change = changes[SETTINGS_KEY];
    if (area === 'local' && change) connected?.applySettings(parseSettings(change.newValue));
  });
  browser.runtime.onMessage.addListener((message: unknown) => {
    let notice;
    try {
      notice = parseContentMessage(message);
    } catch {
      return undefined;
    }
    // Not on a site where the toolbar is turned off (hidden) or after it left the page.
    const shown = !!connected && connected.host.getClientRects().length > 0;
    if (notice.notice === 'focusToolbar' && shown) connected!.focus();
    return undefined;
  });
}

/**
 * Ties a toolbar to the extension: labels in the page's language (else the browser's), the
 * reader's settings now and whenever the options page changes them, the focus shortcut, and the
 * toolbar button's badge. Call it once per toolbar created; a newer toolbar replaces the older.
 */
export function connectToolbar(toolbar: Toolbar, doc: Document = document): void {
  if (!connected) listenOnce();
  connected = toolbar;
  toolbar.setLocale(resolveLocale([doc.documentElement.lang, browser.i18n.getUILanguage()]));
  toolbar.onChange((reaction) => {
    if (connected === toolbar) tellBackground(reaction);
  });
  browser.storage.local.get(SETTINGS_KEY).then(
    (stored) => {
      if (connected === toolbar) toolbar.applySettings(parseSettings(stored[SETTINGS_KEY]));
    },
    // Unreadable storage leaves the defaults in place.
    () => {},
  );
}

import browser from './extension-api';
import { resolveLocale } from '../core/i18n';
import { parseSettings, SETTINGS_KEY } from '../core/settings';
import type { Toolbar } from './toolbar';

/** The toolbar on this page now; the listeners below are registered once and follow it. */
let connected: Toolbar | undefined;

function listenOnce(): void {
  browser.storage.onChanged.addListener((changes, area) => {
    const change = changes[SETTINGS_KEY];
    if (area === 'local' && change) connected?.applySettings(parseSettings(change.newValue));
  });
}

/**
 * Ties a toolbar to the extension: labels in the page's language (else the browser's), the
 * reader's settings now and whenever the options page changes them (read from `storage`, the
 * settings channel; see src/README.md). Call it once per toolbar created; a newer toolbar replaces the older.
 */
export function connectToolbar(toolbar: Toolbar, doc: Document = document): void {
  if (!connected) listenOnce();
  connected = toolbar;
  toolbar.setLocale(resolveLocale([doc.documentElement.lang, browser.i18n.getUILanguage()]));
  browser.storage.local.get(SETTINGS_KEY).then(
    (stored) => {
      if (connected === toolbar) toolbar.applySettings(parseSettings(stored[SETTINGS_KEY]));
    },
    // Unreadable storage leaves the defaults in place.
    () => {},
  );
}

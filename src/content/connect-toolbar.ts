import browser from './extension-api';
import { resolveLocale } from '../core/i18n';
import { parseSettings, SETTINGS_KEY, type Settings } from '../core/settings';
import type { Toolbar } from './toolbar';

/** The toolbar on this page now; the listeners below are registered once and follow it. */
let connected: Toolbar | undefined;
/** Applies the reader's settings to the connected toolbar. */
let applySettings: ((settings: Settings) => void) | undefined;

function listenOnce(): void {
  browser.storage.onChanged.addListener((changes, area) => {
    const change = changes[SETTINGS_KEY];
    if (area === 'local' && change) applySettings?.(parseSettings(change.newValue));
  });
}

/**
 * Ties a toolbar to the extension: labels in the page's language (else the browser's), the
 * reader's settings now and whenever the options page changes them (read from `storage`, the
 * settings channel; see src/README.md). Call it once per toolbar created; a newer toolbar replaces the older.
 * `floating` keeps it the floating button whatever the settings say (a page with no body).
 */
export function connectToolbar(toolbar: Toolbar, floating = false, doc: Document = document): void {
  if (!connected) listenOnce();
  connected = toolbar;
  toolbar.setLocale(resolveLocale([doc.documentElement.lang, browser.i18n.getUILanguage()]));
  const apply = (settings: Settings) =>
    toolbar.applySettings(floating ? { ...settings, placement: 'floating' } : settings);
  applySettings = apply;
  browser.storage.local.get(SETTINGS_KEY).then(
    (stored) => {
      if (connected === toolbar) apply(parseSettings(stored[SETTINGS_KEY]));
    },
    // Unreadable storage leaves the defaults in place.
    () => {},
  );
}

import { reportWork } from './bench-marks';
import browser from './extension-api';
import { resolveLocale } from '../core/i18n';
import { parseSettings, SETTINGS_KEY, type Settings } from '../core/settings';
import type { Toolbar } from './toolbar';

/** The toolbar on this page now; the listeners below are registered once and follow it. */
let connected: Toolbar | undefined;
/** Applies the reader's settings to the connected toolbar. */
let applySettings: ((settings: Settings) => void) | undefined;

let isListening = false;

/** Follows the options page's changes to the settings: one listener for the frame. */
function listenOnce(): void {
  if (isListening) return;
  isListening = true;
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
  connected = toolbar;
  toolbar.setLocale(resolveLocale([doc.documentElement.lang, browser.i18n.getUILanguage()]));
  const apply = (settings: Settings) =>
    toolbar.applySettings(floating ? { ...settings, placement: 'floating' } : settings);
  applySettings = apply;
  // In a task of its own: Firefox binds `storage` on its first use, 10–20 ms that placing the
  // toolbar need not carry. The settings arrive after the toolbar either way.
  setTimeout(() => {
    if (connected !== toolbar) return;
    const reading = __BENCH_MARKS__ ? performance.now() : 0;
    listenOnce();
    browser.storage.local.get(SETTINGS_KEY).then(
      (stored) => {
        if (connected === toolbar) apply(parseSettings(stored[SETTINGS_KEY]));
      },
      // Unreadable storage leaves the defaults in place.
      () => {},
    );
    if (__BENCH_MARKS__) reportWork('place', reading);
  }, 0);
}

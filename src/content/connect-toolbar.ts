import { reportWork } from './bench-marks';
import browser from './extension-api';
import { resolveLocale } from '../core/i18n';
import { pageLanguage } from '../core/page-language';
import type { ToolbarPlace } from '../core/place-toolbar';
import { parseSettings, SETTINGS_KEY, type Settings } from '../core/settings';
import type { Toolbar } from './toolbar';

/** The reader's settings as last read or heard of; the defaults until {@link readSettings}. */
let current: Settings = parseSettings(undefined);
/** Applies the reader's settings to the connected toolbar, if any. */
let applySettings: ((settings: Settings) => void) | undefined;
let reading: Promise<void> | undefined;

/** How many changes of the settings this frame has heard of: a read older than one is stale. */
let changesHeard = 0;

/** Takes `settings` as the reader's, and applies them to the toolbar where they changed. */
function follow(settings: Settings): void {
  if (JSON.stringify(settings) === JSON.stringify(current)) return;
  current = settings;
  applySettings?.(current);
}

/**
 * Back from the back-forward cache, the page reads the settings again: Firefox drops the change
 * notices of a page waiting there (its content script's context is inactive), so a reaction the
 * reader hid meanwhile would still show. A page script's own event (untrusted) is ignored.
 */
function onReturn(event: PageTransitionEvent): void {
  if (!event.persisted || !event.isTrusted) return;
  const heardBefore = changesHeard;
  browser.storage.local.get(SETTINGS_KEY).then(
    (stored) => {
      if (changesHeard === heardBefore) follow(parseSettings(stored[SETTINGS_KEY]));
    },
    () => {},
  );
}

/**
 * Reads the reader's settings (from `storage`, the settings channel; see src/README.md) and
 * follows the options page's changes from then on, also those made while the page waited in the
 * back-forward cache: once per frame. Call it before the toolbar is created, in a task of its
 * own: Firefox binds `storage` on its first use, 10–20 ms that placing the toolbar need not
 * carry. Unreadable storage leaves the defaults.
 */
export function readSettings(): Promise<void> {
  if (reading) return reading;
  const started = __BENCH_MARKS__ ? performance.now() : 0;
  browser.storage.onChanged.addListener((changes, area) => {
    const change = changes[SETTINGS_KEY];
    if (area !== 'local' || !change) return;
    changesHeard++;
    current = parseSettings(change.newValue);
    applySettings?.(current);
  });
  // Only a page that was hidden comes back from the cache (as content/index.ts listens).
  window.addEventListener('pagehide', () => window.addEventListener('pageshow', onReturn));
  reading = browser.storage.local.get(SETTINGS_KEY).then(
    (stored) => {
      if (changesHeard === 0) current = parseSettings(stored[SETTINGS_KEY]);
    },
    () => {},
  );
  if (__BENCH_MARKS__) reportWork('place', started);
  return reading;
}

/**
 * Ties a toolbar to the extension: labels in the language of the text it is placed in, after
 * `anchor` (the nearest `lang` around it, so an `<article lang="de">` in an English page gets a
 * German toolbar; else the page's, else the browser's), the reader's settings (as
 * {@link readSettings} last found them) now and whenever the options page changes them. Call it
 * once per toolbar created; a newer toolbar replaces the older. `floating` keeps it the floating
 * button whatever the settings say (a page with no body).
 */
export function connectToolbar(
  toolbar: Toolbar,
  { anchor, floating = false }: Pick<ToolbarPlace, 'anchor' | 'floating'>,
): void {
  // The anchor's parent, where the toolbar goes: not the anchor's own `lang` (a story may end on
  // a quote in another language), nor the detected body, which may be a wrapper (a <main>) around
  // the <article> that declares it.
  const language = pageLanguage(anchor.ownerDocument, anchor.parentElement ?? anchor);
  toolbar.setLocale(resolveLocale([language, browser.i18n.getUILanguage()]));
  applySettings = (settings) =>
    toolbar.applySettings(floating ? { ...settings, placement: 'floating' } : settings);
  applySettings(current);
}

import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import type { Toolbar } from '../../src/content/toolbar';
import { DEFAULT_SETTINGS, SETTINGS_KEY, type Settings } from '../../src/core/settings';

type ChangeListener = (changes: Record<string, { newValue?: unknown }>, area: string) => void;

/** The extension's local storage as a toolbar's frame sees it; `notices` says whether it hears. */
const storage = {
  stored: {} as Record<string, unknown>,
  listeners: [] as ChangeListener[],
  notices: true,
};

/** The options page writes `settings`; a page in the back-forward cache hears nothing of it. */
function writeSettings(settings: Settings): void {
  storage.stored[SETTINGS_KEY] = structuredClone(settings);
  if (!storage.notices) return;
  for (const listener of storage.listeners) {
    listener({ [SETTINGS_KEY]: { newValue: structuredClone(settings) } }, 'local');
  }
}

/** Records the listeners the module adds to the window. */
let windowListening: MockInstance<typeof window.addEventListener>;

/** Hands the module's window listeners an event as the browser dispatches it, trusted. */
function dispatchTrusted(event: { type: string; persisted?: boolean }): void {
  const listeners = new Set(
    windowListening.mock.calls.filter(([type]) => type === event.type).map(([, l]) => l),
  );
  for (const listener of listeners) {
    if (typeof listener === 'function') listener({ ...event, isTrusted: true } as unknown as Event);
  }
}

/** A connected toolbar's calls, after the module read the settings. */
async function connectFreshToolbar() {
  vi.resetModules();
  const { connectToolbar, readSettings } = await import('../../src/content/connect-toolbar');
  await readSettings();
  const toolbar = { setLocale: vi.fn(), applySettings: vi.fn() };
  document.body.innerHTML = '<article><p>Story</p></article>';
  connectToolbar(toolbar as unknown as Toolbar, { anchor: document.querySelector('p')! });
  return toolbar;
}

const LATER: Settings = {
  reactions: ['wow', 'like'],
  order: ['wow', 'like', 'dislike', 'love', 'funny', 'angry', 'sad'],
  placement: 'floating',
  theme: 'dark',
};

beforeEach(() => {
  storage.stored = {};
  storage.listeners = [];
  storage.notices = true;
  (globalThis as { browser?: unknown }).browser = {
    runtime: {},
    storage: {
      local: { get: async (name: string) => structuredClone({ [name]: storage.stored[name] }) },
      onChanged: { addListener: (listener: ChangeListener) => storage.listeners.push(listener) },
    },
    i18n: { getUILanguage: () => 'en' },
  };
  windowListening = vi.spyOn(window, 'addEventListener');
});

afterEach(() => {
  windowListening.mockRestore();
  delete (globalThis as { browser?: unknown }).browser;
});

describe('connectToolbar', () => {
  it('applies the settings as stored, then as the options page changes them', async () => {
    storage.stored[SETTINGS_KEY] = { ...DEFAULT_SETTINGS, theme: 'light' };
    const toolbar = await connectFreshToolbar();
    expect(toolbar.applySettings).toHaveBeenLastCalledWith({ ...DEFAULT_SETTINGS, theme: 'light' });
    writeSettings(LATER);
    expect(toolbar.applySettings).toHaveBeenLastCalledWith(LATER);
  });

  // Firefox drops the events of a page's content script while the page waits in the cache (its
  // context is inactive there); Chromium may deliver them late.
  it('applies settings changed while the page was in the back-forward cache, once back', async () => {
    const toolbar = await connectFreshToolbar();
    dispatchTrusted({ type: 'pagehide', persisted: true });
    storage.notices = false;
    writeSettings(LATER);
    storage.notices = true;
    dispatchTrusted({ type: 'pageshow', persisted: true });
    await vi.waitFor(() => expect(toolbar.applySettings).toHaveBeenLastCalledWith(LATER));
  });

  it('leaves the toolbar alone back from the cache when nothing changed, or on a feigned return', async () => {
    const toolbar = await connectFreshToolbar();
    const applied = toolbar.applySettings.mock.calls.length;
    dispatchTrusted({ type: 'pagehide', persisted: true });
    dispatchTrusted({ type: 'pageshow', persisted: true });
    storage.notices = false;
    writeSettings(LATER);
    // A page script's own event is untrusted: no read for it.
    window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(toolbar.applySettings).toHaveBeenCalledTimes(applied);
  });
});

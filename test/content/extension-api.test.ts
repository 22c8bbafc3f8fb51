import { afterEach, describe, expect, it, vi } from 'vitest';

/** The module binds once per world: each case loads it afresh. */
async function freshBind() {
  vi.resetModules();
  return (await import('../../src/content/extension-api')).bind;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('bind', () => {
  it('takes `browser` where the browser has it, without reading `chrome`', async () => {
    const browser = { runtime: {} };
    vi.stubGlobal('browser', browser);
    // Firefox builds each API object on its first read: reading `chrome` too costs the page.
    const readChrome = vi.fn(() => ({ runtime: {} }));
    Object.defineProperty(globalThis, 'chrome', { get: readChrome, configurable: true });
    try {
      expect((await freshBind())()).toBe(browser);
      expect(readChrome).not.toHaveBeenCalled();
    } finally {
      delete (globalThis as { chrome?: unknown }).chrome;
    }
  });

  it('takes `chrome` where there is no `browser`', async () => {
    const chrome = { runtime: {} };
    vi.stubGlobal('browser', undefined);
    vi.stubGlobal('chrome', chrome);
    expect((await freshBind())()).toBe(chrome);
  });

  it.each([
    ['element', () => Object.assign(document.createElement('div'), { id: 'browser' })],
    [
      'form, with a control named runtime',
      () => {
        const form = document.createElement('form');
        form.id = 'browser';
        form.innerHTML = '<input name="runtime">';
        return form;
      },
    ],
    ['elements sharing that id', () => document.getElementsByTagName('div')],
  ])("takes `chrome` where `browser` is the page's %s", async (_, clobber) => {
    // In Chrome's isolated world a page's `<div id="browser">` is `globalThis.browser`.
    const chrome = { runtime: {} };
    vi.stubGlobal('browser', clobber());
    vi.stubGlobal('chrome', chrome);
    expect((await freshBind())()).toBe(chrome);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  TOOLBAR_MODULE_KEY,
  type ToolbarModule,
  type ToolbarModuleHolder,
} from '../../src/content/toolbar-handoff';

const holder = globalThis as ToolbarModuleHolder;
const fakeModule = {} as ToolbarModule;

/** A frame's first load: the module remembers what it loaded, so each case gets a fresh one. */
async function freshLoader() {
  vi.resetModules();
  return (await import('../../src/content/load-toolbar')).loadToolbarModule;
}

afterEach(() => {
  delete holder[TOOLBAR_MODULE_KEY];
  delete (globalThis as Record<string, unknown>).moodmarkToolbarModule;
});

describe('loadToolbarModule', () => {
  it('injects toolbar.js once and hands over what it left', async () => {
    const loadToolbarModule = await freshLoader();
    const inject = vi.fn(async () => {
      holder[TOOLBAR_MODULE_KEY] = fakeModule;
    });
    await expect(loadToolbarModule(inject)).resolves.toBe(fakeModule);
    await expect(loadToolbarModule(inject)).resolves.toBe(fakeModule);
    expect(inject).toHaveBeenCalledTimes(1);
  });

  it('takes no element of the page for the module (DOM clobbering)', async () => {
    // A page's `<div id="moodmarkToolbarModule">` is a named property of the content
    // script's global as well.
    const clobber = document.createElement('div');
    clobber.id = 'moodmarkToolbarModule';
    (globalThis as Record<string, unknown>).moodmarkToolbarModule = clobber;
    const loadToolbarModule = await freshLoader();
    const inject = vi.fn(async () => {
      holder[TOOLBAR_MODULE_KEY] = fakeModule;
    });
    await expect(loadToolbarModule(inject)).resolves.toBe(fakeModule);
    expect(inject).toHaveBeenCalledTimes(1);
  });

  it('fails when toolbar.js left nothing, and injects again on the next call', async () => {
    const loadToolbarModule = await freshLoader();
    const inject = vi.fn(async () => {});
    await expect(loadToolbarModule(inject)).rejects.toThrow('toolbar.js did not load');
    inject.mockImplementation(async () => {
      holder[TOOLBAR_MODULE_KEY] = fakeModule;
    });
    await expect(loadToolbarModule(inject)).resolves.toBe(fakeModule);
    expect(inject).toHaveBeenCalledTimes(2);
  });
});

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

async function freshLoaderWithDrop() {
  const loadToolbarModule = await freshLoader();
  const { dropToolbarLoad } = await import('../../src/content/load-toolbar');
  return { loadToolbarModule, dropToolbarLoad };
}

/** Names a page could give an element to stand in for the module: the key's, and the old one. */
const CLOBBERED_NAMES = [String(TOOLBAR_MODULE_KEY.description), 'moodmarkToolbarModule'];

afterEach(() => {
  delete holder[TOOLBAR_MODULE_KEY];
  for (const name of CLOBBERED_NAMES) delete (globalThis as Record<string, unknown>)[name];
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
    // A page's `<div id=…>` is a named property of the content script's global as well: the
    // module is kept under no name at all, and an element named like its key is not taken.
    expect(typeof TOOLBAR_MODULE_KEY).toBe('symbol');
    for (const name of CLOBBERED_NAMES) {
      const clobber = document.createElement('div');
      clobber.id = name;
      (globalThis as Record<string, unknown>)[name] = clobber;
    }
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

describe('dropToolbarLoad', () => {
  it('has the next call ask again for a load whose answer never came', async () => {
    const { loadToolbarModule, dropToolbarLoad } = await freshLoaderWithDrop();
    const answers: ((error: Error) => void)[] = [];
    const inject = vi.fn(() => new Promise<void>((_, reject) => answers.push(reject)));
    void loadToolbarModule(inject).catch(() => {});
    dropToolbarLoad();
    const next = loadToolbarModule(inject);
    // The dropped load failing late leaves the one asked for since.
    answers[0]!(new Error('message channel closed'));
    await Promise.resolve();
    expect(loadToolbarModule(inject)).toBe(next);
    expect(inject).toHaveBeenCalledTimes(2);
  });

  it('asks nothing again where toolbar.js ran, its answer lost', async () => {
    const { loadToolbarModule, dropToolbarLoad } = await freshLoaderWithDrop();
    const inject = vi.fn(() => {
      holder[TOOLBAR_MODULE_KEY] = fakeModule;
      return new Promise<void>(() => {});
    });
    void loadToolbarModule(inject);
    dropToolbarLoad();
    await expect(loadToolbarModule(inject)).resolves.toBe(fakeModule);
    expect(inject).toHaveBeenCalledTimes(1);
  });
});

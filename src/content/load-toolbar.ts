import {
  TOOLBAR_MODULE_KEY,
  type ToolbarModule,
  type ToolbarModuleHolder,
} from './toolbar-handoff';

let loading: Promise<ToolbarModule> | undefined;

/**
 * The toolbar's code, loaded once per frame: `inject` asks the background to run `toolbar.js` in
 * this frame (scripting.executeScript) and resolves once it has run. Nothing is exposed to the
 * page on the way (no web-accessible resource, no page-visible global). A failed load is retried
 * by the next call.
 */
export function loadToolbarModule(inject: () => Promise<unknown>): Promise<ToolbarModule> {
  const holder = globalThis as ToolbarModuleHolder;
  const loaded = holder[TOOLBAR_MODULE_KEY];
  if (loaded) return Promise.resolve(loaded);
  loading ??= inject()
    .then(() => {
      const injected = holder[TOOLBAR_MODULE_KEY];
      if (!injected) throw new Error('toolbar.js did not load');
      return injected;
    })
    .catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
  return loading;
}

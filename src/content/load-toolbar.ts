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
  if (loading) return loading;
  const load: Promise<ToolbarModule> = inject()
    .then(() => {
      const injected = holder[TOOLBAR_MODULE_KEY];
      if (!injected) throw new Error('toolbar.js did not load');
      return injected;
    })
    // In flight no more (the next call finds the module); one dropped meanwhile (dropToolbarLoad)
    // leaves the load asked for since.
    .finally(() => {
      if (loading === load) loading = undefined;
    });
  loading = load;
  return load;
}

/**
 * Forgets a load still in flight: the next call asks the background again, unless toolbar.js has
 * run by then: for a page back from the back-forward cache, whose answer Chrome never delivers
 * once the page entered the cache.
 */
export function dropToolbarLoad(): void {
  loading = undefined;
}

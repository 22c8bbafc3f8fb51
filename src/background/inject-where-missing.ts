/** What one tab's page is asked and given (browser.scripting). */
export interface TabScripting {
  /** Whether this extension's content script has run in the tab's page since it started. */
  hasRun(tabId: number): Promise<boolean>;
  /** Runs the content script in the tab's page. */
  run(tabId: number): Promise<void>;
}

/**
 * Runs the content script in those of `tabIds` whose page has not run it, all at once: a tab
 * restored at browser start-up, or loaded since the extension started, has it from the manifest
 * already. A page that refuses scripts (the browser's own, the add-on stores), or a tab that
 * navigated or closed meanwhile, is left alone. Resolves to the tabs it ran in.
 */
export async function injectWhereMissing(
  tabIds: number[],
  { hasRun, run }: TabScripting,
): Promise<number[]> {
  const ran = await Promise.all(
    tabIds.map(async (tabId) => {
      try {
        if (await hasRun(tabId)) return false;
        await run(tabId);
        return true;
      } catch {
        return false;
      }
    }),
  );
  return tabIds.filter((_, index) => ran[index]);
}

import type { ExtensionBrowser } from './launch.mjs';

/** What an extension page heard `storage.local` being written, through its storage.onChanged. */
export interface LocalWrites {
  /** The keys written (not those removed) since the watch began, in order. */
  written(): Promise<string[]>;
  close(): Promise<void>;
}

type StorageGlobals = {
  chrome: {
    storage: {
      local: { get(names: null): Promise<object> };
      onChanged: {
        addListener(
          listener: (changes: Record<string, { newValue?: unknown }>, area: string) => void,
        ): void;
      };
    };
  };
  moodmarkLocalWrites?: string[];
};

/**
 * Watches `storage.local` from the popup page, opened in a tab of its own for that: the page's
 * own calls are made as it opens, before the caller goes on (stops the background, say).
 */
export async function watchLocalWrites(session: ExtensionBrowser): Promise<LocalWrites> {
  const page = await session.openPopup();
  await page.waitForSelector('body[data-ready]');
  await page.evaluate(() => {
    const scope = globalThis as unknown as StorageGlobals;
    const written: string[] = [];
    scope.moodmarkLocalWrites = written;
    scope.chrome.storage.onChanged.addListener((changes, area) => {
      if (area !== 'local') return;
      for (const [name, change] of Object.entries(changes)) {
        if (change.newValue !== undefined) written.push(name);
      }
    });
  });
  return {
    written: () =>
      page.evaluate(() => [
        ...((globalThis as unknown as StorageGlobals).moodmarkLocalWrites ?? []),
      ]),
    close: () => page.close(),
  };
}

/** The keys `storage.local` holds now, read from the popup page in a tab of its own. */
export async function storedLocalKeys(session: ExtensionBrowser): Promise<string[]> {
  const page = await session.openPopup();
  try {
    return await page.evaluate(async () =>
      Object.keys(await (globalThis as unknown as StorageGlobals).chrome.storage.local.get(null)),
    );
  } finally {
    await page.close();
  }
}

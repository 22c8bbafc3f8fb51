import browser from './extension-api';
import {
  correctionStorageKey,
  parseCorrection,
  type ToolbarCorrection,
} from '../core/page-corrections';

/** The reader's correction of the page in this tab, read once per article and then followed. */
export interface CorrectionFollower {
  /** The correction of the page's article now: undefined until read (see `read`). */
  peek(): ToolbarCorrection | null | undefined;
  /** Reads the correction of the page's article from storage (once per article). */
  read(): Promise<ToolbarCorrection | null>;
  /** Whether `key` is one of the keys the page's article may go by. */
  isPageKey(key: string): boolean;
}

/**
 * Follows the reader's correction of the page whose possible article keys `currentKeys` gives
 * (core/page-corrections correctionCandidates): one storage lookup per article, of its own
 * entries only (not the list), and `onChange` whenever the popup or the options page changes one
 * of them, in this tab or in any other.
 */
export function followCorrection(
  currentKeys: () => string[],
  onChange: () => void,
): CorrectionFollower {
  const known = new Map<string, ToolbarCorrection | null>();
  const reading = new Map<string, Promise<ToolbarCorrection | null>>();
  const firstFound = (keys: string[], items: Record<string, unknown>) => {
    for (const key of keys) {
      const correction = parseCorrection(items[correctionStorageKey(key)]);
      if (correction) return correction.toolbar;
    }
    return null;
  };
  browser.storage.onChanged.addListener((changes, area) => {
    const keys = currentKeys();
    if (area !== 'local' || !keys.some((key) => correctionStorageKey(key) in changes)) return;
    // Read again: another of the page's entries may still hold a correction.
    known.delete(keys.join(' '));
    onChange();
  });
  return {
    peek() {
      return known.get(currentKeys().join(' '));
    },
    read() {
      const keys = currentKeys();
      const id = keys.join(' ');
      if (known.has(id)) return Promise.resolve(known.get(id)!);
      let pending = reading.get(id);
      if (!pending) {
        pending = browser.storage.local.get(keys.map(correctionStorageKey)).then(
          (stored) => firstFound(keys, stored),
          // Unreadable storage: the detector decides alone.
          () => null,
        );
        reading.set(id, pending);
        void pending.then((correction) => {
          known.set(id, correction);
          reading.delete(id);
        });
      }
      return pending;
    },
    isPageKey(key) {
      return currentKeys().includes(key);
    },
  };
}

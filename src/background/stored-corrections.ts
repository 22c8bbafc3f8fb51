import { storedArticleKey } from '../core/article-key';
import { normalizeArticleUrl } from '../core/article-url';
import type { CorrectionStore } from './calls';
import {
  CORRECTION_KEY_PREFIX,
  correctionStorageKey,
  listCorrections,
  parseCorrection,
  rekeyCorrections,
} from '../core/page-corrections';

/** The parts of `storage.local` the corrections use (browser.storage.local). */
export interface LocalArea {
  get(names: string | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(names: string | string[]): Promise<void>;
}

/** The corrections in `storage.local`, and their move to today's keys on update. */
export interface StoredCorrections extends CorrectionStore {
  /**
   * Moves corrections stored under keys an earlier version made to the keys made now (see
   * rekeyCorrections, keyOfStoredCorrection), as the database's upgrade moves votes.
   */
  rekey(): Promise<void>;
}

/**
 * The key a correction stored under `key` has now: normalized, then as articleKey makes it for the
 * page the reader made it on, that key taken for what the page declared (storedArticleKey). A
 * section or a site's default page that a template declared on every story filed them under one
 * key, where a correction hid the toolbar on all of them.
 */
function keyOfStoredCorrection(key: string, { url }: { url: string }): string | null {
  const normalized = normalizeArticleUrl(key);
  return normalized && storedArticleKey(normalized, url);
}

/** Corrections live in `local`, one entry per article, as the options page lists them. */
export function createStoredCorrections(local: LocalArea): StoredCorrections {
  /**
   * Whether any correction is stored: read once per worker, then kept by `set`, through which
   * every correction is written (the popup's and the options page's, see setCorrection).
   */
  let anyCorrectionStored: Promise<boolean> | undefined;
  /**
   * The last write, settled. Writes go one after another and reads after them: the update's move
   * reads every correction and writes some back later, so that a correction the reader set or
   * removed meanwhile would be overwritten by the old one, and a page asking meanwhile (the update
   * injects open tabs at once) would find none under today's key.
   */
  let written: Promise<unknown> = Promise.resolve();
  const afterWrites = <T>(write: () => Promise<T>): Promise<T> => {
    const writing = written.then(write);
    written = writing.catch(() => {});
    return writing;
  };
  return {
    async get(key) {
      await written;
      const name = correctionStorageKey(key);
      return parseCorrection((await local.get(name))[name]);
    },
    set: (key, correction) =>
      afterWrites(async () => {
        const name = correctionStorageKey(key);
        if (correction) await local.set({ [name]: correction });
        else await local.remove(name);
        // A removal may have taken the last one: counted again when next asked.
        anyCorrectionStored = correction ? Promise.resolve(true) : undefined;
      }),
    async list() {
      await written;
      return listCorrections(await local.get(null));
    },
    any() {
      anyCorrectionStored ??= local.get(null).then(
        (items) => Object.keys(items).some((name) => name.startsWith(CORRECTION_KEY_PREFIX)),
        () => {
          // Unreadable now: pages ask for their own correction, and the next question reads again.
          anyCorrectionStored = undefined;
          return true;
        },
      );
      return anyCorrectionStored;
    },
    rekey: () =>
      afterWrites(async () => {
        const { set, remove } = rekeyCorrections(await local.get(null), keyOfStoredCorrection);
        // Written before the old entries go: a worker stopped between leaves a copy, never none.
        if (Object.keys(set).length > 0) await local.set(set);
        if (remove.length > 0) await local.remove(remove);
      }),
  };
}

/**
 * What an install or update (runtime.onInstalled's `reason`) does to the corrections: an update
 * of the extension moves them to today's keys. A failure is logged, never left unheard.
 */
export function rekeyCorrectionsOnUpdate(
  reason: string,
  corrections: Pick<StoredCorrections, 'rekey'>,
): void {
  if (reason !== 'update') return;
  corrections.rekey().catch((error: unknown) => {
    console.warn(`Moodmark could not move corrections to today's keys: ${String(error)}`);
  });
}

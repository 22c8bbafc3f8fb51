import { isInvalidCall } from '../protocol';
import type { ToolbarCorrection } from '../core/page-corrections';

/** The reader's correction of the page in this tab, read once per article and then followed. */
export interface CorrectionFollower {
  /** The correction of the page's article now: undefined until read (see `read`). */
  peek(): ToolbarCorrection | null | undefined;
  /** Reads the correction of the page's article (once per article). */
  read(): Promise<ToolbarCorrection | null>;
  /**
   * Reads the correction again, as the page missed the background's notices (it waited in the
   * back-forward cache): true when it changed.
   */
  reread(): Promise<boolean>;
  /**
   * Forgets what it knew, asking nothing (back from the back-forward cache on a site turned off):
   * the correction is read again on the next look.
   */
  forget(): void;
  /** Whether `key` is one of the keys the page's article may go by. */
  isPageKey(key: string): boolean;
  /**
   * Hears that the correction of article `key` changed (the background's notice): true when it
   * is this page's, which is then read again on the next look.
   */
  changed(key: string): boolean;
  /**
   * Counts what it has heard of corrections (notices, corrections read): mark it before asking
   * the background whether any is stored, for {@link assumeNone}.
   */
  heard(): number;
  /**
   * Takes the background's word that the reader corrected no page (getSiteState): every article's
   * correction reads as none, without asking, until a correction changes or `reread` is called.
   * Ignored when it heard of a correction since `mark` ({@link heard}): the answer is older.
   */
  assumeNone(mark: number): void;
}

/**
 * Follows the reader's correction of the page whose possible article keys `currentKeys` gives
 * (core/page-corrections correctionCandidates): `readCorrection` asks the background once per
 * article, and `changed` hears when the popup or the options page changed it, in this tab or
 * in any other.
 */
export function followCorrection(
  currentKeys: () => string[],
  readCorrection: () => Promise<ToolbarCorrection | null>,
): CorrectionFollower {
  const known = new Map<string, ToolbarCorrection | null>();
  const reading = new Map<string, Promise<ToolbarCorrection | null>>();
  // Spares reading the page's addresses, and a message, on every page of a reader who corrected none.
  let noneStored = false;
  let heard = 0;
  const follower: CorrectionFollower = {
    peek() {
      return noneStored ? null : known.get(currentKeys().join(' '));
    },
    async reread() {
      // Back from the back-forward cache: a correction may have been made meanwhile.
      const assumed = noneStored;
      noneStored = false;
      heard++;
      const id = currentKeys().join(' ');
      if (!assumed && !known.has(id)) return false;
      const before = assumed ? null : known.get(id);
      known.delete(id);
      const after = await follower.read();
      // A background that did not answer left it unknown: the next look asks again.
      return known.has(id) && after !== before;
    },
    forget() {
      noneStored = false;
      heard++;
      known.clear();
    },
    read() {
      if (noneStored) return Promise.resolve(null);
      const id = currentKeys().join(' ');
      if (known.has(id)) return Promise.resolve(known.get(id)!);
      const asked = reading.get(id);
      if (asked) return asked;
      // Kept only while this is still the question: a change to the correction meanwhile
      // (changed) makes its answer an older one.
      const isCurrent = () => reading.get(id) === pending;
      const pending: Promise<ToolbarCorrection | null> = readCorrection().then(
        (correction) => {
          if (correction !== null) {
            // Newer than any answer that none is stored.
            heard++;
            noneStored = false;
          }
          if (isCurrent()) known.set(id, correction);
          return correction;
        },
        // A background that cannot answer (still starting): the detector decides alone this
        // time, and the next look asks again. One that refused the question as invalid (an
        // address too long to keep) would refuse it again: none is taken as the answer.
        (error: unknown) => {
          if (isInvalidCall(error) && isCurrent()) known.set(id, null);
          return null;
        },
      );
      reading.set(id, pending);
      void pending.then(() => isCurrent() && reading.delete(id));
      return pending;
    },
    isPageKey(key) {
      return currentKeys().includes(key);
    },
    changed(key) {
      // The reader corrected a page: this one's may be stored now too, or later.
      noneStored = false;
      heard++;
      // Every article that may go by `key`: a single-page app may show another now, and return.
      for (const id of new Set([...known.keys(), ...reading.keys()])) {
        if (!id.split(' ').includes(key)) continue;
        known.delete(id);
        reading.delete(id);
      }
      return currentKeys().includes(key);
    },
    heard: () => heard,
    assumeNone(mark) {
      if (mark === heard) noneStored = true;
    },
  };
  return follower;
}

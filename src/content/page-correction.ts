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
   * Hears that the correction of article `key` changed (the background's notice), and resolves
   * to whether the page must be looked at again: where `key` is one the page's article may go
   * by, its correction is asked again, and true when it differs (or is read on the next look).
   * The background passes over some (an address on another site the page declares), whose
   * changes then leave the page alone.
   */
  changed(key: string): Promise<boolean>;
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
  /** The question in flight after a change, by article: a later one makes its answer older. */
  const checking = new Map<string, number>();
  let checks = 0;
  /**
   * Asks again the correction of the article `id` shows, known as `before` until answered: the
   * page keeps what it shows meanwhile. Resolves to whether the answer differs from `before`.
   */
  const check = async (id: string, before: ToolbarCorrection | null): Promise<boolean> => {
    const asked = ++checks;
    checking.set(id, asked);
    known.set(id, before);
    const answer = await readCorrection().then(
      (correction) => ({ correction }),
      // Refused as invalid, it would be refused again: none, as read takes it.
      (error: unknown) => (isInvalidCall(error) ? { correction: null } : undefined),
    );
    if (checking.get(id) !== asked) return false;
    checking.delete(id);
    if (!answer) {
      // Not answered: asked again on the next look, as after a change of this page's.
      known.delete(id);
      return true;
    }
    if (answer.correction !== null) heard++;
    known.set(id, answer.correction);
    return answer.correction !== before;
  };
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
      checking.delete(id);
      // A question asked before the page was cached may never be answered (Chrome drops it).
      reading.delete(id);
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
      checking.clear();
      known.clear();
      reading.clear();
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
      const assumed = noneStored;
      noneStored = false;
      heard++;
      const keys = currentKeys();
      const id = keys.join(' ');
      const before = assumed ? null : known.get(id);
      // Every article that may go by `key`: a single-page app may show another now, and return.
      for (const other of new Set([...known.keys(), ...reading.keys()])) {
        if (!other.split(' ').includes(key)) continue;
        known.delete(other);
        reading.delete(other);
        checking.delete(other);
      }
      if (!keys.includes(key)) return Promise.resolve(false);
      // Not read yet, or its answer on the way (older now): read on the next look.
      if (before === undefined) return Promise.resolve(true);
      return check(id, before);
    },
    heard: () => heard,
    assumeNone(mark) {
      if (mark === heard) noneStored = true;
    },
  };
  return follower;
}

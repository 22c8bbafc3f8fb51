import { parsePrivateVote, type PrivateVote, type PrivateVotes } from './calls';

/** The parts of `storage.session` the private reactions use (browser.storage.session). */
export interface SessionArea {
  get(names: string | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(names: string | string[]): Promise<void>;
}

/** Prefix of a private window's reaction in `storage.session` (memory only, never on disk). */
const PRIVATE_VOTE_PREFIX = 'private-vote:';

/**
 * The reactions given in private windows, kept in `session` (memory only, never on disk), which
 * outlives a stopped worker but not the browser. The worker's own memory holds each one it set
 * too, and is read first: where `session` refused a write (storage full) or cannot be read,
 * the reaction stands until the worker stops. The session's older entry for that article is then
 * dropped where it can be, so that a restarted worker reads no reaction rather than a stale one.
 */
export function createSessionPrivateVotes(session: SessionArea): PrivateVotes {
  /** What this worker set, by key; null for a reaction it removed. */
  const setHere = new Map<string, PrivateVote | null>();
  /** Writes under way: the end of the private session waits for them, so that none outlives it. */
  const writes = new Set<Promise<void>>();
  /**
   * Drops the entry `name` a failed write left behind, so that it cannot outlive the worker's
   * memory. A write refused for want of room leaves removal; a refused removal leaves writing
   * null over it, which reads back as no reaction.
   */
  const dropStale = async (name: string, removalFailed: boolean) => {
    try {
      if (removalFailed) await session.set({ [name]: null });
      else await session.remove(name);
    } catch (error) {
      console.warn(`Moodmark could not drop an outdated private reaction: ${String(error)}`);
    }
  };
  return {
    async get(key) {
      if (setHere.has(key)) return setHere.get(key) ?? null;
      const name = PRIVATE_VOTE_PREFIX + key;
      try {
        return parsePrivateVote((await session.get(name))[name]);
      } catch {
        return null;
      }
    },
    set(key, vote) {
      setHere.set(key, vote);
      const name = PRIVATE_VOTE_PREFIX + key;
      const write = (async () => {
        try {
          if (vote) await session.set({ [name]: vote });
          else await session.remove(name);
        } catch (error) {
          console.warn(`Moodmark keeps private reactions in memory: ${String(error)}`);
          await dropStale(name, vote === null);
        }
      })();
      writes.add(write);
      void write.finally(() => writes.delete(write));
      return write;
    },
    async clear() {
      await Promise.all(writes);
      setHere.clear();
      try {
        const names = Object.keys(await session.get(null));
        await session.remove(names.filter((name) => name.startsWith(PRIVATE_VOTE_PREFIX)));
      } catch (error) {
        // Called from an event listener: a rejection there would be an unhandled one.
        console.warn(`Moodmark could not forget private reactions: ${String(error)}`);
      }
    },
  };
}

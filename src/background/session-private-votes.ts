import { parsePrivateVote, type PrivateVote, type PrivateVotes } from './calls';

/** The parts of `storage.session` the private reactions use (browser.storage.session). */
export interface SessionArea {
  get(names: string | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(names: string | string[]): Promise<void>;
}

/** Prefix of a private window's reaction in `storage.session` (memory only, never on disk). */
const PRIVATE_VOTE_PREFIX = 'private-vote:';

/** The private reactions, and the end of the private session that forgets them. */
export interface SessionPrivateVotes extends PrivateVotes {
  /** Forgets every private reaction: the last private window closed. */
  clear(): Promise<void>;
}

/**
 * The reactions given in private windows, kept in `session` (memory only, never on disk), which
 * outlives a stopped worker but not the browser. Where `session` fails, the worker's own memory
 * keeps them (lost if it stops).
 */
export function createSessionPrivateVotes(session: SessionArea): SessionPrivateVotes {
  const fallbackVotes = new Map<string, PrivateVote>();
  return {
    async get(key) {
      const name = PRIVATE_VOTE_PREFIX + key;
      try {
        return parsePrivateVote((await session.get(name))[name]);
      } catch {
        return fallbackVotes.get(key) ?? null;
      }
    },
    async set(key, vote) {
      const name = PRIVATE_VOTE_PREFIX + key;
      if (vote) fallbackVotes.set(key, vote);
      else fallbackVotes.delete(key);
      try {
        if (vote) await session.set({ [name]: vote });
        else await session.remove(name);
      } catch (error) {
        console.warn(`Moodmark keeps private reactions in memory: ${String(error)}`);
      }
    },
    async clear() {
      fallbackVotes.clear();
      const names = Object.keys(await session.get(null));
      await session.remove(names.filter((name) => name.startsWith(PRIVATE_VOTE_PREFIX)));
    },
  };
}

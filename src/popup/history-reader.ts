import { listVotes, readAllVotes, type DatabaseEvents, type VoteDatabase } from '../database';
import type { HistoryQuery, Vote } from '../protocol';

/** How the popup reads the history; every write still goes through the background. */
export interface HistoryReader {
  /** One page of history, as the background's `listHistory` answers it. */
  listHistory(query: HistoryQuery): Promise<Vote[]>;
  /** Every vote, newest first; undefined when only the background can read them (export). */
  readAllVotes(): Promise<Vote[] | undefined>;
}

/**
 * Reads the history straight from the database when `open` gives a connection at the current
 * version, else (or once that connection closes or fails) through `askBackground`. Reading in
 * the popup skips a round trip through the browser and the worker, which may not even be
 * running yet; the database is the same extension origin's, and the popup never writes to it.
 * `open` is called at once, so the connection opens while the rest of the popup starts.
 */
export function createHistoryReader(
  open: (events: Pick<DatabaseEvents, 'onClosed'>) => Promise<VoteDatabase | undefined>,
  askBackground: (query: HistoryQuery) => Promise<Vote[]>,
): HistoryReader {
  const none = Promise.resolve(undefined);
  let direct: Promise<VoteDatabase | undefined> = open({ onClosed: () => (direct = none) }).catch(
    () => undefined,
  );

  /** `read` over the direct connection; undefined when there is none or it just failed. */
  async function readDirectly<T>(read: (db: VoteDatabase) => Promise<T>): Promise<T | undefined> {
    const db = await direct;
    if (!db) return undefined;
    try {
      return await read(db);
    } catch {
      // Closed or deleted under us (storage cleared): the background reopens it, so ask it.
      direct = none;
      db.close();
      return undefined;
    }
  }

  return {
    async listHistory(query) {
      return (await readDirectly((db) => listVotes(db, query))) ?? askBackground(query);
    },
    readAllVotes: () => readDirectly(readAllVotes),
  };
}

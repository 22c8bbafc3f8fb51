import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Reaction } from '../core/reactions';
import type { HistoryCursor, Vote } from '../protocol';

/** The only module that opens IndexedDB. */

export const DATABASE_NAME = 'moodmark';
export const DATABASE_VERSION = 1;

export interface MoodmarkDB extends DBSchema {
  votes: {
    key: string;
    value: Vote;
    indexes: {
      /** Newest first, by when the reaction was last set; the key breaks ties. */
      'by-updated': [number, string];
      /** One reaction's votes, newest first. */
      'by-reaction': [Reaction, number];
      /** One site's votes, newest first. */
      'by-site': [string, number];
    };
  };
}

export type VoteDatabase = IDBPDatabase<MoodmarkDB>;

export interface DatabaseEvents {
  /** The connection is gone: the browser closed it (storage cleared) or a newer version needs it. */
  onClosed?(): void;
}

/** Opens (creating or upgrading) the vote database. Each upgrade step runs once, in order. */
export function openVoteDatabase(
  name = DATABASE_NAME,
  { onClosed }: DatabaseEvents = {},
): Promise<VoteDatabase> {
  return openDB<MoodmarkDB>(name, DATABASE_VERSION, {
    blocking(_currentVersion, _blockedVersion, event) {
      // A newer version of the extension is waiting to upgrade: step aside for it.
      (event.target as IDBDatabase).close();
      onClosed?.();
    },
    terminated() {
      onClosed?.();
    },
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        const votes = db.createObjectStore('votes', { keyPath: 'key' });
        votes.createIndex('by-updated', ['updatedAt', 'key']);
        votes.createIndex('by-reaction', ['reaction', 'updatedAt']);
        votes.createIndex('by-site', ['site', 'updatedAt']);
      }
    },
  });
}

export interface VoteInput {
  key: string;
  url: string;
  title: string;
  site: string;
  reaction: Reaction | null;
}

/**
 * Sets, switches or clears the vote for `input.key` in one transaction, so concurrent writers
 * never interleave. Returns the stored vote, or null when it was cleared.
 */
export async function writeVote(
  db: VoteDatabase,
  input: VoteInput,
  now: number,
): Promise<Vote | null> {
  const tx = db.transaction('votes', 'readwrite');
  const existing = await tx.store.get(input.key);
  let stored: Vote | null = null;
  if (input.reaction === null) {
    if (existing) await tx.store.delete(input.key);
  } else {
    stored = {
      key: input.key,
      url: input.url,
      title: input.title || existing?.title || input.url,
      site: input.site,
      reaction: input.reaction,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    await tx.store.put(stored);
  }
  await tx.done;
  return stored;
}

export async function readVote(db: VoteDatabase, key: string): Promise<Vote | undefined> {
  return db.get('votes', key);
}

/** Up to `limit` votes, newest first, starting after `after` when given. */
export async function listVotes(
  db: VoteDatabase,
  limit: number,
  after?: HistoryCursor,
): Promise<Vote[]> {
  const range = after ? IDBKeyRange.upperBound([after.updatedAt, after.key], true) : null;
  const votes: Vote[] = [];
  let cursor = await db.transaction('votes').store.index('by-updated').openCursor(range, 'prev');
  while (cursor && votes.length < limit) {
    votes.push(cursor.value);
    cursor = await cursor.continue();
  }
  return votes;
}

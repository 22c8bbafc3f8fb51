import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  openVoteDatabase,
  openVoteDatabaseToRead,
  writeVote,
  type DatabaseEvents,
  type VoteDatabase,
} from '../../src/database';
import { createHistoryReader } from '../../src/popup/history-reader';
import type { Vote } from '../../src/protocol';

const fromBackground: Vote[] = [
  {
    key: 'https://b.example/1',
    url: 'https://b.example/1',
    title: 'From the background',
    site: 'b.example',
    reaction: 'sad',
    createdAt: 1,
    updatedAt: 1,
  },
];

let counter = 0;
const opened: VoteDatabase[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/** A database at the current version holding one vote, and a way to open it read-only. */
async function storedHistory() {
  const name = `reader-${++counter}`;
  const writer = await openVoteDatabase(name);
  opened.push(writer);
  await writeVote(
    writer,
    {
      key: 'https://a.example/1',
      url: 'https://a.example/1',
      title: 'Stored',
      site: 'a.example',
      reaction: 'wow',
    },
    5,
  );
  let events: Pick<DatabaseEvents, 'onClosed'> = {};
  const open = async (given: Pick<DatabaseEvents, 'onClosed'>) => {
    events = given;
    const db = await openVoteDatabaseToRead(name);
    if (db) opened.push(db);
    return db;
  };
  return { open, close: () => events.onClosed?.() };
}

describe('createHistoryReader', () => {
  it('reads pages and the whole history from the database when it is at this version', async () => {
    const { open } = await storedHistory();
    const askBackground = vi.fn(async () => fromBackground);
    const reader = createHistoryReader(open, askBackground);
    expect((await reader.listHistory({ limit: 10 })).map((v) => v.title)).toEqual(['Stored']);
    expect((await reader.readAllVotes())?.map((v) => v.title)).toEqual(['Stored']);
    expect(askBackground).not.toHaveBeenCalled();
  });

  it.each([
    ['there is no database at this version', async () => undefined],
    ['opening fails', async () => Promise.reject(new Error('no IndexedDB here'))],
  ])('asks the background when %s', async (_case, open) => {
    const askBackground = vi.fn(async () => fromBackground);
    const reader = createHistoryReader(open, askBackground);
    expect(await reader.listHistory({ limit: 10, query: 'x' })).toBe(fromBackground);
    expect(askBackground).toHaveBeenCalledWith({ limit: 10, query: 'x' });
    expect(await reader.readAllVotes()).toBeUndefined();
  });

  it('asks the background once the connection is closed', async () => {
    const { open, close } = await storedHistory();
    const reader = createHistoryReader(open, async () => fromBackground);
    await reader.listHistory({ limit: 10 });
    close();
    expect(await reader.listHistory({ limit: 10 })).toBe(fromBackground);
  });

  it('asks the background when a direct read fails, and from then on', async () => {
    const { open } = await storedHistory();
    const askBackground = vi.fn(async () => fromBackground);
    const reader = createHistoryReader(async (events) => {
      const db = await open(events);
      db?.close(); // every read on it now throws InvalidStateError
      return db;
    }, askBackground);
    expect(await reader.listHistory({ limit: 10 })).toBe(fromBackground);
    expect(await reader.readAllVotes()).toBeUndefined();
    expect(askBackground).toHaveBeenCalledTimes(1);
  });
});

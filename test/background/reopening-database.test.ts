import 'fake-indexeddb/auto';
import { forceCloseDatabase } from 'fake-indexeddb';
import { unwrap } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBackgroundCalls } from '../../src/background/calls';
import { openVoteDatabase, type VoteDatabase } from '../../src/background/database';
import { createReopeningDatabase } from '../../src/background/reopening-database';

let counter = 0;
const opened: VoteDatabase[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/** The background's own wiring (index.ts) over a fresh database, counting each open. */
function setUp() {
  const name = `reopen-${++counter}`;
  const open = vi.fn(async (events: Parameters<typeof openVoteDatabase>[1]) => {
    const db = await openVoteDatabase(name, events);
    opened.push(db);
    return db;
  });
  const getDatabase = createReopeningDatabase(open);
  const calls = createBackgroundCalls(getDatabase);
  return { name, open, getDatabase, calls };
}

const url = 'https://news.example/story';

describe('createReopeningDatabase', () => {
  it('opens once and shares the connection', async () => {
    const { open, getDatabase } = setUp();
    const [a, b] = await Promise.all([getDatabase(), getDatabase()]);
    expect(a).toBe(b);
    expect(await getDatabase()).toBe(a);
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('reopens after the browser closes the connection (terminated), and the next call works', async () => {
    const { open, getDatabase, calls } = setUp();
    await calls.setReaction({ url, title: 'Story', reaction: 'love' });
    // As the browser does when the disk fails or storage is cleared: the "close" event.
    // fake-indexeddb's typings name the class (typeof IDBDatabase) where it takes an instance.
    forceCloseDatabase(unwrap(await getDatabase()) as unknown as typeof IDBDatabase);

    await expect(calls.getReaction({ url })).resolves.toMatchObject({ reaction: 'love' });
    await calls.setReaction({ url, title: 'Story', reaction: 'sad' });
    await expect(calls.getReaction({ url })).resolves.toMatchObject({ reaction: 'sad' });
    expect(open).toHaveBeenCalledTimes(2);
  });

  it('reopens after the browser deletes the database (storage cleared), starting empty', async () => {
    const { name, open, calls } = setUp();
    await calls.setReaction({ url, title: 'Story', reaction: 'love' });
    // Deleting asks open connections to step aside (versionchange); ours closes itself.
    await new Promise((done, fail) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = done;
      request.onerror = () => fail(request.error);
    });

    await expect(calls.getReaction({ url })).resolves.toMatchObject({ reaction: null });
    await calls.setReaction({ url, title: 'Story', reaction: 'wow' });
    await expect(calls.listHistory({ limit: 5 })).resolves.toMatchObject([{ reaction: 'wow' }]);
    expect(open).toHaveBeenCalledTimes(2);
  });

  it('opens again on the next call after an open fails', async () => {
    const open = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(new Error('blocked'))
      .mockResolvedValue('db');
    const getDatabase = createReopeningDatabase(open);
    await expect(getDatabase()).rejects.toThrow('blocked');
    await expect(getDatabase()).resolves.toBe('db');
    expect(open).toHaveBeenCalledTimes(2);
  });

  it('ignores a close reported by a connection it already replaced', async () => {
    const closers: (() => void)[] = [];
    let n = 0;
    const getDatabase = createReopeningDatabase(async ({ onClosed }) => {
      closers.push(() => onClosed?.());
      return `db-${++n}`;
    });
    await getDatabase();
    closers[0]!();
    expect(await getDatabase()).toBe('db-2');
    closers[0]!();
    expect(await getDatabase()).toBe('db-2');
  });
});

import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  listVotes,
  openVoteDatabase,
  readVote,
  writeVote,
  type VoteDatabase,
  type VoteInput,
} from '../../src/background/database';

let counter = 0;
const opened: VoteDatabase[] = [];
async function freshDatabase(): Promise<VoteDatabase> {
  const db = await openVoteDatabase(`test-${++counter}`);
  opened.push(db);
  return db;
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function vote(key: string, reaction: VoteInput['reaction'], title = `Title of ${key}`): VoteInput {
  return { key, url: key, title, site: 'news.example', reaction };
}

describe('writeVote', () => {
  it('sets, switches and clears one record per article', async () => {
    const db = await freshDatabase();
    await writeVote(db, vote('a', 'wow'), 1000);
    expect(await readVote(db, 'a')).toMatchObject({
      reaction: 'wow',
      createdAt: 1000,
      updatedAt: 1000,
    });

    await writeVote(db, vote('a', 'love'), 2000);
    expect(await readVote(db, 'a')).toMatchObject({
      reaction: 'love',
      createdAt: 1000,
      updatedAt: 2000,
    });
    expect(await db.count('votes')).toBe(1);

    expect(await writeVote(db, vote('a', null), 3000)).toBeNull();
    expect(await readVote(db, 'a')).toBeUndefined();
    expect(await db.count('votes')).toBe(0);
  });

  it('keeps the earlier title when a later write has none', async () => {
    const db = await freshDatabase();
    await writeVote(db, vote('a', 'wow', 'First title'), 1);
    await writeVote(db, vote('a', 'sad', ''), 2);
    expect((await readVote(db, 'a'))?.title).toBe('First title');
  });

  it('lets the last of many concurrent writes to one article win', async () => {
    const db = await freshDatabase();
    const reactions = ['like', 'dislike', 'love', 'funny', 'angry', 'sad', 'wow'] as const;
    await Promise.all(reactions.map((reaction, i) => writeVote(db, vote('a', reaction), i)));
    expect((await readVote(db, 'a'))?.reaction).toBe('wow');
    expect(await db.count('votes')).toBe(1);
  });
});

describe('listVotes', () => {
  it('lists newest first and pages without gaps, even with equal times', async () => {
    const db = await freshDatabase();
    for (let i = 0; i < 25; i++)
      await writeVote(db, vote(`k${String(i).padStart(2, '0')}`, 'like'), Math.floor(i / 5));
    const seen: string[] = [];
    let page = await listVotes(db, 7);
    while (page.length > 0) {
      seen.push(...page.map((v) => v.key));
      const last = page.at(-1)!;
      page = await listVotes(db, 7, { updatedAt: last.updatedAt, key: last.key });
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    const times = seen.map((key) => Math.floor(Number(key.slice(1)) / 5));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('is empty for a new database', async () => {
    expect(await listVotes(await freshDatabase(), 10)).toEqual([]);
  });
});

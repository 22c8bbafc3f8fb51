import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { answerMessage, createBackgroundCalls } from '../../src/background/calls';
import { openVoteDatabase, type VoteDatabase } from '../../src/background/database';

let counter = 0;
const opened: VoteDatabase[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function setUp() {
  const database = openVoteDatabase(`calls-${++counter}`).then((db) => {
    opened.push(db);
    return db;
  });
  let clock = 1_700_000_000_000;
  const calls = createBackgroundCalls(
    () => database,
    () => (clock += 1000),
  );
  return { calls, send: (message: unknown) => answerMessage(calls, message) };
}

const page = 'https://www.news.example/world/story?utm_source=feed#comments';

describe('createBackgroundCalls', () => {
  it('stores a reaction under the article key and reads it back through any variant URL', async () => {
    const { calls } = setUp();
    await expect(
      calls.setReaction({ url: page, title: 'Story', reaction: 'wow' }),
    ).resolves.toEqual({ key: 'https://news.example/world/story', reaction: 'wow' });
    await expect(calls.getReaction({ url: 'http://news.example/world/story/' })).resolves.toEqual({
      key: 'https://news.example/world/story',
      reaction: 'wow',
      siteDisabled: false,
    });
    const [entry] = await calls.listHistory({ limit: 10 });
    expect(entry).toMatchObject({
      url: 'https://www.news.example/world/story?utm_source=feed',
      title: 'Story',
      site: 'news.example',
      reaction: 'wow',
    });
  });

  it('lists the most recently changed article first', async () => {
    const { calls } = setUp();
    await calls.setReaction({ url: 'https://a.example/1', title: 'One', reaction: 'like' });
    await calls.setReaction({ url: 'https://a.example/2', title: 'Two', reaction: 'sad' });
    await calls.setReaction({ url: 'https://a.example/1', title: 'One', reaction: 'love' });
    const history = await calls.listHistory({ limit: 10 });
    expect(history.map((v) => [v.title, v.reaction])).toEqual([
      ['One', 'love'],
      ['Two', 'sad'],
    ]);
  });
});

describe('answerMessage', () => {
  it('answers a valid call with its value', async () => {
    const { send } = setUp();
    await expect(
      send({ call: 'setReaction', input: { url: page, title: 'Story', reaction: 'like' } }),
    ).resolves.toEqual({
      ok: true,
      value: { key: 'https://news.example/world/story', reaction: 'like' },
    });
  });

  it('answers malformed messages with an error and writes nothing', async () => {
    const { send } = setUp();
    const bad = [
      undefined,
      42,
      { call: 'setReaction' },
      { call: 'setReaction', input: { url: page, title: 'x', reaction: 'LIKE' } },
      { call: 'setReaction', input: { url: 'file:///etc/passwd', title: 'x', reaction: 'like' } },
      { call: '__proto__', input: {} },
    ];
    for (const message of bad) {
      const reply = await send(message);
      expect(reply.ok).toBe(false);
      expect(reply).toHaveProperty('error', expect.any(String));
    }
    await expect(send({ call: 'listHistory', input: { limit: 10 } })).resolves.toEqual({
      ok: true,
      value: [],
    });
  });
});

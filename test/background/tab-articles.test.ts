import { describe, expect, it } from 'vitest';
import type { SessionArea } from '../../src/background/session-private-votes';
import { createMemorySessionArea, createTabArticles } from '../../src/background/tab-articles';

/** A `storage.session` that counts its writes, and fails them while `failing` is set. */
function countingSession() {
  const inner = createMemorySessionArea();
  const counts = { writes: 0, failing: false };
  const session: SessionArea = {
    get: (names) => inner.get(names),
    async set(values) {
      counts.writes++;
      if (counts.failing) throw new Error('quota exceeded');
      await inner.set(values);
    },
    remove: (names) => inner.remove(names),
  };
  return { session, counts };
}

const page = 'https://news.example/story?ref=rss';
const declared = { url: page, declaredUrls: ['https://news.example/story'] };

describe('createTabArticles', () => {
  // Each toolbar asks the reaction again after every vote notice: each ask wrote the same note.
  it("writes a tab's note only when what the page declared changed", async () => {
    const { session, counts } = countingSession();
    const tabArticles = createTabArticles(session);
    await tabArticles.remember(7, declared);
    await tabArticles.remember(7, { ...declared, declaredUrls: [...declared.declaredUrls] });
    expect(counts.writes).toBe(1);
    await tabArticles.remember(7, { url: page, declaredUrls: ['https://news.example/other'] });
    await tabArticles.remember(8, declared);
    await tabArticles.remember(7, declared);
    expect(counts.writes).toBe(4);
    expect(await tabArticles.recall(7, page)).toEqual(declared.declaredUrls);
  });

  it('writes the note again after a write that failed, and after the tab was forgotten', async () => {
    const { session, counts } = countingSession();
    const tabArticles = createTabArticles(session);
    counts.failing = true;
    await tabArticles.remember(7, declared);
    counts.failing = false;
    await tabArticles.remember(7, declared);
    expect(await tabArticles.recall(7, page)).toEqual(declared.declaredUrls);
    await tabArticles.forget(7);
    await tabArticles.remember(7, declared);
    expect(counts.writes).toBe(3);
    expect(await tabArticles.recall(7, page)).toEqual(declared.declaredUrls);
  });

  // storage.session outlives a stopped worker, its memory does not.
  it('keeps the notes of a worker stopped and started again', async () => {
    const { session, counts } = countingSession();
    await createTabArticles(session).remember(7, declared);
    const restarted = createTabArticles(session);
    expect(await restarted.recall(7, page)).toEqual(declared.declaredUrls);
    await restarted.remember(7, { url: page, declaredUrls: ['https://news.example/other'] });
    expect(await restarted.recall(7, page)).toEqual(['https://news.example/other']);
    expect(counts.writes).toBe(2);
  });
});

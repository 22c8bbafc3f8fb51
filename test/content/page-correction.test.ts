import { describe, expect, it } from 'vitest';
import { followCorrection } from '../../src/content/page-correction';
import type { ToolbarCorrection } from '../../src/core/page-corrections';
import { CallError } from '../../src/protocol';

/** A follower over a page whose keys and stored correction the test changes. */
function setUp(stored: ToolbarCorrection | null) {
  const page = { keys: ['https://news.example/a'], stored, reads: 0, keyReads: 0 };
  const follower = followCorrection(
    () => {
      page.keyReads++;
      return page.keys;
    },
    async () => {
      page.reads++;
      return page.stored;
    },
  );
  return { page, follower };
}

describe('followCorrection', () => {
  it('reads the correction once per article', async () => {
    const { page, follower } = setUp('hide');
    expect(follower.peek()).toBeUndefined();
    const [first, second] = await Promise.all([follower.read(), follower.read()]);
    expect([first, second, follower.peek(), page.reads]).toEqual(['hide', 'hide', 'hide', 1]);
    // A single-page app moved on to another article: its correction is read afresh.
    page.keys = ['https://news.example/b'];
    page.stored = null;
    expect(follower.peek()).toBeUndefined();
    expect(await follower.read()).toBeNull();
    expect(page.reads).toBe(2);
  });

  it("reads again after a change to this page's correction, not to another's", async () => {
    const { page, follower } = setUp('hide');
    await follower.read();
    expect(await follower.changed('https://news.example/other')).toBe(false);
    expect(follower.peek()).toBe('hide');
    page.stored = 'show';
    expect(await follower.changed('https://news.example/a')).toBe(true);
    expect(follower.peek()).toBe('show');
    expect(await follower.read()).toBe('show');
    expect(page.reads).toBe(2);
  });

  // The page may declare an address on another site (a syndicated copy), which the background
  // passes over in keying its correction: that article's correction is not this page's.
  it('keeps the page as it is when a change to a key it may go by leaves its correction', async () => {
    const { page, follower } = setUp('hide');
    page.keys = ['https://other.example/story', 'https://news.example/a'];
    await follower.read();
    const changed = follower.changed('https://other.example/story');
    // Until the background answers, the page keeps what it shows.
    expect(follower.peek()).toBe('hide');
    expect(await changed).toBe(false);
    expect([follower.peek(), page.reads]).toEqual(['hide', 2]);
  });

  it('asks again, as the page was never read, where none was assumed stored', async () => {
    const { page, follower } = setUp(null);
    follower.assumeNone(follower.heard());
    expect(await follower.changed('https://news.example/a')).toBe(false);
    expect([follower.peek(), page.reads]).toEqual([null, 1]);
    page.stored = 'show';
    expect(await follower.changed('https://news.example/a')).toBe(true);
    expect(follower.peek()).toBe('show');
  });

  it('has the page looked at again when the background does not answer after a change', async () => {
    let answering = true;
    const follower = followCorrection(
      () => ['https://news.example/a'],
      async () => {
        if (!answering) throw new Error('no background');
        return 'hide';
      },
    );
    await follower.read();
    answering = false;
    expect(await follower.changed('https://news.example/a')).toBe(true);
    expect(follower.peek()).toBeUndefined();
  });

  it('takes the answer to the latest of two changes heard one after the other', async () => {
    const answers: ((correction: ToolbarCorrection | null) => void)[] = [];
    const follower = followCorrection(
      () => ['https://news.example/a'],
      () => new Promise((resolve) => answers.push(resolve)),
    );
    const reading = follower.read();
    answers.shift()!(null);
    await reading;
    const first = follower.changed('https://news.example/a');
    const second = follower.changed('https://news.example/a');
    answers.pop()!('hide');
    answers.pop()!(null);
    expect([await first, await second, follower.peek()]).toEqual([false, true, 'hide']);
  });

  it('forgets a correction that changed while a single-page app showed another article', async () => {
    const { page, follower } = setUp('hide');
    await follower.read();
    page.keys = ['https://news.example/b'];
    page.stored = null;
    await follower.read();
    // The reader removes the first article's correction in the options page, the app on the second.
    expect(await follower.changed('https://news.example/a')).toBe(false);
    // Back to the first article: its correction is read again, not taken as it was.
    page.keys = ['https://news.example/a'];
    expect(follower.peek()).toBeUndefined();
    expect(await follower.read()).toBeNull();
  });

  it('takes no answer read before a change to the correction as the correction', async () => {
    let answer: (correction: ToolbarCorrection | null) => void = () => {};
    let reads = 0;
    const follower = followCorrection(
      () => ['https://news.example/a'],
      () => {
        reads++;
        return new Promise((resolve) => (answer = resolve));
      },
    );
    const before = follower.read();
    // The reader hid the toolbar in the popup as the page asked: the answer on its way is older.
    expect(await follower.changed('https://news.example/a')).toBe(true);
    answer(null);
    await before;
    expect(follower.peek()).toBeUndefined();
    const after = follower.read();
    answer('hide');
    expect([await after, follower.peek(), reads]).toEqual(['hide', 'hide', 2]);
  });

  it('asks no more once the background refused the question as invalid', async () => {
    let reads = 0;
    const follower = followCorrection(
      () => ['https://news.example/a'],
      async () => {
        reads++;
        throw new CallError('url is too long', { invalid: true });
      },
    );
    expect(await follower.read()).toBeNull();
    expect(await follower.read()).toBeNull();
    expect([follower.peek(), reads]).toEqual([null, 1]);
  });

  it('lets the detector decide alone when the background cannot answer, and asks again', async () => {
    let answering = false;
    const follower = followCorrection(
      () => ['https://news.example/a'],
      async () => {
        if (!answering) throw new Error('no background');
        return 'hide';
      },
    );
    expect(await follower.read()).toBeNull();
    expect(follower.peek()).toBeUndefined();
    answering = true;
    expect(await follower.read()).toBe('hide');
    expect(follower.peek()).toBe('hide');
  });

  it('reads again on request, telling whether it changed (notices missed meanwhile)', async () => {
    const { page, follower } = setUp(null);
    // Never read: nothing to compare, nothing read.
    expect(await follower.reread()).toBe(false);
    expect(page.reads).toBe(0);
    await follower.read();
    expect(await follower.reread()).toBe(false);
    page.stored = 'hide';
    expect(await follower.reread()).toBe(true);
    expect(follower.peek()).toBe('hide');
    expect(page.reads).toBe(3);
  });

  it('takes the word that no page is corrected: asks nothing, until a correction changes', async () => {
    const { page, follower } = setUp('hide');
    follower.assumeNone(follower.heard());
    expect([follower.peek(), await follower.read()]).toEqual([null, null]);
    // Neither the page's addresses (its keys) nor the background were read.
    expect([page.keyReads, page.reads]).toEqual([0, 0]);
    // The reader corrected another page: this one's may be stored now too.
    expect(await follower.changed('https://news.example/other')).toBe(false);
    expect(await follower.read()).toBe('hide');
    expect(page.reads).toBe(1);
  });

  it.each(['reread', 'forget'] as const)(
    'asks afresh after %s, a read lost in the back-forward cache left unanswered',
    async (step) => {
      let reads = 0;
      const follower = followCorrection(
        () => ['https://news.example/a'],
        () => {
          reads++;
          // The first question's answer never comes (Chrome drops it as the page is cached).
          return reads === 1 ? new Promise<never>(() => {}) : Promise.resolve('hide');
        },
      );
      void follower.read();
      if (step === 'reread') void follower.reread();
      else follower.forget();
      expect(await follower.read()).toBe('hide');
      expect(reads).toBe(2);
    },
  );

  it('reads again what it took as none, back from the back-forward cache', async () => {
    const { page, follower } = setUp(null);
    follower.assumeNone(follower.heard());
    expect(await follower.read()).toBeNull();
    // Corrected in another tab while this page waited in the cache, its notice missed.
    page.stored = 'hide';
    expect(await follower.reread()).toBe(true);
    expect(follower.peek()).toBe('hide');
  });

  it('keeps to what it heard of after asking, over an older answer that none is stored', async () => {
    const { page, follower } = setUp('hide');
    const mark = follower.heard();
    // The notice of a new correction overtakes the answer to the question asked before it.
    expect(await follower.changed('https://news.example/a')).toBe(true);
    follower.assumeNone(mark);
    expect(await follower.read()).toBe('hide');
    expect(page.reads).toBe(1);
  });

  it('takes a correction read after an answer that none is stored over that answer', async () => {
    let answer!: (correction: 'hide') => void;
    const follower = followCorrection(
      () => ['https://news.example/a'],
      () => new Promise((resolve) => (answer = resolve)),
    );
    const reading = follower.read();
    // The answer that none is stored, worked out before the correction was, lands first.
    follower.assumeNone(follower.heard());
    answer('hide');
    expect(await reading).toBe('hide');
    expect(follower.peek()).toBe('hide');
  });
});

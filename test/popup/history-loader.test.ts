import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHistoryLoader, type HistoryFilter } from '../../src/popup/history-loader';
import type { HistoryCursor, Vote } from '../../src/protocol';

const votes = (prefix: string, n: number, from = 0): Vote[] =>
  Array.from({ length: n }, (_, i) => ({
    key: `${prefix}${from + i}`,
    url: 'https://a.example/',
    title: prefix,
    site: 'a.example',
    reaction: 'like',
    createdAt: 1,
    updatedAt: 1000 - from - i,
  }));

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((done, fail) => {
    resolve = done;
    reject = fail;
  });
  return { promise, resolve, reject };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function setUp({ maxFetch }: { maxFetch?: number } = {}) {
  const shown: string[] = [];
  const requests: {
    filter: HistoryFilter;
    after?: HistoryCursor;
    limit: number;
    reply: ReturnType<typeof deferred<Vote[]>>;
  }[] = [];
  const loader = createHistoryLoader({
    pageSize: 2,
    debounceMs: 50,
    maxFetch,
    fetchPage(filter, after, limit) {
      const reply = deferred<Vote[]>();
      requests.push({ filter, after, limit, reply });
      return reply.promise;
    },
    showFirstPage: (page) => shown.splice(0, shown.length, ...page.map((v) => v.key)),
    showNextPage: (page) => shown.push(...page.map((v) => v.key)),
    showError: (error) => shown.push(`error: ${String(error)}`),
    showNextPageError: (error) => shown.push(`next page failed: ${String(error)}`),
  });
  return { loader, shown, requests };
}

/** {@link setUp}'s loader with its first two pages shown (v0 to v3) and more to load. */
/** A loader showing the first page of two rows, with more to follow. */
async function setUpWithFirstPageShown() {
  const setup = setUp();
  const first = setup.loader.reload();
  setup.requests[0]!.reply.resolve(votes('v', 3));
  await first;
  return setup;
}

async function setUpWithTwoPagesShown() {
  const setup = await setUpWithFirstPageShown();
  const more = setup.loader.loadMore();
  setup.requests[1]!.reply.resolve(votes('v', 3, 2));
  await more;
  return setup;
}

describe('createHistoryLoader', () => {
  it('debounces typing into one request', async () => {
    const { loader, requests } = setUp();
    loader.setFilter({ query: 'f' });
    loader.setFilter({ query: 'fe' });
    loader.setFilter({ query: 'fer' });
    await vi.advanceTimersByTimeAsync(49);
    expect(requests).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests.map((r) => r.filter.query)).toEqual(['fer']);
  });

  it('drops a stale reply that arrives after a newer one', async () => {
    const { loader, shown, requests } = setUp();
    loader.setFilter({ query: 'fe' }, true);
    loader.setFilter({ query: 'fer' }, true);
    requests[1]!.reply.resolve(votes('fer', 1));
    await vi.advanceTimersByTimeAsync(0);
    requests[0]!.reply.resolve(votes('fe', 2));
    await vi.advanceTimersByTimeAsync(0);
    expect(shown).toEqual(['fer0']);
  });

  it('pages with the last shown vote as cursor until a short page', async () => {
    const { loader, shown, requests } = setUp();
    const first = loader.reload();
    // A vote past the page of two: more follow.
    requests[0]!.reply.resolve(votes('v', 3));
    await first;
    const second = loader.loadMore();
    void loader.loadMore(); // already loading: ignored
    expect(requests).toHaveLength(2);
    expect(requests[1]!.after).toEqual({ updatedAt: 999, key: 'v1' });
    requests[1]!.reply.resolve(votes('v', 1, 2));
    await second;
    expect(shown).toEqual(['v0', 'v1', 'v2']);
    expect(loader.complete).toBe(true);
    await loader.loadMore();
    expect(requests).toHaveLength(2);
  });

  it('knows a list of exactly one page is complete, from a row asked for past it', async () => {
    const { loader, shown, requests } = setUp();
    const first = loader.reload();
    expect(requests[0]!.limit).toBe(3);
    requests[0]!.reply.resolve(votes('v', 2));
    await first;
    expect(shown).toEqual(['v0', 'v1']);
    expect(loader.complete).toBe(true);
    await loader.loadMore();
    expect(requests, 'no empty page asked for').toHaveLength(1);
  });

  it('reloads, when asked to keep what is shown, every page down to its last row at once', async () => {
    const { loader, shown, requests } = await setUpWithTwoPagesShown();
    expect(shown).toEqual(['v0', 'v1', 'v2', 'v3']);

    const again = loader.reload({ keepShown: true });
    requests[2]!.reply.resolve(votes('v', 3));
    await vi.advanceTimersByTimeAsync(0);
    expect(shown, 'not one page alone, which would lose the place').toHaveLength(4);
    expect(requests[3]!.after).toEqual({ updatedAt: 999, key: 'v1' });
    requests[3]!.reply.resolve(votes('v', 3, 2));
    await again;
    expect(requests).toHaveLength(4);
    expect(shown).toEqual(['v0', 'v1', 'v2', 'v3']);
    void loader.loadMore();
    expect(requests[4]!.after).toEqual({ updatedAt: 997, key: 'v3' });
  });

  it('keeps what is shown without reading far past as many rows, however many came in above', async () => {
    const { loader, shown, requests } = await setUpWithTwoPagesShown();
    expect(shown).toHaveLength(4);

    // An import brought a thousand newer votes: the place is a thousand rows down now.
    const newer = votes('n', 1000).map((vote) => ({ ...vote, updatedAt: vote.updatedAt + 5000 }));
    const again = loader.reload({ keepShown: true });
    for (let i = 2; i < 2 + 500 && requests[i]; i++) {
      const after = requests[i]!.after;
      const start = after ? newer.findIndex((vote) => vote.key === after.key) + 1 : 0;
      requests[i]!.reply.resolve(newer.slice(start, start + requests[i]!.limit));
      await vi.advanceTimersByTimeAsync(0);
    }
    await again;
    // As many rows as were shown, and a page: not every row down to the old place.
    expect(shown).toHaveLength(6);
    expect(requests).toHaveLength(5);
  });

  it('reloads a long list kept as shown in requests as large as fetchPage takes, not page by page', async () => {
    const { loader, shown, requests } = setUp({ maxFetch: 5 });
    const first = loader.reload();
    requests[0]!.reply.resolve(votes('v', 3));
    await first;
    for (let page = 1; page < 5; page++) {
      const more = loader.loadMore();
      requests[page]!.reply.resolve(votes('v', 3, page * 2));
      await more;
    }
    expect(shown).toHaveLength(10);

    // Undo far down: ten rows read again in a page and two requests of four, not five pages.
    const again = loader.reload({ keepShown: true });
    const all = votes('v', 20);
    for (let i = 5; i < 5 + 10 && requests[i]; i++) {
      const after = requests[i]!.after;
      const start = after ? all.findIndex((vote) => vote.key === after.key) + 1 : 0;
      expect(requests[i]!.limit).toBeLessThanOrEqual(5);
      requests[i]!.reply.resolve(all.slice(start, start + requests[i]!.limit));
      await vi.advanceTimersByTimeAsync(0);
    }
    await again;
    expect(requests.length - 5).toBe(3);
    expect(shown).toEqual(all.slice(0, 10).map((vote) => vote.key));
    expect(loader.complete).toBe(false);
    void loader.loadMore();
    expect(requests.at(-1)!.after).toEqual({ updatedAt: 991, key: 'v9' });
  });

  it('reloads a list kept as shown down to its last row, not the rows past it a larger request brings', async () => {
    const { loader, shown, requests } = setUp({ maxFetch: 10 });
    const first = loader.reload();
    requests[0]!.reply.resolve(votes('v', 3));
    await first;
    const more = loader.loadMore();
    requests[1]!.reply.resolve(votes('v', 3, 2));
    await more;
    expect(shown).toEqual(['v0', 'v1', 'v2', 'v3']);

    const again = loader.reload({ keepShown: true });
    const all = votes('v', 20);
    for (let i = 2; i < 2 + 5 && requests[i]; i++) {
      const after = requests[i]!.after;
      const start = after ? all.findIndex((vote) => vote.key === after.key) + 1 : 0;
      requests[i]!.reply.resolve(all.slice(start, start + requests[i]!.limit));
      await vi.advanceTimersByTimeAsync(0);
    }
    await again;
    expect(shown).toEqual(['v0', 'v1', 'v2', 'v3']);
    expect(loader.complete).toBe(false);
    void loader.loadMore();
    expect(requests.at(-1)!.after).toEqual({ updatedAt: 997, key: 'v3' });
  });

  // Far down a long list, a reload takes longer than the popup lets notices settle: an Undo's
  // reload is overtaken by the one its own change, told back, asks for.
  it('keeps what is shown when asked again while a reload keeping it is on its way', async () => {
    const { loader, shown, requests } = await setUpWithTwoPagesShown();
    expect(shown).toEqual(['v0', 'v1', 'v2', 'v3']);

    const first = loader.reload({ keepShown: true });
    const second = loader.reload({ keepShown: true });
    const all = votes('v', 20);
    for (let i = 2; i < 2 + 10 && requests[i]; i++) {
      const after = requests[i]!.after;
      const start = after ? all.findIndex((vote) => vote.key === after.key) + 1 : 0;
      requests[i]!.reply.resolve(all.slice(start, start + requests[i]!.limit));
      await vi.advanceTimersByTimeAsync(0);
    }
    await Promise.all([first, second]);
    expect(shown, 'not the first page alone, which would lose the place').toEqual([
      'v0',
      'v1',
      'v2',
      'v3',
    ]);
    void loader.loadMore();
    expect(requests.at(-1)!.after).toEqual({ updatedAt: 997, key: 'v3' });
  });

  // An Undo puts focus on the row it brought back once its reload is done: overtaken, that reload
  // was done before any list with the row was drawn, and focus went to the search box.
  it('resolves a reload overtaken by another once the list the other asked for is shown', async () => {
    const { loader, shown, requests } = await setUpWithFirstPageShown();
    let firstDone = false;
    const first = loader.reload().then(() => (firstDone = true));
    const second = loader.reload();
    requests[1]!.reply.resolve(votes('old', 3));
    await vi.advanceTimersByTimeAsync(0);
    expect(firstDone).toBe(false);
    requests[2]!.reply.resolve(votes('new', 3));
    await Promise.all([first, second]);
    expect(shown).toEqual(['new0', 'new1']);
  });

  it('resolves a reload overtaken by a search still being typed at once', async () => {
    const { loader, requests } = await setUpWithFirstPageShown();
    const first = loader.reload();
    loader.setFilter({ query: 'fer' });
    requests[1]!.reply.resolve(votes('old', 3));
    await first;
  });

  it('pages on from the list still shown when reloads of it overlap and fail', async () => {
    const { loader, shown, requests } = await setUpWithTwoPagesShown();
    const first = loader.reload({ keepShown: true });
    const second = loader.reload({ keepShown: true });
    requests[2]!.reply.reject(new Error('no answer'));
    requests[3]!.reply.reject(new Error('no answer'));
    await Promise.all([first, second]);
    expect(shown).toEqual(['v0', 'v1', 'v2', 'v3', 'error: Error: no answer']);
    void loader.loadMore();
    expect(requests.at(-1)?.after).toEqual({ updatedAt: 997, key: 'v3' });
  });

  it('pages on from the list still shown when reloading it fails', async () => {
    const { loader, shown, requests } = await setUpWithFirstPageShown();
    const failed = loader.reload({ keepShown: true });
    requests[1]!.reply.reject(new Error('no answer'));
    await failed;
    expect(shown).toEqual(['v0', 'v1', 'error: Error: no answer']);
    // The end of the list comes into view: its next page still loads.
    void loader.loadMore();
    expect(requests[2]?.after).toEqual({ updatedAt: 999, key: 'v1' });
  });

  it('tells of a next page that failed on its own, and loads it when asked again', async () => {
    const { loader, shown, requests } = await setUpWithFirstPageShown();
    const failed = loader.loadMore();
    requests[1]!.reply.reject(new Error('no answer'));
    await failed;
    expect(shown).toEqual(['v0', 'v1', 'next page failed: Error: no answer']);
    expect(loader.complete).toBe(false);
    // The reader asks again: the same page, from the same row.
    const again = loader.loadMore();
    expect(requests[2]?.after).toEqual({ updatedAt: 999, key: 'v1' });
    requests[2]!.reply.resolve(votes('v', 1, 2));
    await again;
    expect(shown.at(-1)).toBe('v2');
    expect(loader.complete).toBe(true);
  });

  it('says nothing of a next page that failed for a filter that has since changed', async () => {
    const { loader, shown, requests } = await setUpWithFirstPageShown();
    const stale = loader.loadMore();
    loader.setFilter({ reaction: 'sad' }, true);
    requests[1]!.reply.reject(new Error('no answer'));
    await stale;
    expect(shown).toEqual(['v0', 'v1']);
  });

  it('never appends a page for a filter that has since changed', async () => {
    const { loader, shown, requests } = await setUpWithFirstPageShown();
    const more = loader.loadMore();
    loader.setFilter({ reaction: 'sad' }, true);
    requests[1]!.reply.resolve(votes('old', 2));
    await more;
    expect(shown).toEqual(['v0', 'v1']);
    expect(requests[2]!.filter).toEqual({ query: '', reaction: 'sad' });
  });

  it('loads the next page of a new filter while a page of the old one is still on its way', async () => {
    const { loader, shown, requests } = await setUpWithFirstPageShown();
    const stale = loader.loadMore();
    loader.setFilter({ reaction: 'sad' }, true);
    requests[2]!.reply.resolve(votes('sad', 3));
    await vi.advanceTimersByTimeAsync(0);
    // The end of the new list is in view: its next page loads, not held up by the old one.
    const next = loader.loadMore();
    expect(requests).toHaveLength(4);
    expect(requests[3]!.filter.reaction).toBe('sad');
    expect(requests[3]!.after).toEqual({ updatedAt: 999, key: 'sad1' });
    requests[3]!.reply.resolve(votes('sad', 1, 2));
    await next;
    requests[1]!.reply.resolve(votes('v', 2, 2));
    await stale;
    expect(shown).toEqual(['sad0', 'sad1', 'sad2']);
  });

  it("never pages on from the old list's last row while a new filter's first page loads", async () => {
    const { loader, shown, requests } = await setUpWithFirstPageShown();
    loader.setFilter({ reaction: 'sad' }, true);
    // The old list's end is still in view: its cursor must not page the new filter.
    void loader.loadMore();
    expect(requests.filter((request) => request.after)).toEqual([]);
    requests[1]!.reply.resolve(votes('sad', 2));
    await vi.advanceTimersByTimeAsync(0);
    expect(shown).toEqual(['sad0', 'sad1']);
  });
});

describe('createHistoryLoader showAt', () => {
  /** Puts each vote read into `shown`, as a row drawn in its place; `keys` left out refuse. */
  const showRead =
    (shown: string[], refuse = false) =>
    (read: Vote[]) => {
      if (refuse) return undefined;
      shown.push(...read.map((v) => v.key));
      return read;
    };

  it('reads only the votes after the place asked for, and hands them over', async () => {
    const { loader, shown, requests } = await setUpWithTwoPagesShown();
    const done = loader.showAt({ updatedAt: 999, key: 'v1' }, 1, showRead(shown));
    expect(requests.slice(2).map(({ after, limit }) => ({ after, limit }))).toEqual([
      { after: { updatedAt: 999, key: 'v1' }, limit: 1 },
    ]);
    requests[2]!.reply.resolve(votes('back', 1));
    await done;
    expect(requests).toHaveLength(3);
    expect(shown).toEqual(['v0', 'v1', 'v2', 'v3', 'back0']);
  });

  it('reads the list again, as far down as shown, where the votes read do not show the change', async () => {
    const { loader, shown, requests } = await setUpWithTwoPagesShown();
    const done = loader.showAt(undefined, 1, showRead(shown, true));
    requests[2]!.reply.resolve(votes('other', 1));
    await vi.advanceTimersByTimeAsync(0);
    expect(requests[3]).toMatchObject({ after: undefined, limit: 3 });
    requests[3]!.reply.resolve(votes('v', 3));
    await vi.advanceTimersByTimeAsync(0);
    requests[4]!.reply.resolve(votes('v', 3, 2));
    await done;
    expect(shown).toEqual(['v0', 'v1', 'v2', 'v3']);
  });

  it('leaves the change to a reload asked for meanwhile, and is settled once it is shown', async () => {
    const { loader, shown, requests } = await setUpWithFirstPageShown();
    const show = vi.fn(showRead(shown));
    const done = loader.showAt(undefined, 1, show);
    const reload = loader.reload();
    let isSettled = false;
    void loader.settled.then(() => (isSettled = true));
    requests[1]!.reply.resolve(votes('back', 1));
    await vi.advanceTimersByTimeAsync(0);
    expect(show).not.toHaveBeenCalled();
    expect(isSettled).toBe(false);
    requests[2]!.reply.resolve(votes('w', 3));
    await Promise.all([done, reload]);
    expect(shown).toEqual(['w0', 'w1']);
  });

  it('reloads at once where the list shown is not yet the filter asked for', async () => {
    const { loader, requests } = await setUpWithFirstPageShown();
    loader.setFilter({ query: 'fer' });
    void loader.showAt(undefined, 1, () => []);
    expect(requests[1]).toMatchObject({ filter: { query: 'fer' }, after: undefined, limit: 3 });
  });
});

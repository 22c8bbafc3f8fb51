import 'fake-indexeddb/auto';
import { openDB, unwrap, type IDBPDatabase } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  clearVotes,
  countReactionsSince,
  DatabaseBlockedError,
  DATABASE_VERSION,
  editVote,
  isSiteDisabled,
  listVotes,
  mergeVotes,
  OPEN_BLOCKED_TIMEOUT_MS,
  OPERATION_MEMORY_MS,
  openVoteDatabase,
  readReactionCounts,
  readVote,
  readUndoableRemoval,
  readVotePage,
  restoreVote,
  setSiteDisabled,
  toSearchEntry,
  UNDO_KEEP_MS,
  writeVote,
  type SearchEntry,
  type VoteDatabase,
  type VoteInput,
} from '../../src/background/database';
import { createHistoryExport } from '../../src/core/history-export';
import { createHistoryFileReader, parseImportedVotes } from '../../src/core/history-import';
import type { Reaction } from '../../src/core/reactions';
import { encodeTerm } from '../../src/core/search-terms';
import { emptyCounts } from '../../src/core/summarize-mood';
import { cleanTitle, MAX_TITLE_LENGTH, parseVote } from '../../src/core/vote';
import type { Vote } from '../../src/protocol';

/** A whole number of ms past the latest time a JavaScript Date holds (8.64e15). */
const BEYOND_DATES = 8.64e15 + 1;

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

    expect((await writeVote(db, vote('a', null), 3000)).stored).toBeNull();
    expect(await readVote(db, 'a')).toBeUndefined();
    expect(await db.count('votes')).toBe(0);
  });

  it('keeps the earlier title when a later write has none', async () => {
    const db = await freshDatabase();
    await writeVote(db, vote('a', 'wow', 'First title'), 1);
    await writeVote(db, vote('a', 'sad', ''), 2);
    expect((await readVote(db, 'a'))?.title).toBe('First title');
  });

  it("keeps the article's language through switches, edits, listing and its export", async () => {
    const db = await freshDatabase();
    const a = 'https://news.example/a';
    await writeVote(db, { ...vote(a, 'wow'), lang: 'de' }, 1);
    // A later state of the page declaring none (an app's) keeps the one declared.
    await writeVote(db, vote(a, 'sad'), 2);
    expect((await readVote(db, a))?.lang).toBe('de');
    await writeVote(db, { ...vote(a, 'love'), lang: 'de-AT' }, 3);
    expect((await editVote(db, a, 'like', 4)).after?.lang).toBe('de-AT');
    const [listed] = await listVotes(db, { limit: 1 });
    expect(listed?.lang).toBe('de-AT');
    // Taken back from its export as it was.
    expect(parseVote(JSON.parse(JSON.stringify(listed)))).toEqual(listed);
    await writeVote(db, vote('b', 'wow'), 5);
    expect(await readVote(db, 'b')).not.toHaveProperty('lang');
  });

  // A pending vote applied at `now` = 10_000, given at `votedAt`, over a vote created at 4_000 and
  // switched at 5_000 where `before` is set.
  it.each([
    { case: 'a first vote by its click', votedAt: 7_000, before: false, dated: [7_000, 7_000] },
    { case: 'a switch by its click', votedAt: 7_000, before: true, dated: [4_000, 7_000] },
    {
      case: 'a click "ahead" no later than now',
      votedAt: 12_000,
      before: true,
      dated: [4_000, 10_000],
    },
    {
      case: 'a click before the vote replaced after it',
      votedAt: 3_000,
      before: true,
      dated: [4_000, 5_001],
    },
    {
      case: 'no time a vote can have by now',
      votedAt: Number.NaN,
      before: false,
      dated: [10_000, 10_000],
    },
    { case: 'a time before the epoch by now', votedAt: -1, before: false, dated: [10_000, 10_000] },
  ])('dates $case', async ({ votedAt, before, dated: [createdAt, updatedAt] }) => {
    const db = await freshDatabase();
    if (before) {
      await writeVote(db, vote('a', 'wow'), 4_000);
      await writeVote(db, vote('a', 'sad'), 5_000);
    }
    await writeVote(db, vote('a', 'love'), 10_000, undefined, votedAt);
    expect(await readVote(db, 'a')).toMatchObject({ reaction: 'love', createdAt, updatedAt });
  });

  it('orders a vote dated by its click at the time it is written, not at the click', async () => {
    const db = await freshDatabase();
    // Given at 7 s (op 7_000_000), applied at 10 s after a write given and landed at 8 s.
    await writeVote(db, vote('a', 'sad'), 8_000, 8_000_000);
    const { superseded } = await writeVote(db, vote('a', 'love'), 10_000, 7_000_000, 7_000);
    expect(superseded).toBe(true);
    expect(await readVote(db, 'a')).toMatchObject({ reaction: 'sad', updatedAt: 8_000 });
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
    let page = await listVotes(db, { limit: 7 });
    while (page.length > 0) {
      seen.push(...page.map((v) => v.key));
      const last = page.at(-1)!;
      page = await listVotes(db, { limit: 7, after: { updatedAt: last.updatedAt, key: last.key } });
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    const times = seen.map((key) => Math.floor(Number(key.slice(1)) / 5));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('is empty for a new database', async () => {
    expect(await listVotes(await freshDatabase(), { limit: 10 })).toEqual([]);
  });
});

describe('readVotePage', () => {
  it('pages every vote in key order after a key, each once', async () => {
    const db = await freshDatabase();
    for (const [key, time] of [
      ['b', 2],
      ['a', 1],
      ['d', 2],
      ['c', 3],
      ['e', 1],
    ] as const) {
      await writeVote(db, vote(key, 'like'), time);
    }
    const first = await readVotePage(db, undefined, 2);
    expect(first.map((v) => v.key)).toEqual(['a', 'b']);
    // A vote changed between pages keeps its place: it is read once, in its new version.
    await writeVote(db, vote('d', 'sad'), 9);
    const rest = await readVotePage(db, 'b', 10);
    expect(rest.map((v) => [v.key, v.reaction])).toEqual([
      ['c', 'like'],
      ['d', 'sad'],
      ['e', 'like'],
    ]);
    expect(await readVotePage(db, 'e', 10)).toEqual([]);
    expect([...first, ...rest]).toEqual(
      (await listVotes(db, { limit: 10 })).sort((a, b) => (a.key < b.key ? -1 : 1)),
    );
  });
});

/** 1,200 likes on a.example, newest last, titled `title` and their number, from time 1,000 on. */
function recentVotes(title: string): Vote[] {
  return Array.from({ length: 1_200 }, (_, i) => ({
    key: `https://a.example/${String(i).padStart(4, '0')}`,
    url: `https://a.example/${i}`,
    title: `${title} ${i}`,
    site: 'a.example',
    reaction: 'like',
    createdAt: 1,
    updatedAt: 1_000 + i,
  }));
}

describe('listVotes with filters', () => {
  const seed: [key: string, title: string, reaction: Reaction, updatedAt: number][] = [
    ['https://a.example/1', 'Night ferry returns to Alder Bay', 'love', 10],
    ['https://a.example/2', 'Ferris wheel closes for winter', 'wow', 20],
    ['https://b.example/3', 'Council votes on ferry budget', 'angry', 30],
    ['https://b.example/4', 'Bakery wins national prize', 'love', 40],
    ['https://c.example/5', 'Fërry spelled with an umlaut', 'love', 50],
  ];
  async function seeded(): Promise<VoteDatabase> {
    const db = await freshDatabase();
    for (const [key, title, reaction, time] of seed) {
      await writeVote(db, { key, url: key, title, site: new URL(key).hostname, reaction }, time);
    }
    return db;
  }
  const keys = (votes: { key: string }[]) => votes.map((v) => v.key.slice(-1));

  it.each([
    { query: {}, expected: ['5', '4', '3', '2', '1'] },
    { query: { reaction: 'love' as const }, expected: ['5', '4', '1'] },
    { query: { query: 'ferry' }, expected: ['5', '3', '1'] },
    { query: { query: 'FER' }, expected: ['5', '3', '2', '1'] },
    { query: { query: 'ferr' }, expected: ['5', '3', '2', '1'] },
    { query: { query: 'ferris' }, expected: ['2'] },
    { query: { query: 'ferrisx' }, expected: [] },
    { query: { query: 'ferry night' }, expected: ['1'] },
    { query: { query: 'night ferry' }, expected: ['1'] },
    { query: { query: 'erry' }, expected: [] },
    { query: { query: 'prize bakery' }, expected: ['4'] },
    // A host finds its site's votes, not a title's words ("Alder Bay" on a.example).
    { query: { query: 'b.example' }, expected: ['4', '3'] },
    { query: { query: 'ferry', reaction: 'love' as const }, expected: ['5', '1'] },
    // Accents are ignored, in the title and in the query.
    { query: { query: 'fërry' }, expected: ['5', '3', '1'] },
    { query: { query: '  ,. ' }, expected: ['5', '4', '3', '2', '1'] },
    // Shorter than the stored prefixes: found by reading votes, not the term index.
    { query: { query: 'fe' }, expected: ['5', '3', '2', '1'] },
    { query: { query: 'F' }, expected: ['5', '3', '2', '1'] },
    { query: { query: 'fë' }, expected: ['5', '3', '2', '1'] },
    { query: { query: 'fe', reaction: 'love' as const }, expected: ['5', '1'] },
    { query: { query: 'b a' }, expected: ['1'] },
    { query: { query: 'qz' }, expected: [] },
    { query: { query: 'ferry b' }, expected: ['3', '1'] },
  ])('$query → $expected', async ({ query, expected }) => {
    expect(keys(await listVotes(await seeded(), { limit: 10, ...query }))).toEqual(expected);
  });

  it('pages a filtered list without gaps or repeats, even with equal times', async () => {
    const db = await freshDatabase();
    for (let i = 0; i < 30; i++) {
      const key = `https://a.example/${String(i).padStart(2, '0')}`;
      const title = i % 2 ? `Harbour story ${i}` : `Other news ${i}`;
      await writeVote(
        db,
        { key, url: key, title, site: 'a.example', reaction: i % 3 ? 'like' : 'sad' },
        Math.floor(i / 4),
      );
    }
    for (const query of [
      { query: 'harb' },
      { query: 'ha' },
      { query: 'h', reaction: 'like' as const },
      { reaction: 'like' as const },
      { query: 'harbour', reaction: 'sad' as const },
    ]) {
      const seen: string[] = [];
      let page = await listVotes(db, { limit: 4, ...query });
      while (page.length > 0) {
        seen.push(...page.map((v) => v.key));
        const last = page.at(-1)!;
        page = await listVotes(db, {
          limit: 4,
          ...query,
          after: { updatedAt: last.updatedAt, key: last.key },
        });
      }
      const all = await listVotes(db, { limit: 100, ...query });
      expect(seen).toEqual(all.map((v) => v.key));
      expect(new Set(seen).size).toBe(seen.length);
    }
  });

  it('pages through more votes sharing one time than one read holds', async () => {
    const db = await freshDatabase();
    const many: Vote[] = Array.from({ length: 250 }, (_, i) => ({
      key: `https://a.example/${String(i).padStart(3, '0')}`,
      url: `https://a.example/${i}`,
      title: `Harbour ${i % 2 ? 'night' : 'day'}`,
      site: 'a.example',
      reaction: i % 2 ? 'sad' : 'like',
      createdAt: 5,
      updatedAt: 5,
    }));
    await mergeVotes(db, many);
    const cases = [
      { query: {}, count: 250 },
      { query: { query: 'harbour' }, count: 250 },
      { query: { query: 'night' }, count: 125 },
      { query: { reaction: 'sad' as const }, count: 125 },
    ];
    for (const { query, count } of cases) {
      const seen: string[] = [];
      let page = await listVotes(db, { limit: 40, ...query });
      while (page.length > 0) {
        seen.push(...page.map((v) => v.key));
        const last = page.at(-1)!;
        page = await listVotes(db, { limit: 40, ...query, after: last });
      }
      expect(new Set(seen).size).toBe(count);
      expect(seen).toEqual([...seen].sort().reverse());
    }
  });

  it('reads the word starts of the rarest of short words, whichever was typed first', async () => {
    const db = await freshDatabase();
    // 1,200 recent votes with a word in "ha" and none in "q": the first short word, read whole,
    // would be every one of them ("ha q" took 2.7 s at 50,000 votes, "q ha" 40 ms).
    const common = recentVotes('Harbour day');
    const rare: Vote = {
      key: 'https://b.example/1',
      url: 'https://b.example/1',
      title: 'Quay by the harbour',
      site: 'b.example',
      reaction: 'love',
      createdAt: 1,
      updatedAt: 5,
    };
    await mergeVotes(db, [...common, rare]);
    const keyCursors = vi.spyOn(IDBIndex.prototype, 'openKeyCursor');
    for (const query of ['ha q', 'q ha']) {
      keyCursors.mockClear();
      expect(
        (await listVotes(db, { limit: 40, query })).map((v) => v.key),
        query,
      ).toEqual([rare.key]);
      const read = keyCursors.mock.calls.map(([range]) => (range as IDBKeyRange).lower);
      expect(read, query).toEqual(['q']);
    }
  });

  it('finds a host from the ends of its sites, reading no vote for a host without one', async () => {
    const db = await freshDatabase();
    // 300 votes on sites whose words start as `news.example`'s, titled with its words too.
    const similar: Vote[] = Array.from({ length: 300 }, (_, i) => ({
      key: `https://news${i % 3}.example/${i}`,
      url: `https://news${i % 3}.example/${i}`,
      title: `Example of news ${i}`,
      site: `news${i % 3}.example`,
      reaction: 'like',
      createdAt: 1,
      updatedAt: 100 + i,
    }));
    await mergeVotes(db, similar);
    // Entries are read by a cursor over an index, at once by getAll, or one by one by key.
    const cursors = vi.spyOn(IDBIndex.prototype, 'openCursor');
    const gets = vi.spyOn(IDBObjectStore.prototype, 'get');
    const getAlls = vi.spyOn(IDBIndex.prototype, 'getAll');
    const spies = [cursors, gets, getAlls];
    const entriesRead = () =>
      cursors.mock.calls.length +
      gets.mock.calls.length +
      getAlls.mock.results.reduce((sum, { value }) => sum + (value as IDBRequest).result.length, 0);
    try {
      expect(await listVotes(db, { limit: 40, query: 'news.example' })).toEqual([]);
      expect(await listVotes(db, { limit: 40, query: 'https://www.news.example/a' })).toEqual([]);
      expect(entriesRead()).toBe(0);
      // A host with votes reads a page of its 100, newest first, not all of them.
      const first = await listVotes(db, { limit: 40, query: 'news1.example' });
      expect(entriesRead()).toBeLessThan(100);
      const last = first.at(-1)!;
      const rest = await listVotes(db, { limit: 100, query: 'news1.exa', after: last });
      const keys = [...first, ...rest].map((v) => v.key);
      const expected = similar.filter((v) => v.site === 'news1.example').reverse();
      expect(keys).toEqual(expected.map((v) => v.key));
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it('pages a host typed so far that names several sites, newest first', async () => {
    const db = await freshDatabase();
    const sites = ['alice.github.io', 'bob.github.io', 'alice.github.example'];
    const votes: Vote[] = Array.from({ length: 9 }, (_, i) => ({
      key: `https://${sites[i % 3]}/${i}`,
      url: `https://${sites[i % 3]}/${i}`,
      title: `Notes ${i}`,
      site: sites[i % 3]!,
      reaction: i % 2 ? 'love' : 'sad',
      createdAt: 1,
      updatedAt: 100 + i,
    }));
    await mergeVotes(db, votes);
    const pages: string[][] = [];
    let after: Vote | undefined;
    for (;;) {
      const page = await listVotes(db, { limit: 2, query: 'alice.git', after });
      if (page.length === 0) break;
      pages.push(page.map((v) => v.key.split('/').pop()!));
      after = page.at(-1);
    }
    expect(pages).toEqual([
      ['8', '6'],
      ['5', '3'],
      ['2', '0'],
    ]);
    const loved = await listVotes(db, { limit: 10, query: 'alice.git', reaction: 'love' });
    expect(loved.map((v) => v.key.split('/').pop())).toEqual(['5', '3']);
  });

  it('pages a host with more votes than its terms are read at once for, newest first', async () => {
    const db = await freshDatabase();
    const common = recentVotes('Harbour day');
    await mergeVotes(db, common);
    const newestFirst = [...common].reverse().map((v) => v.key);
    const first = await listVotes(db, { limit: 40, query: 'a.example' });
    expect(first.map((v) => v.key)).toEqual(newestFirst.slice(0, 40));
    const next = await listVotes(db, { limit: 40, query: 'a.example', after: first.at(-1)! });
    expect(next.map((v) => v.key)).toEqual(newestFirst.slice(40, 80));
  });

  it('finds rare one- and two-letter word starts however far back they lie, page by page', async () => {
    const db = await freshDatabase();
    // 1,200 recent votes without "zy" or "q" (more than a short search reads before it turns
    // to the term index), and five older ones with them.
    const recent = recentVotes('Budget day');
    const rare: Vote[] = [
      ['https://b.example/1', 'Zydeco night in the harbour', 'love', 5],
      ['https://b.example/2', 'Zyxel routers recalled', 'sad', 6],
      ['https://b.example/3', 'Quiet zygote research', 'love', 6],
      ['https://b.example/4', 'Harbour fees', 'love', 7],
      ['https://b.example/5', 'Queue at the zoo', 'wow', 8],
    ].map(([key, title, reaction, time]) => ({
      key: key as string,
      url: key as string,
      title: title as string,
      site: 'b.example',
      reaction: reaction as Reaction,
      createdAt: 1,
      updatedAt: time as number,
    }));
    await mergeVotes(db, [...recent, ...rare]);
    const all = [...recent, ...rare].sort(
      (a, b) => b.updatedAt - a.updatedAt || (a.key < b.key ? 1 : -1),
    );
    for (const query of [
      { query: 'zy' },
      { query: 'Z' },
      { query: 'q' },
      { query: 'zy h' },
      { query: 'zy', reaction: 'love' as const },
    ]) {
      const words = query.query.toLowerCase().split(' ');
      const expected = all
        .filter((v) => !query.reaction || v.reaction === query.reaction)
        .filter((v) =>
          words.every((w) =>
            `${v.title} ${v.site}`
              .toLowerCase()
              .split(/[ .]/)
              .some((t) => t.startsWith(w)),
          ),
        )
        .map((v) => v.key);
      expect(expected.length, query.query).toBeGreaterThan(0);
      expect(
        (await listVotes(db, { limit: 40, ...query })).map((v) => v.key),
        query.query,
      ).toEqual(expected);
      const seen: string[] = [];
      let page = await listVotes(db, { limit: 1, ...query });
      while (page.length > 0) {
        seen.push(...page.map((v) => v.key));
        page = await listVotes(db, { limit: 1, ...query, after: page.at(-1)! });
      }
      expect(seen, query.query).toEqual(expected);
    }
  });

  it('gives the same pages through a cursor where getAllRecords is missing', async () => {
    const db = await seeded();
    const expected = await listVotes(db, {
      limit: 2,
      query: 'ferry',
      after: { updatedAt: 30, key: 'https://b.example/3' },
    });
    const proto = IDBIndex.prototype as { getAllRecords?: unknown };
    const getAllRecords = proto.getAllRecords;
    delete proto.getAllRecords;
    try {
      for (const query of [{}, { reaction: 'love' as const }, { query: 'ferr' }]) {
        const all = await listVotes(db, { limit: 10, ...query });
        expect(all.length).toBeGreaterThan(0);
      }
      expect(
        await listVotes(db, {
          limit: 2,
          query: 'ferry',
          after: { updatedAt: 30, key: 'https://b.example/3' },
        }),
      ).toEqual(expected);
      expect(keys(await listVotes(db, { limit: 10 }))).toEqual(['5', '4', '3', '2', '1']);
    } finally {
      proto.getAllRecords = getAllRecords;
    }
  });

  it('returns votes without storage-only fields', async () => {
    const [vote] = await listVotes(await seeded(), { limit: 1, query: 'fërry' });
    expect(Object.keys(vote!).sort()).toEqual(
      ['createdAt', 'key', 'reaction', 'site', 'title', 'updatedAt', 'url'].sort(),
    );
  });
});

describe('reaction counts', () => {
  it('follows every set, switch, edit, merge, removal and clear', async () => {
    const db = await freshDatabase();
    const expectCounts = async (expected: Partial<Record<Reaction, number>>) =>
      expect(await readReactionCounts(db)).toEqual({ ...emptyCounts(), ...expected });
    await writeVote(db, vote('a', 'wow'), 1);
    await writeVote(db, vote('b', 'wow'), 2);
    await expectCounts({ wow: 2 });
    await writeVote(db, vote('a', 'sad'), 3);
    await expectCounts({ wow: 1, sad: 1 });
    await editVote(db, 'b', 'love', 4);
    await expectCounts({ sad: 1, love: 1 });
    await editVote(db, 'a', null, 5);
    await expectCounts({ love: 1 });
    const stored = (await readVote(db, 'b'))!;
    await mergeVotes(db, [
      { ...stored, reaction: 'angry', updatedAt: 3 },
      { ...stored, key: 'c', reaction: 'like' },
    ]);
    await expectCounts({ love: 1, like: 1 });
    await clearVotes(db, 6);
    await expectCounts({});
  });

  it.each(['meh', 'toString'])(
    'stays whole when a vote a damaged profile stored with reaction %j is replaced or removed',
    async (damaged) => {
      const db = await freshDatabase();
      await writeVote(db, vote('a', 'wow'), 1);
      // Never counted: the upgrade that made the counts skipped it too.
      const record = { ...vote('b', null), createdAt: 1, updatedAt: 1 };
      Object.defineProperty(record, 'reaction', { value: damaged, enumerable: true });
      await db.put('votes', record as unknown as Vote);
      await writeVote(db, vote('b', 'sad'), 2);
      await writeVote(db, vote('c', null), 3);
      await db.put('votes', { ...record, key: 'c' } as unknown as Vote);
      await editVote(db, 'c', null, 4);
      const counts = await readReactionCounts(db);
      expect(Object.keys(counts).sort()).toEqual(Object.keys(emptyCounts()).sort());
      expect(counts).toEqual({ ...emptyCounts(), wow: 1, sad: 1 });
    },
  );

  it('counts recent votes per reaction', async () => {
    const db = await freshDatabase();
    await writeVote(db, vote('a', 'wow'), 100);
    await writeVote(db, vote('b', 'wow'), 200);
    await writeVote(db, vote('c', 'sad'), 300);
    expect(await countReactionsSince(db, 150)).toEqual({ ...emptyCounts(), wow: 1, sad: 1 });
  });
});

describe('editVote', () => {
  it('changes the reaction and time, keeping title, address and creation', async () => {
    const db = await freshDatabase();
    await writeVote(db, vote('a', 'wow', 'Kept'), 1);
    const { before, after } = await editVote(db, 'a', 'sad', 9);
    expect(before).toMatchObject({ reaction: 'wow', updatedAt: 1 });
    expect(after).toMatchObject({ reaction: 'sad', title: 'Kept', createdAt: 1, updatedAt: 9 });
    expect(await editVote(db, 'missing', 'sad', 9)).toEqual({
      before: undefined,
      after: null,
      superseded: false,
    });
  });

  it('leaves a vote given the reaction it has as it was, its time too', async () => {
    const db = await freshDatabase();
    await writeVote(db, vote('a', 'wow', 'Kept'), 1);
    const { before, after } = await editVote(db, 'a', 'wow', 9);
    expect(after).toEqual(before);
    expect(await readVote(db, 'a')).toMatchObject({ reaction: 'wow', createdAt: 1, updatedAt: 1 });
    expect(await countReactionsSince(db, 5)).toEqual(emptyCounts());
  });
});

describe('writes of votes, imports, undo and removal', () => {
  /** The durability of each read-write transaction `run` opens. */
  async function durabilityOf(run: () => Promise<unknown>): Promise<IDBTransactionDurability[]> {
    const transactions = vi.spyOn(IDBDatabase.prototype, 'transaction');
    try {
      await run();
      return transactions.mock.results
        .map((result) => result.value as IDBTransaction)
        .filter((tx) => tx.mode === 'readwrite')
        .map((tx) => tx.durability);
    } finally {
      transactions.mockRestore();
    }
  }

  const key = 'https://news.example/a';
  const imported: Vote[] = Array.from({ length: 50 }, (_, i) => ({
    key: `https://news.example/${i}`,
    url: `https://news.example/${i}`,
    title: `Story ${i}`,
    site: 'news.example',
    reaction: 'like',
    createdAt: 1,
    updatedAt: 2,
  }));
  it.each([
    ['a vote set', (db: VoteDatabase) => writeVote(db, vote(key, 'sad'), 2_000, 7)],
    ['a vote cleared', (db: VoteDatabase) => writeVote(db, vote(key, null), 2_000)],
    ['an edit', (db: VoteDatabase) => editVote(db, key, 'wow', 2_000, 7)],
    ['a removal', (db: VoteDatabase) => editVote(db, key, null, 2_000)],
    [
      'an undo',
      async (db: VoteDatabase) => {
        const { before } = await editVote(db, key, null, 2_000);
        return restoreVote(db, before!, 3_000);
      },
    ],
    ['an import batch', (db: VoteDatabase) => mergeVotes(db, imported)],
    ['a clear', (db: VoteDatabase) => clearVotes(db, 2_000)],
  ] as const)('%s commits strictly: flushed to disk before the reader is told', async (_, run) => {
    const db = await freshDatabase();
    await writeVote(db, vote(key, 'like'), 1_000);
    const durabilities = await durabilityOf(() => run(db));
    expect(durabilities.length).toBeGreaterThan(0);
    expect(durabilities).toEqual(durabilities.map(() => 'strict'));
  });

  it('commits an import batch in one transaction, not one per vote', async () => {
    const db = await freshDatabase();
    expect(await durabilityOf(() => mergeVotes(db, imported))).toEqual(['strict']);
  });
});

/**
 * Starts collecting the rejections no one hears; the function returned stops, once any pending
 * has been reported, and gives their reasons.
 */
function listenForUnhandledRejections(): () => Promise<unknown[]> {
  const reasons: unknown[] = [];
  const listener = (reason: unknown) => reasons.push(reason);
  process.on('unhandledRejection', listener);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 10));
    process.off('unhandledRejection', listener);
    return reasons;
  };
}

describe('a write that fails part way', () => {
  it('changes nothing: the vote and the counts stay as they were', async () => {
    const db = await freshDatabase();
    await writeVote(db, vote('https://a.example/1', 'love'), 1);
    // A record of a damaged profile: its title is not text, so no search entry can be made of it
    // (a reaction not among the seven, it is not read as a vote whose title could be repaired).
    const stored = await readVote(db, 'https://a.example/1');
    const damaged = { ...stored, reaction: 'meh', title: null } as unknown as Vote;
    await db.put('votes', damaged);

    await expect(editVote(db, damaged.key, 'sad', 9)).rejects.toThrow();
    expect(await db.get('votes', damaged.key)).toEqual(damaged);
    expect(await readReactionCounts(db)).toEqual({ ...emptyCounts(), love: 1 });
  });

  it('in an import batch changes nothing, and leaves no rejection unheard', async () => {
    const db = await freshDatabase();
    await writeVote(db, vote('https://a.example/1', 'love'), 1);
    const imported: Vote[] = Array.from({ length: 5 }, (_, i) => ({
      ...vote(`https://a.example/${i + 2}`, 'sad'),
      reaction: 'sad',
      createdAt: 2,
      updatedAt: 2,
    }));
    // Its title is not text (parseVote lets none through): no search entry can be made of it.
    imported[3] = { ...imported[3]!, title: null as unknown as string };
    const unheard = listenForUnhandledRejections();
    await expect(mergeVotes(db, imported)).rejects.toThrow();
    expect(await db.getAllKeys('votes')).toEqual(['https://a.example/1']);
    expect(await readReactionCounts(db)).toEqual({ ...emptyCounts(), love: 1 });
    expect(await unheard()).toEqual([]);
  });
});

describe('a full disk', () => {
  const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

  /**
   * From now on, the disk refuses every record written after the next `room` ones, as a full one
   * does. fake-indexeddb writes a request's record through its object store's storeRecord; a
   * rollback, writing back without a log (its third argument), is left to succeed.
   */
  async function fillDisk(room = 0): Promise<void> {
    const probe = await openDB(`probe-${++counter}`, 1, {
      upgrade: (db) => void db.createObjectStore('probe'),
    });
    const raw = (unwrap(probe.transaction('probe').store) as unknown as { _rawObjectStore: object })
      ._rawObjectStore as { storeRecord(...args: unknown[]): unknown };
    probe.close();
    const store = Object.getPrototypeOf(raw) as typeof raw;
    const storeRecord = store.storeRecord;
    vi.spyOn(store, 'storeRecord').mockImplementation(function (this: unknown, ...args) {
      if (args[2] && room-- <= 0) throw quota();
      return storeRecord.apply(this, args);
    });
  }
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('fails a vote write as storage full, with the operation id every toolbar call carries', async () => {
    const db = await freshDatabase();
    await writeVote(db, vote('https://a.example/1', 'love'), 1, 1);
    await fillDisk();
    // The operation id is written first, unawaited: the vote's own writes then fail as aborted.
    await expect(writeVote(db, vote('https://a.example/1', 'sad'), 2, 2)).rejects.toMatchObject({
      name: 'QuotaExceededError',
    });
    vi.restoreAllMocks();
    expect(await readVote(db, 'https://a.example/1')).toMatchObject({ reaction: 'love' });
  });

  it('fails an import batch filled part way as storage full, importing none of it', async () => {
    const db = await freshDatabase();
    await writeVote(db, vote('https://a.example/1', 'love'), 1);
    const imported: Vote[] = Array.from({ length: 10 }, (_, i) => ({
      ...vote(`https://a.example/${i}`, 'sad'),
      reaction: 'sad',
      createdAt: 2,
      updatedAt: 2,
    }));
    const unheard = listenForUnhandledRejections();
    // Room for a few votes and their search entries: the batch fails in its middle.
    await fillDisk(7);
    await expect(mergeVotes(db, imported)).rejects.toMatchObject({ name: 'QuotaExceededError' });
    vi.restoreAllMocks();
    expect(await db.getAllKeys('votes')).toEqual(['https://a.example/1']);
    expect(await readReactionCounts(db)).toEqual({ ...emptyCounts(), love: 1 });
    expect(await unheard()).toEqual([]);
  });

  it('fails an upgrade as storage full, leaving the database as it was', async () => {
    const name = `full-${++counter}`;
    const before = await openDB(name, 9, { upgrade: createVersion4Stores });
    // Under a key version 10 moves (a session in the path): moved by a write not awaited.
    const old: Vote = {
      ...vote('https://news.example/a;jsessionid=8F3A1C0DE6B2', 'sad', 'Harbour lights'),
      reaction: 'sad',
      createdAt: 1,
      updatedAt: 2,
    };
    await before.put('votes', old);
    await before.put('search', toSearchEntry(old));
    await before.put('stats', { ...emptyCounts(), sad: 1 }, 'reaction-counts');
    before.close();
    await fillDisk();

    const failure: unknown = await openVoteDatabase(name).catch((error: unknown) => error);
    expect(failure).toMatchObject({ cause: { name: 'QuotaExceededError' } });
    vi.restoreAllMocks();
    const after = await openDB(name);
    expect(after.version).toBe(9);
    expect(await after.getAllKeys('votes')).toEqual([old.key]);
    after.close();
  });

  it('fails the upgrade that drops credentials from links as storage full, every vote as it was', async () => {
    const name = `full-${++counter}`;
    const before = await openDB(name, 10, { upgrade: createVersion4Stores });
    const old: Vote[] = Array.from({ length: 5 }, (_, i) => ({
      ...vote(`https://news.example/${i}`, 'sad', `https://reader:s3cret@news.example/${i}`),
      url: `https://reader:s3cret@news.example/${i}`,
      reaction: 'sad',
      createdAt: 1,
      updatedAt: 2 + i,
    }));
    for (const v of old) {
      await before.put('votes', v);
      await before.put('search', toSearchEntry(v));
    }
    await before.put('stats', { ...emptyCounts(), sad: old.length }, 'reaction-counts');
    before.close();
    const unheard = listenForUnhandledRejections();
    // Room for a few of the rewritten votes and search entries: the upgrade fails in its middle.
    await fillDisk(3);

    const failure: unknown = await openVoteDatabase(name).catch((error: unknown) => error);
    expect(failure).toMatchObject({ cause: { name: 'QuotaExceededError' } });
    vi.restoreAllMocks();
    const after = await openDB(name);
    expect(after.version).toBe(10);
    expect(await after.getAll('votes')).toEqual(old);
    expect(await after.getAll('search')).toEqual(old.map(toSearchEntry));
    after.close();
    expect(await unheard()).toEqual([]);
  });
});

describe('a vote a damaged profile stored with times that are not numbers', () => {
  const key = 'https://news.example/a';
  const now = 1_000;
  // With neither time valid, the vote counts as stored now, and its change a moment after.
  // `kept`: the times it is put back with, unchanged, where its removal was kept aside so.
  const damagedTimes = [
    {
      createdAt: undefined,
      updatedAt: 7,
      expected: { createdAt: 7, updatedAt: now },
      kept: { createdAt: 7, updatedAt: 7 },
    },
    {
      createdAt: 5,
      updatedAt: 'x',
      expected: { createdAt: 5, updatedAt: now },
      kept: { createdAt: 5, updatedAt: 5 },
    },
    {
      createdAt: 5,
      updatedAt: null,
      expected: { createdAt: 5, updatedAt: now },
      kept: { createdAt: 5, updatedAt: 5 },
    },
    {
      createdAt: '5',
      updatedAt: '7',
      expected: { createdAt: now, updatedAt: now + 1 },
      kept: { createdAt: now, updatedAt: now },
    },
    {
      createdAt: NaN,
      updatedAt: undefined,
      expected: { createdAt: now, updatedAt: now + 1 },
      kept: { createdAt: now, updatedAt: now },
    },
    // Past the latest time a Date holds: a number, but no time (toISOString throws on it).
    {
      createdAt: 5,
      updatedAt: BEYOND_DATES,
      expected: { createdAt: 5, updatedAt: now },
      kept: { createdAt: 5, updatedAt: 5 },
    },
    {
      createdAt: BEYOND_DATES,
      updatedAt: 7,
      expected: { createdAt: 7, updatedAt: now },
      kept: { createdAt: 7, updatedAt: 7 },
    },
  ];
  const rewrites = [
    ['the toolbar', (db: VoteDatabase) => writeVote(db, vote(key, 'sad', 'Harbour lights'), now)],
    ['the popup', (db: VoteDatabase) => editVote(db, key, 'sad', now)],
  ] as const;

  /** A database holding one vote with the damaged times. */
  async function withDamagedVote(createdAt: unknown, updatedAt: unknown): Promise<VoteDatabase> {
    const db = await freshDatabase();
    await writeVote(db, vote(key, 'love', 'Harbour lights'), 1);
    const damaged = { ...(await readVote(db, key)), createdAt, updatedAt };
    await db.put('votes', damaged as unknown as Vote);
    return db;
  }

  describe.each(rewrites)('changed in %s', (_, rewrite) => {
    it.each(damagedTimes)(
      'created $createdAt, updated $updatedAt: stays listed, with valid times, and exports',
      async ({ createdAt, updatedAt, expected }) => {
        const db = await withDamagedVote(createdAt, updatedAt);
        await rewrite(db);
        const changed = { ...vote(key, 'sad', 'Harbour lights'), reaction: 'sad', ...expected };
        expect(await listVotes(db, { limit: 10 })).toEqual([changed]);
        expect(await listVotes(db, { limit: 10, query: 'harbour' })).toEqual([changed]);
        expect(exportAndParse(await readVotePage(db, undefined, 10), now).votes).toEqual([changed]);
      },
    );
  });

  it.each(damagedTimes)(
    'created $createdAt, updated $updatedAt: removed in the popup, is put back by undo',
    async ({ createdAt, updatedAt }) => {
      const db = await withDamagedVote(createdAt, updatedAt);
      await editVote(db, key, null, now);
      // The popup sends it back to restoreVote, whose message is checked with parseVote.
      const sent = parseVote(await readUndoableRemoval(db, now));
      expect(sent).not.toBeNull();
      await restoreVote(db, sent!, now);
      expect(await listVotes(db, { limit: 10 })).toEqual([sent]);
    },
  );

  it.each(damagedTimes)(
    'created $createdAt, updated $updatedAt: kept aside so by an earlier version, is put back by undo',
    async ({ createdAt, updatedAt, kept }) => {
      const db = await freshDatabase();
      await writeVote(db, vote(key, 'love', 'Harbour lights'), 1);
      const { before } = await editVote(db, key, null, now);
      // 0.1.0 kept the vote it removed aside as it was stored, damaged times and all.
      const damaged = { ...before, createdAt, updatedAt } as unknown as Vote;
      await db.put('removed', { vote: damaged, removedAt: now }, 'last');

      const sent = parseVote(await readUndoableRemoval(db, now));
      expect(sent).toEqual({ ...before, ...kept });
      await restoreVote(db, sent!, now);
      expect(await listVotes(db, { limit: 10 })).toEqual([sent]);
      expect(exportAndParse(await readVotePage(db, undefined, 10), now).votes).toEqual([sent]);
      expect(await readReactionCounts(db)).toEqual({ ...emptyCounts(), love: 1 });
    },
  );
});

describe('mergeVotes', () => {
  it('adds new keys, replaces only with newer votes, and restores a removed vote exactly', async () => {
    const db = await freshDatabase();
    await writeVote(db, vote('a', 'wow'), 10);
    const a = (await readVote(db, 'a'))!;
    const report = await mergeVotes(db, [
      { ...a, reaction: 'sad', updatedAt: 5 },
      { ...a, key: 'b', updatedAt: 7 },
    ]);
    expect(report).toEqual({ added: 1, updated: 0, unchanged: 1 });
    expect((await readVote(db, 'a'))?.reaction).toBe('wow');

    await editVote(db, 'a', null, 11);
    await mergeVotes(db, [a]);
    expect(await readVote(db, 'a')).toEqual(a);
    expect(await listVotes(db, { limit: 5, query: 'title' })).toHaveLength(2);
  });

  it("keeps the article's language where a newer vote from a file declares none", async () => {
    const db = await freshDatabase();
    const a = 'https://news.example/a';
    await writeVote(db, { ...vote(a, 'wow'), lang: 'de' }, 10);
    const stored = (await readVote(db, a))!;
    // From a backup another profile's older version wrote: it kept no language.
    const { key, url, title, site, createdAt } = stored;
    const fromOlderVersion: Vote = {
      key,
      url,
      title,
      site,
      createdAt,
      reaction: 'sad',
      updatedAt: 20,
    };
    await mergeVotes(db, [fromOlderVersion]);
    expect(await readVote(db, a)).toEqual({ ...fromOlderVersion, lang: 'de' });
    // One that declares its own stands, as a later write's does.
    await mergeVotes(db, [{ ...fromOlderVersion, updatedAt: 30, lang: 'de-AT' }]);
    expect((await readVote(db, a))?.lang).toBe('de-AT');
  });
});

/** The JSON export of `votes`, read back and validated as an import at `now` reads it. */
function exportAndParse(votes: Vote[], now: number) {
  const writer = createHistoryExport('json', now);
  const reader = createHistoryFileReader();
  const records = reader.push(writer.head + writer.page(votes) + writer.tail);
  reader.end();
  return parseImportedVotes(records, now);
}

describe('mergeVotes reading what is stored', () => {
  const stored = (key: string, updatedAt: number): Vote => ({
    key,
    url: `https://news.example/${key}`,
    title: `Title of ${key}`,
    site: 'news.example',
    reaction: 'like',
    createdAt: 1,
    updatedAt,
  });
  const keys = (from: number, to: number) =>
    Array.from({ length: to - from }, (_, i) => `k${String(from + i).padStart(4, '0')}`);

  // An export's batch lies in one key range; one from another writer may span the whole store,
  // which is then read key by key.
  [
    { layout: 'in key order, as an export pages', batch: keys(100, 110) },
    { layout: 'spread over the store', batch: [...keys(0, 5), ...keys(195, 200)] },
    { layout: 'in no order', batch: ['k0150', 'k0003', 'k0199', 'k0100', 'k0101'] },
  ].forEach(({ layout, batch }) => {
    it(`merges each vote of a batch ${layout} over the one stored under its key`, async () => {
      const db = await freshDatabase();
      // Every other key stored, at time 10: the batch brings older, newer and new ones.
      await mergeVotes(
        db,
        keys(0, 200)
          .filter((_, i) => i % 2 === 0)
          .map((key) => stored(key, 10)),
      );
      const incoming = batch.map((key, i) => stored(key, i % 3 === 0 ? 5 : 20));
      const isStored = (key: string) => Number(key.slice(1)) % 2 === 0;
      const expected = { added: 0, updated: 0, unchanged: 0 };
      for (const { key, updatedAt } of incoming) {
        if (!isStored(key)) expected.added++;
        else if (updatedAt > 10) expected.updated++;
        else expected.unchanged++;
      }
      expect(await mergeVotes(db, incoming)).toEqual(expected);
      for (const { key, updatedAt } of incoming) {
        const kept = isStored(key) && updatedAt <= 10 ? 10 : updatedAt;
        expect((await readVote(db, key))?.updatedAt).toBe(kept);
      }
      expect(await db.count('votes')).toBe(100 + expected.added);
    });
  });
});

describe('mergeVotes given one article more than once', () => {
  it('keeps the newest, counts it once, and reports each copy against the one before', async () => {
    const db = await freshDatabase();
    const copy = (reaction: Reaction, updatedAt: number): Vote => ({
      ...vote('a', reaction),
      reaction,
      createdAt: 1,
      updatedAt,
    });
    const report = await mergeVotes(db, [copy('like', 1), copy('sad', 3), copy('wow', 2)]);
    expect(report).toEqual({ added: 1, updated: 1, unchanged: 1 });
    expect(await readVote(db, 'a')).toEqual(copy('sad', 3));
    expect(await readReactionCounts(db)).toEqual({ ...emptyCounts(), sad: 1 });
  });
});

describe('a change to an imported vote dated ahead of this clock', () => {
  const now = Date.UTC(2026, 10, 25);
  const ahead = now + 12 * 60 * 60 * 1000;
  const imported: Vote = {
    key: 'https://news.example/a',
    url: 'https://news.example/a',
    title: 'A story',
    site: 'news.example',
    reaction: 'wow',
    createdAt: ahead,
    updatedAt: ahead,
  };
  const changes = [
    ['the toolbar', (db: VoteDatabase, at: number) => writeVote(db, vote(imported.key, 'sad'), at)],
    ['the popup', (db: VoteDatabase, at: number) => editVote(db, imported.key, 'sad', at)],
  ] as const;

  /** A database holding `imported`, imported from a file at `now`, then changed a minute on. */
  async function importThenChange(change: (typeof changes)[number][1]): Promise<VoteDatabase> {
    const db = await freshDatabase();
    const { votes } = exportAndParse([imported], now);
    expect(await mergeVotes(db, votes)).toMatchObject({ added: 1 });
    await change(db, now + 60_000);
    return db;
  }

  it.each(changes)('made in %s stays valid, so its export imports again', async (_, change) => {
    const db = await importThenChange(change);
    const stored = (await readVote(db, imported.key))!;
    expect(exportAndParse(await readVotePage(db, undefined, 10), now + 120_000)).toEqual({
      votes: [stored],
      rejected: 0,
      futureDated: 0,
      refused: 0,
      duplicates: 0,
    });
    expect(stored).toMatchObject({ reaction: 'sad', createdAt: ahead });
    expect(stored.updatedAt).toBeGreaterThan(ahead);
  });

  it.each(changes)('made in %s can be removed and undone', async (_, change) => {
    const db = await importThenChange(change);
    await editVote(db, imported.key, null, now + 120_000);
    const removed = await readUndoableRemoval(db, now + 180_000);
    expect(removed).toMatchObject({ reaction: 'sad' });
    // The popup sends it back to restoreVote, whose message is checked with parseVote.
    expect(parseVote(removed)).toEqual(removed);
    await restoreVote(db, removed!, now + 180_000);
    expect(await readVote(db, imported.key)).toMatchObject({ reaction: 'sad' });
  });

  it.each(changes)('made in %s wins over its file imported again', async (_, change) => {
    const db = await importThenChange(change);
    const { votes } = exportAndParse([imported], now + 120_000);
    expect(await mergeVotes(db, votes)).toEqual({ added: 0, updated: 0, unchanged: 1 });
    expect((await readVote(db, imported.key))?.reaction).toBe('sad');
  });

  it('repairs a vote an earlier version stored created after it was updated', async () => {
    const db = await freshDatabase();
    await mergeVotes(db, [{ ...imported, updatedAt: now }]);
    await editVote(db, imported.key, 'sad', now + 60_000);
    expect(await readVote(db, imported.key)).toMatchObject({ createdAt: ahead, updatedAt: ahead });
  });
});

describe('sites', () => {
  it('remembers sites where the toolbar is off', async () => {
    const db = await freshDatabase();
    expect(await isSiteDisabled(db, 'news.example')).toBe(false);
    await setSiteDisabled(db, 'news.example', true, 1);
    expect(await isSiteDisabled(db, 'news.example')).toBe(true);
    expect(await isSiteDisabled(db, 'other.example')).toBe(false);
    await setSiteDisabled(db, 'news.example', false, 2);
    expect(await isSiteDisabled(db, 'news.example')).toBe(false);
  });
});

describe('a vote without a title', () => {
  it('is named by its address, no longer than a title', async () => {
    const db = await freshDatabase();
    const url = `https://news.example/${'a'.repeat(2_000)}`;
    const { stored } = await writeVote(db, { ...vote(url, 'like'), url, title: '' }, 1);
    expect(stored!.title).toBe(url.slice(0, MAX_TITLE_LENGTH));
  });
});

describe('upgrade from version 1', () => {
  it('keeps every vote, makes them searchable and counts them', async () => {
    const name = `v1-${++counter}`;
    // The v1 schema exactly as released, written with idb directly.
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        const votes = db.createObjectStore('votes', { keyPath: 'key' });
        votes.createIndex('by-updated', ['updatedAt', 'key']);
        votes.createIndex('by-reaction', ['reaction', 'updatedAt']);
        votes.createIndex('by-site', ['site', 'updatedAt']);
      },
    });
    const old: Vote[] = [
      {
        key: 'https://a.example/1',
        url: 'https://www.a.example/1?x=1',
        title: 'Harbour lights',
        site: 'a.example',
        reaction: 'love',
        createdAt: 1,
        updatedAt: 5,
      },
      {
        key: 'https://b.example/2',
        url: 'https://b.example/2',
        title: 'Budget day',
        site: 'b.example',
        reaction: 'angry',
        createdAt: 2,
        updatedAt: 6,
      },
      {
        key: 'https://b.example/3',
        url: 'https://b.example/3',
        title: 'Harbour fees rise',
        site: 'b.example',
        reaction: 'love',
        createdAt: 3,
        updatedAt: 7,
      },
    ];
    for (const v of old) await v1.put('votes', v);
    v1.close();

    const db = await openVoteDatabase(name);
    opened.push(db);
    expect(db.version).toBe(DATABASE_VERSION);
    expect(await listVotes(db, { limit: 10 })).toEqual([...old].reverse());
    expect((await listVotes(db, { limit: 10, query: 'harbour' })).map((v) => v.key)).toEqual([
      'https://b.example/3',
      'https://a.example/1',
    ]);
    expect(await readReactionCounts(db)).toEqual({ ...emptyCounts(), love: 2, angry: 1 });
    await writeVote(db, vote('https://a.example/1', null), 9);
    expect(await readReactionCounts(db)).toEqual({ ...emptyCounts(), love: 1, angry: 1 });
  });
});

/** The v2 schema exactly as released, created with idb directly. */
function createVersion2Stores(db: IDBPDatabase): void {
  const votes = db.createObjectStore('votes', { keyPath: 'key' });
  votes.createIndex('by-updated', ['updatedAt', 'key']);
  votes.createIndex('by-reaction', ['reaction', 'updatedAt']);
  votes.createIndex('by-site', ['site', 'updatedAt']);
  votes.createIndex('by-reaction-updated', ['reaction', 'updatedAt', 'key']);
  const search = db.createObjectStore('search', { keyPath: 'key' });
  search.createIndex('by-term', 'terms', { multiEntry: true });
  db.createObjectStore('stats');
  db.createObjectStore('sites', { keyPath: 'site' });
}

/** The stores of versions 4 to 6, as released: version 2's, operations and removed. */
/**
 * Names a database at `version` holding `votes` (their search entries and counts), and `removal`
 * kept aside for undo, removed at 110.
 */
async function storeAtVersion(version: number, votes: Vote[], removal?: Vote): Promise<string> {
  const name = `v${version}-${++counter}`;
  const before = await openDB(name, version, { upgrade: createVersion4Stores });
  const counts = emptyCounts();
  for (const v of votes) {
    await before.put('votes', v);
    await before.put('search', toSearchEntry(v));
    counts[v.reaction] += 1;
  }
  await before.put('stats', counts, 'reaction-counts');
  if (removal) await before.put('removed', { vote: removal, removedAt: 110 }, 'last');
  before.close();
  return name;
}

/** A database stored at `version` holding `votes`, opened (so upgraded) to this version. */
async function openUpgradedFrom(version: number, votes: Vote[]): Promise<VoteDatabase> {
  const db = await openVoteDatabase(await storeAtVersion(version, votes));
  opened.push(db);
  expect(db.version).toBe(DATABASE_VERSION);
  return db;
}

function createVersion4Stores(db: IDBPDatabase): void {
  createVersion2Stores(db);
  db.createObjectStore('operations', { keyPath: 'key' }).createIndex('by-written', 'writtenAt');
  db.createObjectStore('removed');
}

describe('upgrade from version 2', () => {
  /** Version 2's search terms: every prefix of one to three characters of every word. */
  function version2Terms(vote: Vote): string[] {
    const prefixes = new Set<string>();
    for (const word of `${vote.title} ${vote.site}`.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
      const chars = Array.from(word);
      for (let n = 1; n <= Math.min(3, chars.length); n++) prefixes.add(chars.slice(0, n).join(''));
    }
    return [...prefixes].map((prefix) => encodeTerm(prefix, vote.updatedAt));
  }

  it('keeps every vote, count and site, and finds them by the terms of each word', async () => {
    const name = `v2-${++counter}`;
    const old: Vote[] = Array.from({ length: 30 }, (_, i) => ({
      key: `https://news${i % 3}.example/${i}`,
      url: `https://www.news${i % 3}.example/${i}?ref=feed`,
      title: i % 2 ? `Harbour lights ${i}` : `Budget day ${i}`,
      site: `news${i % 3}.example`,
      reaction: i % 3 ? 'love' : 'angry',
      createdAt: i,
      updatedAt: 100 + i,
    }));
    const v2 = await openDB(name, 2, { upgrade: createVersion2Stores });
    for (const v of old) {
      await v2.put('votes', v);
      await v2.put('search', { ...v, terms: version2Terms(v) });
    }
    await v2.put('stats', { ...emptyCounts(), love: 20, angry: 10 }, 'reaction-counts');
    await v2.put('sites', { site: 'news1.example', disabledAt: 3 });
    v2.close();

    // The upgrade walks the votes with a cursor: a getAll would hold every vote at once.
    const getAlls = [
      vi.spyOn(IDBObjectStore.prototype, 'getAll'),
      vi.spyOn(IDBIndex.prototype, 'getAll'),
    ];
    const cursors = vi.spyOn(IDBObjectStore.prototype, 'openCursor');
    const db = await openVoteDatabase(name);
    opened.push(db);
    for (const spy of getAlls) {
      expect(spy).not.toHaveBeenCalled();
      spy.mockRestore();
    }
    expect(cursors).toHaveBeenCalled();
    cursors.mockRestore();
    expect(db.version).toBe(DATABASE_VERSION);
    const newestFirst = [...old].reverse();
    expect(await listVotes(db, { limit: 100 })).toEqual(newestFirst);
    for (const [query, title] of [
      ['harbour', 'Harbour'],
      ['ha', 'Harbour'],
      ['bud d', 'Budget'],
      ['b', 'Budget'],
    ] as const) {
      const found = await listVotes(db, { limit: 100, query });
      expect(found, query).toEqual(newestFirst.filter((v) => v.title.startsWith(title)));
    }
    expect((await db.get('search', old[0]!.key))?.terms).toEqual(
      ['bud', 'budge', 'day', '0', 'new', 'news0', 'exa', 'examp', '.news0.example'].map((prefix) =>
        encodeTerm(prefix, 100),
      ),
    );
    expect(await readReactionCounts(db)).toEqual({ ...emptyCounts(), love: 20, angry: 10 });
    expect(await isSiteDisabled(db, 'news1.example')).toBe(true);
  });
});

describe('upgrade from version 3', () => {
  it('keeps every vote, count and site, and starts with no operations or removal', async () => {
    const name = `v3-${++counter}`;
    const old: Vote[] = Array.from({ length: 12 }, (_, i) => ({
      key: `https://news${i % 3}.example/${i}`,
      url: `https://news${i % 3}.example/${i}`,
      title: `Harbour lights ${i}`,
      site: `news${i % 3}.example`,
      reaction: i % 2 ? 'love' : 'sad',
      createdAt: i,
      updatedAt: 100 + i,
    }));
    // The v3 schema exactly as released (v2's stores; v3 rebuilt the search entries).
    const v3 = await openDB(name, 3, { upgrade: createVersion2Stores });
    for (const v of old) {
      await v3.put('votes', v);
      await v3.put('search', toSearchEntry(v));
    }
    await v3.put('stats', { ...emptyCounts(), love: 6, sad: 6 }, 'reaction-counts');
    await v3.put('sites', { site: 'news1.example', disabledAt: 3 });
    v3.close();

    const db = await openVoteDatabase(name);
    opened.push(db);
    expect(db.version).toBe(DATABASE_VERSION);
    expect(await listVotes(db, { limit: 100 })).toEqual([...old].reverse());
    expect(await listVotes(db, { limit: 100, query: 'harb' })).toHaveLength(12);
    expect(await readReactionCounts(db)).toEqual({ ...emptyCounts(), love: 6, sad: 6 });
    expect(await isSiteDisabled(db, 'news1.example')).toBe(true);
    expect(await db.count('operations')).toBe(0);
    expect(await readUndoableRemoval(db, 200)).toBeNull();
    await editVote(db, old[0]!.key, null, 200, 1);
    expect(await readUndoableRemoval(db, 200)).toEqual(old[0]);
  });
});

describe.each([
  {
    version: 4,
    // Words of letters and digits only, a Turkish İ lower-cased as i + dot.
    wordsOf: (text: string) =>
      text
        .toLocaleLowerCase('en-US')
        .normalize('NFC')
        .match(/[\p{L}\p{N}]+/gu),
    titles: ['İstanbul’da seçim sonuçları', 'हिन्दी समाचार आज', 'Harbour lights'],
    queries: [
      ['istanbul', 0],
      ['ist', 0],
      ['हिन्दी', 1],
      ['harbour', 2],
    ],
  },
  {
    version: 5,
    // A run of Chinese, Japanese or Thai was one word, found by its start.
    wordsOf: (text: string) =>
      text
        .toLocaleLowerCase('en-US')
        .normalize('NFC')
        .replace(/i\u0307/g, 'i')
        .match(/[\p{L}\p{M}\p{N}]+/gu),
    titles: ['日本の首相が辞任', 'ข่าววันนี้ฝนตกหนัก', 'Harbour lights'],
    queries: [
      ['首相', 0],
      ['首相が辞任', 0],
      ['ฝนตก', 1],
      ['harbour', 2],
    ],
  },
] as const)('upgrade from version $version', ({ version, wordsOf, titles, queries }) => {
  /** That version's terms: the first three letters of each word, as it read words. */
  function oldTerms(vote: Vote): string[] {
    const words = wordsOf(`${vote.title} ${vote.site}`) ?? [];
    const prefixes = new Set(words.map((word) => Array.from(word).slice(0, 3).join('')));
    return [...prefixes].map((prefix) => encodeTerm(prefix, vote.updatedAt));
  }

  it('finds every title by its words, as searchWords reads them now', async () => {
    const name = `v${version}-${++counter}`;
    const old: Vote[] = titles.map((title, i) => ({
      key: `https://news.example/${i}`,
      url: `https://news.example/${i}`,
      title,
      site: 'news.example',
      reaction: 'like',
      createdAt: i,
      updatedAt: 100 + i,
    }));
    const before = await openDB(name, version, { upgrade: createVersion4Stores });
    for (const v of old) {
      await before.put('votes', v);
      await before.put('search', { ...v, terms: oldTerms(v) });
    }
    await before.put('stats', { ...emptyCounts(), like: 3 }, 'reaction-counts');
    before.close();

    const db = await openVoteDatabase(name);
    opened.push(db);
    expect(db.version).toBe(DATABASE_VERSION);
    for (const [query, index] of queries) {
      expect(await listVotes(db, { limit: 10, query }), query).toEqual([old[index]]);
    }
    expect(await readReactionCounts(db)).toEqual({ ...emptyCounts(), like: 3 });
  });
});

describe('upgrade from version 8', () => {
  /**
   * Version 8's terms for a title in a spaced script: each lowercase word, accents and
   * compatibility forms as written, by its first three characters and its first five.
   */
  function version8Terms(vote: Vote): string[] {
    const text = `${vote.title} ${vote.site}`.toLocaleLowerCase('en-US').normalize('NFC');
    const prefixes = new Set<string>();
    for (const word of text.replace(/i\u0307/g, 'i').match(/[\p{L}\p{M}\p{N}]+/gu) ?? []) {
      const characters = Array.from(word);
      prefixes.add(characters.slice(0, 3).join(''));
      if (characters.length >= 5) prefixes.add(characters.slice(0, 5).join(''));
    }
    return [...prefixes].map((prefix) => encodeTerm(prefix, vote.updatedAt));
  }

  const titles = [
    'Zürich votes on a new tram line',
    'Hà Nội opens its first metro',
    'Ёлка на площади',
    'Αθήνα: νέο μετρό',
    'Straße gesperrt',
    'ＡＢＣ news',
    'مَدْرَسَةٌ جديدة',
    'Adana ızgara festivali',
    'हिन्दी समाचार आज',
    'Harbour lights',
  ];
  const queries: [query: string, title: number][] = [
    ['zurich', 0],
    ['ha noi', 1],
    ['елка', 2],
    ['αθηνα', 3],
    ['strasse', 4],
    ['abc', 5],
    ['مدرسة', 6],
    ['izgara', 7],
    ['हिन्दी', 8],
    ['harbour', 9],
  ];

  it('finds votes stored with unfolded terms by folded queries, every vote kept as it was', async () => {
    const name = `v8-${++counter}`;
    const old: Vote[] = titles.map((title, i) => ({
      key: `https://news.example/${i}`,
      url: `https://news.example/${i}?ref=feed`,
      title,
      site: 'news.example',
      reaction: i % 2 ? 'love' : 'sad',
      createdAt: i,
      updatedAt: 100 + i,
    }));
    const before = await openDB(name, 8, { upgrade: createVersion4Stores });
    for (const v of old) {
      await before.put('votes', v);
      await before.put('search', { ...v, terms: version8Terms(v) });
    }
    const counts = { ...emptyCounts(), love: 5, sad: 5 };
    await before.put('stats', counts, 'reaction-counts');
    await before.put('sites', { site: 'news1.example', disabledAt: 3 });
    before.close();

    // Every entry is written: each gains the ends of its site as terms (version 22).
    const updates = vi.spyOn(IDBCursor.prototype, 'update');
    const db = await openVoteDatabase(name);
    opened.push(db);
    expect(updates).toHaveBeenCalledTimes(titles.length);
    updates.mockRestore();
    expect(db.version).toBe(DATABASE_VERSION);
    for (const [query, index] of queries) {
      expect(await listVotes(db, { limit: 10, query }), query).toEqual([old[index]]);
    }
    expect(await db.getAll('votes')).toEqual(old);
    expect(await db.getAll('search')).toEqual(old.map(toSearchEntry));
    expect(await readReactionCounts(db)).toEqual(counts);
    expect(await isSiteDisabled(db, 'news1.example')).toBe(true);
  });
});

describe('upgrade that rewrites the search terms of titles whose words fold differently', () => {
  it.each([
    {
      from: 12,
      why: 'Arabic letters and digits as readers type them',
      title: 'أزمة ٢٠٢٤',
      // Version 12's terms: the words as written, hamza and Arabic-Indic digits kept.
      oldPrefixes: ['أزم', 'أزمة', '٢٠٢', '٢٠٢٤'],
      queries: ['ازمه', 'أزمة', '2024', '٢٠٢٤'],
    },
    {
      from: 13,
      why: 'a word with soft hyphens, typed whole',
      title: 'Bundes\u00adverfassungs\u00adgericht urteilt',
      // Version 13's terms: the soft hyphens parted the word in three.
      oldPrefixes: ['bun', 'bunde', 'ver', 'verfa', 'ger', 'geric', 'urt', 'urtei'],
      queries: ['bundesverfassungsgericht', 'Bundesverfassungsgericht urteilt'],
    },
    {
      from: 15,
      why: 'a name with an apostrophe, typed without one or with another',
      title: 'O’Brien urteilt',
      // Version 15's terms: the apostrophe parted the name in two.
      oldPrefixes: ['o', 'bri', 'brien', 'urt', 'urtei'],
      queries: ['OBrien', "o'brien", 'O’Brien urteilt', 'brien'],
    },
    {
      from: 16,
      why: "a word with a Hebrew geresh, typed with the keyboard's apostrophe",
      title: 'צ׳יפס בזול',
      // Version 16's terms: the geresh, not read as an apostrophe, parted the word in two.
      oldPrefixes: ['צ', 'יפס', 'בזו'],
      queries: ["צ'יפס", 'ציפס', 'יפס'],
    },
    {
      from: 18,
      why: 'a word written right after an emoji',
      title: '⚡\ufe0fBreaking',
      // Version 18's terms: the emoji's variation selector began the word.
      oldPrefixes: ['\ufe0fbr', '\ufe0fbrea'],
      queries: ['breaking', 'Breaking'],
    },
    {
      from: 18,
      why: 'a name written with an ideograph variation selector, typed without it',
      title: '葛\u{e0100}飾区の火事',
      // Version 18's terms: the selector parted the name.
      oldPrefixes: ['葛', '\u{e0100}', '飾区の', '区の火', 'の火事', '火事', '事'],
      queries: ['葛飾区'],
    },
    {
      from: 22,
      why: 'a version written after a name with a hyphen, typed alone',
      title: 'GPT-3.5 launches',
      // Version 22's terms: the version was only an end of `gpt-3.5`.
      oldPrefixes: ['gpt', '3', '5', 'lau', 'launc', '.gpt-3.5', '.news.example'],
      queries: ['3.5', 'GPT-3.5'],
    },
  ])('from version $from: finds $why', async ({ from, title, oldPrefixes, queries }) => {
    const name = `v${from}-${++counter}`;
    const vote: Vote = {
      key: 'https://news.example/story',
      url: 'https://news.example/story',
      title,
      site: 'news.example',
      reaction: 'sad',
      createdAt: 1,
      updatedAt: 10,
    };
    const before = await openDB(name, from, { upgrade: createVersion4Stores });
    await before.put('votes', vote);
    const terms = [...oldPrefixes, 'new', 'exa', 'examp'].map((prefix) =>
      encodeTerm(prefix, vote.updatedAt),
    );
    await before.put('search', { ...toSearchEntry(vote), terms });
    await before.put('stats', { ...emptyCounts(), sad: 1 }, 'reaction-counts');
    before.close();

    const db = await openVoteDatabase(name);
    opened.push(db);
    expect(db.version).toBe(DATABASE_VERSION);
    for (const query of queries) {
      expect(await listVotes(db, { limit: 10, query }), query).toEqual([vote]);
    }
    expect(await db.getAll('search')).toEqual([toSearchEntry(vote)]);
    expect(await readReactionCounts(db)).toEqual({ ...emptyCounts(), sad: 1 });
  });
});

describe('upgrade that moves votes to the keys normalizing gives now', () => {
  /** A vote as an earlier version stored it, under `key`. */
  const stored = (key: string, reaction: Reaction, updatedAt: number): Vote => ({
    key,
    url: key,
    title: `Harbour ${updatedAt}`,
    site: new URL(key).hostname,
    reaction,
    createdAt: 1,
    updatedAt,
  });

  it('from version 6 (a variant prefix, an /amp ending), the newer of two for one article kept', async () => {
    const db = await openUpgradedFrom(6, [
      stored('https://m.news.example/a', 'sad', 10),
      stored('https://news.example/a', 'like', 20),
      stored('https://amp.dev/blog/post', 'wow', 30),
      stored('https://news.example/b/amp', 'love', 40),
      stored('https://news.example/c', 'funny', 50),
    ]);
    const keys = (await listVotes(db, { limit: 10 })).map((v) => [v.key, v.reaction, v.site]);
    expect(keys).toEqual([
      ['https://news.example/c', 'funny', 'news.example'],
      ['https://news.example/b', 'love', 'news.example'],
      ['https://amp.dev/blog/post', 'wow', 'amp.dev'],
      ['https://news.example/a', 'like', 'news.example'],
    ]);
    expect(await readReactionCounts(db)).toEqual({
      ...emptyCounts(),
      like: 1,
      wow: 1,
      love: 1,
      funny: 1,
    });
    expect((await listVotes(db, { limit: 10, query: 'harbour 40' })).map((v) => v.key)).toEqual([
      'https://news.example/b',
    ]);
    expect(await db.count('search')).toBe(4);
  });

  it('from version 7 (more tracking parameters, escapes, a final dot)', async () => {
    const db = await openUpgradedFrom(7, [
      stored('https://news.example/a?xtor=RSS-3208', 'sad', 10),
      stored('https://news.example/a', 'like', 20),
      stored('https://news.example/caf%c3%a9', 'love', 30),
      stored('https://news.example./b', 'wow', 40),
    ]);
    const keys = (await listVotes(db, { limit: 10 })).map((v) => [v.key, v.reaction]);
    expect(keys).toEqual([
      ['https://news.example/b', 'wow'],
      ['https://news.example/caf%C3%A9', 'love'],
      ['https://news.example/a', 'like'],
    ]);
    expect(await readReactionCounts(db)).toEqual({ ...emptyCounts(), like: 1, love: 1, wow: 1 });
    expect(await db.count('search')).toBe(3);
  });

  it('from version 9 (a session in the address, more share and campaign parameters)', async () => {
    const db = await openUpgradedFrom(9, [
      stored('https://news.example/a;jsessionid=8F3A1C0DE6B2', 'sad', 10),
      stored('https://news.example/a', 'like', 20),
      stored('https://news.example/b?PHPSESSID=4u0ahbt5b1q7', 'love', 30),
      stored('https://news.example/c?igsh=MXg&fb_source=m', 'wow', 40),
    ]);
    const keys = (await listVotes(db, { limit: 10 })).map((v) => [v.key, v.reaction]);
    expect(keys).toEqual([
      ['https://news.example/c', 'wow'],
      ['https://news.example/b', 'love'],
      ['https://news.example/a', 'like'],
    ]);
    expect(await readReactionCounts(db)).toEqual({ ...emptyCounts(), like: 1, love: 1, wow: 1 });
    expect(await db.count('search')).toBe(3);
  });

  it("from version 11 (a directory's index.html, Bing's AMP cache)", async () => {
    const db = await openUpgradedFrom(11, [
      stored('https://news.example/a/index.html', 'sad', 10),
      stored('https://news.example/a', 'like', 20),
      stored('https://news.example/b/index.htm', 'love', 30),
      stored('https://news.example/index.html?id=7', 'wow', 40),
      stored('https://news-example.bing-amp.com/c/s/news.example/c', 'funny', 50),
    ]);
    const keys = (await listVotes(db, { limit: 10 })).map((v) => [v.key, v.reaction]);
    expect(keys).toEqual([
      ['https://news.example/c', 'funny'],
      ['https://news.example/?id=7', 'wow'],
      ['https://news.example/b', 'love'],
      ['https://news.example/a', 'like'],
    ]);
    expect(await readReactionCounts(db)).toEqual({
      ...emptyCounts(),
      like: 1,
      love: 1,
      wow: 1,
      funny: 1,
    });
    expect(await db.count('search')).toBe(4);
  });

  it("from version 14 (&amp; in a feed's link, more campaign families, escaped letters, Bing's AMP viewer)", async () => {
    const db = await openUpgradedFrom(14, [
      stored('https://news.example/a?amp;utm_medium=rss', 'sad', 10),
      stored('https://news.example/a', 'like', 20),
      stored('https://news.example/big%2Dstory', 'love', 30),
      stored('https://www.bing.com/amp/s/news.example/c', 'wow', 40),
      stored('https://news.example/d?sh=1a2b3c&WT.tsrc=Email', 'funny', 50),
    ]);
    const votes = await listVotes(db, { limit: 10 });
    expect(votes.map((v) => [v.key, v.reaction, v.site])).toEqual([
      ['https://news.example/d', 'funny', 'news.example'],
      ['https://news.example/c', 'wow', 'news.example'],
      ['https://news.example/big-story', 'love', 'news.example'],
      ['https://news.example/a', 'like', 'news.example'],
    ]);
    expect(await readReactionCounts(db)).toEqual({
      ...emptyCounts(),
      like: 1,
      love: 1,
      wow: 1,
      funny: 1,
    });
    expect(await db.count('search')).toBe(4);
  });

  // A template that declares its section (or its site's default page) on every story filed all
  // of them under one key: the vote goes to the page it was given on.
  it('from version 17 (a section, a default page or a date archive declared by the page)', async () => {
    const given = (key: string, url: string, reaction: Reaction, updatedAt: number): Vote => ({
      ...stored(key, reaction, updatedAt),
      url,
    });
    const db = await openUpgradedFrom(17, [
      given('https://news.example/news', 'https://news.example/news/harbour-fire', 'sad', 10),
      given('https://news.example/Default.aspx', 'https://news.example/world/story', 'wow', 20),
      given('https://news.example/2026/05', 'https://news.example/2026/05/fire-at-sea', 'love', 30),
      // Its article's page, declared by the page it was given on: it stays.
      given('https://news.example/world/other', 'https://news.example/amp/other', 'like', 40),
      // Given on the story since: the newer of the two is kept.
      stored('https://news.example/news/harbour-fire', 'funny', 50),
      // A page on another site than its key (an old version's): it stays where it is.
      given('https://news.example/sport', 'https://elsewhere.example/sport/x', 'angry', 60),
    ]);
    const votes = await listVotes(db, { limit: 10 });
    expect(votes.map((v) => [v.key, v.reaction])).toEqual([
      ['https://news.example/sport', 'angry'],
      ['https://news.example/news/harbour-fire', 'funny'],
      ['https://news.example/world/other', 'like'],
      ['https://news.example/2026/05/fire-at-sea', 'love'],
      ['https://news.example/world/story', 'wow'],
    ]);
    expect(await readReactionCounts(db)).toEqual({
      ...emptyCounts(),
      angry: 1,
      funny: 1,
      like: 1,
      love: 1,
      wow: 1,
    });
    expect(await db.count('search')).toBe(5);
  });

  // A one-word story below its section (`/news/fire`), and a story filed below that one's key:
  // the first moves onto a key the second leaves. Two articles, neither merged into the other.
  [
    { first: 30, second: 20, moved: 'newer' },
    { first: 20, second: 30, moved: 'older' },
  ].forEach(({ first, second, moved }) => {
    it(`from version 17, a vote moved (${moved}) onto the key another vote moves off keeps both`, async () => {
      const given = (key: string, url: string, reaction: Reaction, updatedAt: number): Vote => ({
        ...stored(key, reaction, updatedAt),
        url,
      });
      const story = 'https://news.example/news/fire';
      const below = 'https://news.example/news/fire/harbour-blaze';
      const db = await openUpgradedFrom(17, [
        given('https://news.example/news', story, 'love', first),
        given(story, below, 'sad', second),
      ]);
      const votes = await listVotes(db, { limit: 10 });
      expect(votes.map((v) => [v.key, v.reaction]).sort()).toEqual([
        [story, 'love'],
        [below, 'sad'],
      ]);
      expect(await readReactionCounts(db)).toEqual({ ...emptyCounts(), love: 1, sad: 1 });
      expect((await listVotes(db, { limit: 10, query: `harbour ${first}` })).length).toBe(1);
      expect(await db.count('search')).toBe(2);
    });
  });

  // An address an earlier version measured as sent (2,000 raw é), whose key is three times over
  // what a key may be: moved there, the vote could be neither switched, removed nor undone.
  it("from version 18 (HubSpot's and share links' ids, index.php, a wiki's mobile host)", async () => {
    const db = await openUpgradedFrom(18, [
      stored('https://en.m.wiki.example/wiki/Harbour', 'sad', 10),
      stored('https://news.example/story/index.php', 'wow', 20),
      stored('https://news.example/harbour?__hstc=1.2.3&si=Ab1', 'love', 30),
    ]);
    const votes = await listVotes(db, { limit: 10 });
    expect(votes.map((v) => [v.key, v.reaction, v.site])).toEqual([
      ['https://news.example/harbour', 'love', 'news.example'],
      ['https://news.example/story', 'wow', 'news.example'],
      ['https://en.wiki.example/wiki/Harbour', 'sad', 'en.wiki.example'],
    ]);
    expect(await db.count('search')).toBe(3);
  });

  it("from version 19 (Google Translate's proxy, an AMP viewer on a mobile host)", async () => {
    const db = await openUpgradedFrom(19, [
      stored(
        'https://www-news-example.translate.goog/harbour?_x_tr_sl=auto&_x_tr_tl=de',
        'sad',
        10,
      ),
      stored('https://m.google.com/amp/s/news.example/quay', 'wow', 20),
    ]);
    const votes = await listVotes(db, { limit: 10 });
    expect(votes.map((v) => [v.key, v.reaction, v.site])).toEqual([
      ['https://news.example/quay', 'wow', 'news.example'],
      ['https://news.example/harbour', 'sad', 'news.example'],
    ]);
  });

  // Where the proxy's label alone names no host (`0-` for an IDN's `xn--`), the page stays the
  // proxy's: one article whatever its translation, or the way the reader came to it.
  it("from version 19, a page the Translate proxy's label alone does not name: one article", async () => {
    const page = 'https://0-bcher--kva-de.translate.goog/harbour?_x_tr_enc=0&_x_tr_sl=de';
    const db = await openUpgradedFrom(19, [
      stored(`${page}&_x_tr_tl=en&_x_tr_pto=sc`, 'sad', 10),
      stored(`${page}&_x_tr_tl=fr&_x_tr_pto=wapp`, 'wow', 20),
    ]);
    const votes = await listVotes(db, { limit: 10 });
    expect(votes.map((v) => [v.key, v.reaction])).toEqual([
      ['https://0-bcher--kva-de.translate.goog/harbour?_x_tr_enc=0', 'wow'],
    ]);
    expect(await readReactionCounts(db)).toEqual({ ...emptyCounts(), wow: 1 });
    expect(await db.count('search')).toBe(1);
  });

  // A variant label left off only where a site remains in front of the public suffix: an
  // earlier version filed `m.github.io` (a user's site) and `www.gov.uk` under the suffix itself.
  it("from version 20 (a user's host on a host service's suffix, www. before a public suffix)", async () => {
    const given = (key: string, url: string, reaction: Reaction, updatedAt: number): Vote => ({
      ...stored(key, reaction, updatedAt),
      url,
    });
    const removal = given('https://github.io/b', 'https://www.github.io/b', 'sad', 100);
    const name = await storeAtVersion(
      20,
      [
        given('https://github.io/a', 'https://m.github.io/a?utm_source=x', 'love', 10),
        given('https://gov.uk/government/x', 'https://www.gov.uk/government/x/print', 'wow', 20),
        stored('https://news.example/a', 'like', 30),
      ],
      removal,
    );
    const db = await openVoteDatabase(name);
    opened.push(db);
    const votes = await listVotes(db, { limit: 10 });
    expect(votes.map((v) => [v.key, v.reaction, v.site])).toEqual([
      ['https://news.example/a', 'like', 'news.example'],
      ['https://www.gov.uk/government/x', 'wow', 'www.gov.uk'],
      ['https://m.github.io/a', 'love', 'm.github.io'],
    ]);
    expect(await readUndoableRemoval(db, 110 + UNDO_KEEP_MS / 2)).toMatchObject({
      key: 'https://www.github.io/b',
      site: 'www.github.io',
    });
    expect((await listVotes(db, { limit: 10, query: 'harbour 10' })).map((v) => v.key)).toEqual([
      'https://m.github.io/a',
    ]);
    expect(await db.count('search')).toBe(3);
  });

  it('from version 17, a vote whose page would make too long a key stays under its own', async () => {
    const section = 'https://news.example/news';
    const page = `${section}/${'é'.repeat(2000)}`;
    const db = await openUpgradedFrom(17, [{ ...stored(section, 'sad', 10), url: page }]);
    expect((await listVotes(db, { limit: 10 })).map((v) => v.key)).toEqual([section]);
  });

  it('from version 9, a vote of an internationalized site is found by the name the reader sees', async () => {
    const name = `v9-${++counter}`;
    const before = await openDB(name, 9, { upgrade: createVersion4Stores });
    const idn: Vote = {
      ...stored('https://xn--bcher-kva.de/neu', 'love', 10),
      site: 'xn--bcher-kva.de',
    };
    await before.put('votes', idn);
    // Version 9's terms: the words of the title and of the host as stored, in punycode.
    const terms = ['xn', 'bch', 'bcher', 'kva', 'de'].map((p) => encodeTerm(p, idn.updatedAt));
    await before.put('search', { ...toSearchEntry(idn), terms });
    await before.put('stats', { ...emptyCounts(), love: 1 }, 'reaction-counts');
    before.close();

    const db = await openVoteDatabase(name);
    opened.push(db);
    const found = await listVotes(db, { limit: 10, query: 'bücher' });
    expect(found.map((v) => [v.key, v.reaction])).toEqual([
      ['https://xn--bcher-kva.de/neu', 'love'],
    ]);
  });

  describe('with a removal kept aside for undo', () => {
    const oldKey = 'https://news.example/a;jsessionid=8F3A1C0DE6B2';
    const newKey = 'https://news.example/a';
    const removed = stored(oldKey, 'like', 100);
    const now = 110 + UNDO_KEEP_MS / 2;

    /** A version 9 database holding `votes`, and `removed` removed at 110. */
    async function storeWithRemoval(votes: Vote[], removal = removed): Promise<VoteDatabase> {
      const name = await storeAtVersion(9, votes, removal);
      const db = await openVoteDatabase(name);
      opened.push(db);
      return db;
    }

    it('moves it with the votes, so undo puts it back under the key it has now, once', async () => {
      const db = await storeWithRemoval([]);
      const offered = await readUndoableRemoval(db, now);
      expect(offered).toEqual({ ...removed, key: newKey });
      // The popup sends the vote back through the protocol, which normalizes its key.
      const sent = parseVote(offered)!;
      await expect(restoreVote(db, sent, now)).resolves.toMatchObject({
        stored: { key: newKey, reaction: 'like' },
      });
      expect((await listVotes(db, { limit: 10 })).map((v) => v.key)).toEqual([newKey]);
      expect(await readUndoableRemoval(db, now)).toBeNull();
    });

    it('offers no undo where the article was voted on again, and keeps that vote', async () => {
      // Voted on again after the removal, the clock set back since: dated before it.
      const db = await storeWithRemoval([stored(oldKey, 'sad', 50)]);
      expect(await readUndoableRemoval(db, now)).toBeNull();
      // An undo sent all the same (a popup that read it before) leaves the newer vote.
      await expect(restoreVote(db, parseVote(removed)!, now)).resolves.toMatchObject({
        stored: { key: newKey, reaction: 'sad' },
      });
      expect((await listVotes(db, { limit: 10 })).map((v) => [v.key, v.reaction])).toEqual([
        [newKey, 'sad'],
      ]);
      expect(await readReactionCounts(db)).toEqual({ ...emptyCounts(), sad: 1 });
    });

    it('drops one whose key no longer makes an article key, which undo could not put back', async () => {
      const db = await storeWithRemoval([], { ...removed, key: 'ftp://news.example/a' });
      expect(await readUndoableRemoval(db, now)).toBeNull();
      expect(await db.count('removed')).toBe(0);
    });
  });

  it("from version 7, a vote keyed by Google Search's AMP viewer to its publisher's key and site", async () => {
    const name = await storeAtVersion(7, [
      stored('https://news.example/a', 'like', 10),
      stored('https://google.com/amp/s/www.news.example/a', 'love', 20),
      stored('https://google.co.uk/amp/s/news.example/b', 'sad', 30),
    ]);

    const db = await openVoteDatabase(name);
    opened.push(db);
    const keys = (await listVotes(db, { limit: 10 })).map((v) => [v.key, v.reaction, v.site]);
    expect(keys).toEqual([
      ['https://news.example/b', 'sad', 'news.example'],
      ['https://news.example/a', 'love', 'news.example'],
    ]);
    expect(await readReactionCounts(db)).toEqual({ ...emptyCounts(), love: 1, sad: 1 });
    expect(await db.count('search')).toBe(2);
  });
});

describe("upgrade that drops the votes' unread index by site", () => {
  const votes: Vote[] = Array.from({ length: 5 }, (_, i) => ({
    key: `https://news${i % 2}.example/${i}`,
    url: `https://news${i % 2}.example/${i}`,
    title: `Harbour ${i}`,
    site: `news${i % 2}.example`,
    reaction: i % 2 ? 'love' : 'sad',
    createdAt: i,
    updatedAt: 10 + i,
  }));

  it('from version 20 keeps every vote, its count and its search entry', async () => {
    const db = await openVoteDatabase(await storeAtVersion(20, votes));
    opened.push(db);
    expect(db.version).toBe(DATABASE_VERSION);
    expect([...db.transaction('votes').store.indexNames].sort()).toEqual([
      'by-reaction',
      'by-reaction-updated',
      'by-updated',
    ]);
    expect(await listVotes(db, { limit: 10 })).toEqual([...votes].reverse());
    expect(await readReactionCounts(db)).toEqual({ ...emptyCounts(), love: 2, sad: 3 });
    expect((await listVotes(db, { limit: 10, query: 'harbour 3' })).map((v) => v.key)).toEqual([
      'https://news1.example/3',
    ]);
  });

  it('is not made for a new database', async () => {
    const db = await freshDatabase();
    expect([...db.transaction('votes').store.indexNames]).not.toContain('by-site');
  });
});

describe('upgrade that stores the ends of each site as search terms', () => {
  const sites = ['news1.example', 'news2.example', 'sport.news1.example', 'harbour.example'];
  const votes: Vote[] = [
    ...Array.from({ length: 8 }, (_, i): Vote => ({
      key: `https://${sites[i % 4]}/${i}`,
      url: `https://www.${sites[i % 4]}/${i}?ref=home`,
      title: i === 5 ? 'Node.js 22 released' : `Harbour ${i}`,
      site: sites[i % 4]!,
      reaction: i % 2 ? 'love' : 'sad',
      createdAt: i,
      updatedAt: 10 + i,
    })),
    {
      key: 'http://localhost:3000/8',
      url: 'http://localhost:3000/8',
      title: 'Router notes',
      site: 'localhost',
      reaction: 'sad',
      createdAt: 8,
      updatedAt: 18,
    },
  ];

  it('from version 21 keeps every vote and finds each by its host', async () => {
    const name = `v21-${++counter}`;
    const before = await openDB(name, 21, { upgrade: createVersion4Stores });
    for (const v of votes) {
      await before.put('votes', v);
      // Version 21's terms: words only, none for the ends of a host.
      const terms = toSearchEntry(v).terms.filter((term) => !term.startsWith('.'));
      await before.put('search', { ...v, terms });
    }
    await before.put('stats', { ...emptyCounts(), love: 4, sad: 5 }, 'reaction-counts');
    before.close();

    // Only the entries whose terms change are written: a one-label site has no end to add.
    const updates = vi.spyOn(IDBCursor.prototype, 'update');
    const db = await openVoteDatabase(name);
    opened.push(db);
    expect(updates).toHaveBeenCalledTimes(votes.length - 1);
    updates.mockRestore();
    expect(db.version).toBe(DATABASE_VERSION);
    expect(await listVotes(db, { limit: 10 })).toEqual([...votes].reverse());
    expect(await readReactionCounts(db)).toEqual({ ...emptyCounts(), love: 4, sad: 5 });
    const found = async (query: string) =>
      (await listVotes(db, { limit: 10, query })).map((v) => v.key.split('/').pop());
    expect(await found('news1.example')).toEqual(['6', '4', '2', '0']);
    expect(await found('sport.news1.example')).toEqual(['6', '2']);
    expect(await found('harbour.example')).toEqual(['7', '3']);
    expect(await found('node.js')).toEqual(['5']);
    expect(await found('news.example')).toEqual([]);
    expect(await found('localhost')).toEqual(['8']);
  });
});

describe('upgrade that drops the credentials 0.1.0 kept in links', () => {
  const login = 'reader:s3cret@';
  /** A vote as 0.1.0 stored it: its link with the page's credentials, under a key without. */
  const stored = (path: string, reaction: Reaction, updatedAt: number, title?: string): Vote => ({
    key: `https://news.example/${path}`,
    url: `https://${login}news.example/${path}`,
    title: title ?? `Harbour ${updatedAt}`,
    site: 'news.example',
    reaction,
    createdAt: 1,
    updatedAt,
  });
  const withoutLogin = (vote: Vote): Vote => ({
    ...vote,
    url: vote.url.replace(login, ''),
    title: vote.title.replace(login, ''),
  });

  it.each([9, 10])(
    'from version %i, drops them from every link and from titles named by the link',
    async (version) => {
      const long = 'a'.repeat(2 * MAX_TITLE_LENGTH);
      const titled = stored('a', 'like', 10);
      // 0.1.0 named a page without a title by its link: whole before c294c98, then cut.
      const untitled = { ...stored('b', 'sad', 20), title: `https://${login}news.example/b` };
      const cut = stored(long, 'wow', 30);
      const longUntitled = { ...cut, title: cleanTitle(cut.url) };
      const clean = { ...stored('c', 'love', 40), url: 'https://news.example/c?page=2' };
      const name = await storeAtVersion(version, [titled, untitled, longUntitled, clean]);

      const db = await openVoteDatabase(name);
      opened.push(db);
      expect(db.version).toBe(DATABASE_VERSION);
      const expected = [
        clean,
        { ...withoutLogin(longUntitled), title: cleanTitle(withoutLogin(cut).url) },
        withoutLogin(untitled),
        withoutLogin(titled),
      ];
      expect(await listVotes(db, { limit: 10 })).toEqual(expected);
      expect(JSON.stringify(await db.getAll('votes'))).not.toContain('s3cret');
      // Search entries hold the vote again and the terms of its new title.
      expect(await db.getAll('search')).toEqual(
        [...expected].sort((a, b) => (a.key < b.key ? -1 : 1)).map(toSearchEntry),
      );
      expect(await listVotes(db, { limit: 10, query: 's3cret' })).toEqual([]);
      expect(await listVotes(db, { limit: 10, query: 'reader' })).toEqual([]);
      expect(await readReactionCounts(db)).toEqual({
        ...emptyCounts(),
        like: 1,
        sad: 1,
        wow: 1,
        love: 1,
      });
    },
  );

  it('drops them from the removal kept aside, so undo never puts them back', async () => {
    const removed = { ...stored('a', 'like', 100), title: `https://${login}news.example/a` };
    const name = await storeAtVersion(10, [], removed);
    const db = await openVoteDatabase(name);
    opened.push(db);
    const offered = await readUndoableRemoval(db, 110 + UNDO_KEEP_MS / 2);
    expect(offered).toEqual(withoutLogin(removed));
  });

  it('leaves a damaged vote whose title is not text searchable as before, its link without them', async () => {
    const damaged = { ...stored('a', 'like', 10), title: 42 as unknown as string };
    const name = `credentials-damaged-${++counter}`;
    const before = await openDB(name, 10, { upgrade: createVersion4Stores });
    await before.put('votes', damaged);
    await before.put('stats', { ...emptyCounts(), like: 1 }, 'reaction-counts');
    before.close();

    const db = await openVoteDatabase(name);
    opened.push(db);
    expect(await db.getAll('votes')).toEqual([{ ...damaged, url: 'https://news.example/a' }]);
    expect(await db.count('search')).toBe(0);
  });

  it('rewrites only the votes that kept credentials', async () => {
    const clean = { ...stored('c', 'love', 40), url: 'https://news.example/c' };
    const name = await storeAtVersion(10, [stored('a', 'like', 10), clean]);
    const updates = vi.spyOn(IDBCursor.prototype, 'update');
    const db = await openVoteDatabase(name);
    opened.push(db);
    expect(updates).toHaveBeenCalledTimes(1);
    updates.mockRestore();
  });
});

describe('clearVotes', () => {
  /** When the reader confirmed Clear all, and its operation id (microseconds). */
  const clickedAt = 1_800_000_000_000;
  const clearOp = clickedAt * 1000;

  // The clear's first send was lost to a stopped worker and retried; a tab's call landed meanwhile.
  it.each([
    ['keeps a vote given after it, whose call landed first', 300, 'love', { love: 1 }],
    ['removes a vote given before it, whose call landed after its click', -300, undefined, {}],
  ] as const)('%s', async (_, givenAfterMs, kept, counts) => {
    const db = await freshDatabase();
    await writeVote(db, vote('https://news.example/old', 'sad', 'Old story'), clickedAt - 60_000);
    const given = vote('https://news.example/a', 'love', 'Harbour reopens');
    await writeVote(db, given, clickedAt + 350, (clickedAt + givenAfterMs) * 1000);
    expect(await clearVotes(db, clickedAt + 400, clearOp)).toBe(kept ? 1 : 2);
    expect((await readVote(db, given.key))?.reaction).toBe(kept);
    expect(await readVote(db, 'https://news.example/old')).toBeUndefined();
    expect(await readReactionCounts(db)).toEqual({ ...emptyCounts(), ...counts });
    const found = await listVotes(db, { limit: 10, query: 'harbour' });
    expect(found.map((each) => each.reaction)).toEqual(kept ? [kept] : []);
  });
});

describe('operation ids and removals kept aside', () => {
  it('purges both once no longer needed, at the next write', async () => {
    const db = await freshDatabase();
    await writeVote(db, vote('a', 'like'), 1_000, 1);
    await writeVote(db, vote('b', 'like'), 1_000, 2);
    await editVote(db, 'a', null, 2_000, 3);
    expect(await db.getAllKeys('operations')).toEqual(['a', 'b']);
    expect(await db.count('removed')).toBe(1);

    const later = 2_000 + Math.max(OPERATION_MEMORY_MS, UNDO_KEEP_MS) + 1;
    await writeVote(db, vote('c', 'like'), later, 4);
    expect(await db.getAll('operations')).toEqual([{ key: 'c', op: 4, writtenAt: later }]);
    expect(await db.count('removed')).toBe(0);
  });

  it('restores a removal exactly unless a newer vote is stored', async () => {
    const db = await freshDatabase();
    await writeVote(db, vote('a', 'like'), 1_000);
    const { before } = await editVote(db, 'a', null, 2_000);
    await expect(restoreVote(db, before!, 3_000)).resolves.toEqual({
      stored: before,
      superseded: false,
    });
    await writeVote(db, vote('a', 'sad'), 4_000);
    await expect(restoreVote(db, before!, 5_000)).resolves.toMatchObject({
      stored: { reaction: 'sad', updatedAt: 4_000 },
    });
  });

  // Two popups: a row removed in one, Clear all in the other, then Undo in the first (its offer
  // not yet taken back, or the popup unable to ask whether the removal is still kept).
  it('puts back no removal made before a Clear all: clearing cannot be undone', async () => {
    const db = await freshDatabase();
    await writeVote(db, vote('a', 'like'), 1_000);
    const { before } = await editVote(db, 'a', null, 2_000);
    await clearVotes(db, 3_000);
    await expect(restoreVote(db, before!, 4_000, 4_000_000)).resolves.toEqual({
      stored: null,
      superseded: true,
    });
    expect(await readVote(db, 'a')).toBeUndefined();
    expect(await readReactionCounts(db)).toEqual(emptyCounts());
  });

  it('puts back a removal made after a Clear all', async () => {
    const db = await freshDatabase();
    await clearVotes(db, 1_000);
    await writeVote(db, vote('a', 'like'), 2_000);
    const { before } = await editVote(db, 'a', null, 3_000);
    await expect(restoreVote(db, before!, 4_000)).resolves.toEqual({
      stored: before,
      superseded: false,
    });
  });

  it('does not resurrect an expired removal when the article is voted on again', async () => {
    const db = await freshDatabase();
    await writeVote(db, vote('a', 'like'), 1_000);
    await editVote(db, 'a', null, 2_000);
    await writeVote(db, vote('a', 'sad'), 2_000 + UNDO_KEEP_MS + 1);
    expect(await db.count('removed')).toBe(0);
  });

  describe('an import that brought the removed article back while Undo was still offered', () => {
    /** A database where `a` (love, updated at 5,000) was removed at 6,000, then `copy` imported. */
    async function importedAfterRemoval(copy: { reaction: Reaction; updatedAt: number }) {
      const db = await freshDatabase();
      await writeVote(db, vote('a', 'like'), 1_000);
      await editVote(db, 'a', 'love', 5_000);
      const { before } = await editVote(db, 'a', null, 6_000);
      await mergeVotes(db, [{ ...before!, ...copy }]);
      return { db, removed: before! };
    }

    it('puts the removed vote back over an older copy, as the import would have kept it', async () => {
      const { db, removed } = await importedAfterRemoval({ reaction: 'sad', updatedAt: 3_000 });
      await expect(restoreVote(db, removed, 7_000)).resolves.toEqual({
        stored: removed,
        superseded: false,
      });
      expect(await readVote(db, 'a')).toEqual(removed);
      expect(await readReactionCounts(db)).toEqual({ ...emptyCounts(), love: 1 });
      expect(await listVotes(db, { limit: 10, query: 'title' })).toEqual([removed]);
      expect(await db.count('removed')).toBe(0);
    });

    it('keeps a newer copy', async () => {
      const { db, removed } = await importedAfterRemoval({ reaction: 'sad', updatedAt: 5_500 });
      await expect(restoreVote(db, removed, 7_000)).resolves.toMatchObject({
        stored: { reaction: 'sad', updatedAt: 5_500 },
      });
      expect(await readReactionCounts(db)).toEqual({ ...emptyCounts(), sad: 1 });
    });

    it('keeps the older copy once the reader changed it in the popup, the clock set back', async () => {
      const { db, removed } = await importedAfterRemoval({ reaction: 'sad', updatedAt: 3_000 });
      // Changed at 4,000 by a clock set back two seconds: dated before the removed vote.
      await editVote(db, 'a', 'wow', 4_000);
      await expect(restoreVote(db, removed, 4_500)).resolves.toMatchObject({
        stored: { reaction: 'wow' },
      });
      expect(await readReactionCounts(db)).toEqual({ ...emptyCounts(), wow: 1 });
    });
  });

  it('purges an expired removal whose article an import brought back, when it is changed', async () => {
    const db = await freshDatabase();
    await writeVote(db, vote('a', 'like'), 1_000);
    const { before } = await editVote(db, 'a', null, 2_000);
    await mergeVotes(db, [{ ...before!, updatedAt: 1_500 }]);
    await editVote(db, 'a', 'sad', 2_000 + UNDO_KEEP_MS + 1);
    expect(await db.count('removed')).toBe(0);
  });

  it('keeps a vote made after the removal, though the clock set back dates it before', async () => {
    const db = await freshDatabase();
    await writeVote(db, vote('a', 'like'), 100_000);
    const { before } = await editVote(db, 'a', null, 110_000);
    // The clock went back a minute; the reader reacts again in the tab, then presses Undo.
    await writeVote(db, vote('a', 'sad'), 51_000);
    await expect(restoreVote(db, before!, 52_000)).resolves.toMatchObject({
      stored: { reaction: 'sad' },
    });
    expect(await readVote(db, 'a')).toMatchObject({ reaction: 'sad' });
  });
});

describe('openVoteDatabase', () => {
  it('gives up on an upgrade an older connection blocks, with a clear error, and opens once it is gone', async () => {
    const name = `blocked-${++counter}`;
    // An older version held open by a connection that ignores versionchange (never closes).
    const older = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('votes', { keyPath: 'key' });
      },
    });
    // The open gives up after the time it was given, by the clock, not the default: the clock
    // is faked (fake-indexeddb schedules its own work with setImmediate, left real).
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let outcome: unknown = 'pending';
      void openVoteDatabase(name, { blockedTimeoutMs: 50 }).then(
        () => (outcome = 'opened'),
        (error: unknown) => (outcome = error),
      );
      // Told it is blocked, as a browser tells it at once.
      for (let turn = 0; turn < 10; turn++) await new Promise((done) => setImmediate(done));
      await vi.advanceTimersByTimeAsync(49);
      expect(outcome).toBe('pending');
      await vi.advanceTimersByTimeAsync(1);
      expect(outcome).toBeInstanceOf(DatabaseBlockedError);
    } finally {
      vi.useRealTimers();
    }
    await expect(openVoteDatabase(name, { blockedTimeoutMs: 50 })).rejects.toThrow(
      /another Moodmark window is still using an older version/,
    );

    older.close();
    const db = await openVoteDatabase(name, { blockedTimeoutMs: 50 });
    opened.push(db);
    expect(db.version).toBe(DATABASE_VERSION);
    await writeVote(db, vote('a', 'like'), 1);
    expect(await readVote(db, 'a')).toMatchObject({ reaction: 'like' });
  });

  it('gives up on an open nothing blocks that takes too long, without saying it is blocked', async () => {
    const name = `slow-${++counter}`;
    (await openVoteDatabase(name)).close();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const opening = openVoteDatabase(name, { blockedTimeoutMs: 50 });
      // Its time runs out before fake-indexeddb's own work (setImmediate) opens it: a slow open.
      vi.advanceTimersByTime(50);
      await expect(opening).rejects.toThrow(/took too long to open/);
    } finally {
      vi.useRealTimers();
    }
    const db = await openVoteDatabase(name, { blockedTimeoutMs: 50 });
    opened.push(db);
    expect(db.version).toBe(DATABASE_VERSION);
  });

  it('upgrades past a record too damaged to index, leaving it out of search', async () => {
    const name = `damaged-${++counter}`;
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('votes', { keyPath: 'key' });
      },
    });
    const good = { ...vote('https://a.example/1', 'love'), title: 'Harbour lights' };
    await v1.put('votes', { ...good, createdAt: 1, updatedAt: 2 });
    await v1.put('votes', { ...vote('https://a.example/2', 'sad'), title: null });
    v1.close();

    const db = await openVoteDatabase(name);
    opened.push(db);
    expect(db.version).toBe(DATABASE_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(
      ['operations', 'removed', 'search', 'sites', 'stats', 'votes'].sort(),
    );
    expect((await listVotes(db, { limit: 10, query: 'harbour' })).map((v) => v.key)).toEqual([
      good.key,
    ]);
    await writeVote(db, vote('https://a.example/3', 'like'), 9, 1);
    expect(await readVote(db, 'https://a.example/3')).toMatchObject({ reaction: 'like' });
  });

  it('leaves the database as it was when an upgrade step fails, and says so', async () => {
    const name = `broken-${++counter}`;
    // A damaged version 3 profile: its search store is missing, so the rebuild cannot drop it.
    const v3 = await openDB(name, 3, {
      upgrade(db) {
        db.createObjectStore('votes', { keyPath: 'key' });
      },
    });
    await v3.put('votes', { ...vote('https://a.example/1', 'love'), createdAt: 1, updatedAt: 2 });
    v3.close();

    await expect(openVoteDatabase(name)).rejects.toThrow(/history could not be upgraded/);
    const after = await openDB(name);
    expect(after.version).toBe(3);
    expect(await after.count('votes')).toBe(1);
    after.close();
  });

  it('waits OPEN_BLOCKED_TIMEOUT_MS by default, a bounded few seconds', () => {
    expect(OPEN_BLOCKED_TIMEOUT_MS).toBeGreaterThanOrEqual(1_000);
    expect(OPEN_BLOCKED_TIMEOUT_MS).toBeLessThanOrEqual(10_000);
  });
});

describe('a record a damaged profile (or a later version) stored among good votes', () => {
  const key = 'https://news.example/damaged';
  /** How the record reads once damaged so: the fields read for it, or null where it is left out. */
  const damages: { damage: Record<string, unknown>; reads: Partial<Vote> | null }[] = [
    { damage: { reaction: 'meh' }, reads: null },
    { damage: { reaction: undefined }, reads: null },
    { damage: { updatedAt: 'x' }, reads: null },
    { damage: { updatedAt: null }, reads: null },
    { damage: { title: null }, reads: { title: key } },
    { damage: { title: 42 }, reads: { title: key } },
    { damage: { url: null }, reads: { url: key } },
    { damage: { site: undefined }, reads: { site: 'news.example' } },
    { damage: { createdAt: 'x' }, reads: { createdAt: 30 } },
    { damage: { updatedAt: BEYOND_DATES }, reads: null },
    { damage: { createdAt: BEYOND_DATES }, reads: { createdAt: 30 } },
  ];

  /** Two good votes (times 10 and 20) and the damaged record (30), in votes and search alike. */
  async function withDamaged(damage: Record<string, unknown>) {
    const db = await freshDatabase();
    await writeVote(db, vote('https://news.example/a', 'like', 'Harbour a'), 10);
    await writeVote(db, vote('https://news.example/b', 'sad', 'Harbour b'), 20);
    await writeVote(db, vote(key, 'love', 'Harbour d'), 30);
    const good = await listVotes(db, { limit: 10 });
    const [stored, entry] = [await db.get('votes', key), await db.get('search', key)];
    await db.put('votes', { ...stored!, ...damage } as Vote);
    await db.put('search', { ...entry!, ...damage } as SearchEntry);
    const others = good.filter((v) => v.key !== key);
    const read = good.find((v) => v.key === key)!;
    return { db, others, damaged: { ...stored, ...damage }, read };
  }

  it.each(damages)(
    'stored with $damage: the history and its searches list the others, and it as it reads',
    async ({ damage, reads }) => {
      const { db, others, damaged, read } = await withDamaged(damage);
      const expected = reads ? [{ ...read, ...reads }, ...others] : others;
      expect(await listVotes(db, { limit: 10 })).toEqual(expected);
      // A short word is checked per vote, a longer one through the terms.
      for (const query of ['h', 'news']) {
        expect(await listVotes(db, { limit: 10, query })).toEqual(expected);
      }
      expect(await listVotes(db, { limit: 10, reaction: 'like' })).toEqual([others[1]]);
      expect(await listVotes(db, { limit: 10, reaction: 'love' })).toEqual(
        reads ? [{ ...read, ...reads }] : [],
      );
      expect(await db.get('votes', key)).toEqual(damaged);
    },
  );

  it.each(damages)(
    'stored with $damage: exports (JSON and CSV) the others, and it as it reads',
    async ({ damage, reads }) => {
      const { db, others, read } = await withDamaged(damage);
      const expected = reads ? [{ ...read, ...reads }, ...others] : others;
      const page = await readVotePage(db, undefined, 10);
      expect(exportAndParse(page, 40).votes).toEqual(expect.arrayContaining(expected));
      expect(page).toHaveLength(expected.length);
      const csv = createHistoryExport('csv', 40);
      expect(csv.page(page).split('\r\n')).toHaveLength(expected.length + 1);
    },
  );

  const listed = damages.filter(({ reads }) => reads !== null);

  it.each(listed)(
    'stored with $damage: is switched in the popup as it is listed',
    async ({ damage, reads }) => {
      const { db, read } = await withDamaged(damage);
      const { after } = await editVote(db, key, 'wow', 40);
      const switched = { ...read, ...reads, reaction: 'wow', updatedAt: 40 };
      expect(after).toEqual(switched);
      expect(await readVote(db, key)).toEqual(switched);
      expect((await listVotes(db, { limit: 10, query: 'news' }))[0]).toEqual(switched);
      expect(await readReactionCounts(db)).toEqual({ ...emptyCounts(), like: 1, sad: 1, wow: 1 });
    },
  );

  it.each(listed)(
    'stored with $damage: is switched by a toolbar on a page without a title',
    async ({ damage, reads }) => {
      const { db, read } = await withDamaged(damage);
      const { stored } = await writeVote(db, { ...vote(key, 'wow', ''), url: read.url }, 40);
      const switched = { ...read, ...reads, url: read.url, reaction: 'wow', updatedAt: 40 };
      expect(stored).toEqual(switched);
      expect(await readVote(db, key)).toEqual(switched);
    },
  );

  it.each(listed)(
    'stored with $damage: removed in the popup, is put back by undo as it was listed',
    async ({ damage, reads }) => {
      const { db, read } = await withDamaged(damage);
      const { before } = await editVote(db, key, null, 40);
      expect(before).toEqual({ ...read, ...reads });
      // The popup sends it back to restoreVote, whose message is checked with parseVote.
      const sent = parseVote(await readUndoableRemoval(db, 40));
      expect(sent).toEqual(before);
      await restoreVote(db, sent!, 41);
      expect(await readVote(db, key)).toEqual(before);
      expect(await readReactionCounts(db)).toEqual({ ...emptyCounts(), like: 1, sad: 1, love: 1 });
    },
  );

  it.each(damages)(
    'stored with $damage: is read for its page (the toolbar, the badge) as it is listed',
    async ({ damage, reads }) => {
      const { db, damaged, read } = await withDamaged(damage);
      expect(await readVote(db, key)).toEqual(reads ? { ...read, ...reads } : undefined);
      expect(await db.get('votes', key)).toEqual(damaged);
    },
  );
});

import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  answerMessage,
  createBackgroundCalls,
  createMemoryPrivateVotes,
  parsePrivateVote,
  STORAGE_FULL_ERROR,
  type CallHandlers,
  type WindowKind,
} from '../../src/background/calls';
import {
  createSessionPrivateVotes,
  type SessionArea,
} from '../../src/background/session-private-votes';
import { createStoredCorrections } from '../../src/background/stored-corrections';
import {
  DatabaseBlockedError,
  DatabaseSlowError,
  mergeVotes,
  openVoteDatabase,
  type VoteDatabase,
} from '../../src/background/database';
import { OPERATION_MEMORY_MS, UNDO_KEEP_MS } from '../../src/background/database';
import { MAX_CLOCK_SKEW_MS } from '../../src/core/history-import';
import { correctionStorageKey } from '../../src/core/page-corrections';
import { toBase64 } from '../../src/core/pending-vote-proof';
import {
  callBackground,
  InvalidMessageError,
  MAX_URL_LENGTH,
  type ContentMessage,
  type Vote,
} from '../../src/protocol';

/** A vote as a backup or an undo gives it: liked, titled 'A', on its key's site. */
function backupVote(key: string, url = key, updatedAt = 2) {
  const site = new URL(key).hostname;
  return { key, url, title: 'A', site, reaction: 'like', createdAt: 1, updatedAt };
}

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
  const notices: ContentMessage[] = [];
  const calls = createBackgroundCalls(
    () => database,
    () => (clock += 1000),
    (notice) => notices.push(notice),
  );
  return {
    calls,
    database,
    notices,
    send: (message: unknown) => answerMessage(calls, message),
    /** Moves the background's clock on by `ms`. */
    wait: (ms: number) => (clock += ms),
  };
}

const page = 'https://www.news.example/world/story?utm_source=feed#comments';

/** An in-memory `storage.local` (its `items` open to the test, as any content script's are). */
function memoryLocal() {
  const items: Record<string, unknown> = {};
  const local = {
    get: async () => structuredClone(items),
    set: async (values: Record<string, unknown>) => void Object.assign(items, values),
    remove: async (names: string | string[]) => {
      for (const name of [names].flat()) delete items[name];
    },
  };
  return { items, local };
}

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

  it.each([
    [
      "keeps a hash-routed app's route",
      'https://site.example/#!/story/1?utm_source=x',
      'https://site.example/#!/story/1?utm_source=x',
    ],
    [
      'drops the credentials in the address',
      'https://reader:secret@news.example/story#comments',
      'https://news.example/story',
    ],
  ])('links the history to the page: %s', async (_, url, link) => {
    const { calls } = setUp();
    await calls.setReaction({ url, title: 'Story', reaction: 'wow' });
    const [entry] = await calls.listHistory({ limit: 10 });
    expect(entry?.url).toBe(link);
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

describe('operation ids', () => {
  const like = { url: page, title: 'Story', reaction: 'like' } as const;
  const love = { ...like, reaction: 'love' } as const;

  it.each([
    ['a newer reaction', love],
    ['a newer removal', { ...like, reaction: null }],
  ])('keep a retried older write from overwriting %s', async (_, newer) => {
    const { calls, notices } = setUp();
    await calls.setReaction(like, undefined, { op: 10 });
    await calls.setReaction(newer, undefined, { op: 20 });
    notices.length = 0;
    // The first call again: its reply was lost, so the client sent it once more.
    await expect(calls.setReaction(like, undefined, { op: 10 })).resolves.toEqual({
      key: 'https://news.example/world/story',
      reaction: newer.reaction,
    });
    expect(await calls.getReaction(like)).toMatchObject({ reaction: newer.reaction });
    expect(notices).toEqual([]);
  });

  it('keep a retried toolbar write from overwriting a newer edit or restore from the popup', async () => {
    const { calls } = setUp();
    const { key } = await calls.setReaction(like, undefined, { op: 1 });
    await calls.editVote({ key, reaction: 'sad' }, undefined, { op: 3 });
    await calls.setReaction(love, undefined, { op: 2 });
    expect(await calls.getReaction(like)).toMatchObject({ reaction: 'sad' });
    const { before } = await calls.editVote({ key, reaction: null }, undefined, { op: 5 });
    await calls.restoreVote({ vote: before! }, undefined, { op: 6 });
    await calls.editVote({ key, reaction: null }, undefined, { op: 4 });
    expect(await calls.getReaction(like)).toMatchObject({ reaction: 'sad' });
  });

  it('apply the same or a later id, writes without one, and an id older than the memory', async () => {
    const { calls, wait } = setUp();
    await calls.setReaction(like, undefined, { op: 10 });
    await calls.setReaction(love, undefined, { op: 10 });
    expect(await calls.getReaction(like)).toMatchObject({ reaction: 'love' });
    await calls.setReaction(like);
    expect(await calls.getReaction(like)).toMatchObject({ reaction: 'like' });
    await calls.setReaction(love, undefined, { op: 30 });
    wait(OPERATION_MEMORY_MS + 1);
    await calls.setReaction(like, undefined, { op: 20 });
    expect(await calls.getReaction(like)).toMatchObject({ reaction: 'like' });
  });

  it('forget an id written at a time still to come: the clock was set back', async () => {
    const { calls, wait } = setUp();
    const hour = 60 * 60 * 1000;
    // The computer's clock ran two hours fast when the reader reacted, then was put right.
    wait(2 * hour);
    await calls.setReaction(like, undefined, { op: 20 * hour * 1000 });
    wait(-2 * hour + 60_000);
    await calls.setReaction(love, undefined, { op: 18 * hour * 1000 });
    expect(await calls.getReaction(like)).toMatchObject({ reaction: 'love' });
  });

  it.each([
    ['a minute ahead of the clock', () => (Date.now() + 60_000) * 1000],
    ['the largest', () => Number.MAX_SAFE_INTEGER],
  ])(
    'refuse an id no call could have made yet (%s): it would outrank every later one',
    async (_, op) => {
      const { calls, send } = setUp();
      expect(await send({ call: 'setReaction', input: like, op: op() })).toEqual({
        ok: false,
        error: 'op is later than any operation id made by now',
        kind: 'refused',
        invalid: true,
      });
      const { key } = await callBackground(send, 'setReaction', love);
      await callBackground(send, 'editVote', { key, reaction: 'sad' });
      expect(await calls.getReaction(like)).toMatchObject({ reaction: 'sad' });
    },
  );

  it('order a retry through callBackground after a newer call from another tab', async () => {
    const { calls } = setUp();
    const deliver = (message: unknown) => answerMessage(calls, structuredClone(message));
    let firstReplyLost = false;
    let retry: () => void = () => {};
    const retried = new Promise<void>((resolve) => (retry = resolve));
    // Tab A: the background applies its first attempt, but the reply is lost on the way back.
    const tabA = callBackground(
      async (message) => {
        const reply = await deliver(message);
        if (firstReplyLost) return reply;
        firstReplyLost = true;
        throw new Error('the message port closed before a response was received');
      },
      'setReaction',
      like,
      () => retried,
    );
    await vi.waitFor(() => expect(firstReplyLost).toBe(true));
    // Tab B changes the reaction meanwhile, then tab A's retry arrives.
    await callBackground(deliver, 'setReaction', love);
    retry();
    await expect(tabA).resolves.toMatchObject({ reaction: 'love' });
    expect(await calls.getReaction(like)).toMatchObject({ reaction: 'love' });
  });
});

describe('a call given before the history was cleared', () => {
  const like = { url: page, title: 'Story', reaction: 'like' } as const;
  const other = { ...like, url: 'https://b.example/x' };

  it.each([
    ['landed before it, retried', true],
    ['landing only after it', false],
  ])('does not bring its vote back after the clear (%s)', async (_, landedFirst) => {
    const { calls, notices } = setUp();
    if (landedFirst) await calls.setReaction(like, undefined, { op: 10 });
    await calls.clearHistory({}, undefined, { op: 20 });
    notices.length = 0;
    await expect(calls.setReaction(like, undefined, { op: 10 })).resolves.toMatchObject({
      reaction: null,
    });
    expect(await calls.listHistory({ limit: 10 })).toEqual([]);
    expect(await calls.getHistoryStats({})).toMatchObject({ counts: { like: 0 } });
    expect(notices).toEqual([]);
  });

  it('nor an edit or undo from the popup, while a vote given after it is kept', async () => {
    const { calls } = setUp();
    const { key } = await calls.setReaction(like, undefined, { op: 1 });
    await calls.setReaction(other, undefined, { op: 2 });
    const { before } = await calls.editVote({ key, reaction: null }, undefined, { op: 3 });
    await calls.clearHistory({}, undefined, { op: 10 });
    await calls.restoreVote({ vote: before! }, undefined, { op: 4 });
    await calls.editVote({ key: 'https://b.example/x', reaction: 'sad' }, undefined, { op: 5 });
    expect(await calls.listHistory({ limit: 10 })).toEqual([]);
    await calls.setReaction({ ...like, reaction: 'wow' }, undefined, { op: 11 });
    expect(await calls.getReaction(like)).toMatchObject({ reaction: 'wow' });
  });

  it("keeps a tab's retry through callBackground out of the history the popup cleared meanwhile", async () => {
    const { calls } = setUp();
    const deliver = (message: unknown) => answerMessage(calls, structuredClone(message));
    let firstLost = false;
    let retry: () => void = () => {};
    const retried = new Promise<void>((resolve) => (retry = resolve));
    // The tab's first attempt finds no background (it was starting): no answer.
    const tab = callBackground(
      async (message) => {
        if (firstLost) return deliver(message);
        firstLost = true;
        throw new Error('Could not establish connection. Receiving end does not exist.');
      },
      'setReaction',
      like,
      () => retried,
    );
    await vi.waitFor(() => expect(firstLost).toBe(true));
    await callBackground(deliver, 'clearHistory', {});
    retry();
    await expect(tab).resolves.toMatchObject({ reaction: null });
    expect(await calls.listHistory({ limit: 10 })).toEqual([]);
    // A vote given after the clear is kept.
    await callBackground(deliver, 'setReaction', other);
    expect(await calls.listHistory({ limit: 10 })).toMatchObject([{ key: other.url }]);
  });
});

describe('a popup call whose reply was lost', () => {
  /** Sends to the background, which applies the first attempt but loses its reply. */
  function losingFirstReply(calls: ReturnType<typeof setUp>['calls']) {
    let lost = false;
    return async (message: unknown) => {
      const reply = await answerMessage(calls, structuredClone(message));
      if (lost) return reply;
      lost = true;
      throw new Error('the message port closed before a response was received');
    };
  }

  it('answers a retried removal as the first attempt would: with the vote to undo', async () => {
    const { calls, notices } = setUp();
    const { key } = await calls.setReaction({ url: page, title: 'Story', reaction: 'wow' });
    const stored = (await calls.listHistory({ limit: 1 }))[0]!;
    const removal = callBackground(
      losingFirstReply(calls),
      'editVote',
      { key, reaction: null },
      async () => {},
    );
    await expect(removal).resolves.toEqual({ before: stored, after: null });
    expect(await calls.getReaction({ url: page })).toMatchObject({ reaction: null });
    expect(notices.at(-1)).toEqual({ notice: 'voteChanged', input: { key, reaction: null } });
  });
});

describe('operation ids after the clock was set back', () => {
  it('let the popup remove a vote a tab opened before the set-back made after it', async () => {
    const hour = 60 * 60 * 1000;
    const setBack = Date.UTC(2026, 11, 2, 9);
    const clock = vi.spyOn(Date, 'now').mockReturnValue(setBack + 2 * hour);
    try {
      const db = await openVoteDatabase(`calls-${++counter}`);
      opened.push(db);
      const calls = createBackgroundCalls(
        () => Promise.resolve(db),
        () => Date.now(),
      );
      const deliver = (message: unknown) => answerMessage(calls, structuredClone(message));
      // Each context numbers its own calls: the tab and the popup load the protocol apart.
      vi.resetModules();
      const tab = await import('../../src/protocol');
      vi.resetModules();
      const popup = await import('../../src/protocol');
      // The tab read its article while the clock ran two hours fast.
      await tab.callBackground(deliver, 'getReaction', { url: page });
      clock.mockReturnValue(setBack);
      const { key } = await tab.callBackground(deliver, 'setReaction', {
        url: page,
        title: 'Story',
        reaction: 'like',
      });
      clock.mockReturnValue(setBack + 60_000);
      await expect(
        popup.callBackground(deliver, 'editVote', { key, reaction: null }),
      ).resolves.toMatchObject({ after: null });
      expect(await calls.getReaction({ url: page })).toMatchObject({ reaction: null });
    } finally {
      clock.mockRestore();
    }
  });
});

describe("a newsletter's link, made long by tracking parameters", () => {
  /** `page` made 2,500 characters long by a newsletter's tracking parameters. */
  const link = `https://www.news.example/world/story?utm_source=newsletter&_hsenc=${'p2ANqtz-'.repeat(300)}&mc_eid=7f3#comments`;

  it('stores the vote under the article key, linked to the address without them', async () => {
    const { send, calls } = setUp();
    expect(link.length).toBeGreaterThan(MAX_URL_LENGTH);
    await calls.setReaction({ url: page, title: 'Story', reaction: 'like' });
    expect(
      await send({ call: 'setReaction', input: { url: link, title: 'Story', reaction: 'wow' } }),
    ).toEqual({
      ok: true,
      value: { key: 'https://news.example/world/story', reaction: 'wow' },
    });
    expect(await send({ call: 'getReaction', input: { url: link } })).toMatchObject({
      ok: true,
      value: { key: 'https://news.example/world/story', reaction: 'wow' },
    });
    const history = await calls.listHistory({ limit: 10 });
    expect(history).toMatchObject([
      { url: 'https://www.news.example/world/story', reaction: 'wow' },
    ]);
    // Exported and imported as any vote is.
    const { votes } = await calls.exportHistory({ limit: 10 });
    expect(await calls.importHistory({ votes })).toMatchObject({ rejected: 0 });
  });

  it('links the vote to the address without them from an in-process call too', async () => {
    const { calls } = setUp();
    await calls.setReaction({ url: link, title: 'Story', reaction: 'sad' });
    expect(await calls.listHistory({ limit: 10 })).toMatchObject([
      { url: 'https://www.news.example/world/story', reaction: 'sad' },
    ]);
  });

  it('refuses, as invalid, one still too long without them, and stores nothing', async () => {
    const { send, calls } = setUp();
    const url = `https://news.example/story?q=${'a'.repeat(MAX_URL_LENGTH)}&fbclid=x`;
    expect(
      await send({ call: 'setReaction', input: { url, title: 'Story', reaction: 'wow' } }),
    ).toEqual({
      ok: false,
      error: `url is longer than ${MAX_URL_LENGTH} characters even without its tracking parameters`,
      kind: 'refused',
      invalid: true,
    });
    expect(await calls.listHistory({ limit: 10 })).toEqual([]);
    // Its site's switch is still read: only the host counts.
    expect(await send({ call: 'getSiteState', input: { url } })).toMatchObject({
      ok: true,
      value: { site: 'news.example', disabled: false },
    });
  });
});

describe('a long address whose key is longer still', () => {
  // Its query's slashes and colons are escaped in the key: three characters each.
  const url = `https://news.example/story?next=${'/a:b'.repeat(400)}`;

  it('can be changed, removed, put back, exported and imported like any other', async () => {
    const { send } = setUp();
    const ask = async (call: string, input: object) => {
      const reply = (await send({ call, input })) as { ok: boolean; value?: unknown };
      expect(reply, call).toMatchObject({ ok: true });
      return reply.value as Record<string, unknown>;
    };
    const { key } = await ask('setReaction', { url, title: 'Long', reaction: 'like' });
    expect((key as string).length).toBeGreaterThan(MAX_URL_LENGTH);
    await ask('editVote', { key, reaction: 'sad' });
    const { before } = await ask('editVote', { key, reaction: null });
    await ask('restoreVote', { vote: before });
    const [vote] = (await ask('exportHistory', { limit: 10 })).votes as unknown[];
    await ask('clearHistory', {});
    expect(await ask('importHistory', { votes: [vote] })).toMatchObject({ added: 1 });
    expect(await ask('getReaction', { url })).toMatchObject({ key, reaction: 'sad' });
  });

  it('is refused where the parser writes its raw characters out past MAX_URL_LENGTH', async () => {
    const { send, calls } = setUp();
    // 2,021 characters as sent; each `é` is six (`%C3%A9`) in the address parsed.
    const raw = `https://news.example/story?q=${'é'.repeat(2000)}`;
    expect(raw.length).toBeLessThan(MAX_URL_LENGTH);
    const input = { url: raw, title: 'Long', reaction: 'like' };
    expect(await send({ call: 'setReaction', input })).toEqual({
      ok: false,
      error: `url is longer than ${MAX_URL_LENGTH} characters even without its tracking parameters`,
      kind: 'refused',
      invalid: true,
    });
    // Declared by a page, it is passed over: the page's own address is the key.
    const declaring = { ...input, url: 'https://news.example/story', declaredUrls: [raw] };
    expect(await send({ call: 'setReaction', input: declaring })).toEqual({
      ok: true,
      value: { key: 'https://news.example/story', reaction: 'like' },
    });
    expect((await calls.listHistory({ limit: 10 })).map((vote) => vote.key)).toEqual([
      'https://news.example/story',
    ]);
  });

  it.each([
    ['raw characters the parser escapes', `?q=${'é'.repeat(2000)}`],
    ['a query written anew with escapes', `?q=${'/'.repeat(3000)}`],
  ])('is refused from a backup, where its key grows past MAX_KEY_LENGTH: %s', async (_, query) => {
    const { send, calls } = setUp();
    const vote = backupVote(`https://news.example/a${query}`, 'https://news.example/a');
    expect(await calls.importHistory({ votes: [vote] })).toMatchObject({ added: 0, rejected: 1 });
    expect(await send({ call: 'restoreVote', input: { vote } })).toMatchObject({ ok: false });
    expect(await calls.listHistory({ limit: 10 })).toEqual([]);
  });
});

describe('a backup exported before the update that moved votes off shared addresses', () => {
  it("files a vote kept under its page's section under the story, where its toolbar finds it", async () => {
    const { calls } = setUp();
    const story = 'https://news.example/news/harbour-fire';
    const filedUnderSection = backupVote('https://news.example/news', story);
    expect(await calls.importHistory({ votes: [filedUnderSection] })).toMatchObject({ added: 1 });
    expect(await calls.getReaction({ url: story })).toMatchObject({ key: story, reaction: 'like' });
    expect((await calls.listHistory({ limit: 10 })).map((vote) => vote.key)).toEqual([story]);
  });
});

describe("an article read through Google's AMP cache", () => {
  const url = 'https://news-example.cdn.ampproject.org/c/s/news.example/world/story';

  it('is keyed by the publisher, and can be removed, put back, exported and imported', async () => {
    const { calls } = setUp();
    const { key } = await calls.setReaction({ url, title: 'Story', reaction: 'like' });
    expect(key).toBe('https://news.example/world/story');
    const { before } = await calls.editVote({ key, reaction: null });
    await calls.restoreVote({ vote: before! });
    const { votes } = await calls.exportHistory({ limit: 10 });
    await calls.clearHistory({});
    expect(await calls.importHistory({ votes })).toMatchObject({ added: 1, rejected: 0 });
    expect(await calls.getReaction({ url })).toMatchObject({ key, reaction: 'like' });
  });

  it("is not another site's when the cache's page names one", async () => {
    // The page may rewrite its path (history.replaceState), not the label its site is served under.
    const { calls } = setUp();
    const rewritten = 'https://evil-example.cdn.ampproject.org/c/s/news.example/world/story';
    const { key } = await calls.setReaction({ url: rewritten, title: 'Story', reaction: 'like' });
    expect(key).toBe(rewritten);
    expect(await calls.getReaction({ url })).toMatchObject({ reaction: null });
  });
});

describe('an article on a host whose variant label the key leaves off a public suffix', () => {
  // The key's host is `gov.uk`, the address the history links to keeps `www.gov.uk`.
  it.each(['https://www.gov.uk/government/news/x', 'https://m.github.io/post'])(
    '%s can be removed, put back, exported and imported',
    async (url) => {
      const { calls } = setUp();
      const { key } = await calls.setReaction({ url, title: 'T', reaction: 'like' });
      const { before } = await calls.editVote({ key, reaction: null });
      await calls.restoreVote({ vote: before! });
      const { votes } = await calls.exportHistory({ limit: 10 });
      await calls.clearHistory({});
      expect(await calls.importHistory({ votes })).toMatchObject({ added: 1, rejected: 0 });
      expect(await calls.getReaction({ url })).toMatchObject({ key, reaction: 'like' });
    },
  );
});

describe("users' hosts on a host service's suffix (github.io), named like variant labels", () => {
  const hosts = ['m.github.io', 'www.github.io', 'amp.github.io'];

  it('are a site each: their votes go by keys of their own, and stay so through undo', async () => {
    const { calls, send } = setUp();
    for (const [i, host] of hosts.entries()) {
      const url = `https://${host}/a`;
      const { key } = await calls.setReaction({ url, title: host, reaction: 'like' });
      expect(key).toBe(url);
      if (i === 0) await calls.setReaction({ url, title: host, reaction: 'wow' });
    }
    const listed = await calls.listHistory({ limit: 10 });
    expect(listed.map(({ key, site, reaction }) => [key, site, reaction]).sort()).toEqual([
      ['https://amp.github.io/a', 'amp.github.io', 'like'],
      ['https://m.github.io/a', 'm.github.io', 'wow'],
      ['https://www.github.io/a', 'www.github.io', 'like'],
    ]);
    // Undo of a removal, sent as the popup sends it, puts the vote back under the key it left.
    const { before } = await calls.editVote({ key: 'https://m.github.io/a', reaction: null });
    await expect(send({ call: 'restoreVote', input: { vote: before } })).resolves.toEqual({
      ok: true,
      value: { key: 'https://m.github.io/a', reaction: 'wow' },
    });
    await expect(calls.getReaction({ url: 'https://m.github.io/a' })).resolves.toMatchObject({
      reaction: 'wow',
    });
    const { votes } = await calls.exportHistory({ limit: 10 });
    expect(votes.map(({ key, site }) => [key, site]).sort()).toEqual(
      hosts.map((host) => [`https://${host}/a`, host]).sort(),
    );
    await calls.clearHistory({});
    expect(await calls.importHistory({ votes })).toMatchObject({ added: 3, rejected: 0 });
    const imported = await calls.listHistory({ limit: 10 });
    expect(imported.map(({ key, site }) => [key, site]).sort()).toEqual(
      hosts.map((host) => [`https://${host}/a`, host]).sort(),
    );
  });

  it("keys a backup's key written with a variant label as the background keys it", async () => {
    const { calls } = setUp();
    const votes = [backupVote('https://www.news.example/a/?xtor=RSS-1', 'https://news.example/a')];
    expect(await calls.importHistory({ votes })).toMatchObject({ added: 1, rejected: 0 });
    const listed = await calls.listHistory({ limit: 10 });
    expect(listed.map(({ key, site }) => [key, site])).toEqual([
      ['https://news.example/a', 'news.example'],
    ]);
  });

  it('a backup made before keeps them apart, each under its own page', async () => {
    const { calls } = setUp();
    // An earlier version keyed both as the suffix's: the links still tell them apart.
    const votes = [
      backupVote('https://github.io/a', 'https://m.github.io/a', 2),
      backupVote('https://gov.uk/government/x', 'https://www.gov.uk/government/x', 3),
    ];
    expect(await calls.importHistory({ votes })).toMatchObject({ added: 2, rejected: 0 });
    const listed = await calls.listHistory({ limit: 10 });
    expect(listed.map(({ key, site }) => [key, site])).toEqual([
      ['https://www.gov.uk/government/x', 'www.gov.uk'],
      ['https://m.github.io/a', 'm.github.io'],
    ]);
  });
});

describe('the site switch on a page whose address only looks like a wrapper', () => {
  // `co.nl` is a suffix anyone registers under: `www.google.co.nl` need not be Google's.
  const impostor = 'https://www.google.co.nl/amp/s/news.example/world/story';

  it("names and turns off the page's own site, never the one its address names", async () => {
    const { calls, notices } = setUp();
    await expect(calls.getSiteState({ url: impostor })).resolves.toMatchObject({
      site: 'google.co.nl',
      disabled: false,
    });
    await expect(calls.setSiteDisabled({ url: impostor, disabled: true })).resolves.toEqual({
      site: 'google.co.nl',
      disabled: true,
    });
    expect(notices).toEqual([
      { notice: 'siteToggled', input: { site: 'google.co.nl', disabled: true } },
    ]);
    await expect(calls.listDisabledSites({})).resolves.toEqual({ sites: ['google.co.nl'] });
    await expect(calls.getSiteState({ url: page })).resolves.toMatchObject({
      site: 'news.example',
      disabled: false,
    });
  });

  it('leaves the site its address names as the reader set it', async () => {
    const { calls } = setUp();
    await calls.setSiteDisabled({ url: page, disabled: true });
    await expect(calls.getSiteState({ url: impostor })).resolves.toMatchObject({
      site: 'google.co.nl',
      disabled: false,
    });
    await calls.setSiteDisabled({ url: impostor, disabled: false });
    await expect(calls.getSiteState({ url: page })).resolves.toMatchObject({ disabled: true });
  });
});

describe("a page on a host that passes for Google's AMP viewer", () => {
  // `co.nl` is a suffix anyone registers under: `www.google.co.nl` need not be Google's.
  const impostor = 'https://www.google.co.nl/amp/s/news.example/world/story';

  it("files no vote under the article its address names, leaving the reader's own", async () => {
    const { calls } = setUp();
    const url = 'https://news.example/world/story';
    await calls.setReaction({ url, title: 'Story', reaction: 'love' });
    await expect(
      calls.setReaction({ url: impostor, title: 'Forged', reaction: 'angry' }),
    ).rejects.toThrow(InvalidMessageError);
    const { votes } = await calls.exportHistory({ limit: 10 });
    expect(votes).toMatchObject([{ url, title: 'Story', reaction: 'love' }]);
  });
});

describe('undo after the popup closed', () => {
  const story = { url: page, title: 'Story', reaction: 'wow' } as const;

  it('keeps the last removal aside until undone, replaced or voted again', async () => {
    const { calls } = setUp();
    const { key } = await calls.setReaction(story);
    await calls.setReaction({ ...story, url: 'https://b.example/x' });
    await expect(calls.lastRemoval({})).resolves.toEqual({ vote: null });
    const { before } = await calls.editVote({ key, reaction: null });
    // The popup closed and opened again: it asks what it can undo.
    await expect(calls.lastRemoval({})).resolves.toEqual({ vote: before });
    await calls.restoreVote({ vote: before! });
    await expect(calls.lastRemoval({})).resolves.toEqual({ vote: null });
    expect(await calls.getReaction(story)).toMatchObject({ reaction: 'wow' });

    await calls.editVote({ key, reaction: null });
    const second = await calls.editVote({ key: 'https://b.example/x', reaction: null });
    await expect(calls.lastRemoval({})).resolves.toEqual({ vote: second.before });

    await calls.setReaction({ ...story, url: 'https://b.example/x', reaction: 'sad' });
    await expect(calls.lastRemoval({})).resolves.toEqual({ vote: null });
  });

  it('offers no undo once the article was voted on again, though that vote was taken back', async () => {
    const { calls } = setUp();
    const { key } = await calls.setReaction(story);
    const { before } = await calls.editVote({ key, reaction: null });
    // In the tab: a new reaction, then a click on it again to take it back.
    await calls.setReaction({ ...story, reaction: 'sad' });
    await calls.setReaction({ ...story, reaction: null });
    await expect(calls.lastRemoval({})).resolves.toEqual({ vote: null });
    // The popup left open since still shows Undo: pressed, it puts nothing back.
    await expect(calls.restoreVote({ vote: before! })).resolves.toEqual({ key, reaction: null });
    expect(await calls.getReaction(story)).toMatchObject({ reaction: null });
    await expect(calls.listHistory({ limit: 5 })).resolves.toEqual([]);
  });

  it('forgets a removal after UNDO_KEEP_MS', async () => {
    const { calls, wait } = setUp();
    const { key } = await calls.setReaction(story);
    const { before } = await calls.editVote({ key, reaction: null });
    wait(UNDO_KEEP_MS - 5_000);
    await expect(calls.lastRemoval({})).resolves.toEqual({ vote: before });
    wait(10_000);
    await expect(calls.lastRemoval({})).resolves.toEqual({ vote: null });
  });

  it('is gone after clearing everything', async () => {
    const { calls } = setUp();
    const { key } = await calls.setReaction(story);
    await calls.setReaction({ ...story, url: 'https://b.example/x' });
    await calls.editVote({ key, reaction: null });
    await calls.clearHistory({});
    await expect(calls.lastRemoval({})).resolves.toEqual({ vote: null });
  });
});

describe('a vote an earlier version stored created after it was updated (its clock set back)', () => {
  async function storeDamaged() {
    const source = setUp();
    const damaged: Vote = {
      ...backupVote('https://news.example/a'),
      reaction: 'like',
      createdAt: 1_700_000_000_000,
    };
    await mergeVotes(await source.database, [damaged]);
    return { source, damaged };
  }

  it('is exported and imported again, created when it was updated', async () => {
    const { source, damaged } = await storeDamaged();
    const { votes } = await source.calls.exportHistory({ limit: 10 });
    const target = setUp();
    await expect(target.calls.importHistory({ votes })).resolves.toMatchObject({
      added: 1,
      rejected: 0,
    });
    expect(await target.calls.listHistory({ limit: 5 })).toEqual([
      { ...damaged, createdAt: damaged.updatedAt },
    ]);
  });

  it('is put back by undo after the popup removed it', async () => {
    const { source, damaged } = await storeDamaged();
    await source.calls.editVote({ key: damaged.key, reaction: null });
    const { vote } = await source.calls.lastRemoval({});
    await expect(source.send({ call: 'restoreVote', input: { vote } })).resolves.toEqual({
      ok: true,
      value: { key: damaged.key, reaction: 'like' },
    });
    expect(await source.calls.listHistory({ limit: 5 })).toMatchObject([{ key: damaged.key }]);
  });
});

describe('a vote stored while the clock ran days ahead', () => {
  it('is put back by undo after the popup removed it', async () => {
    const { calls, database, send } = setUp();
    const ahead = 1_700_000_000_000 + 3 * 24 * 60 * 60 * 1000;
    const stored: Vote = {
      ...backupVote('https://news.example/a', undefined, ahead),
      reaction: 'like',
    };
    await mergeVotes(await database, [stored]);
    await calls.editVote({ key: stored.key, reaction: null });
    const { vote } = await calls.lastRemoval({});
    await expect(send({ call: 'restoreVote', input: { vote } })).resolves.toEqual({
      ok: true,
      value: { key: stored.key, reaction: 'like' },
    });
    expect(await calls.listHistory({ limit: 5 })).toEqual([stored]);
  });

  it('is still refused when it is not the removal kept aside', async () => {
    const { send } = setUp();
    const vote = backupVote(
      'https://news.example/a',
      undefined,
      1_700_000_000_000 + 3 * 86_400_000,
    );
    await expect(send({ call: 'restoreVote', input: { vote } })).resolves.toEqual({
      ok: false,
      error: 'vote.updatedAt is in the future',
      kind: 'refused',
      invalid: true,
    });
  });
});

describe('popup calls', () => {
  it('edits, removes and restores a vote exactly, telling open tabs each time', async () => {
    const { calls, notices } = setUp();
    const { key } = await calls.setReaction({ url: page, title: 'Story', reaction: 'wow' });
    const { after } = await calls.editVote({ key, reaction: 'sad' });
    expect(after).toMatchObject({ reaction: 'sad', title: 'Story' });
    const { before } = await calls.editVote({ key, reaction: null });
    expect(before).toEqual(after);
    await calls.restoreVote({ vote: before! });
    expect(await calls.listHistory({ limit: 5 })).toEqual([after]);
    expect(notices).toEqual(
      [['wow'], ['sad'], [null], ['sad']].map(([reaction]) => ({
        notice: 'voteChanged',
        input: { key, reaction },
      })),
    );
  });

  it('counts all time and recent reactions', async () => {
    const { calls } = setUp();
    await calls.setReaction({ url: 'https://a.example/1', title: 'One', reaction: 'like' });
    await calls.setReaction({ url: 'https://a.example/2', title: 'Two', reaction: 'like' });
    const stats = await calls.getHistoryStats({});
    expect(stats.counts.like).toBe(2);
    expect(stats.last7Days.like).toBe(2);
    expect(stats.last30Days.love).toBe(0);
  });

  it('exports in pages by key and imports the records back losslessly', async () => {
    const source = setUp();
    await source.calls.setReaction({ url: page, title: 'Story', reaction: 'wow' });
    await source.calls.setReaction({ url: 'https://b.example/x', title: 'B', reaction: 'sad' });
    await source.calls.setReaction({ url: 'https://c.example/y', title: 'C', reaction: 'love' });
    const first = await source.calls.exportHistory({ limit: 2 });
    const rest = await source.calls.exportHistory({ after: first.votes[1]!.key, limit: 2 });
    const votes = [...first.votes, ...rest.votes];
    expect(votes.map((v) => v.key)).toEqual([
      'https://b.example/x',
      'https://c.example/y',
      'https://news.example/world/story',
    ]);

    const target = setUp();
    await expect(target.calls.importHistory({ votes })).resolves.toEqual({
      added: 3,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      rejectedFutureDated: 0,
      rejectedOtherSite: 0,
    });
    expect(target.notices).toEqual([{ notice: 'historyChanged', input: {} }]);
    expect(await target.calls.listHistory({ limit: 5 })).toEqual(
      await source.calls.listHistory({ limit: 5 }),
    );
    await expect(target.calls.importHistory({ votes })).resolves.toMatchObject({ unchanged: 3 });
    expect(target.notices).toHaveLength(1);
  });

  it('counts invalid and repeated records in an import batch, keeping the newest copy', async () => {
    const { calls } = setUp();
    const vote = backupVote('https://a.example/1', 'https://a.example/1', 5);
    const report = await calls.importHistory({
      votes: [vote, { ...vote, reaction: 'sad', updatedAt: 6 }, { ...vote, key: 'x' }, null],
    });
    expect(report).toEqual({
      added: 1,
      updated: 0,
      unchanged: 1,
      rejected: 2,
      rejectedFutureDated: 0,
      rejectedOtherSite: 0,
    });
    expect(await calls.getReaction({ url: vote.url })).toMatchObject({ reaction: 'sad' });
  });

  it('tells which rejected records were dated more than a day ahead of its clock', async () => {
    const { calls } = setUp();
    const past = backupVote('https://a.example/1');
    const ahead = backupVote(
      'https://a.example/2',
      undefined,
      1_700_000_000_000 + 2 * MAX_CLOCK_SKEW_MS,
    );
    const report = await calls.importHistory({ votes: [past, ahead, { ...past, key: 'x' }] });
    expect(report).toMatchObject({ added: 1, rejected: 2, rejectedFutureDated: 1 });
  });

  it('turns a site off and on, telling open tabs', async () => {
    const { calls, notices } = setUp();
    await expect(calls.getSiteState({ url: page })).resolves.toMatchObject({
      site: 'news.example',
      disabled: false,
    });
    await calls.setSiteDisabled({ url: 'https://m.news.example/other', disabled: true });
    await expect(calls.getReaction({ url: page })).resolves.toMatchObject({ siteDisabled: true });
    expect(notices).toEqual([
      { notice: 'siteToggled', input: { site: 'news.example', disabled: true } },
    ]);
  });

  it.each([
    ['https://www.gov.uk/x', 'www.gov.uk', 'https://www.ons.gov.uk/a', 'ons.gov.uk'],
    ['https://m.github.io/x', 'm.github.io', 'https://alice.github.io/a', 'alice.github.io'],
  ])(
    'turns %s off as %s, not the sites under its public suffix (%s)',
    async (url, site, other, otherSite) => {
      const { calls, notices } = setUp();
      await calls.setSiteDisabled({ url, disabled: true });
      await expect(calls.getSiteState({ url })).resolves.toMatchObject({ site, disabled: true });
      await expect(calls.getSiteState({ url: other })).resolves.toMatchObject({
        site: otherSite,
        disabled: false,
      });
      await expect(calls.getReaction({ url: other })).resolves.toMatchObject({
        siteDisabled: false,
      });
      expect(notices).toEqual([{ notice: 'siteToggled', input: { site, disabled: true } }]);
      await calls.setSiteDisabled({ url, disabled: false });
      await expect(calls.listDisabledSites({})).resolves.toEqual({ sites: [] });
    },
  );

  it.each([
    'https://www.google.com/amp/s/news.example/world/story',
    'https://news-example.cdn.ampproject.org/c/s/news.example/world/story',
  ])('turns the publisher off from its page read through %s, not Google', async (amp) => {
    const { calls, notices } = setUp();
    await expect(calls.setSiteDisabled({ url: amp, disabled: true })).resolves.toEqual({
      site: 'news.example',
      disabled: true,
    });
    await expect(calls.getReaction({ url: page })).resolves.toMatchObject({ siteDisabled: true });
    await expect(calls.getSiteState({ url: amp })).resolves.toMatchObject({
      site: 'news.example',
      disabled: true,
    });
    // Another publisher's page in the same viewer or cache is on.
    const other = amp.replace(/news(.)example/g, 'othernews$1example');
    await expect(calls.getReaction({ url: other })).resolves.toMatchObject({
      key: 'https://othernews.example/world/story',
      siteDisabled: false,
    });
    expect(notices).toEqual([
      { notice: 'siteToggled', input: { site: 'news.example', disabled: true } },
    ]);
    await calls.setSiteDisabled({ url: amp, disabled: false });
    await expect(calls.listDisabledSites({})).resolves.toEqual({ sites: [] });
  });

  it("keeps a site off on a host written with its final dot ('news.example.')", async () => {
    const { calls } = setUp();
    const dotted = 'https://www.news.example./world/other';
    await calls.setSiteDisabled({ url: 'https://news.example/', disabled: true });
    await expect(calls.getSiteState({ url: dotted })).resolves.toMatchObject({
      site: 'news.example',
      disabled: true,
    });
    await expect(calls.getReaction({ url: dotted })).resolves.toMatchObject({
      siteDisabled: true,
    });
    await calls.setSiteDisabled({ url: dotted, disabled: false });
    await expect(calls.getSiteState({ url: page })).resolves.toMatchObject({ disabled: false });
  });

  it('turns a site off with the domains below it, and on again from any of them', async () => {
    const { calls, notices } = setUp();
    const edition = 'https://edition.news.example/world/story';
    await calls.setSiteDisabled({ url: 'https://news.example/', disabled: true });
    await expect(calls.getReaction({ url: edition })).resolves.toMatchObject({
      siteDisabled: true,
    });
    // The popup on the page names the entry that turned it off.
    await expect(calls.getSiteState({ url: edition })).resolves.toMatchObject({
      site: 'news.example',
      disabled: true,
    });
    await expect(calls.getSiteState({ url: 'https://othernews.example/' })).resolves.toMatchObject({
      site: 'othernews.example',
      disabled: false,
    });
    // Turned on from the page below, the entry above goes, and its tabs hear of it.
    notices.length = 0;
    await calls.setSiteDisabled({ url: edition, disabled: false });
    await expect(calls.getReaction({ url: page })).resolves.toMatchObject({ siteDisabled: false });
    await expect(calls.listDisabledSites({})).resolves.toEqual({ sites: [] });
    expect(notices).toEqual([
      { notice: 'siteToggled', input: { site: 'news.example', disabled: false } },
    ]);
  });

  it("keeps the reader's correction under the article's key, telling open tabs", async () => {
    const { calls, notices } = setUp();
    const key = 'https://news.example/world/story';
    await expect(calls.getCorrection({ url: page })).resolves.toEqual({ toolbar: null });
    const correction = { toolbar: 'hide' as const, title: 'Story', url: page, setAt: 1 };
    await calls.setCorrection({ key, correction });
    // The page reached through another address, or declaring its canonical one, is the same.
    await expect(calls.getCorrection({ url: 'https://news.example/world/story' })).resolves.toEqual(
      { toolbar: 'hide' },
    );
    await expect(
      calls.getCorrection({ url: 'https://news.example/amp/x', declaredUrls: [key] }),
    ).resolves.toEqual({ toolbar: 'hide' });
    await expect(calls.getCorrection({ url: 'https://news.example/other' })).resolves.toEqual({
      toolbar: null,
    });
    await calls.setCorrection({ key, correction: null });
    await expect(calls.getCorrection({ url: page })).resolves.toEqual({ toolbar: null });
    expect(notices).toEqual([
      { notice: 'correctionChanged', input: { key } },
      { notice: 'correctionChanged', input: { key } },
    ]);
  });

  // The popup on a page no content script runs in yet (open before the install) knows only the
  // tab's address: the toolbar, once it runs, goes by the address the page declares.
  it("finds a correction the popup made under the page's own address", async () => {
    const { calls } = setUp();
    const ampPage = 'https://news.example/amp/story';
    const canonical = 'https://news.example/world/story';
    const { key } = await calls.getReaction({ url: ampPage });
    const correction = { toolbar: 'show' as const, title: 'Story', url: ampPage, setAt: 1 };
    await calls.setCorrection({ key, correction });
    await expect(calls.getCorrection({ url: ampPage, declaredUrls: [canonical] })).resolves.toEqual(
      { toolbar: 'show' },
    );
    // One made since under the article's key says more: the reader made it with the toolbar.
    await calls.setCorrection({ key: canonical, correction: { ...correction, toolbar: 'hide' } });
    await expect(calls.getCorrection({ url: ampPage, declaredUrls: [canonical] })).resolves.toEqual(
      { toolbar: 'hide' },
    );
    // Another page declaring the same article does not take this page's own.
    await calls.setCorrection({ key: canonical, correction: null });
    await expect(
      calls.getCorrection({ url: 'https://news.example/print/story', declaredUrls: [canonical] }),
    ).resolves.toEqual({ toolbar: null });
  });

  /**
   * A page at an AMP address declaring its article's (`canonical`), its own key, and a
   * correction made on it.
   */
  async function ampPageOf(calls: CallHandlers) {
    const ampPage = 'https://news.example/amp/story';
    const canonical = 'https://news.example/world/story';
    const { key: own } = await calls.getReaction({ url: ampPage });
    const made = (toolbar: 'show' | 'hide', setAt: number) => ({
      toolbar,
      title: 'Story',
      url: ampPage,
      setAt,
    });
    return { ampPage, canonical, own, onPage: { url: ampPage, declaredUrls: [canonical] }, made };
  }

  // A page with a correction under its own address (made in the popup before the toolbar ran
  // there) and one under its article's: the options page would list two, and forgetting one
  // would bring the other back.
  it('keeps one correction per page: the latest wins, forgetting forgets it', async () => {
    const { calls, notices } = setUp();
    const { ampPage, canonical, own, onPage, made } = await ampPageOf(calls);
    await calls.setCorrection({ key: own, correction: made('show', 1) });
    await calls.setCorrection({ key: canonical, correction: made('hide', 2) });
    // The page's own one is gone, and the popup, keying by the tab's address, finds none there.
    await expect(calls.getCorrection({ url: ampPage })).resolves.toEqual({ toolbar: null });
    expect(notices.slice(-2)).toEqual([
      { notice: 'correctionChanged', input: { key: canonical } },
      { notice: 'correctionChanged', input: { key: own } },
    ]);
    await calls.setCorrection({ key: canonical, correction: null });
    await expect(calls.getCorrection(onPage)).resolves.toEqual({ toolbar: null });

    // One the popup made since under the page's own address is the reader's last word: it
    // replaces the article's made there, and forgetting it leaves none.
    await calls.setCorrection({ key: canonical, correction: made('hide', 3) });
    await calls.setCorrection({ key: own, correction: made('show', 4) });
    await expect(calls.getCorrection(onPage)).resolves.toEqual({ toolbar: 'show' });
    await expect(calls.getCorrection({ url: canonical })).resolves.toEqual({ toolbar: null });
    await calls.setCorrection({ key: own, correction: null });
    await expect(calls.getCorrection(onPage)).resolves.toEqual({ toolbar: null });
    // One made on another page of the article (its print version) stays the article's.
    const printed = { ...made('hide', 7), url: 'https://news.example/print/story' };
    await calls.setCorrection({ key: canonical, correction: printed });
    await calls.setCorrection({ key: own, correction: made('show', 8) });
    await expect(calls.getCorrection(onPage)).resolves.toEqual({ toolbar: 'show' });
    await calls.setCorrection({ key: own, correction: null });
    await expect(calls.getCorrection(onPage)).resolves.toEqual({ toolbar: 'hide' });
  });

  // The options page forgetting the page's correction while the popup makes a new one there, or
  // two pages each making one: each call removes the page's others, and must not remove the other
  // call's.
  it.each([
    ['two corrections made', 'show' as const],
    ['a correction forgotten and another made', null],
  ])('keeps the later of %s on one page at once', async (_name, first) => {
    const { calls } = setUp();
    const { canonical, own, onPage, made } = await ampPageOf(calls);
    await calls.setCorrection({ key: own, correction: made('show', 1) });
    await Promise.all([
      calls.setCorrection({ key: own, correction: first && made(first, 2) }),
      calls.setCorrection({ key: canonical, correction: made('hide', 3) }),
    ]);
    await expect(calls.getCorrection(onPage)).resolves.toEqual({ toolbar: 'hide' });
  });

  // storage.local is any content script's to write: the options page listed a correction written
  // there without the background's proof, which does not apply, under whatever title it gave.
  it('lists only the corrections the background proved, newest first', async () => {
    const { items, local } = memoryLocal();
    const proofKey = toBase64(crypto.getRandomValues(new Uint8Array(32)));
    const corrections = createStoredCorrections(local, {
      keyFor: async () => proofKey,
      madeHere: async () => false,
    });
    const calls = createBackgroundCalls(
      () => Promise.reject(new Error('no database here')),
      undefined,
      undefined,
      undefined,
      undefined,
      corrections,
    );
    const made = (title: string, setAt: number) => {
      const url = `https://news.example/${title}`;
      return { key: url, toolbar: 'hide' as const, title, url, setAt };
    };
    for (const { key, ...correction } of [made('older', 1), made('newer', 2)]) {
      await calls.setCorrection({ key, correction });
    }
    const { key: forgedKey, ...forged } = made('forged', 3);
    items[correctionStorageKey(forgedKey)] = forged;
    const copied = items[correctionStorageKey(made('older', 1).key)] as object;
    items[correctionStorageKey('https://news.example/copied')] = { ...copied, title: 'copied' };
    await expect(calls.listCorrections({})).resolves.toEqual({
      corrections: [made('newer', 2), made('older', 1)],
    });
    await expect(
      answerMessage(calls, { call: 'listCorrections', input: {} }),
    ).resolves.toMatchObject({ ok: true, value: { corrections: [{ title: 'newer' }, {}] } });
  });

  // The options page listed it, and the worker stopped idle: the next one, its proof database
  // unreadable, still takes the correction away on Forget (the reader asked it gone).
  it('forgets a correction while the proof database cannot be read', async () => {
    const { items, local } = memoryLocal();
    const proofKey = toBase64(crypto.getRandomValues(new Uint8Array(32)));
    const readable = { keyFor: async () => proofKey, madeHere: async () => false };
    const noRevocations = { revise: async () => {}, among: async () => new Set<string>() };
    const key = 'https://news.example/world/story';
    const correction = { toolbar: 'hide' as const, title: 'Story', url: key, setAt: 1 };
    await createBackgroundCalls(
      () => Promise.reject(new Error('no database here')),
      ...([undefined, undefined, undefined, undefined] as const),
      createStoredCorrections(local, readable, noRevocations),
    ).setCorrection({ key, correction });
    const unreadable = () => Promise.reject(new DOMException('gone', 'UnknownError'));
    const calls = createBackgroundCalls(
      () => Promise.reject(new Error('no database here')),
      ...([undefined, undefined, undefined, undefined] as const),
      createStoredCorrections(
        local,
        { keyFor: unreadable, madeHere: unreadable },
        { revise: unreadable, among: unreadable },
      ),
    );
    await expect(calls.setCorrection({ key, correction: null })).resolves.toEqual({});
    expect(items).toEqual({});
  });

  it('tells a page whether the reader corrected any, so that it asks for its own only then', async () => {
    const { calls } = setUp();
    const anyCorrection = async () => (await calls.getSiteState({ url: page })).anyCorrection;
    expect(await anyCorrection()).toBe(false);
    const key = 'https://news.example/world/other';
    const correction = { toolbar: 'show' as const, title: 'Other', url: key, setAt: 1 };
    await calls.setCorrection({ key, correction });
    expect(await anyCorrection()).toBe(true);
    await calls.setCorrection({ key, correction: null });
    expect(await anyCorrection()).toBe(false);
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

  // Only a pending vote, applied by the background itself, is dated by its click.
  it("dates a message's vote when it lands, whatever time its envelope names", async () => {
    const { calls, send } = setUp();
    const input = { url: page, title: 'A', reaction: 'like' };
    await send({ call: 'setReaction', input, op: 1, votedAt: 5 });
    const [stored] = await calls.listHistory({ limit: 1 });
    expect(stored?.updatedAt).toBeGreaterThan(1_700_000_000_000);
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

/** `target` with its methods bound to it, and `overrides` in front. */
function withOverrides<T extends object>(target: T, overrides: Partial<T>): T {
  return new Proxy(target, {
    get(object, property) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof T];
      const value: unknown = Reflect.get(object, property, object);
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}

/**
 * The database as the browser has it with the disk full: write transactions queue their
 * requests, then fail to commit with QuotaExceededError and keep nothing.
 */
function withFullDisk(db: VoteDatabase): VoteDatabase {
  return withOverrides(db, {
    transaction: ((...args: Parameters<VoteDatabase['transaction']>) => {
      const tx = db.transaction(...args);
      if (args[1] !== 'readwrite') return tx;
      // The commit fails once the write waits for it: not where `done` is looked at as the
      // transaction is made, to hear a failure that comes before the write waits.
      let queued = false;
      queueMicrotask(() => (queued = true));
      let failing: Promise<void> | undefined;
      return withOverrides(tx, {
        get done() {
          if (!queued) return tx.done;
          failing ??= (() => {
            tx.abort();
            return tx.done.then(
              () => {},
              () => {
                throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
              },
            );
          })();
          return failing;
        },
      });
    }) as VoteDatabase['transaction'],
  });
}

describe('storage failures', () => {
  it('answers a write the disk cannot hold with "storage is full", keeping the stored vote', async () => {
    const { calls } = setUp();
    const { key } = await calls.setReaction({ url: page, title: 'Story', reaction: 'wow' });
    const db = await openVoteDatabase(`calls-${counter}`);
    opened.push(db);
    const full = createBackgroundCalls(() => Promise.resolve(withFullDisk(db)));

    const reply = await answerMessage(full, {
      call: 'setReaction',
      input: { url: page, title: 'Story', reaction: 'sad' },
    });
    // The kind is what the reader is told, in the page's language; the words are a developer's.
    expect(reply).toEqual({ ok: false, error: STORAGE_FULL_ERROR, kind: 'storage-full' });
    await expect(calls.getReaction({ url: page })).resolves.toMatchObject({ key, reaction: 'wow' });
    expect(await calls.listHistory({ limit: 5 })).toMatchObject([{ key, reaction: 'wow' }]);
  });

  it('answers "storage is full" where an upgrade failed for want of space', async () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const failing = createBackgroundCalls(() =>
      Promise.reject(new Error(`The history could not be upgraded: ${quota}`, { cause: quota })),
    );
    await expect(
      answerMessage(failing, { call: 'listHistory', input: { limit: 5 } }),
    ).resolves.toEqual({ ok: false, error: STORAGE_FULL_ERROR, kind: 'storage-full' });
  });

  it('answers an open that an older version of the history blocked as database-blocked', async () => {
    const blocked = createBackgroundCalls(() => Promise.reject(new DatabaseBlockedError()));
    await expect(
      answerMessage(blocked, { call: 'listHistory', input: { limit: 5 } }),
    ).resolves.toEqual({
      ok: false,
      error: new DatabaseBlockedError().message,
      kind: 'database-blocked',
    });
  });

  it('answers an open that took too long, nothing blocking it, as database-slow', async () => {
    const slow = createBackgroundCalls(() => Promise.reject(new DatabaseSlowError()));
    await expect(
      answerMessage(slow, { call: 'listHistory', input: { limit: 5 } }),
    ).resolves.toEqual({
      ok: false,
      error: new DatabaseSlowError().message,
      kind: 'database-slow',
    });
  });

  it('passes other failures through with their own message', async () => {
    const failing = createBackgroundCalls(() => Promise.reject(new Error('database is gone')));
    await expect(
      answerMessage(failing, { call: 'listHistory', input: { limit: 5 } }),
    ).resolves.toEqual({ ok: false, error: 'database is gone', kind: 'unknown' });
  });
});

describe('answerMessage for a content script', () => {
  const tab = {
    kind: 'tab',
    tabId: 7,
    pageUrl: 'https://news.example/world/story#c',
    incognito: false,
  } as const;

  function setUpTab() {
    const database = openVoteDatabase(`calls-${++counter}`).then((db) => {
      opened.push(db);
      return db;
    });
    const badges: [number | WindowKind, string | null, string?][] = [];
    const injected: [number, string, string?][] = [];
    const refusals: string[] = [];
    const calls = createBackgroundCalls(
      () => database,
      () => 1_700_000_000_000,
      () => {},
      {
        showBadge: (tabId, reaction, pageUrl) => badges.push([tabId, reaction, pageUrl]),
        clearBadges: (windows) => badges.push([windows, null]),
        injectScript: async (tabId, file, documentId) => {
          injected.push(documentId === undefined ? [tabId, file] : [tabId, file, documentId]);
        },
        isPrivateTab: async () => false,
      },
    );
    return {
      calls,
      badges,
      injected,
      refusals,
      fromTab: (message: unknown) =>
        answerMessage(calls, message, tab, (error) => refusals.push(error.message)),
      fromPopup: (message: unknown) => answerMessage(calls, message),
    };
  }

  it.each([
    ['listHistory', { limit: 10 }],
    ['getHistoryStats', {}],
    ['exportHistory', { limit: 10 }],
    ['clearHistory', {}],
    ['editVote', { key: 'https://news.example/world/story', reaction: null }],
    ['importHistory', { votes: [] }],
    ['setSiteDisabled', { url: 'https://news.example/', disabled: true }],
    ['listDisabledSites', {}],
    ['listCorrections', {}],
  ])('refuses %s and changes nothing', async (call, input) => {
    const { fromTab, fromPopup, refusals } = setUpTab();
    await fromPopup({
      call: 'setReaction',
      input: { url: tab.pageUrl, title: 'Story', reaction: 'like' },
    });
    await expect(fromTab({ call, input })).resolves.toEqual({
      ok: false,
      error: `${call} answers only the extension's own pages`,
      kind: 'refused',
    });
    expect(refusals).toEqual([`${call} answers only the extension's own pages`]);
    const history = await fromPopup({ call: 'listHistory', input: { limit: 10 } });
    expect(history).toMatchObject({ ok: true, value: [{ reaction: 'like' }] });
    await expect(
      fromPopup({ call: 'getSiteState', input: { url: 'https://news.example/' } }),
    ).resolves.toMatchObject({ ok: true, value: { site: 'news.example', disabled: false } });
  });

  it('runs the detector, then the toolbar, in the calling tab only', async () => {
    const { fromTab, fromPopup, injected } = setUpTab();
    await expect(fromTab({ call: 'detectorWanted', input: {} })).resolves.toEqual({
      ok: true,
      value: {},
    });
    await expect(fromTab({ call: 'toolbarWanted', input: {} })).resolves.toEqual({
      ok: true,
      value: {},
    });
    await expect(fromPopup({ call: 'detectorWanted', input: {} })).resolves.toMatchObject({
      ok: false,
    });
    expect(injected).toEqual([
      [tab.tabId, 'detector.js'],
      [tab.tabId, 'toolbar.js'],
    ]);
  });

  it('runs them in the document that asked, where the browser names it', async () => {
    const { calls, injected } = setUpTab();
    const inDocument = { ...tab, documentId: 'D0C5' };
    for (const call of ['detectorWanted', 'toolbarWanted'] as const) {
      await expect(
        answerMessage(calls, { call, input: {} }, inDocument, () => {}),
      ).resolves.toMatchObject({ ok: true });
    }
    expect(injected).toEqual([
      [tab.tabId, 'detector.js', 'D0C5'],
      [tab.tabId, 'toolbar.js', 'D0C5'],
    ]);
  });

  it("refuses to vote for another site's article", async () => {
    const { fromTab, fromPopup, refusals } = setUpTab();
    const reply = await fromTab({
      call: 'setReaction',
      input: { url: 'https://victim.example/story', title: 'x', reaction: 'angry' },
    });
    expect(reply).toMatchObject({
      ok: false,
      error: expect.stringMatching(/calling page's origin/),
    });
    expect(refusals).toHaveLength(1);
    await expect(fromPopup({ call: 'listHistory', input: { limit: 10 } })).resolves.toEqual({
      ok: true,
      value: [],
    });
  });

  it('keys a vote by a declared address only on the same site', async () => {
    const { fromTab } = setUpTab();
    const vote = (declaredUrls: string[]) =>
      fromTab({
        call: 'setReaction',
        input: { url: tab.pageUrl, declaredUrls, title: 'x', reaction: 'like' },
      });
    await expect(vote(['https://victim.example/story'])).resolves.toMatchObject({
      value: { key: 'https://news.example/world/story' },
    });
    await expect(vote(['https://www.news.example/world/canonical'])).resolves.toMatchObject({
      value: { key: 'https://news.example/world/canonical' },
    });
  });

  it("sets the sender tab's badge from its first message and its votes, while it shows the article", async () => {
    const { fromTab, badges } = setUpTab();
    // An app's next story: the sender's address stays the one its page loaded at.
    const story = 'https://news.example/world/next-story';
    await fromTab({ call: 'getReaction', input: { url: story } });
    await fromTab({
      call: 'setReaction',
      input: { url: story, title: 'x', reaction: 'love' },
    });
    await fromTab({ call: 'reactionShown', input: { reaction: 'sad' } });
    expect(badges).toEqual([
      [7, null, story],
      [7, 'love', story],
      [7, 'sad', undefined],
    ]);
  });

  // Firefox's Reader View runs no content script: the popup knows only the address it shows.
  it("keys an article in Reader View as its tab's toolbar did, from the addresses it declared", async () => {
    const { fromTab, fromPopup } = setUpTab();
    const canonical = 'https://news.example/world/story';
    const fromFeed = `${canonical}?ref=rss`;
    const article = { url: fromFeed, declaredUrls: [canonical] };
    await fromTab({ call: 'getReaction', input: article });
    await fromTab({ call: 'setReaction', input: { ...article, title: 'Story', reaction: 'love' } });
    const inReaderView = { url: fromFeed, tabId: tab.tabId };
    expect(await fromPopup({ call: 'getReaction', input: inReaderView })).toMatchObject({
      ok: true,
      value: { key: canonical, reaction: 'love' },
    });
    await fromPopup({
      call: 'setReaction',
      input: { ...inReaderView, title: 'Story', reaction: 'wow' },
    });
    expect(await fromTab({ call: 'getReaction', input: article })).toMatchObject({
      ok: true,
      value: { key: canonical, reaction: 'wow' },
    });
    // Another tab, or another page in this one, gets nothing of what the tab declared.
    for (const other of [
      { url: fromFeed, tabId: 8 },
      { url: 'https://news.example/world/other', tabId: tab.tabId },
    ]) {
      const answer = await fromPopup({ call: 'getReaction', input: other });
      expect(answer).toMatchObject({ ok: true, value: { reaction: null } });
      expect((answer as { value: { key: string } }).value.key).not.toBe(canonical);
    }
  });

  it('sets the badge of the tab the popup names, which may have no content script to set it', async () => {
    const { fromPopup, badges } = setUpTab();
    const page = 'https://news.example/world/story';
    await fromPopup({ call: 'getReaction', input: { url: page, tabId: 9 } });
    await fromPopup({
      call: 'setReaction',
      input: { url: page, title: 'x', reaction: 'love', tabId: 9 },
    });
    await fromPopup({ call: 'getReaction', input: { url: page } });
    // Whatever the tab's address: Reader View shows the article under one of its own.
    expect(badges).toEqual([
      [9, null, undefined],
      [9, 'love', undefined],
    ]);
  });

  it("clears every normal window's badge when the history is cleared, reacted from the popup or not", async () => {
    const { fromPopup, badges } = setUpTab();
    const page = 'https://news.example/world/story';
    await fromPopup({
      call: 'setReaction',
      input: { url: page, title: 'x', reaction: 'love', tabId: 9 },
    });
    await fromPopup({ call: 'clearHistory', input: {} });
    expect(badges).toEqual([
      [9, 'love', undefined],
      ['normal', null],
    ]);
  });

  it('rejects an imported vote whose address is on another site than its key', async () => {
    const { calls } = setUpTab();
    const vote = backupVote('https://news.example/a');
    await expect(
      calls.importHistory({ votes: [vote, { ...vote, key: 'https://b.example/a' }] }),
    ).resolves.toEqual({
      added: 1,
      updated: 0,
      unchanged: 0,
      rejected: 1,
      rejectedFutureDated: 0,
      rejectedOtherSite: 1,
    });
  });

  it('refuses to restore a vote whose address is on another site than its key', async () => {
    const { fromPopup } = setUpTab();
    const reply = await fromPopup({
      call: 'restoreVote',
      input: {
        vote: backupVote('https://news.example/a', 'https://evil.example/a'),
      },
    });
    expect(reply).toEqual({
      ok: false,
      error: 'vote.url is not on the site of vote.key',
      kind: 'refused',
      invalid: true,
    });
  });
});

describe('parsePrivateVote', () => {
  it.each([
    [
      { reaction: 'sad', op: 7, writtenAt: 5 },
      { reaction: 'sad', op: 7, writtenAt: 5 },
    ],
    [
      { reaction: null, op: 7, writtenAt: 5 },
      { reaction: null, op: 7, writtenAt: 5 },
    ],
    [
      { reaction: 'sad', writtenAt: 5 },
      { reaction: 'sad', writtenAt: 5 },
    ],
    [
      { reaction: 'sad', op: 1.5, writtenAt: 5 },
      { reaction: 'sad', writtenAt: 5 },
    ],
    ['sad', null],
    [{ reaction: 'meh', writtenAt: 5 }, null],
    [{ reaction: 'sad' }, null],
    [null, null],
  ])('%j → %j', (stored, expected) => expect(parsePrivateVote(stored)).toEqual(expected));
});

describe('reactions in private windows', () => {
  const page = 'https://news.example/world/story';
  const tab = (incognito: boolean, tabId: number) =>
    ({ kind: 'tab', tabId, pageUrl: page, incognito }) as const;
  /** The browser's open tabs, by id: whether each is a private window's. */
  const openTabs = new Map([
    [3, true],
    [4, true],
    [5, false],
  ]);

  function setUpPrivate() {
    const database = openVoteDatabase(`calls-${++counter}`).then((db) => {
      opened.push(db);
      return db;
    });
    const notices: [ContentMessage, string | undefined][] = [];
    const calls = createBackgroundCalls(
      () => database,
      () => 1_700_000_000_000,
      (message, windows) => notices.push([message, windows]),
      {
        showBadge: () => {},
        clearBadges: () => {},
        injectScript: async () => {},
        async isPrivateTab(tabId) {
          if (!openTabs.has(tabId)) throw new Error(`No tab with id: ${tabId}.`);
          return openTabs.get(tabId)!;
        },
      },
      createMemoryPrivateVotes(),
    );
    const from = (caller: ReturnType<typeof tab> | undefined, message: unknown) =>
      answerMessage(calls, message, caller);
    return { calls, notices, from };
  }

  it('keeps them out of the history, and apart from normal windows', async () => {
    const { from, notices } = setUpPrivate();
    const vote = (reaction: string) => ({
      call: 'setReaction',
      input: { url: page, title: 'Story', reaction },
    });
    await expect(from(tab(true, 3), vote('sad'))).resolves.toMatchObject({
      ok: true,
      value: { reaction: 'sad' },
    });
    // Only private windows hear of it.
    expect(notices).toEqual([
      [{ notice: 'voteChanged', input: { key: page, reaction: 'sad' } }, 'private'],
    ]);
    await expect(from(undefined, { call: 'listHistory', input: { limit: 10 } })).resolves.toEqual({
      ok: true,
      value: [],
    });
    const read = (caller: ReturnType<typeof tab>) =>
      from(caller, { call: 'getReaction', input: { url: page } });
    await expect(read(tab(true, 4))).resolves.toMatchObject({ value: { reaction: 'sad' } });
    await expect(read(tab(false, 5))).resolves.toMatchObject({ value: { reaction: null } });

    // A normal window's vote is the history's, and private windows keep their own.
    await from(tab(false, 5), vote('like'));
    expect(notices.at(-1)).toEqual([
      { notice: 'voteChanged', input: { key: page, reaction: 'like' } },
      'normal',
    ]);
    await expect(read(tab(true, 4))).resolves.toMatchObject({ value: { reaction: 'sad' } });
    await from(tab(true, 3), vote(null as unknown as string));
    await expect(read(tab(true, 4))).resolves.toMatchObject({ value: { reaction: null } });
    await expect(
      from(undefined, { call: 'listHistory', input: { limit: 10 } }),
    ).resolves.toMatchObject({
      value: [{ reaction: 'like' }],
    });
  });

  it.each([
    ['a newer reaction', 'love'],
    ['a newer removal', null],
  ] as const)('keep a retried older write from overwriting %s', async (_, newer) => {
    const { from } = setUpPrivate();
    const vote = (reaction: string | null, op: number) => ({
      call: 'setReaction',
      input: { url: page, title: 'Story', reaction },
      op,
    });
    await from(tab(true, 3), vote('like', 10));
    await from(tab(true, 3), vote(newer, 20));
    // The first call again: its reply was lost, so the toolbar sent it once more.
    await expect(from(tab(true, 3), vote('like', 10))).resolves.toMatchObject({
      ok: true,
      value: { reaction: newer },
    });
    await expect(
      from(tab(true, 4), { call: 'getReaction', input: { url: page } }),
    ).resolves.toMatchObject({ value: { reaction: newer } });
  });

  describe('from the popup, for the tab it was opened on (Alt+Shift+M in a private window)', () => {
    const vote = (reaction: string | null, tabId?: number) => ({
      call: 'setReaction',
      input: { url: page, title: 'Story', reaction, tabId },
    });
    const read = (tabId?: number) => ({ call: 'getReaction', input: { url: page, tabId } });
    const history = { call: 'listHistory', input: { limit: 10 } };

    it("keeps a private tab's reaction out of the history, as its own toolbar does", async () => {
      const { from, notices } = setUpPrivate();
      await expect(from(undefined, vote('sad', 3))).resolves.toMatchObject({
        ok: true,
        value: { key: page, reaction: 'sad' },
      });
      await expect(from(undefined, history)).resolves.toEqual({ ok: true, value: [] });
      // The private tab's toolbar hears of it, and no normal window does.
      expect(notices).toEqual([
        [{ notice: 'voteChanged', input: { key: page, reaction: 'sad' } }, 'private'],
      ]);
      // The popup and the private tabs read it back; normal windows and the history do not.
      await expect(from(undefined, read(3))).resolves.toMatchObject({ value: { reaction: 'sad' } });
      await expect(from(tab(true, 4), read())).resolves.toMatchObject({
        value: { reaction: 'sad' },
      });
      await expect(from(undefined, read(5))).resolves.toMatchObject({ value: { reaction: null } });
      await expect(from(undefined, read())).resolves.toMatchObject({ value: { reaction: null } });

      await from(undefined, vote(null, 4));
      await expect(from(tab(true, 3), read())).resolves.toMatchObject({
        value: { reaction: null },
      });
      expect(notices.at(-1)).toEqual([
        { notice: 'voteChanged', input: { key: page, reaction: null } },
        'private',
      ]);
    });

    it("shows a private tab's own reaction, not the history's", async () => {
      const { from } = setUpPrivate();
      await from(tab(false, 5), vote('like'));
      await from(tab(true, 3), vote('angry'));
      await expect(from(undefined, read(3))).resolves.toMatchObject({
        value: { reaction: 'angry' },
      });
      await expect(from(undefined, read(5))).resolves.toMatchObject({
        value: { reaction: 'like' },
      });
    });

    it("puts a normal window's tab's reaction in the history, telling normal windows", async () => {
      const { from, notices } = setUpPrivate();
      await from(undefined, vote('love', 5));
      await expect(from(undefined, history)).resolves.toMatchObject({
        value: [{ key: page, reaction: 'love' }],
      });
      expect(notices).toEqual([
        [{ notice: 'voteChanged', input: { key: page, reaction: 'love' } }, 'normal'],
      ]);
      await expect(from(tab(true, 3), read())).resolves.toMatchObject({
        value: { reaction: null },
      });
    });

    it('refuses a tab the browser does not know rather than guess, writing nothing', async () => {
      const { from, notices } = setUpPrivate();
      await expect(from(undefined, vote('sad', 99))).resolves.toEqual({
        ok: false,
        error: 'No tab with id: 99.',
        kind: 'unknown',
      });
      await expect(from(undefined, read(99))).resolves.toMatchObject({ ok: false });
      await expect(from(undefined, history)).resolves.toEqual({ ok: true, value: [] });
      expect(notices).toEqual([]);
    });

    it.each([-1, 1.5, '3', null, true, Number.NaN, 2 ** 53, { id: 3 }])(
      'rejects a tabId of %s, writing nothing',
      async (tabId) => {
        const { from, notices } = setUpPrivate();
        for (const message of [vote('sad'), read()]) {
          const reply = await from(undefined, {
            ...message,
            input: { ...message.input, tabId },
          });
          expect(reply).toEqual({
            ok: false,
            error: 'tabId must be a whole number ≥ 0',
            kind: 'refused',
            invalid: true,
          });
        }
        await expect(from(undefined, history)).resolves.toEqual({ ok: true, value: [] });
        expect(notices).toEqual([]);
      },
    );
  });

  it('refuses a content script that names a tab: it cannot claim a private window', async () => {
    const { from, notices } = setUpPrivate();
    const refusal = /only the extension's own pages name a tab/;
    // A normal window's page names a private tab, to keep its vote out of the history or to
    // read the private reaction.
    await expect(
      from(tab(false, 5), {
        call: 'setReaction',
        input: { url: page, title: 'Story', reaction: 'sad', tabId: 3 },
      }),
    ).resolves.toEqual({
      ok: false,
      error: expect.stringMatching(refusal),
      kind: 'refused',
    });
    await expect(
      from(tab(false, 5), { call: 'getReaction', input: { url: page, tabId: 3 } }),
    ).resolves.toEqual({
      ok: false,
      error: expect.stringMatching(refusal),
      kind: 'refused',
    });
    // Nor can a private window's page name a normal tab to put its vote in the history.
    await expect(
      from(tab(true, 3), {
        call: 'setReaction',
        input: { url: page, title: 'Story', reaction: 'sad', tabId: 5 },
      }),
    ).resolves.toEqual({
      ok: false,
      error: expect.stringMatching(refusal),
      kind: 'refused',
    });
    expect(notices).toEqual([]);
    await expect(from(undefined, { call: 'listHistory', input: { limit: 10 } })).resolves.toEqual({
      ok: true,
      value: [],
    });
    await expect(
      from(tab(true, 4), { call: 'getReaction', input: { url: page } }),
    ).resolves.toMatchObject({ value: { reaction: null } });
  });

  // The worker, asleep, starts for the reader's two quick votes in a private tab, and the last
  // private window closes meanwhile: each storage.session request takes its time.
  it('forgets every vote given before the private session ended, however late it lands', async () => {
    const items = new Map<string, unknown>();
    const later = () => new Promise((done) => setTimeout(done, 1));
    const session: SessionArea = {
      async get(name) {
        await later();
        const names = name === null ? [...items.keys()] : [name];
        return Object.fromEntries(names.filter((n) => items.has(n)).map((n) => [n, items.get(n)]));
      },
      async set(values) {
        await later();
        for (const [name, value] of Object.entries(values)) items.set(name, value);
      },
      async remove(names) {
        await later();
        for (const name of [names].flat()) items.delete(name);
      },
    };
    const privateVotes = createSessionPrivateVotes(session);
    const calls = createBackgroundCalls(
      () => Promise.reject(new Error('a private vote needs no history')),
      () => 1_700_000_000_000,
      () => {},
      undefined,
      privateVotes,
    );
    const vote = (reaction: string, op: number) =>
      answerMessage(
        calls,
        { call: 'setReaction', input: { url: page, title: 'Story', reaction }, op },
        tab(true, 3),
      );
    const votes = [vote('like', 10), vote('love', 20)];
    await calls.endPrivateSession();
    await Promise.all(votes);
    expect([...items.keys()]).toEqual([]);
    await expect(privateVotes.get(page)).resolves.toBeNull();
    // The next private window's vote is its own session's.
    await vote('sad', 30);
    await expect(privateVotes.get(page)).resolves.toMatchObject({ reaction: 'sad' });
  });
});

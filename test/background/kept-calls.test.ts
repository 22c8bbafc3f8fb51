import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createBackgroundCalls,
  createMemoryPrivateVotes,
  type TabActions,
} from '../../src/background/calls';
import { openVoteDatabase, readVote, type VoteDatabase } from '../../src/background/database';
import {
  createKeptCalls,
  KEPT_CALL_MAX_AGE_MS,
  parseKeptCall,
} from '../../src/background/kept-calls';
import { PENDING_VOTE_GRACE_MS, PENDING_VOTE_RETRY_MS } from '../../src/background/pending-votes';
import type { SessionArea } from '../../src/background/session-private-votes';
import { keptCallKey } from '../../src/core/kept-call';
import { InvalidMessageError, type ContentMessage } from '../../src/protocol';

const url = 'https://news.example/world/story';
const now = 1_700_000_000_000;
/** Operation ids as the popup makes them: microseconds, a second before `now`. */
const op = (n: number) => (now - 1000) * 1000 + n;
const NORMAL_TAB = 3;
const PRIVATE_TAB = 4;

/** A setReaction call as the popup keeps it aside. */
const keptVote = (reaction: string | null, id: number, extra: Record<string, unknown> = {}) => ({
  call: 'setReaction',
  input: { url, title: 'Story', reaction, tabId: NORMAL_TAB },
  op: id,
  private: false,
  ...extra,
});
const privateVote = (reaction: string | null, id: number) =>
  keptVote(reaction, id, {
    input: { url, title: 'Story', reaction, tabId: PRIVATE_TAB },
    private: true,
  });

/** A `storage.session` in a Map. */
function fakeSession(initial: Record<string, unknown> = {}) {
  const items = new Map(Object.entries(initial));
  const session: SessionArea = {
    async get(name) {
      const names = name === null ? [...items.keys()] : [name];
      return Object.fromEntries(names.filter((n) => items.has(n)).map((n) => [n, items.get(n)]));
    },
    async set(values) {
      for (const [name, value] of Object.entries(values)) items.set(name, value);
    },
    async remove(names) {
      for (const name of [names].flat()) items.delete(name);
    },
  };
  return { session, items };
}

let counter = 0;
const opened: VoteDatabase[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/**
 * The background's calls over a fresh database at `clock`, with tabs NORMAL_TAB and PRIVATE_TAB
 * open unless `closed`, and kept calls in `stored`; `duringGrace` runs while a call waits out its
 * grace. Every voteChanged broadcast is in `changes`.
 */
function setUp(
  stored: Record<string, unknown>,
  {
    duringGrace = () => {},
    closed = [] as number[],
    clock = () => now,
  }: { duringGrace?: () => void; closed?: number[]; clock?: () => number } = {},
) {
  const database = openVoteDatabase(`kept-${++counter}`).then((db) => {
    opened.push(db);
    return db;
  });
  const changes: ContentMessage[] = [];
  const tabs: TabActions = {
    showBadge: () => {},
    clearBadges: () => {},
    injectScript: async () => {},
    isPrivateTab: async (tabId) => {
      if (closed.includes(tabId)) throw new Error(`no tab ${tabId}`);
      return tabId === PRIVATE_TAB;
    },
  };
  const privateVotes = createMemoryPrivateVotes();
  const calls = createBackgroundCalls(
    () => database,
    clock,
    (message) => changes.push(message),
    tabs,
    privateVotes,
  );
  const setReaction = vi.fn(calls.setReaction);
  const editVote = vi.fn(calls.editVote);
  const { session, items } = fakeSession(stored);
  const sleep = vi.fn(async (_ms: number) => duringGrace());
  const failures: unknown[] = [];
  const kept = createKeptCalls(
    session,
    { setReaction, editVote, restoreVote: calls.restoreVote },
    async (tabId) => !closed.includes(tabId),
    { sleep, now: clock, onFailure: (error) => failures.push(error) },
  );
  const storedReaction = async () => (await readVote(await database, url))?.reaction ?? null;
  return {
    calls,
    kept,
    items,
    sleep,
    failures,
    changes,
    setReaction,
    editVote,
    privateVotes,
    storedReaction,
    database,
  };
}

describe('parseKeptCall', () => {
  it('reads a kept vote and a kept edit with their operation ids, cleaned as messages', () => {
    expect(parseKeptCall(keptVote('love', op(1), { private: true }), now)).toEqual({
      call: 'setReaction',
      input: { url, title: 'Story', reaction: 'love', tabId: NORMAL_TAB },
      op: op(1),
      private: true,
    });
    const edit = { call: 'editVote', input: { key: url, reaction: null }, op: op(2) };
    expect(parseKeptCall(edit, now)).toEqual(edit);
  });

  [
    { name: 'another call', value: { call: 'clearHistory', input: {}, op: op(1) } },
    { name: 'no operation id', value: { ...keptVote('love', op(1)), op: undefined } },
    { name: 'an operation id from the future', value: keptVote('love', (now + 60_000) * 1000) },
    {
      name: 'no tab',
      value: keptVote('love', op(1), { input: { url, title: 'S', reaction: 'love' } }),
    },
    { name: 'no word on its window', value: keptVote('love', op(1), { private: undefined }) },
    { name: 'an unknown reaction', value: keptVote('meh', op(1)) },
  ].forEach(({ name, value }) => {
    it(`refuses ${name}`, () => {
      expect(() => parseKeptCall(value, now)).toThrow(InvalidMessageError);
    });
  });
});

describe('createKeptCalls', () => {
  it('applies a kept vote left over after its grace, dated by its click, and removes it', async () => {
    const name = keptCallKey(op(1), 'a');
    const { kept, items, sleep, storedReaction, database } = setUp({
      [name]: keptVote('love', op(1)),
    });
    await kept.applyLeftOver();
    expect(sleep).toHaveBeenCalledWith(PENDING_VOTE_GRACE_MS);
    expect(await storedReaction()).toBe('love');
    expect((await readVote(await database, url))?.createdAt).toBe(now - 1000);
    expect(items.size).toBe(0);
  });

  it('writes a vote kept aside and also delivered once', async () => {
    const name = keptCallKey(op(1), 'a');
    const { kept, calls, items, changes, storedReaction } = setUp({
      [name]: keptVote('love', op(1)),
    });
    // The popup's own call, its id taken after its copy's, landed; the popup closed unanswered.
    const delivered = { url, title: 'Story', reaction: 'love' as const, tabId: NORMAL_TAB };
    await calls.setReaction(delivered, undefined, { op: op(2) });
    await kept.applyLeftOver();
    expect(await storedReaction()).toBe('love');
    expect(changes.filter((change) => change.notice === 'voteChanged')).toHaveLength(1);
    expect(items.size).toBe(0);
  });

  it('does not apply a kept vote over a newer change to its article', async () => {
    const name = keptCallKey(op(1), 'a');
    const { kept, calls, items, storedReaction } = setUp({ [name]: keptVote('love', op(1)) });
    await calls.setReaction({ url, title: 'Story', reaction: 'wow' }, undefined, { op: op(5) });
    await kept.applyLeftOver();
    expect(await storedReaction()).toBe('wow');
    expect(items.size).toBe(0);
  });

  it('applies a kept removal (undo)', async () => {
    const name = keptCallKey(op(2), 'a');
    const { kept, calls, items, storedReaction } = setUp({ [name]: keptVote(null, op(2)) });
    await calls.setReaction({ url, title: 'Story', reaction: 'sad' }, undefined, { op: op(1) });
    await kept.applyLeftOver();
    expect(await storedReaction()).toBeNull();
    expect(items.size).toBe(0);
  });

  it('applies a kept edit of the history', async () => {
    const name = keptCallKey(op(2), 'a');
    const edit = { call: 'editVote', input: { key: url, reaction: 'funny' }, op: op(2) };
    const { kept, calls, storedReaction } = setUp({ [name]: edit });
    await calls.setReaction({ url, title: 'Story', reaction: 'sad' }, undefined, { op: op(1) });
    await kept.applyLeftOver();
    expect(await storedReaction()).toBe('funny');
  });

  it("applies a kept undo of the history's removal", async () => {
    const name = keptCallKey(op(3), 'a');
    const { kept, calls, items, storedReaction } = setUp({});
    await calls.setReaction({ url, title: 'Story', reaction: 'sad' }, undefined, { op: op(1) });
    const { before } = await calls.editVote({ key: url, reaction: null }, undefined, { op: op(2) });
    items.set(name, { call: 'restoreVote', input: { vote: before }, op: op(3) });
    await kept.applyLeftOver();
    expect(await storedReaction()).toBe('sad');
    expect(items.size).toBe(0);
  });

  it('leaves alone a kept call its popup removed, answered, during the grace', async () => {
    const name = keptCallKey(op(1), 'a');
    const stored = { [name]: keptVote('love', op(1)) };
    const { kept, items, setReaction } = setUp(stored, { duringGrace: () => items.delete(name) });
    await kept.follow({ [name]: { newValue: stored[name] } });
    expect(setReaction).not.toHaveBeenCalled();
  });

  it('applies a kept vote whose tab closed, without its tab', async () => {
    const name = keptCallKey(op(1), 'a');
    const { kept, setReaction, storedReaction } = setUp(
      { [name]: keptVote('love', op(1)) },
      { closed: [NORMAL_TAB] },
    );
    await kept.applyLeftOver();
    expect(setReaction.mock.calls[0]?.[0]).not.toHaveProperty('tabId');
    expect(await storedReaction()).toBe('love');
  });

  it("applies a private window's kept vote in private, never in the history", async () => {
    const name = keptCallKey(op(1), 'a');
    const { kept, privateVotes, storedReaction } = setUp({ [name]: privateVote('love', op(1)) });
    await kept.applyLeftOver();
    expect((await privateVotes.get(url))?.reaction).toBe('love');
    expect(await storedReaction()).toBeNull();
  });

  it("drops a private window's kept vote whose tab closed", async () => {
    const name = keptCallKey(op(1), 'a');
    const { kept, items, setReaction, privateVotes, storedReaction } = setUp(
      { [name]: privateVote('love', op(1)) },
      { closed: [PRIVATE_TAB] },
    );
    await kept.applyLeftOver();
    expect(setReaction).not.toHaveBeenCalled();
    expect(await privateVotes.get(url)).toBeNull();
    expect(await storedReaction()).toBeNull();
    expect(items.size).toBe(0);
  });

  it('removes only the private kept votes when the private session ends', async () => {
    const names = [keptCallKey(op(1), 'a'), keptCallKey(op(2), 'b'), 'private-vote:x'];
    const { kept, items } = setUp({
      [names[0]!]: privateVote('love', op(1)),
      [names[1]!]: keptVote('love', op(2)),
      [names[2]!]: { reaction: 'love', writtenAt: now },
    });
    await kept.discardPrivate();
    expect([...items.keys()]).toEqual(names.slice(1));
  });

  it('tries a kept vote the store refused again, and drops one too old to order', async () => {
    const name = keptCallKey(op(1), 'a');
    let time = now;
    const { kept, items, sleep, setReaction, storedReaction, failures } = setUp(
      { [name]: keptVote('love', op(1)) },
      { clock: () => time },
    );
    setReaction.mockRejectedValueOnce(new DOMException('full', 'QuotaExceededError'));
    await kept.applyLeftOver();
    expect(sleep).toHaveBeenCalledWith(PENDING_VOTE_RETRY_MS);
    expect(await storedReaction()).toBe('love');

    const old = keptCallKey(op(3), 'b');
    items.set(old, keptVote('sad', op(3)));
    time = now + KEPT_CALL_MAX_AGE_MS;
    await kept.applyLeftOver();
    expect(await storedReaction()).toBe('love');
    expect(items.size).toBe(0);
    expect(failures.at(-1)).toBeInstanceOf(InvalidMessageError);
  });

  it('follows only the kept calls written', async () => {
    const name = keptCallKey(op(1), 'a');
    const { kept, setReaction } = setUp({});
    await kept.follow({
      [name]: { newValue: undefined },
      'private-vote:x': { newValue: { reaction: 'love', writtenAt: now } },
    });
    expect(setReaction).not.toHaveBeenCalled();
  });
});

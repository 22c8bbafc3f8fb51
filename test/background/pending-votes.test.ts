import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  answerMessage,
  createBackgroundCalls,
  type CallHandlers,
} from '../../src/background/calls';
import {
  OPERATION_MEMORY_MS,
  openVoteDatabase,
  type VoteDatabase,
} from '../../src/background/database';
import {
  createPendingVotes,
  parsePendingVote,
  PENDING_VOTE_GRACE_MS,
  PENDING_VOTE_RETRY_MS,
  UNPROVEN_VOTE_GRACE_MS,
  withPendingVotes,
} from '../../src/background/pending-votes';
import { createOriginProofs, type OriginProofs } from '../../src/background/origin-proof';
import { sendKeepingAside } from '../../src/content/pending-vote';
import type { LocalArea } from '../../src/background/stored-corrections';
import { pendingVoteKey } from '../../src/core/pending-vote';
import { pendingVoteProof } from '../../src/core/pending-vote-proof';
import { InvalidMessageError } from '../../src/protocol';

const url = 'https://news.example/world/story';
const now = 1_700_000_000_000;
/** Operation ids as a content script makes them: microseconds, a second before `now`. */
const op = (n: number) => (now - 1000) * 1000 + n;

/**
 * Origin proofs reduced to their rule: one proof per origin, that no other origin has (that it
 * proves one call only is origin-proof.test.ts's, and 'a proof read from storage.local' below).
 */
const proofOf = (origin: string) => `proof of ${origin}`;
const proofKeyOf = (origin: string) => `key of ${origin}`;
/** When the origin-proof key was made: before any vote here, so that each must carry a proof. */
const KEY_MADE_AT = now - 3_600_000;
/** Proofs under a key made at `madeAt`, by this background where `madeHere`. */
function fakeProofs(madeAt = KEY_MADE_AT, madeHere = false): OriginProofs {
  const applied = new Set<string>();
  return {
    keyFor: async (origin) => proofKeyOf(origin),
    verify: async (origin, _call, proof) => proof === proofOf(origin),
    madeAt: async () => madeAt,
    madeHere: async () => madeHere,
    rememberApplied: async (votes) => {
      for (const { op, proof } of votes) applied.add(`${String(op)} ${String(proof)}`);
    },
    wasApplied: async ({ op, proof }) => applied.has(`${op} ${proof}`),
  };
}

/** A pending vote as a content script keeps it: the call, with its page's origin proof. */
const vote = (reaction: string | null, id: number, input: Record<string, unknown> = {}) => {
  const call = { url, title: 'Story', reaction, ...input };
  return {
    call: 'setReaction',
    input: call,
    op: id,
    proof: proofOf(new URL(String(call.url)).origin),
  };
};

/** A `storage.local` in a Map. */
function fakeLocal(initial: Record<string, unknown> = {}) {
  const items = new Map(Object.entries(initial));
  const local: LocalArea = {
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
  return { local, items };
}

let counter = 0;
const opened: VoteDatabase[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/** A clock that moves only when told to, and the waits it ends. */
function manualTime() {
  let time = now;
  const waits: { until: number; end: () => void }[] = [];
  return {
    now: () => time,
    sleep: (ms: number) => new Promise<void>((end) => waits.push({ until: time + ms, end })),
    /** Moves the clock by `ms`, ending the waits due, and lets what they started finish. */
    async pass(ms: number) {
      time += ms;
      for (const wait of waits.filter(({ until }) => until <= time)) {
        waits.splice(waits.indexOf(wait), 1);
        wait.end();
      }
      await new Promise((done) => setTimeout(done, 50));
    },
    /** The background stops: the waits it started never end. */
    stop() {
      waits.length = 0;
    },
  };
}

/**
 * The background's calls over a fresh database, and pending votes in `stored`; `duringGrace`
 * runs while a vote waits out its grace (the page's own call may land then). Given `time`,
 * its clock and waits instead.
 */
function setUp(
  stored: Record<string, unknown>,
  duringGrace: () => void = () => {},
  time?: ReturnType<typeof manualTime>,
  proofs: OriginProofs = fakeProofs(),
) {
  const database = openVoteDatabase(`pending-${++counter}`).then((db) => {
    opened.push(db);
    return db;
  });
  const clock = time?.now ?? (() => now);
  const calls = createBackgroundCalls(() => database, clock);
  const setReaction = vi.fn(calls.setReaction);
  const { local, items } = fakeLocal(stored);
  const sleep = vi.fn(time?.sleep ?? (async () => duringGrace()));
  const failures: unknown[] = [];
  const start = () =>
    createPendingVotes(local, setReaction, proofs, {
      sleep,
      now: clock,
      onFailure: (error) => failures.push(error),
    });
  return { calls, setReaction, items, sleep, failures, pending: start(), start };
}

/** setUp on `time`'s clock, with a vote (love, op 1) left over from before the background started. */
function setUpWithVoteLeftOver(time: ReturnType<typeof manualTime>) {
  return setUp({ [pendingVoteKey(op(1))]: vote('love', op(1)) }, undefined, time);
}

/**
 * Starts the pending votes on `time` with the store refusing their first try (full, or
 * `refusal`, which may settle later), and waits out the grace of the vote left over: its first
 * try is made. Resolves to the pending votes.
 */
async function startRefusingFirstTry(
  { setReaction, start }: Pick<ReturnType<typeof setUp>, 'setReaction' | 'start'>,
  time: ReturnType<typeof manualTime>,
  refusal: Promise<never> = Promise.reject(new DOMException('full', 'QuotaExceededError')),
) {
  // Handled where it is made: a refusal the test holds back settles only when it says so.
  refusal.catch(() => {});
  setReaction.mockImplementationOnce(() => refusal);
  const pending = start();
  void pending.applyLeftOver();
  await time.pass(0);
  await time.pass(PENDING_VOTE_GRACE_MS);
  expect(setReaction).toHaveBeenCalledTimes(1);
  return pending;
}

/**
 * The background, idle, stops (the waits it started never end) and starts again once the store
 * forgot the order of its writes; the grace of what it finds left over passes.
 */
async function restartOnceOrderForgotten(
  start: ReturnType<typeof setUp>['start'],
  time: ReturnType<typeof manualTime>,
) {
  time.stop();
  await time.pass(OPERATION_MEMORY_MS + 60_000);
  void start().applyLeftOver();
  await time.pass(0);
  await time.pass(PENDING_VOTE_GRACE_MS);
}

describe('parsePendingVote', () => {
  it('reads a setReaction call and its operation id, its input cleaned as a message', () => {
    expect(parsePendingVote(vote('love', op(1), { title: ' Story\n' }), now)).toEqual({
      input: { url, title: 'Story', reaction: 'love' },
      op: op(1),
      proof: proofOf('https://news.example'),
    });
  });

  [
    { name: 'another call', value: { ...vote('love', op(1)), call: 'clearHistory', input: {} } },
    { name: 'no operation id', value: { call: 'setReaction', input: vote('love', 1).input } },
    { name: 'an operation id from the future', value: vote('love', (now + 60_000) * 1000) },
    { name: 'a tab', value: vote('love', op(1), { tabId: 3 }) },
    { name: 'an unknown reaction', value: vote('meh', op(1)) },
    { name: 'an address that is not http', value: vote('love', op(1), { url: 'file:///a' }) },
    { name: 'not an object', value: 'love' },
  ].forEach(({ name, value }) => {
    it(`refuses ${name}`, () => {
      expect(() => parsePendingVote(value, now)).toThrow(InvalidMessageError);
    });
  });
});

describe('createPendingVotes', () => {
  it('applies a vote left over when the background starts, after the grace, and removes it', async () => {
    const name = pendingVoteKey(op(1));
    const { calls, setReaction, items, sleep, pending } = setUp({
      [name]: vote('love', op(1)),
      settings: { theme: 'dark' },
    });
    await pending.applyLeftOver();
    expect(sleep).toHaveBeenCalledWith(PENDING_VOTE_GRACE_MS);
    expect(setReaction).toHaveBeenCalledTimes(1);
    expect(await calls.getReaction({ url })).toMatchObject({ reaction: 'love' });
    const [entry] = await calls.listHistory({ limit: 10 });
    expect(entry).toMatchObject({ key: url, url, title: 'Story', reaction: 'love' });
    expect([...items.keys()]).toEqual(['settings']);
  });

  it('applies a vote newly written, not a removal nor another key', async () => {
    const name = pendingVoteKey(op(1));
    const { calls, setReaction, items, pending } = setUp({ [name]: vote('funny', op(1)) });
    await pending.follow({
      [name]: { newValue: vote('funny', op(1)) },
      [pendingVoteKey(op(0))]: {},
      settings: { newValue: {} },
    });
    expect(setReaction).toHaveBeenCalledTimes(1);
    expect(await calls.getReaction({ url })).toMatchObject({ reaction: 'funny' });
    expect(items.size).toBe(0);
  });

  it('leaves alone a vote whose page removed it during the grace (its call landed)', async () => {
    const name = pendingVoteKey(op(1));
    const { setReaction, items, pending } = setUp({ [name]: vote('love', op(1)) }, () =>
      items.delete(name),
    );
    await pending.follow({ [name]: { newValue: vote('love', op(1)) } });
    expect(setReaction).not.toHaveBeenCalled();
  });

  it('applies a vote heard of at start-up and as written once', async () => {
    const name = pendingVoteKey(op(1));
    const { setReaction, pending } = setUp({ [name]: vote('love', op(1)) });
    await Promise.all([
      pending.applyLeftOver(),
      pending.follow({ [name]: { newValue: vote('love', op(1)) } }),
    ]);
    expect(setReaction).toHaveBeenCalledTimes(1);
  });

  it('keeps the later of two votes to one article, whatever order they are applied in', async () => {
    const { calls, items, pending } = setUp({
      [pendingVoteKey(op(2))]: vote('sad', op(2)),
      [pendingVoteKey(op(1))]: vote('love', op(1)),
    });
    await pending.applyLeftOver();
    expect(await calls.getReaction({ url })).toMatchObject({ reaction: 'sad' });
    expect(items.size).toBe(0);
  });

  // The browser quit as the reader clicked; the vote is applied at the next start, an hour on.
  const HOUR_MS = 60 * 60 * 1000;
  it.each([
    { clicked: now - HOUR_MS, dated: now - HOUR_MS, case: 'by the click, an hour before' },
    // The page's clock ran a little ahead of the background's: not dated ahead of it.
    { clicked: now + 1_500, dated: now, case: 'no later than it is applied' },
  ])('dates a vote applied after a restart $case', async ({ clicked, dated }) => {
    const id = clicked * 1000 + 1;
    const { calls, pending } = setUp({ [pendingVoteKey(id)]: vote('love', id) });
    await pending.applyLeftOver();
    expect(await calls.listHistory({ limit: 5 })).toMatchObject([
      { reaction: 'love', createdAt: dated, updatedAt: dated },
    ]);
  });

  it('dates a switch applied after a restart by the click, after the vote it replaces', async () => {
    const time = manualTime();
    const clicked = now + HOUR_MS;
    const id = clicked * 1000 + 1;
    const stored = { [pendingVoteKey(id)]: vote('love', id) };
    const { calls, start } = setUp(stored, undefined, time);
    await calls.setReaction({ url, title: 'Story', reaction: 'sad' }, undefined, { op: op(1) });
    await time.pass(3 * HOUR_MS);
    const applying = start().applyLeftOver();
    await time.pass(0);
    await time.pass(PENDING_VOTE_GRACE_MS);
    await applying;
    expect(await calls.listHistory({ limit: 5 })).toMatchObject([
      { reaction: 'love', createdAt: now, updatedAt: clicked },
    ]);
  });

  it('does not undo a later vote the page made itself', async () => {
    const { calls, pending } = setUp({ [pendingVoteKey(op(1))]: vote('love', op(1)) });
    await calls.setReaction({ url, title: 'Story', reaction: 'wow' }, undefined, { op: op(2) });
    await pending.applyLeftOver();
    expect(await calls.getReaction({ url })).toMatchObject({ reaction: 'wow' });
  });

  it('removes an invalid pending vote, writing nothing', async () => {
    const names = [pendingVoteKey(op(1)), pendingVoteKey(op(2))];
    const { calls, setReaction, items, failures, pending } = setUp({
      [names[0]!]: vote('love', op(1), { tabId: 4 }),
      [names[1]!]: { call: 'clearHistory', input: {}, op: op(2) },
    });
    await pending.applyLeftOver();
    expect(setReaction).not.toHaveBeenCalled();
    expect(await calls.listHistory({ limit: 10 })).toEqual([]);
    expect(items.size).toBe(0);
    expect(failures).toHaveLength(2);
  });

  it('tries a vote the store could not take (blocked, full) again a while later', async () => {
    const name = pendingVoteKey(op(1));
    const { calls, setReaction, items, sleep, failures, pending } = setUp({
      [name]: vote('love', op(1)),
    });
    setReaction.mockRejectedValueOnce(new DOMException('full', 'QuotaExceededError'));
    await pending.applyLeftOver();
    expect(failures).toHaveLength(1);
    expect(sleep).toHaveBeenLastCalledWith(PENDING_VOTE_RETRY_MS);
    expect(setReaction).toHaveBeenCalledTimes(2);
    expect(await calls.getReaction({ url })).toMatchObject({ reaction: 'love' });
    expect(items.size).toBe(0);
  });

  [
    {
      later: "another tab's vote",
      reaction: 'wow',
      change: (calls: CallHandlers, id: number) =>
        calls.setReaction({ url, title: 'Story', reaction: 'wow' }, undefined, { op: id }),
    },
    {
      later: "the popup's removal",
      reaction: null,
      change: (calls: CallHandlers, id: number) =>
        calls.editVote({ key: url, reaction: null }, undefined, { op: id }),
    },
  ].forEach(({ later, reaction, change }) => {
    it(`does not let a vote the store could not take undo ${later}, once their order is forgotten`, async () => {
      const time = manualTime();
      const { calls, setReaction, items, start } = setUpWithVoteLeftOver(time);
      await calls.setReaction({ url, title: 'Story', reaction: 'sad' }, undefined, { op: op(0) });
      await startRefusingFirstTry({ setReaction, start }, time);
      await time.pass(30_000);
      await change(calls, time.now() * 1000);
      for (let minute = 0; minute <= OPERATION_MEMORY_MS / 60_000; minute++) {
        await time.pass(60_000);
      }
      // The background's next start.
      void start().applyLeftOver();
      await time.pass(0);
      await time.pass(PENDING_VOTE_GRACE_MS);
      expect(await calls.getReaction({ url })).toMatchObject({ reaction });
      expect(items.size).toBe(0);
    });

    // The reader's later change lands, then the background, idle, stops before the try a minute
    // on: at its next start the two had to be ordered already, for the store has forgotten.
    it(`does not let a vote the store could not take undo ${later} made before the background stopped`, async () => {
      const time = manualTime();
      const { calls, setReaction, items, start } = setUpWithVoteLeftOver(time);
      await calls.setReaction({ url, title: 'Story', reaction: 'sad' }, undefined, { op: op(0) });
      const pending = await startRefusingFirstTry({ setReaction, start }, time);
      await time.pass(10_000);
      await change(withPendingVotes(calls, pending, time.now), time.now() * 1000);
      await time.pass(0);
      await restartOnceOrderForgotten(start, time);
      expect(await calls.getReaction({ url })).toMatchObject({ reaction });
      expect(items.size).toBe(0);
    });
  });

  it('tries again at once a vote whose try failed while a later write landed', async () => {
    const time = manualTime();
    const { calls, setReaction, items, start } = setUpWithVoteLeftOver(time);
    await calls.setReaction({ url, title: 'Story', reaction: 'sad' }, undefined, { op: op(0) });
    let failTry = () => {};
    const heldRefusal = new Promise<never>((_, reject) => {
      failTry = () => reject(new DOMException('full', 'QuotaExceededError'));
    });
    const pending = await startRefusingFirstTry({ setReaction, start }, time, heldRefusal);
    // The reader's later vote lands while that try is under way; the try then fails.
    await withPendingVotes(calls, pending, time.now).setReaction(
      { url, title: 'Story', reaction: 'wow' },
      undefined,
      { op: time.now() * 1000 },
    );
    failTry();
    await time.pass(0);
    await restartOnceOrderForgotten(start, time);
    expect(await calls.getReaction({ url })).toMatchObject({ reaction: 'wow' });
    expect(items.size).toBe(0);
  });

  it('orders a vote the store could not take with a later pending vote applied before the background stopped', async () => {
    const time = manualTime();
    const { calls, setReaction, items, start } = setUpWithVoteLeftOver(time);
    const pending = await startRefusingFirstTry({ setReaction, start }, time);
    // The reader votes again on the article, and leaves its page at once.
    items.set(pendingVoteKey(op(2)), vote('sad', op(2)));
    void pending.follow({ [pendingVoteKey(op(2))]: { newValue: {} } });
    await time.pass(PENDING_VOTE_GRACE_MS);
    await restartOnceOrderForgotten(start, time);
    expect(await calls.getReaction({ url })).toMatchObject({ reaction: 'sad' });
    expect(items.size).toBe(0);
  });

  it('removes a vote the background refuses as invalid (a key too long to keep)', async () => {
    const name = pendingVoteKey(op(1));
    const { setReaction, items, pending } = setUp({ [name]: vote('love', op(1)) });
    setReaction.mockRejectedValueOnce(new InvalidMessageError('url makes too long a key'));
    await pending.applyLeftOver();
    expect(items.size).toBe(0);
  });
});

describe('createPendingVotes: the origin proof', () => {
  const withoutProof = (reaction: string, id: number) => {
    const { proof: _proof, ...call } = vote(reaction, id);
    return call;
  };

  /** Whether the vote `stored` holds is applied at `proofs`, and what is left in storage. */
  async function applyLeftOver(stored: Record<string, unknown>, proofs = fakeProofs()) {
    const { calls, setReaction, items, failures, pending } = setUp(
      stored,
      undefined,
      undefined,
      proofs,
    );
    await pending.applyLeftOver();
    const { reaction } = await calls.getReaction({ url });
    return { reaction, applied: setReaction.mock.calls.length, left: items.size, failures };
  }

  // storage.local is every content script's to write: one taken over through a browser flaw
  // could otherwise put any site's article into the history.
  it("removes, unapplied, a vote carrying another origin's proof", async () => {
    const forged = { ...vote('angry', op(1)), proof: proofOf('https://other.example') };
    const result = await applyLeftOver({ [pendingVoteKey(op(1))]: forged });
    expect(result).toMatchObject({ reaction: null, applied: 0, left: 0 });
    expect(result.failures).toEqual([expect.any(InvalidMessageError)]);
  });

  it('removes, unapplied, a vote without a proof kept since the key was made', async () => {
    const result = await applyLeftOver({ [pendingVoteKey(op(1))]: withoutProof('angry', op(1)) });
    expect(result).toMatchObject({ reaction: null, applied: 0, left: 0 });
  });

  // The version before proofs kept its votes without one: this version's first start finds them.
  it('applies a vote without a proof kept before the key was made, soon after', async () => {
    const keyMadeAfterTheClick = fakeProofs(now - 500, true);
    const stored = { [pendingVoteKey(op(1))]: withoutProof('love', op(1)) };
    expect(await applyLeftOver(stored, keyMadeAfterTheClick)).toMatchObject({
      reaction: 'love',
      left: 0,
    });
  });

  // A forger dates its vote as it likes: only what the version before left is without a proof.
  it('removes, unapplied, a vote without a proof written after the background that made the key started', async () => {
    const { pending, setReaction, items, calls } = setUp(
      {},
      undefined,
      undefined,
      fakeProofs(now - 500, true),
    );
    const forged = withoutProof('angry', op(1));
    items.set(pendingVoteKey(op(1)), forged);
    await pending.follow({ [pendingVoteKey(op(1))]: { newValue: forged } });
    expect(setReaction).not.toHaveBeenCalled();
    expect(items.size).toBe(0);
    expect((await calls.getReaction({ url })).reaction).toBeNull();
  });

  it('removes, unapplied, a vote without a proof found by a later background, soon after the key', async () => {
    const madeByTheLastOne = fakeProofs(now - 60_000, false);
    // Dated before the key, as the version before would have.
    const id = (now - 120_000) * 1000;
    const stored = { [pendingVoteKey(id)]: withoutProof('angry', id) };
    expect(await applyLeftOver(stored, madeByTheLastOne)).toMatchObject({
      reaction: null,
      applied: 0,
      left: 0,
    });
  });

  it('removes, unapplied, a vote without a proof dated before the key, once that is old', async () => {
    const madeAt = now - UNPROVEN_VOTE_GRACE_MS;
    const id = (madeAt - 1000) * 1000;
    const stored = { [pendingVoteKey(id)]: withoutProof('love', id) };
    expect(await applyLeftOver(stored, fakeProofs(madeAt))).toMatchObject({
      reaction: null,
      applied: 0,
      left: 0,
    });
  });

  it('leaves a vote for later where its proof cannot be checked yet (the key unreadable)', async () => {
    const unreadable: OriginProofs = {
      ...fakeProofs(),
      verify: () => Promise.reject(new DOMException('closing', 'InvalidStateError')),
    };
    const { pending, items, setReaction, sleep } = setUp(
      { [pendingVoteKey(op(1))]: vote('love', op(1)) },
      undefined,
      undefined,
      unreadable,
    );
    // The first try fails; the background stops before the next.
    sleep
      .mockImplementationOnce(async () => {})
      .mockImplementationOnce(() => new Promise(() => {}));
    void pending.applyLeftOver();
    await new Promise((done) => setTimeout(done, 50));
    expect(setReaction).not.toHaveBeenCalled();
    expect(items.size).toBe(1);
  });
});

describe('createPendingVotes: a proof read from storage.local', () => {
  // Every content script reads storage.local and hears its changes: a vote one tab keeps aside
  // is seen, proof and all, by a content script taken over in another.
  // Operation ids count on within one page: two tabs' clicks in the same millisecond share one.
  it('applies both votes two tabs kept aside with the same operation id', async () => {
    const proofs = createOriginProofs(`proof-twins-${++counter}`, () => now - 60_000);
    const { calls, items, pending } = setUp({}, undefined, undefined, proofs);
    const answering = withPendingVotes(calls, pending, () => now);
    const tab = { kind: 'tab', tabId: 7, pageUrl: url, incognito: false } as const;
    const { proofKey } = await answering.getReaction({ url }, tab);
    const area = {
      set: async (values: Record<string, unknown>) => {
        for (const [name, value] of Object.entries(values)) items.set(name, value);
      },
      remove: async () => {},
    };
    const otherUrl = 'https://news.example/world/other-story';
    const votes = [
      { url, title: 'Story', reaction: 'love' as const },
      { url: otherUrl, title: 'Other', reaction: 'wow' as const },
    ];
    // Both pages are left before the background answers.
    for (const input of votes) {
      const proof = pendingVoteProof(proofKey!, input, op(1));
      void sendKeepingAside(area, input, op(1), proof, () => new Promise<never>(() => {}));
    }
    await new Promise((done) => setTimeout(done, 0));
    await pending.applyLeftOver();
    expect((await calls.getReaction({ url })).reaction).toBe('love');
    expect((await calls.getReaction({ url: otherUrl })).reaction).toBe('wow');
  });

  // The same call, so the same proof: no copy written back, nothing for the console to tell.
  it('tells of no copy where two tabs kept one vote alike in the same millisecond', async () => {
    const proofs = createOriginProofs(`proof-alike-${++counter}`, () => now - 60_000);
    const { calls, items, failures, pending } = setUp({}, undefined, undefined, proofs);
    const answering = withPendingVotes(calls, pending, () => now);
    const tab = { kind: 'tab', tabId: 7, pageUrl: url, incognito: false } as const;
    const { proofKey } = await answering.getReaction({ url }, tab);
    const area = {
      set: async (values: Record<string, unknown>) => {
        for (const [name, value] of Object.entries(values)) items.set(name, value);
      },
      remove: async (name: string) => {
        const oldValue = items.get(name);
        items.delete(name);
        await pending.follow({ [name]: { oldValue } });
      },
    };
    const input = { url, title: 'Story', reaction: 'love' as const };
    const proof = pendingVoteProof(proofKey!, input, op(1));
    // One tab's call lands; the other tab is left before the background answers.
    await sendKeepingAside(area, input, op(1), proof, () =>
      answering.setReaction(input, tab, { op: op(1) }),
    );
    void sendKeepingAside(area, input, op(1), proof, () => new Promise<never>(() => {}));
    await vi.waitFor(() => expect(items.size).toBe(1));
    await pending.applyLeftOver();
    expect((await calls.getReaction({ url })).reaction).toBe('love');
    expect(items.size).toBe(0);
    expect(failures).toEqual([]);
  });

  it("applies no other vote made with a proof seen on another tab's vote", async () => {
    const proofs = createOriginProofs(`proof-seen-${++counter}`, () => now - 60_000);
    const { calls, setReaction, items, failures, pending } = setUp(
      {},
      undefined,
      undefined,
      proofs,
    );
    const answering = withPendingVotes(calls, pending, () => now);
    const tab = { kind: 'tab', tabId: 7, pageUrl: url, incognito: false } as const;
    const { proofKey } = await answering.getReaction({ url }, tab);
    const area = {
      set: async (values: Record<string, unknown>) => void items.set(...Object.entries(values)[0]!),
      remove: async () => {},
    };
    const input = { url, title: 'Story', reaction: 'love' as const };
    // The page is left before the background answers: its vote stays kept aside.
    void sendKeepingAside(
      area,
      input,
      op(1),
      pendingVoteProof(proofKey!, input, op(1)),
      () => new Promise<never>(() => {}),
    );
    await new Promise((done) => setTimeout(done, 0));
    const [seen] = [...items.values()] as [{ proof: unknown }];
    const otherArticle = 'https://news.example/world/other-story';
    items.set(pendingVoteKey(op(2)), {
      call: 'setReaction',
      input: { url: otherArticle, title: 'Forged', reaction: 'angry' },
      op: op(2),
      proof: seen.proof,
    });
    items.set(pendingVoteKey(op(3)), {
      call: 'setReaction',
      input: { ...input, reaction: 'angry' },
      op: op(3),
      proof: seen.proof,
    });
    await pending.applyLeftOver();
    expect((await calls.getReaction({ url: otherArticle })).reaction).toBeNull();
    expect((await calls.getReaction({ url })).reaction).toBe('love');
    expect(setReaction).toHaveBeenCalledTimes(1);
    expect(failures).toHaveLength(2);
  });
});

describe('createPendingVotes: a vote kept aside, copied and written back', () => {
  // Every content script reads storage.local: one taken over through a browser flaw copies a
  // vote kept aside, proof and all, and writes it back once the store forgot its operation id.
  const tab = { kind: 'tab', tabId: 7, pageUrl: url, incognito: false } as const;
  const input = { url, title: 'Story', reaction: 'love' as const };

  /** The background on `time`'s clock, with real origin proofs, and its answers to `tab`. */
  async function setUpProven(time: ReturnType<typeof manualTime>) {
    const proofs = createOriginProofs(`proof-copied-${++counter}`, () => now - 60_000);
    const background = setUp({}, undefined, time, proofs);
    const answering = withPendingVotes(background.calls, background.pending, time.now);
    const { proofKey } = await answering.getReaction({ url }, tab);
    const copies: unknown[] = [];
    /** storage.local as the page and every content script see it: each change is heard. */
    const area = {
      set: async (values: Record<string, unknown>) => {
        for (const [name, value] of Object.entries(values)) {
          copies.push(structuredClone(value));
          background.items.set(name, value);
          void background.pending.follow({ [name]: { newValue: value } });
        }
      },
      remove: async (name: string) => {
        const oldValue = background.items.get(name);
        background.items.delete(name);
        void background.pending.follow({ [name]: { oldValue } });
      },
    };
    /** The page keeps its vote aside (op 1) while `send` sends it. */
    const vote = (send: () => Promise<unknown>) =>
      sendKeepingAside(area, input, op(1), pendingVoteProof(proofKey!, input, op(1)), send);
    /** Writes back what was kept aside, as a content script that copied it would. */
    const writeBack = () => {
      const name = pendingVoteKey(op(1));
      background.items.set(name, copies[0]);
      return { [name]: { newValue: copies[0] } };
    };
    return { ...background, answering, vote, writeBack };
  }

  it.each([
    { change: "the reader's later vote", reaction: 'wow' as const },
    { change: "the reader's removal", reaction: null },
  ])("does not let it undo $change, once the page's call landed", async ({ reaction }) => {
    const time = manualTime();
    const { calls, items, failures, pending, answering, vote, writeBack } = await setUpProven(time);
    await vote(() => answering.setReaction(input, tab, { op: op(1) }));
    await time.pass(PENDING_VOTE_GRACE_MS);
    await answering.setReaction({ ...input, reaction }, tab, { op: time.now() * 1000 });
    await time.pass(OPERATION_MEMORY_MS + 60_000);
    void pending.follow(writeBack());
    await time.pass(0);
    await time.pass(PENDING_VOTE_GRACE_MS);
    expect((await calls.getReaction({ url })).reaction).toBe(reaction);
    expect(items.size).toBe(0);
    expect(failures).toEqual([expect.any(InvalidMessageError)]);
  });

  // Its page's call landed as the grace ended: the page removed the vote, answered, while the
  // background was checking it. Nothing was written back, and the console says nothing of it.
  it('tells of no copy where its page removed it while the background checked it', async () => {
    const name = pendingVoteKey(op(1));
    const kept = vote('love', op(1));
    const proofs = fakeProofs();
    const page = { removeKept: async () => {} };
    const { items, setReaction, failures, pending } = setUp(
      { [name]: kept },
      undefined,
      undefined,
      {
        ...proofs,
        async verify(...args) {
          await page.removeKept();
          return proofs.verify(...args);
        },
      },
    );
    page.removeKept = async () => {
      items.delete(name);
      await pending.follow({ [name]: { oldValue: kept } });
    };
    await pending.applyLeftOver();
    expect(setReaction).not.toHaveBeenCalled();
    expect(items.size).toBe(0);
    expect(failures).toEqual([]);
  });

  // Remembered, a vote dated ahead would have every vote before it taken for applied too, once
  // the earliest remembered are let go.
  it('remembers a vote its page removed, unless dated ahead of any click', async () => {
    const proofs = createOriginProofs(`proof-ahead-${++counter}`);
    const { pending } = setUp({}, undefined, manualTime(), proofs);
    const proof = 'A'.repeat(43) + '=';
    const ahead = (now + 60_000) * 1000;
    await pending.follow({
      [pendingVoteKey(op(1))]: { oldValue: { op: op(1), proof } },
      [pendingVoteKey(ahead)]: { oldValue: { op: ahead, proof } },
    });
    expect(await proofs.wasApplied({ op: op(1), proof })).toBe(true);
    expect(await proofs.wasApplied({ op: ahead, proof })).toBe(false);
  });

  it('does not apply it again after a restart, once the background applied it', async () => {
    const time = manualTime();
    const { calls, items, start, answering, vote, writeBack } = await setUpProven(time);
    // The page is left before the background answers: the background applies what it kept.
    void vote(() => new Promise<never>(() => {}));
    await time.pass(0);
    await time.pass(PENDING_VOTE_GRACE_MS);
    expect((await calls.getReaction({ url })).reaction).toBe('love');
    // Removed once remembered as applied: a write of the proof database, slow under load.
    await vi.waitFor(() => expect(items.size).toBe(0));
    await answering.setReaction({ ...input, reaction: 'wow' }, tab, { op: time.now() * 1000 });
    // Written back while the background is stopped: its next start finds it.
    time.stop();
    await time.pass(OPERATION_MEMORY_MS + 60_000);
    writeBack();
    void start().applyLeftOver();
    await time.pass(0);
    await time.pass(PENDING_VOTE_GRACE_MS);
    expect((await calls.getReaction({ url })).reaction).toBe('wow');
    await vi.waitFor(() => expect(items.size).toBe(0));
  });
});

describe('withPendingVotes', () => {
  const tab = (incognito: boolean) =>
    ({ kind: 'tab', tabId: 7, pageUrl: 'https://news.example/world', incognito }) as const;

  it("gives a content script its page's proof key with the reaction, outside private windows", async () => {
    const { calls, pending } = setUp({});
    const answering = withPendingVotes(calls, pending);
    expect(await answering.getReaction({ url }, tab(false))).toEqual({
      key: url,
      reaction: null,
      siteDisabled: false,
      proofKey: proofKeyOf('https://news.example'),
    });
    expect(await answering.getReaction({ url }, tab(true))).not.toHaveProperty('proofKey');
    expect(await answering.getReaction({ url })).not.toHaveProperty('proofKey');
  });

  // A toolbar whose reaction could not be read (the background slow to start, or busy) still
  // takes votes: the key also comes with the site's switch, the page's first question, and
  // with each vote, for those after it.
  it.each([
    [
      'the site switch',
      (answering: CallHandlers, caller?: ReturnType<typeof tab>) =>
        answering.getSiteState({ url }, caller),
    ],
    [
      'each vote',
      (answering: CallHandlers, caller?: ReturnType<typeof tab>) =>
        answering.setReaction({ url, title: 'Story', reaction: 'love' }, caller),
    ],
  ])(
    "gives a content script its page's proof key with %s, outside private windows",
    async (_name, ask) => {
      const { calls, pending } = setUp({});
      const answering = withPendingVotes(calls, pending);
      expect(await ask(answering, tab(false))).toMatchObject({
        proofKey: proofKeyOf('https://news.example'),
      });
      expect(await ask(answering, tab(true))).not.toHaveProperty('proofKey');
      expect(await ask(answering)).not.toHaveProperty('proofKey');
    },
  );

  it('answers with the reaction where no proof can be made (the key unreadable)', async () => {
    const failures: unknown[] = [];
    const unreadable = { ...fakeProofs(), keyFor: () => Promise.reject(new Error('no key')) };
    const { calls, pending } = setUp({}, undefined, undefined, unreadable);
    const answering = withPendingVotes(calls, pending, Date.now, (error) => failures.push(error));
    expect(await answering.getReaction({ url }, tab(false))).toEqual({
      key: url,
      reaction: null,
      siteDisabled: false,
    });
    expect(failures).toHaveLength(1);
  });

  // getReaction answers every page with a toolbar: the proof key (read from its own database on
  // a worker's first call) is not waited for after the reaction has been read.
  it('reads the proof key while the reaction is read', async () => {
    let keyAsked = false;
    const proofs = {
      ...fakeProofs(),
      keyFor: async (origin: string) => {
        keyAsked = true;
        return proofKeyOf(origin);
      },
    };
    const { calls, pending } = setUp({}, undefined, undefined, proofs);
    let askedWhileReading: boolean | undefined;
    const reading: CallHandlers = {
      ...calls,
      async getReaction(...args) {
        await new Promise((done) => setTimeout(done, 10));
        askedWhileReading = keyAsked;
        return calls.getReaction(...args);
      },
    };
    const answer = await withPendingVotes(reading, pending).getReaction({ url }, tab(false));
    expect(answer.proofKey).toBe(proofKeyOf('https://news.example'));
    expect(askedWhileReading).toBe(true);
  });

  it('fails as the reaction fails, the proof key read meanwhile failing too', async () => {
    const failures: unknown[] = [];
    const unreadable = { ...fakeProofs(), keyFor: () => Promise.reject(new Error('no key')) };
    const { calls, pending } = setUp({}, undefined, undefined, unreadable);
    const failing = { ...calls, getReaction: () => Promise.reject(new Error('no database')) };
    const answering = withPendingVotes(failing, pending, Date.now, (error) => failures.push(error));
    await expect(answering.getReaction({ url }, tab(false))).rejects.toThrow('no database');
  });

  // A page whose first questions failed (its history slow to open as the background starts)
  // still keeps its first vote aside: the failure's reply carries the key, read apart.
  it("gives a content script its page's proof key with a failure, outside private windows", async () => {
    const { calls, pending } = setUp({});
    const slow = Object.assign(new Error('the history took too long to open'), {
      name: 'DatabaseSlowError',
    });
    const failing = { ...calls, getSiteState: () => Promise.reject(slow) };
    const answering = withPendingVotes(failing, pending);
    const ask = (caller?: ReturnType<typeof tab>) =>
      answerMessage(answering, { call: 'getSiteState', input: { url } }, caller);
    expect(await ask(tab(false))).toMatchObject({
      ok: false,
      error: expect.stringContaining('the history took too long to open'),
      proofKey: proofKeyOf('https://news.example'),
    });
    expect(await ask(tab(true))).not.toHaveProperty('proofKey');
    expect(await ask()).not.toHaveProperty('proofKey');
  });

  it('clears the history of the votes still pending from before, and only those', async () => {
    const time = manualTime();
    const { calls, setReaction, items, start } = setUpWithVoteLeftOver(time);
    const pending = await startRefusingFirstTry({ setReaction, start }, time);
    const answering = withPendingVotes(calls, pending, time.now);
    await answering.clearHistory({});
    // A vote given after, its page left at once.
    const later = time.now() * 1000 + 1;
    const otherUrl = 'https://news.example/world/other';
    items.set(pendingVoteKey(later), vote('wow', later, { url: otherUrl }));
    void pending.follow({ [pendingVoteKey(later)]: { newValue: {} } });
    await time.pass(PENDING_VOTE_RETRY_MS);
    expect(await calls.listHistory({ limit: 10 })).toMatchObject([
      { key: otherUrl, reaction: 'wow' },
    ]);
    expect(items.size).toBe(0);
  });

  // The clear's first send was lost to a stopped worker and retried: it is handled after a vote
  // the reader gave in a tab once they had cleared, whose page was closed before its call landed.
  it('keeps a pending vote given after the clear, ordered by operation id', async () => {
    const time = manualTime();
    const clearOp = op(500);
    const givenAfter = op(300_500);
    const otherUrl = 'https://news.example/world/other';
    const { calls, items, start } = setUp(
      {
        [pendingVoteKey(op(1))]: vote('love', op(1)),
        [pendingVoteKey(givenAfter)]: vote('wow', givenAfter, { url: otherUrl }),
      },
      undefined,
      time,
    );
    const pending = start();
    await withPendingVotes(calls, pending, time.now).clearHistory({}, undefined, { op: clearOp });
    expect([...items.keys()]).toEqual([pendingVoteKey(givenAfter)]);
    void pending.applyLeftOver();
    await time.pass(0);
    await time.pass(PENDING_VOTE_GRACE_MS);
    expect(await calls.listHistory({ limit: 10 })).toMatchObject([
      { key: otherUrl, reaction: 'wow' },
    ]);
    expect(items.size).toBe(0);
  });
});

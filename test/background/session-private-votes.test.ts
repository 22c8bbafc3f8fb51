import { describe, expect, it, vi } from 'vitest';
import type { PrivateVote } from '../../src/background/calls';
import {
  createSessionPrivateVotes,
  type SessionArea,
} from '../../src/background/session-private-votes';

/** A `storage.session` in a Map; each method fails while its switch in `failing` is on. */
function fakeSession() {
  const items = new Map<string, unknown>();
  const failing = { get: false, set: false, remove: false };
  const refuse = (what: string) => Promise.reject(new Error(`${what}: QUOTA_BYTES exceeded`));
  const session: SessionArea = {
    async get(name) {
      if (failing.get) return refuse('get');
      const names = name === null ? [...items.keys()] : [name];
      return Object.fromEntries(names.filter((n) => items.has(n)).map((n) => [n, items.get(n)]));
    },
    async set(values) {
      if (failing.set) return refuse('set');
      for (const [name, value] of Object.entries(values)) items.set(name, structuredClone(value));
    },
    async remove(names) {
      if (failing.remove) return refuse('remove');
      for (const name of [names].flat()) items.delete(name);
    },
  };
  return { session, items, failing };
}

const key = 'https://news.example/story';
const like: PrivateVote = { reaction: 'like', op: 7, writtenAt: 1_700_000_000_000 };
const sad: PrivateVote = { reaction: 'sad', op: 8, writtenAt: 1_700_000_001_000 };

describe('createSessionPrivateVotes', () => {
  it('keeps reactions in the session, where a restarted worker finds them', async () => {
    const { session, items } = fakeSession();
    await createSessionPrivateVotes(session).set(key, like);
    expect([...items.keys()]).toEqual([`private-vote:${key}`]);
    await expect(createSessionPrivateVotes(session).get(key)).resolves.toEqual(like);
  });

  it.each([
    ['a first reaction', null],
    ['a switch', like],
  ])('gives back %s the session could not hold (storage full)', async (_, earlier) => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { session, failing } = fakeSession();
    const votes = createSessionPrivateVotes(session);
    if (earlier) await votes.set(key, earlier);
    failing.set = true;
    await votes.set(key, sad);
    await expect(votes.get(key)).resolves.toEqual(sad);
  });

  it('forgets a reaction taken back that the session could not remove', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { session, failing } = fakeSession();
    const votes = createSessionPrivateVotes(session);
    await votes.set(key, like);
    failing.remove = true;
    await votes.set(key, null);
    await expect(votes.get(key)).resolves.toBeNull();
  });

  it.each([
    ['a switch it could not write', { set: true }, sad],
    ['a removal it could not write', { set: true }, { reaction: null, op: 8, writtenAt: 1 }],
    ['a removal it could not apply', { remove: true }, null],
  ] as const)(
    'after %s, a restarted worker reads no reaction rather than the one before',
    async (_, refused, next) => {
      vi.spyOn(console, 'warn').mockImplementation(() => {});
      const { session, failing } = fakeSession();
      await createSessionPrivateVotes(session).set(key, like);
      Object.assign(failing, refused);
      await createSessionPrivateVotes(session).set(key, next);
      Object.assign(failing, { set: false, remove: false });
      await expect(createSessionPrivateVotes(session).get(key)).resolves.toBeNull();
    },
  );

  it('keeps reactions in memory while the session cannot be read', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { session, failing } = fakeSession();
    failing.get = true;
    failing.set = true;
    const votes = createSessionPrivateVotes(session);
    await votes.set(key, like);
    await expect(votes.get(key)).resolves.toEqual(like);
  });

  it('forgets every private reaction when the private session ends, and nothing else', async () => {
    const { session, items } = fakeSession();
    items.set('other', 1);
    const votes = createSessionPrivateVotes(session);
    await votes.set(key, like);
    await votes.clear();
    await expect(votes.get(key)).resolves.toBeNull();
    expect([...items.keys()]).toEqual(['other']);
  });

  // The reader reacts in a private tab and closes its window at once: the write is still on its
  // way to storage.session when the last private window's closing ends the session.
  it('forgets a reaction whose write was under way when the private session ended', async () => {
    const { session, items } = fakeSession();
    const set = session.set.bind(session);
    let landWrite = () => {};
    session.set = (values) =>
      new Promise<void>((done) => {
        landWrite = () => void set(values).then(done);
      });
    const votes = createSessionPrivateVotes(session);
    const writing = votes.set(key, like);
    const clearing = votes.clear();
    landWrite();
    await Promise.all([writing, clearing]);
    expect([...items.keys()]).toEqual([]);
    await expect(votes.get(key)).resolves.toBeNull();
  });

  it('forgets them from memory even when the session cannot be read, without rejecting', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { session, failing } = fakeSession();
    failing.set = true;
    const votes = createSessionPrivateVotes(session);
    await votes.set(key, like);
    failing.get = true;
    await expect(votes.clear()).resolves.toBeUndefined();
    await expect(votes.get(key)).resolves.toBeNull();
  });
});

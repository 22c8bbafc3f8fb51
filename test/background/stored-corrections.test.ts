import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createStoredCorrections,
  rekeyCorrectionsOnUpdate,
  type LocalArea,
} from '../../src/background/stored-corrections';
import { createRevokedProofs } from '../../src/background/origin-proof';
import { hmacSha256 } from '../../src/core/hmac-sha256';
import { correctionStorageKey, type PageCorrection } from '../../src/core/page-corrections';
import { toBase64 } from '../../src/core/pending-vote-proof';
import { cleanTitle } from '../../src/core/vote';

/**
 * Origin proofs under a key of this test's: `madeHere`, the start that made the key (the first
 * of the version that proves corrections), adopts what an earlier version kept without a proof.
 */
function fakeProofs({ madeHere = false } = {}) {
  const secret = crypto.getRandomValues(new Uint8Array(32));
  return {
    keyFor: async (name: string) => toBase64(hmacSha256(secret, new TextEncoder().encode(name))),
    madeHere: async () => madeHere,
  };
}

/**
 * A `storage.local` in a Map. A read of everything (the update's) answers what was stored when it
 * was asked, but only once `readsOfAll.wait` (while set) has resolved.
 */
function fakeLocal() {
  const items = new Map<string, unknown>();
  const readsOfAll: { wait?: Promise<void> } = {};
  const local: LocalArea = {
    async get(name) {
      const names = name === null ? [...items.keys()] : [name];
      const found = Object.fromEntries(
        names.filter((n) => items.has(n)).map((n) => [n, structuredClone(items.get(n))]),
      );
      if (name === null) await readsOfAll.wait;
      return found;
    },
    async set(values) {
      for (const [name, value] of Object.entries(values)) items.set(name, structuredClone(value));
    },
    async remove(names) {
      for (const name of [names].flat()) items.delete(name);
    },
  };
  return { local, items, readsOfAll };
}

// A key as an earlier version made it: a session in the path (before database version 10).
const oldKey = 'https://news.example/a;jsessionid=F00';
const newKey = 'https://news.example/a';
const hide: PageCorrection = { toolbar: 'hide', title: 'Front', url: newKey, setAt: 5 };

afterEach(() => {
  vi.restoreAllMocks();
});

describe('rekeyCorrectionsOnUpdate', () => {
  [
    { reason: 'update', rekeys: true },
    { reason: 'install', rekeys: false },
    { reason: 'chrome_update', rekeys: false },
    { reason: 'browser_update', rekeys: false },
    { reason: 'shared_module_update', rekeys: false },
  ].forEach(({ reason, rekeys }) => {
    it(`${rekeys ? 'moves' : 'leaves'} corrections on ${reason}`, async () => {
      const { local, items } = fakeLocal();
      items.set(correctionStorageKey(oldKey), hide);
      const corrections = createStoredCorrections(local, fakeProofs({ madeHere: true }));
      rekeyCorrectionsOnUpdate(reason, corrections);
      await vi.waitFor(async () => {
        expect(items.has(correctionStorageKey(rekeys ? newKey : oldKey))).toBe(true);
      });
      expect(items.has(correctionStorageKey(oldKey))).toBe(!rekeys);
      expect(await corrections.get(newKey)).toEqual(rekeys ? hide : null);
    });
  });

  // A template declaring its section on every story filed them under the section's key: a
  // correction made on one story hid the toolbar on all of them.
  it("moves a correction under a section the page declared to the page's own key", async () => {
    const { local, items } = fakeLocal();
    const story = 'https://news.example/news/harbour-fire';
    const onStory = { ...hide, url: story };
    // One made on another page of the article (its AMP page), under the article's key, stays.
    const canonical = 'https://news.example/world/other';
    const onAmp = { ...hide, url: 'https://news.example/amp/world/other' };
    items.set(correctionStorageKey('https://news.example/news'), onStory);
    items.set(correctionStorageKey(canonical), onAmp);
    const corrections = createStoredCorrections(local, fakeProofs({ madeHere: true }));
    rekeyCorrectionsOnUpdate('update', corrections);
    await vi.waitFor(async () => expect(await corrections.get(story)).toEqual(onStory));
    expect([...items.keys()].sort()).toEqual(
      [correctionStorageKey(canonical), correctionStorageKey(story)].sort(),
    );
  });

  // A one-word story below its section (`/news/fire`), and a story filed below that one's key:
  // the first moves onto a key the second leaves. Two pages, each keeps its own correction.
  [
    { first: 6, second: 5, moved: 'newer' },
    { first: 5, second: 6, moved: 'older' },
  ].forEach(({ first, second, moved }) => {
    it(`keeps both where one (${moved}) moves onto the key another moves off`, async () => {
      const { local, items } = fakeLocal();
      const story = 'https://news.example/news/fire';
      const below = 'https://news.example/news/fire/harbour-blaze';
      const onStory = { ...hide, url: story, setAt: first };
      const onBelow = { ...hide, toolbar: 'show' as const, url: below, setAt: second };
      items.set(correctionStorageKey('https://news.example/news'), onStory);
      items.set(correctionStorageKey(story), onBelow);
      const corrections = createStoredCorrections(local, fakeProofs({ madeHere: true }));
      rekeyCorrectionsOnUpdate('update', corrections);
      await vi.waitFor(async () => expect(await corrections.get(below)).toEqual(onBelow));
      expect(await corrections.get(story)).toEqual(onStory);
      expect(items.size).toBe(2);
    });
  });

  // An address an earlier version measured as sent (2,000 raw é), whose key is three times over
  // what a key may be: moved there, the options page could not forget it.
  it('leaves a correction whose page would make too long a key', async () => {
    const { local, items } = fakeLocal();
    const section = 'https://news.example/news';
    const onPage = { ...hide, url: `${section}/${'é'.repeat(2000)}` };
    items.set(correctionStorageKey(section), onPage);
    const corrections = createStoredCorrections(local, fakeProofs({ madeHere: true }));
    await corrections.rekey();
    expect([...items.keys()]).toEqual([correctionStorageKey(section)]);
  });

  it('logs a failed move rather than leaving its rejection unheard', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    rekeyCorrectionsOnUpdate('update', { rekey: () => Promise.reject(new Error('unreadable')) });
    await vi.waitFor(() =>
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('unreadable')),
    );
  });
});

describe('createStoredCorrections', () => {
  /** A store whose update-time move of `hide` (under oldKey) has read everything, not yet written. */
  function midMove() {
    const { local, items, readsOfAll } = fakeLocal();
    items.set(correctionStorageKey(oldKey), hide);
    let finishRead = () => {};
    readsOfAll.wait = new Promise((resolve) => (finishRead = resolve));
    const corrections = createStoredCorrections(local, fakeProofs({ madeHere: true }));
    const moving = corrections.rekey();
    return { corrections, items, moving, finishRead };
  }

  it('answers a page that asks while the update moves its correction with the moved one', async () => {
    // The update injects open tabs at once: their content scripts ask under today's key.
    const { corrections, moving, finishRead } = midMove();
    const asked = corrections.get(newKey);
    finishRead();
    await moving;
    await expect(asked).resolves.toEqual(hide);
  });

  [
    { change: 'set anew', correction: { ...hide, toolbar: 'show', setAt: 9 } as const },
    { change: 'removed', correction: null },
  ].forEach(({ change, correction }) => {
    it(`keeps a correction ${change} while the update moves the old one`, async () => {
      const { corrections, items, moving, finishRead } = midMove();
      const setting = corrections.set(newKey, correction);
      finishRead();
      await Promise.all([moving, setting]);
      await expect(corrections.get(newKey)).resolves.toEqual(correction);
      expect(items.has(correctionStorageKey(oldKey))).toBe(false);
    });
  });

  it('lists the corrections under their keys as the update moved them', async () => {
    const { corrections, items, moving, finishRead } = midMove();
    items.set('settings', { order: [] });
    const listed = corrections.list();
    finishRead();
    await moving;
    await expect(listed).resolves.toEqual([{ key: newKey, ...hide }]);
  });

  // storage.local is every content script's to write: one taken over on one site must not hide
  // (or show) the toolbar on another site's page, nor move a correction the reader made there.
  it('applies no correction written into storage.local without its proof', async () => {
    const { local, items } = fakeLocal();
    const corrections = createStoredCorrections(local, fakeProofs());
    items.set(correctionStorageKey(newKey), hide);
    await expect(corrections.get(newKey)).resolves.toBeNull();
    await expect(corrections.list()).resolves.toEqual([]);
  });

  it('applies no correction copied from under another article', async () => {
    const { local, items } = fakeLocal();
    const corrections = createStoredCorrections(local, fakeProofs());
    const other = 'https://bank.example/statement';
    await corrections.set(newKey, hide);
    items.set(correctionStorageKey(other), items.get(correctionStorageKey(newKey)));
    await expect(corrections.get(newKey)).resolves.toEqual(hide);
    await expect(corrections.get(other)).resolves.toBeNull();
    await expect(corrections.list()).resolves.toEqual([{ key: newKey, ...hide }]);
  });

  it('applies no correction whose fields were changed after it was set', async () => {
    const { local, items } = fakeLocal();
    const corrections = createStoredCorrections(local, fakeProofs());
    await corrections.set(newKey, hide);
    const name = correctionStorageKey(newKey);
    items.set(name, { ...(items.get(name) as object), toolbar: 'show' });
    await expect(corrections.get(newKey)).resolves.toBeNull();
  });

  it('moves only proven corrections once the version that proves them has started', async () => {
    const { local, items } = fakeLocal();
    const corrections = createStoredCorrections(local, fakeProofs());
    const moved = 'https://news.example/b;jsessionid=F00';
    await corrections.set(moved, { ...hide, url: 'https://news.example/b' });
    items.set(correctionStorageKey(oldKey), hide);
    await corrections.rekey();
    await expect(corrections.get('https://news.example/b')).resolves.toEqual({
      ...hide,
      url: 'https://news.example/b',
    });
    await expect(corrections.get(newKey)).resolves.toBeNull();
    expect(items.has(correctionStorageKey(oldKey))).toBe(true);
  });

  it('proves on the start that made the key what an earlier version kept', async () => {
    const { local, items } = fakeLocal();
    items.set(correctionStorageKey(newKey), hide);
    const corrections = createStoredCorrections(local, fakeProofs({ madeHere: true }));
    await corrections.rekey();
    await expect(corrections.get(newKey)).resolves.toEqual(hide);
  });

  // Any content script could write there before: what it left is taken only as setCorrection
  // would have taken it.
  it.each([
    ['a script address', { ...hide, url: 'javascript:alert(1)' }, newKey],
    ['a key of no web page', hide, 'javascript:alert(1)'],
  ])('adopts nothing an earlier version could not have kept: %s', async (_, correction, key) => {
    const { local, items } = fakeLocal();
    items.set(correctionStorageKey(key), correction);
    const corrections = createStoredCorrections(local, fakeProofs({ madeHere: true }));
    await corrections.rekey();
    await expect(corrections.list()).resolves.toEqual([]);
  });

  it('adopts an endless title an earlier version kept as setCorrection would keep it', async () => {
    const { local, items } = fakeLocal();
    items.set(correctionStorageKey(newKey), { ...hide, title: 'T'.repeat(100_000) });
    const corrections = createStoredCorrections(local, fakeProofs({ madeHere: true }));
    await corrections.rekey();
    await expect(corrections.get(newKey)).resolves.toEqual({
      ...hide,
      title: cleanTitle('T'.repeat(100_000)),
    });
  });

  // A page opened with a password in its address (an intranet's basic auth), or a token in its
  // fragment (a sign-in's redirect): the popup names a page without a title by its address, and
  // storage.local is every content script's to read. Kept as a vote's link is.
  it("keeps no password nor fragment of the page's address, an app's route aside", async () => {
    const { local, items } = fakeLocal();
    const corrections = createStoredCorrections(local, fakeProofs());
    const address = 'https://reader:s3cret@intranet.example/report#access_token=abc';
    const page = 'https://intranet.example/report';
    await corrections.set(page, { ...hide, url: address, title: address });
    await corrections.set(newKey, { ...hide, url: `${newKey}?x#t=1`, title: 'Front' });
    const route = 'https://app.example/#/story/1';
    await corrections.set(route, { ...hide, url: route });
    expect(JSON.stringify([...items.values()])).not.toMatch(/s3cret|access_token|#t=/);
    await expect(corrections.get(page)).resolves.toEqual({ ...hide, url: page, title: page });
    await expect(corrections.get(newKey)).resolves.toEqual({ ...hide, url: `${newKey}?x` });
    await expect(corrections.get(route)).resolves.toEqual({ ...hide, url: route });
  });
});

// Every content script reads storage.local: one taken over through a browser flaw can copy a
// proven correction and write it back after the reader removed or changed it.
describe('createStoredCorrections: a correction the reader removed or changed', () => {
  let counter = 0;
  const freshName = () => `stored-corrections-${++counter}`;
  const name = correctionStorageKey(newKey);
  const proofs = fakeProofs();
  const show: PageCorrection = { ...hide, toolbar: 'show', setAt: 6 };

  it('applies none written back after Forget, for the next background too', async () => {
    const { local, items } = fakeLocal();
    const database = freshName();
    const corrections = createStoredCorrections(local, proofs, createRevokedProofs(database));
    await corrections.set(newKey, hide);
    const copy = items.get(name);
    await corrections.set(newKey, null);
    items.set(name, copy);
    await expect(corrections.get(newKey)).resolves.toBeNull();
    await expect(corrections.list()).resolves.toEqual([]);
    const next = createStoredCorrections(local, proofs, createRevokedProofs(database));
    await expect(next.get(newKey)).resolves.toBeNull();
  });

  it('applies none written back over the one that replaced it', async () => {
    const { local, items } = fakeLocal();
    const corrections = createStoredCorrections(local, proofs, createRevokedProofs(freshName()));
    await corrections.set(newKey, hide);
    const copy = items.get(name);
    await corrections.set(newKey, show);
    await expect(corrections.get(newKey)).resolves.toEqual(show);
    items.set(name, copy);
    await expect(corrections.get(newKey)).resolves.toBeNull();
    await expect(corrections.list()).resolves.toEqual([]);
  });

  // The popup's Undo sets the correction it removed as it was: the same fields, the same proof.
  it('applies one the reader set again as it was', async () => {
    const { local } = fakeLocal();
    const corrections = createStoredCorrections(local, proofs, createRevokedProofs(freshName()));
    await corrections.set(newKey, hide);
    await corrections.set(newKey, null);
    await corrections.set(newKey, hide);
    await expect(corrections.get(newKey)).resolves.toEqual(hide);
    await expect(corrections.list()).resolves.toEqual([{ key: newKey, ...hide }]);
  });

  it('applies none the update moved away, written back under its old key', async () => {
    const { local, items } = fakeLocal();
    const corrections = createStoredCorrections(local, proofs, createRevokedProofs(freshName()));
    await corrections.set(oldKey, hide);
    const copy = items.get(correctionStorageKey(oldKey));
    await corrections.rekey();
    items.set(correctionStorageKey(oldKey), copy);
    await expect(corrections.get(oldKey)).resolves.toBeNull();
    await expect(corrections.list()).resolves.toEqual([{ key: newKey, ...hide }]);
  });

  it('leaves the correction of each other page applied', async () => {
    const { local } = fakeLocal();
    const corrections = createStoredCorrections(local, proofs, createRevokedProofs(freshName()));
    const other = 'https://news.example/b';
    await corrections.set(other, { ...hide, url: other });
    await corrections.set(newKey, hide);
    await corrections.set(newKey, null);
    await expect(corrections.get(other)).resolves.toEqual({ ...hide, url: other });
  });

  // A full disk refuses the revocation's write: Forget must still take the correction away.
  it('forgets one whose proof cannot be revoked now, revoking it with the next change', async () => {
    const { local, items } = fakeLocal();
    const database = freshName();
    const revoked = createRevokedProofs(database);
    const corrections = createStoredCorrections(local, proofs, revoked);
    await corrections.set(newKey, hide);
    const copy = items.get(name);
    vi.spyOn(revoked, 'revise').mockRejectedValueOnce(
      new DOMException('full', 'QuotaExceededError'),
    );
    await corrections.set(newKey, null);
    expect(items.has(name)).toBe(false);
    items.set(name, copy);
    await expect(corrections.get(newKey)).resolves.toBeNull();
    await expect(corrections.list()).resolves.toEqual([]);
    const other = 'https://news.example/b';
    await corrections.set(other, { ...hide, url: other });
    const next = createStoredCorrections(local, proofs, createRevokedProofs(database));
    await expect(next.get(newKey)).resolves.toBeNull();
  });

  // A worker started after the options page listed it, the proof database unreadable now.
  it('forgets one while the proof database cannot be read', async () => {
    const { local, items } = fakeLocal();
    await createStoredCorrections(local, proofs, createRevokedProofs(freshName())).set(
      newKey,
      hide,
    );
    const unreadable = () => Promise.reject(new DOMException('gone', 'UnknownError'));
    const corrections = createStoredCorrections(
      local,
      { keyFor: unreadable, madeHere: unreadable },
      { revise: unreadable, among: unreadable },
    );
    await corrections.set(newKey, null);
    expect(items.has(name)).toBe(false);
  });

  // Asked on every load of a page where any correction exists: the proof database once a worker.
  it('reads the revoked proofs once for a correction asked for again', async () => {
    const { local } = fakeLocal();
    const revoked = createRevokedProofs(freshName());
    const among = vi.spyOn(revoked, 'among');
    await createStoredCorrections(local, proofs, revoked).set(newKey, hide);
    const corrections = createStoredCorrections(local, proofs, revoked);
    for (let load = 0; load < 3; load++) {
      await expect(corrections.get(newKey)).resolves.toEqual(hide);
    }
    expect(among).toHaveBeenCalledTimes(1);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createStoredCorrections,
  rekeyCorrectionsOnUpdate,
  type LocalArea,
} from '../../src/background/stored-corrections';
import { correctionStorageKey, type PageCorrection } from '../../src/core/page-corrections';

/** A `storage.local` in a Map. */
function fakeLocal() {
  const items = new Map<string, unknown>();
  const local: LocalArea = {
    async get(name) {
      const names = name === null ? [...items.keys()] : [name];
      return Object.fromEntries(names.filter((n) => items.has(n)).map((n) => [n, items.get(n)]));
    },
    async set(values) {
      for (const [name, value] of Object.entries(values)) items.set(name, structuredClone(value));
    },
    async remove(names) {
      for (const name of [names].flat()) items.delete(name);
    },
  };
  return { local, items };
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
      const corrections = createStoredCorrections(local);
      rekeyCorrectionsOnUpdate(reason, corrections);
      await vi.waitFor(async () => {
        expect(await corrections.get(rekeys ? newKey : oldKey)).toEqual(hide);
      });
      expect(items.has(correctionStorageKey(oldKey))).toBe(!rekeys);
    });
  });

  it('logs a failed move rather than leaving its rejection unheard', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    rekeyCorrectionsOnUpdate('update', { rekey: () => Promise.reject(new Error('unreadable')) });
    await vi.waitFor(() =>
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('unreadable')),
    );
  });
});

import { describe, expect, it, vi } from 'vitest';
import { injectWhereMissing } from '../../src/background/inject-where-missing';
import { runOncePerSession, type SessionFlags } from '../../src/background/run-once-per-session';

/** A `storage.session` in a Map, emptied as the browser empties it; `failing` refuses reads. */
function fakeSession() {
  const items = new Map<string, unknown>();
  const failing = { get: false };
  const session: SessionFlags = {
    async get(name) {
      if (failing.get) throw new Error('get: storage unavailable');
      return items.has(name) ? { [name]: items.get(name) } : {};
    },
    async set(values) {
      for (const [name, value] of Object.entries(values)) items.set(name, value);
    },
  };
  return { session, failing, endSession: () => items.clear() };
}

const NAME = 'open-tabs-injected';

describe('runOncePerSession', () => {
  it('runs at the first worker start of a session, and not when the worker wakes again', async () => {
    const { session } = fakeSession();
    const run = vi.fn(async () => {});
    expect(await runOncePerSession(session, NAME, run)).toBe(true);
    expect(await runOncePerSession(session, NAME, run)).toBe(false);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('runs again once the session is over (re-enabled, reloaded, updated, browser restarted)', async () => {
    const { session, endSession } = fakeSession();
    const run = vi.fn(async () => {});
    await runOncePerSession(session, NAME, run);
    endSession();
    expect(await runOncePerSession(session, NAME, run)).toBe(true);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('runs where the session cannot be read: a run too many costs a probe per tab', async () => {
    const { session, failing } = fakeSession();
    const run = vi.fn(async () => {});
    await runOncePerSession(session, NAME, run);
    failing.get = true;
    expect(await runOncePerSession(session, NAME, run)).toBe(true);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('keeps the flags of other names apart', async () => {
    const { session } = fakeSession();
    await runOncePerSession(session, 'other', async () => {});
    expect(await runOncePerSession(session, NAME, async () => {})).toBe(true);
  });
});

describe('injectWhereMissing', () => {
  /** Tabs whose page runs the script (true), does not (false), or refuses scripts (an error). */
  function fakeTabs(pages: Record<number, boolean | Error>) {
    const run = vi.fn(async (tabId: number) => {
      if (pages[tabId] instanceof Error) throw pages[tabId];
    });
    const hasRun = vi.fn(async (tabId: number) => {
      const page = pages[tabId];
      if (page instanceof Error) throw page;
      return page ?? false;
    });
    return { run, hasRun };
  }

  it.each<{ case: string; pages: Record<number, boolean | Error>; injected: number[] }>([
    { case: 'pages without it', pages: { 1: false, 2: false }, injected: [1, 2] },
    {
      case: 'only where it has not run (restored tabs have it)',
      pages: { 1: true, 2: false, 3: true },
      injected: [2],
    },
    { case: 'nowhere when every page runs it', pages: { 1: true, 2: true }, injected: [] },
    {
      case: 'not into pages that refuse scripts',
      pages: { 1: new Error('Cannot access'), 2: false },
      injected: [2],
    },
  ])('injects into $case', async ({ pages, injected }) => {
    const scripting = fakeTabs(pages);
    const tabIds = Object.keys(pages).map(Number);
    expect(await injectWhereMissing(tabIds, scripting)).toEqual(injected);
    expect(scripting.hasRun.mock.calls.map(([id]) => id)).toEqual(tabIds);
    expect(scripting.run.mock.calls.map(([id]) => id)).toEqual(injected);
  });

  it('leaves out a tab whose injection failed (navigated away meanwhile), and goes on', async () => {
    const run = vi.fn(async (tabId: number) => {
      if (tabId === 1) throw new Error('Frame with ID 0 was removed');
    });
    const hasRun = vi.fn(async () => false);
    expect(await injectWhereMissing([1, 2], { hasRun, run })).toEqual([2]);
    expect(run).toHaveBeenCalledTimes(2);
  });
});

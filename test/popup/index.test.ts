import 'fake-indexeddb/auto';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  answerMessage,
  createBackgroundCalls,
  STORAGE_FULL_ERROR,
} from '../../src/background/calls';
import { openVoteDatabase, writeVote, type VoteDatabase } from '../../src/background/database';
import { CSV_COLUMNS } from '../../src/core/history-export';
import { translate } from '../../src/core/i18n';
import type { Reaction } from '../../src/core/reactions';
import { IMPORT_UNDER_WAY_KEY } from '../../src/popup/backup';
import { PAGE_SIZE } from '../../src/popup/first-page';
import {
  MAX_EXPORT_PAGE,
  MAX_IMPORT_BATCH,
  type CallInput,
  type CallMessage,
  type Vote,
} from '../../src/protocol';

/**
 * The popup's entry over popup.html, with the background faked at its one seam
 * (runtime.sendMessage): a call that fails reaches the reader as a message, and every string
 * follows the browser's language.
 */

const vote: Vote = {
  key: 'https://news.example/story',
  url: 'https://news.example/story',
  title: 'Story',
  site: 'news.example',
  reaction: 'love',
  createdAt: 1,
  updatedAt: 2,
};

/**
 * Replies per call, or a function of the call's input giving each one (undefined: it fails); a
 * call not listed fails as the background answers a failure.
 */
const replies: Record<string, unknown> = {
  listHistory: [vote],
  lastRemoval: { vote: null },
  getCorrection: { toolbar: null },
  getHistoryStats: {
    counts: { like: 0, dislike: 0, love: 1, funny: 0, angry: 0, sad: 0, wow: 0 },
    last7Days: { like: 0, dislike: 0, love: 1, funny: 0, angry: 0, sad: 0, wow: 0 },
    last30Days: { like: 0, dislike: 0, love: 1, funny: 0, angry: 0, sad: 0, wow: 0 },
  },
};

/** The background's answer to an import of one new vote. */
function importedOne() {
  return {
    added: 1,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    rejectedFutureDated: 0,
    rejectedOtherSite: 0,
  };
}
const sendMessage = vi.fn(async ({ call, input }: CallMessage): Promise<unknown> => {
  const reply = replies[call];
  const value =
    typeof reply === 'function' ? await (reply as (input: unknown) => unknown)(input) : reply;
  return value !== undefined
    ? { ok: true, value }
    : { ok: false, error: STORAGE_FULL_ERROR, kind: 'storage-full' };
});

let uiLanguage = 'en-US';
/** The tab the popup was opened on; none unless a test says. */
let activeTabs: unknown[] = [];

/** What extension storage holds (the settings); nothing unless a test says. */
let storedLocal: Record<string, unknown> = {};

type TabUpdated = (tabId: number, change: { url?: string }, tab: object) => void;
/** Who listens to tabs.onUpdated. */
const tabListeners: TabUpdated[] = [];

type MessageHeard = (message: unknown, sender: { tab?: { id: number } }) => unknown;
/** Who listens to runtime.onMessage. */
const messageListeners: MessageHeard[] = [];

/** What the popup keeps in storage.session while its calls are on their way. */
const keptInSession = new Map<string, unknown>();

/** The tab the popup page shows in: none in the toolbar's popup. */
let currentTab: unknown;
const createTab = vi.fn(async (properties: { url: string }) => properties);

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: {
      sendMessage,
      getURL: (path: string) => `moz-extension://moodmark/${path}`,
      onMessage: { addListener: (listener: MessageHeard) => messageListeners.push(listener) },
    },
    tabs: {
      getCurrent: async () => currentTab,
      create: createTab,
      query: async () => activeTabs,
      onUpdated: { addListener: (listener: TabUpdated) => tabListeners.push(listener) },
      sendMessage: async () => {
        throw new Error('Could not establish connection. Receiving end does not exist.');
      },
    },
    storage: {
      local: { get: async () => storedLocal },
      session: {
        set: async (items: Record<string, unknown>) => {
          for (const [name, value] of Object.entries(items)) keptInSession.set(name, value);
        },
        remove: async (name: string) => void keptInSession.delete(name),
      },
    },
    i18n: { getUILanguage: () => uiLanguage },
  },
}));

/** An export file holding {@link vote} alone. */
const oneVoteFile = JSON.stringify({ format: 'moodmark-history', version: 1, votes: [vote] });

/** Chooses a file made of `pieces` (each a step of its reading) in Import, as the dialog would. */
async function chooseImportFile(pieces: (string | Uint8Array)[]): Promise<void> {
  const { Blob: NodeBlob } = await import('node:buffer');
  const input = document.getElementById('import-file') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [new NodeBlob(pieces)], configurable: true });
  input.dispatchEvent(new Event('change'));
}

/** Scrolls the end of the list into view, as the popup's IntersectionObserver reports it. */
let reachListEnd = () => {};

/**
 * Runs the popup's entries afresh over a fresh popup.html (its head script first, unless
 * `withHead` is false), until it shows its first page.
 */
async function openPopup({ withHead = true } = {}): Promise<void> {
  const html = await readFile(
    join(dirname(fileURLToPath(import.meta.url)), '../../src/popup/popup.html'),
    'utf8',
  );
  delete document.body.dataset.ready;
  // The last popup's listeners went with it.
  tabListeners.length = 0;
  messageListeners.length = 0;
  document.body.innerHTML = new DOMParser().parseFromString(html, 'text/html').body.innerHTML;
  for (const observer of ['IntersectionObserver', 'ResizeObserver']) {
    vi.stubGlobal(
      observer,
      class {
        constructor(callback: (entries: { isIntersecting: boolean }[]) => void) {
          if (observer === 'IntersectionObserver')
            reachListEnd = () => callback([{ isIntersecting: true }]);
        }
        observe() {}
        unobserve() {}
        disconnect() {}
      },
    );
  }
  vi.resetModules();
  sendMessage.mockClear();
  if (withHead) await import('../../src/popup/head');
  await import('../../src/popup/index');
  await vi.waitFor(() => expect(document.body.hasAttribute('data-ready')).toBe(true));
}

describe('popup entry', () => {
  beforeAll(() => openPopup());

  it('shows why a removal failed and keeps the row', async () => {
    const error = document.getElementById('history-error')!;
    expect(error.hidden).toBe(true);
    document.querySelector<HTMLButtonElement>('li.history-entry .history-remove')!.click();
    await vi.waitFor(() => expect(error.hidden).toBe(false));
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toBe(`Something went wrong: ${translate('en', 'errorStorageFull')}`);
    expect(document.querySelectorAll('li.history-entry')).toHaveLength(1);
    expect(sendMessage).toHaveBeenCalledWith({
      call: 'editVote',
      input: { key: vote.key, reaction: null },
      op: expect.any(Number),
    });
  });
});

describe('popup history changes, kept aside on their way', () => {
  // Each test removes the one row.
  beforeEach(() => openPopup());
  // jsdom has no CSS.escape; the key needs none.
  beforeAll(() => vi.stubGlobal('CSS', { escape: (text: string) => text }));
  afterEach(() => {
    delete replies.editVote;
    delete replies.restoreVote;
    keptInSession.clear();
  });

  /** The answer to the call `name` held back until the test gives it. */
  function holdBack(name: string): (value: unknown) => void {
    let answer: (value: unknown) => void = () => {};
    replies[name] = () => new Promise((done) => (answer = done));
    return (value) => answer(value);
  }

  /** The op of the last call `name` sent. */
  const sentOp = (name: string) =>
    sendMessage.mock.calls.filter(([message]) => message.call === name).at(-1)![0].op!;

  // A popup closed at once takes its message with it while a stopped background starts: the
  // background applies what it finds kept (background/kept-calls.ts).
  it("keeps a row's removal until the background answers, its id before the call's", async () => {
    const answer = holdBack('editVote');
    document.querySelector<HTMLButtonElement>('li.history-entry .history-remove')!.click();
    await vi.waitFor(() =>
      expect([...keptInSession.values()]).toEqual([
        { call: 'editVote', input: { key: vote.key, reaction: null }, op: expect.any(Number) },
      ]),
    );
    const [kept] = [...keptInSession.values()] as { op: number }[];
    expect(kept!.op).toBeLessThan(sentOp('editVote'));
    answer({ before: vote, after: null });
    await vi.waitFor(() => expect(keptInSession.size).toBe(0));
  });

  it('keeps the Undo of a removal until the background answers', async () => {
    replies.editVote = { before: vote, after: null };
    const answer = holdBack('restoreVote');
    document.querySelector<HTMLButtonElement>('li.history-entry .history-remove')!.click();
    await vi.waitFor(() => expect(document.getElementById('snackbar')!.hidden).toBe(false));
    document.getElementById('snackbar-undo')!.click();
    await vi.waitFor(() =>
      expect([...keptInSession.values()]).toEqual([
        { call: 'restoreVote', input: { vote }, op: expect.any(Number) },
      ]),
    );
    answer(vote);
    await vi.waitFor(() => expect(keptInSession.size).toBe(0));
  });
});

describe('popup errors, as screen readers hear them', () => {
  beforeAll(() => openPopup());

  it('tells a failure again when it happens again, in the same words', async () => {
    const error = document.getElementById('history-error')!;
    const remove = () =>
      document.querySelector<HTMLButtonElement>('li.history-entry .history-remove')!.click();
    const told = `Something went wrong: ${translate('en', 'errorStorageFull')}`;
    remove();
    await vi.waitFor(() => expect(error.textContent).toBe(told));
    // What screen readers hear: each change of the alert's words.
    const heard: string[] = [];
    const observer = new MutationObserver(() => heard.push(error.textContent ?? ''));
    observer.observe(error, { childList: true, characterData: true, subtree: true });
    try {
      remove();
      await vi.waitFor(() => expect(heard).toEqual(['', told]));
    } finally {
      observer.disconnect();
    }
  });
});

describe('popup keys held down', () => {
  beforeAll(() => openPopup());

  // Each repeat clicks the focused button: Export would write a file per repeat, a reaction to
  // this page would be given and taken back. The e2e popup test holds Enter on Export.
  it.each(['#export-json', 'li.history-entry .history-remove'])(
    'takes Enter held down on %s as one press',
    (selector) => {
      document.querySelector<HTMLElement>(selector)!.focus();
      const press = (repeat: boolean) => {
        const key = new KeyboardEvent('keydown', {
          key: 'Enter',
          repeat,
          bubbles: true,
          cancelable: true,
        });
        document.activeElement!.dispatchEvent(key);
        return key.defaultPrevented;
      };
      expect(press(false)).toBe(false);
      expect(press(true)).toBe(true);
    },
  );
});

describe('popup rows after a change made elsewhere', () => {
  beforeAll(() => vi.stubGlobal('CSS', { escape: (text: string) => text }));
  afterAll(() => {
    vi.unstubAllGlobals();
    delete replies.editVote;
  });
  const row = () => document.querySelector<HTMLElement>('li.history-entry');

  it('keeps a row whose removal a newer change overtook, showing that change', async () => {
    replies.editVote = {
      before: { ...vote, reaction: 'sad' },
      after: { ...vote, reaction: 'sad' },
    };
    await openPopup();
    row()!.querySelector<HTMLButtonElement>('.history-remove')!.click();
    await vi.waitFor(() => expect(row()?.dataset.reaction).toBe('sad'));
    expect(document.getElementById('snackbar')!.hidden).toBe(true);
  });

  it('tells screen readers the reaction a row was changed to', async () => {
    replies.editVote = { before: vote, after: { ...vote, reaction: 'wow', updatedAt: 3 } };
    await openPopup();
    row()!.querySelector<HTMLButtonElement>('.history-emoji')!.click();
    row()!.querySelector<HTMLButtonElement>('.history-choice[data-reaction="wow"]')!.click();
    await vi.waitFor(() => expect(row()?.dataset.reaction).toBe('wow'));
    await vi.waitFor(() =>
      expect(document.getElementById('history-summary')!.textContent).toBe('Reacted wow'),
    );
  });

  describe('a row whose reaction the reader changed', () => {
    const newer: Vote = {
      ...vote,
      key: 'https://news.example/newer',
      url: 'https://news.example/newer',
      title: 'Newer',
      updatedAt: 5,
    };
    const changeTo = (key: string, reaction: Reaction) => {
      const item = document.querySelector<HTMLElement>(`li.history-entry[data-key="${key}"]`)!;
      item.querySelector<HTMLButtonElement>('.history-emoji')!.click();
      item
        .querySelector<HTMLButtonElement>(`.history-choice[data-reaction="${reaction}"]`)!
        .click();
    };
    const keys = () =>
      [...document.querySelectorAll<HTMLElement>('li.history-entry')].map(
        (item) => item.dataset.key,
      );
    afterEach(() => {
      replies.listHistory = [vote];
    });

    it('moves to the top, under Today, with the time of the change', async () => {
      const changedAt = Date.now();
      replies.listHistory = [newer, vote];
      replies.editVote = {
        before: vote,
        after: { ...vote, reaction: 'wow', updatedAt: changedAt },
      };
      await openPopup();
      expect(keys()).toEqual([newer.key, vote.key]);
      changeTo(vote.key, 'wow');
      await vi.waitFor(() => expect(keys()).toEqual([vote.key, newer.key]));
      const first = document.querySelector('#history .history-day > h2')!;
      expect(first.textContent).toBe('Today');
      expect(row()!.querySelector('time')!.dateTime).toBe(new Date(changedAt).toISOString());
      expect(row()!.dataset.dayLabel).toBe('Today');
      // Both old votes were on one day, under one heading, which stays over the row left there.
      expect(document.querySelectorAll('.history-day')).toHaveLength(2);
      // Focus stays on the row the reader changed, on its reaction button.
      expect(document.activeElement).toBe(row()!.querySelector('.history-emoji'));
    });

    it('moves to the top when a newer change overtook its removal', async () => {
      replies.listHistory = [newer, vote];
      const changed = { ...vote, reaction: 'sad' as const, updatedAt: Date.now() };
      replies.editVote = { before: changed, after: changed };
      await openPopup();
      document
        .querySelector<HTMLButtonElement>(
          `li.history-entry[data-key="${vote.key}"] .history-remove`,
        )!
        .click();
      await vi.waitFor(() => expect(keys()).toEqual([vote.key, newer.key]));
      expect(row()!.dataset.reaction).toBe('sad');
    });

    // The reader chose wow; a newer change (sad) came first, and the popup told "Reacted sad",
    // as if their own choice had been taken as that.
    it('says the change was not made when a newer change overtook it', async () => {
      const changed = { ...vote, reaction: 'sad' as const, updatedAt: Date.now() };
      replies.editVote = { before: changed, after: changed };
      await openPopup();
      changeTo(vote.key, 'wow');
      await vi.waitFor(() =>
        expect(document.getElementById('status')!.textContent).toBe(
          'Not changed: the reaction was changed elsewhere',
        ),
      );
      expect(row()!.dataset.reaction).toBe('sad');
      expect(document.getElementById('history-summary')!.textContent).not.toBe('Reacted sad');
    });

    // The row stayed, focus on its reaction button, without a word: a screen reader's user could
    // not tell the removal refused from one not yet shown.
    it('says the removal was not made when a newer change overtook it', async () => {
      const changed = { ...vote, reaction: 'sad' as const, updatedAt: Date.now() };
      replies.editVote = { before: changed, after: changed };
      await openPopup();
      row()!.querySelector<HTMLButtonElement>('.history-remove')!.click();
      await vi.waitFor(() =>
        expect(document.getElementById('status')!.textContent).toBe(
          'Not removed: the reaction was changed elsewhere',
        ),
      );
      expect(row()!.dataset.reaction).toBe('sad');
    });

    it('leaves a reaction filter it no longer matches, and says so', async () => {
      replies.listHistory = [vote, newer];
      replies.editVote = { before: vote, after: { ...vote, reaction: 'wow', updatedAt: 9 } };
      await openPopup();
      document.querySelector<HTMLButtonElement>('#filters [data-reaction="love"]')!.click();
      const summary = document.getElementById('history-summary')!;
      await vi.waitFor(() => expect(summary.textContent).toBe('2 matches'), { timeout: 2_000 });
      changeTo(vote.key, 'wow');
      await vi.waitFor(() => expect(keys()).toEqual([newer.key]));
      await vi.waitFor(() =>
        expect(summary.textContent).toBe('Reacted wow, no longer shown under love'),
      );
      // Focus goes on in the list, as after a removal: to the next row's reaction, as it was on
      // this one's.
      expect(document.activeElement).toBe(row()!.querySelector('.history-emoji'));
    });
    it("leaves a search for a reaction's emoji it no longer matches, as its chip's", async () => {
      replies.listHistory = [vote, newer];
      replies.editVote = { before: vote, after: { ...vote, reaction: 'wow', updatedAt: 9 } };
      await openPopup();
      const box = document.getElementById('search') as HTMLInputElement;
      box.value = '❤️';
      box.dispatchEvent(new Event('input', { bubbles: true }));
      const summary = document.getElementById('history-summary')!;
      await vi.waitFor(() => expect(summary.textContent).toBe('2 matches'), { timeout: 2_000 });
      changeTo(vote.key, 'wow');
      await vi.waitFor(() => expect(keys()).toEqual([newer.key]));
    });
  });

  it('drops a row whose vote was removed elsewhere when its reaction is changed', async () => {
    replies.editVote = { before: null, after: null };
    await openPopup();
    row()!.querySelector<HTMLButtonElement>('.history-emoji')!.click();
    row()!.querySelector<HTMLButtonElement>('.history-choice[data-reaction="wow"]')!.click();
    await vi.waitFor(() => expect(row()).toBeNull());
  });

  // The row went without a word: a screen reader's user, moved on to the next row, could not
  // tell the change from one made.
  it('says the change was not made when it finds the vote removed elsewhere', async () => {
    replies.editVote = { before: null, after: null };
    await openPopup();
    row()!.querySelector<HTMLButtonElement>('.history-emoji')!.click();
    row()!.querySelector<HTMLButtonElement>('.history-choice[data-reaction="wow"]')!.click();
    await vi.waitFor(() =>
      expect(document.getElementById('status')!.textContent).toBe(
        'Not changed: the reaction was removed elsewhere',
      ),
    );
  });

  it('keeps keyboard focus in the list when a change finds the vote removed elsewhere', async () => {
    const other: Vote = { ...vote, key: 'https://news.example/other', title: 'Other' };
    replies.editVote = { before: null, after: null };
    replies.listHistory = [vote, other];
    try {
      await openPopup();
      row()!.querySelector<HTMLButtonElement>('.history-emoji')!.click();
      row()!.querySelector<HTMLButtonElement>('.history-choice[data-reaction="wow"]')!.click();
      await vi.waitFor(() => expect(row()?.dataset.key).toBe(other.key));
      expect(document.activeElement).toBe(row()!.querySelector('.history-emoji'));
    } finally {
      replies.listHistory = [vote];
    }
  });
});

describe('popup open in a tab, as Firefox imports in one', () => {
  const story = (n: number): Vote => ({
    ...vote,
    key: `https://news.example/story-${n}`,
    url: `https://news.example/story-${n}`,
    title: `Story ${n}`,
  });
  /** The background's notice to every tab, which reaches a popup page open in one. */
  const hearNotice = (message: unknown, sender: { tab?: { id: number } } = {}) => {
    for (const listener of messageListeners) listener(message, sender);
  };
  const shownTitles = () =>
    [...document.querySelectorAll('#history a.history-title')].map((title) => title.textContent);
  const listings = () =>
    sendMessage.mock.calls.filter(([message]) => message.call === 'listHistory').length;

  // jsdom has no CSS.escape; the keys need none.
  beforeAll(() => vi.stubGlobal('CSS', { escape: (text: string) => text }));
  beforeEach(async () => {
    replies.listHistory = [story(1)];
    await openPopup();
  });
  afterEach(() => {
    replies.listHistory = [vote];
  });

  it('shows a reaction given in another tab meanwhile', async () => {
    replies.listHistory = [{ ...story(2), reaction: 'wow', updatedAt: 3 }, story(1)];
    hearNotice({ notice: 'voteChanged', input: { key: story(2).key, reaction: 'wow' } });
    await vi.waitFor(() => expect(shownTitles()).toEqual(['Story 2', 'Story 1']));
  });

  it('shows the history an import in another tab brought', async () => {
    replies.listHistory = [story(3), story(1)];
    hearNotice({ notice: 'historyChanged', input: {} });
    await vi.waitFor(() => expect(shownTitles()).toEqual(['Story 3', 'Story 1']));
  });

  it('keeps focus where it was in the list when its row was removed in another tab', async () => {
    const stories = [1, 2, 3, 4, 5].map(story);
    replies.listHistory = stories;
    await openPopup();
    const title = (key: string) =>
      document.querySelector<HTMLElement>(`li[data-key="${key}"] a.history-title`);
    title(stories[2]!.key)!.focus();
    replies.listHistory = stories.filter((_, index) => index !== 2);
    hearNotice({ notice: 'voteChanged', input: { key: stories[2]!.key, reaction: null } });
    await vi.waitFor(() => expect(shownTitles()).toHaveLength(4));
    // The row that came after it, as where a removal made here leaves focus; not the first.
    expect(document.activeElement).toBe(title(stories[3]!.key));
  });

  it('reads nothing again for a change it shows already (its own, told back)', async () => {
    await vi.waitFor(() => expect(document.body.hasAttribute('data-ready')).toBe(true));
    const before = listings();
    hearNotice({ notice: 'voteChanged', input: { key: story(1).key, reaction: 'love' } });
    hearNotice({ notice: 'voteChanged', input: { key: story(9).key, reaction: null } });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(listings()).toBe(before);
  });

  it('counts again a removal in another tab of a vote among the rows not loaded', async () => {
    const statsAsked = () =>
      sendMessage.mock.calls.filter(([message]) => message.call === 'getHistoryStats').length;
    await vi.waitFor(() => expect(statsAsked()).toBe(1));
    // Story 9 lies far down a long history, past the rows shown: nothing to draw again, but
    // the chips' counts and the mood bars held it.
    hearNotice({ notice: 'voteChanged', input: { key: story(9).key, reaction: null } });
    await vi.waitFor(() => expect(statsAsked()).toBe(2));
  });

  // Each batch merged is told to every extension page, this one too: drawn again after each, a
  // list read far down was read again whole, as often, and each read held up the next batch.
  it('draws the history its own import brought once, at its end, not after each batch', async () => {
    const batches = 3;
    replies.importHistory = async ({ votes }: { votes: unknown[] }) => {
      hearNotice({ notice: 'historyChanged', input: {} });
      // Longer than the popup lets notices settle.
      await new Promise((resolve) => setTimeout(resolve, 500));
      return { ...importedOne(), added: votes.length };
    };
    try {
      const votes = Array.from({ length: MAX_IMPORT_BATCH * (batches - 1) + 1 }, (_, i) =>
        story(i),
      );
      const before = listings();
      await chooseImportFile([JSON.stringify({ format: 'moodmark-history', version: 1, votes })]);
      const status = document.getElementById('status')!;
      await vi.waitFor(() => expect(status.textContent).toMatch(/^Imported/), { timeout: 5_000 });
      // Time for a reload a notice would have started.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(listings() - before).toBe(1);
    } finally {
      delete replies.importHistory;
    }
  });

  it("takes no notice from a tab's content script, which only the background sends", async () => {
    const before = listings();
    hearNotice(
      { notice: 'voteChanged', input: { key: story(2).key, reaction: 'wow' } },
      { tab: { id: 4 } },
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(listings()).toBe(before);
  });
});

describe('popup left open past midnight', () => {
  afterEach(() => {
    vi.useRealTimers();
    replies.listHistory = [vote];
  });

  it("turns Today's heading, and the rows' descriptions, into Yesterday as the day changes", async () => {
    const lastMinute = new Date(2026, 11, 3, 23, 50).getTime();
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], now: lastMinute });
    replies.listHistory = [{ ...vote, updatedAt: new Date(2026, 11, 3, 10).getTime() }];
    await openPopup();
    const heading = () => document.querySelector('.history-day > h2')!.textContent;
    const description = () =>
      document.querySelector('a.history-title')!.getAttribute('aria-description');
    expect(heading()).toBe('Today');
    expect(description()).toContain('Today');
    const statsAsked = () =>
      sendMessage.mock.calls.filter(([message]) => message.call === 'getHistoryStats').length;
    await vi.waitFor(() => expect(statsAsked()).toBe(1));
    // vi.waitFor moves fake time on as it waits.
    const midnight = new Date(2026, 11, 4).getTime();
    vi.advanceTimersByTime(midnight - Date.now() - 1);
    expect(heading()).toBe('Today');
    vi.advanceTimersByTime(1);
    expect(heading()).toBe('Yesterday');
    expect(description()).toContain('Yesterday');
    // The mood bars' last 7 and 30 days end today, a day later.
    await vi.waitFor(() => expect(statsAsked()).toBe(2));
    // A day later, once more (one timer, to each midnight).
    vi.advanceTimersByTime(24 * 3_600_000);
    expect(heading()).toBe('Thu, Dec 3');
  });
});

describe('popup search, as screen readers hear it', () => {
  const summary = () => document.getElementById('history-summary')!;
  /** Types `query` in the search box, as the reader does. */
  function search(query: string): void {
    const box = document.getElementById('search') as HTMLInputElement;
    box.value = query;
    box.dispatchEvent(new Event('input', { bubbles: true }));
  }

  beforeEach(() => openPopup());
  afterEach(() => {
    replies.listHistory = [vote];
  });

  it('tells how many reactions match, once the reader stops typing', async () => {
    expect(summary().getAttribute('role')).toBe('status');
    search('sto');
    search('story');
    await vi.waitFor(() => expect(summary().textContent).toBe('1 match'), { timeout: 2_000 });
  });

  it('tells a search that found exactly a page how many it found, not "more than"', async () => {
    replies.listHistory = Array.from({ length: PAGE_SIZE }, (_, i) => ({
      ...vote,
      key: `https://news.example/story-${i}`,
    }));
    search('story');
    await vi.waitFor(() => expect(summary().textContent).toBe(`${PAGE_SIZE} matches`), {
      timeout: 2_000,
    });
  });

  const lovedChip = () =>
    document.querySelector<HTMLButtonElement>('#filters [data-reaction="love"]')!;
  it.each([
    ['its chip pressed', () => lovedChip().click()],
    ['its emoji typed alone', () => search('❤️')],
  ])(
    'tells a reaction\'s count, which its chip shows, not "more than" a page: %s',
    async (_, ask) => {
      const loved = 95;
      const counts = { like: 3, dislike: 0, love: loved, funny: 0, angry: 0, sad: 0, wow: 0 };
      const stats = replies.getHistoryStats;
      replies.getHistoryStats = { counts, last7Days: counts, last30Days: counts };
      replies.listHistory = Array.from({ length: PAGE_SIZE + 1 }, (_, i) => ({
        ...vote,
        key: `https://news.example/story-${i}`,
      }));
      try {
        await openPopup();
        await vi.waitFor(() => expect(lovedChip().textContent).toBe(`❤️ ${loved}`));
        ask();
        await vi.waitFor(() => expect(summary().textContent).toBe(`${loved} matches`), {
          timeout: 2_000,
        });
      } finally {
        replies.getHistoryStats = stats;
      }
    },
  );

  it('tells that nothing matches', async () => {
    replies.listHistory = [];
    search('zzz');
    await vi.waitFor(() => expect(summary().textContent).toBe('No matches'), {
      timeout: 2_000,
    });
  });

  it('searches for what an input method composes once it is committed, not its keys', async () => {
    const box = document.getElementById('search') as HTMLInputElement;
    const queries = () =>
      sendMessage.mock.calls
        .filter(([message]) => message.call === 'listHistory')
        .map(([message]) => (message.input as { query?: string }).query);
    replies.listHistory = [];
    sendMessage.mockClear();
    // A Japanese input method's keys on the way to 東京: each an input event while composing.
    for (const composing of ['t', 'と', 'とう', 'とうきょう', '東京']) {
      box.value = composing;
      box.dispatchEvent(new InputEvent('input', { bubbles: true, isComposing: true }));
    }
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', isComposing: true }));
    // Past the typing pause (SEARCH_DEBOUNCE_MS) and the summary's (SEARCH_SUMMARY_MS).
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(queries()).toEqual([]);
    expect(summary().textContent).toBe('');
    box.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: '東京' }));
    await vi.waitFor(() => expect(queries()).toEqual(['東京']));
    await vi.waitFor(() => expect(summary().textContent).toBe('No matches'), { timeout: 2_000 });
  });

  // The status line tells what the import (a reaction here, Clear all) did; the count again
  // after it would be words the reader did not ask for.
  it("tells a search's result once, not again when the list is drawn again for it", async () => {
    replies.importHistory = importedOne();
    const heard: string[] = [];
    const observer = new MutationObserver(() => heard.push(summary().textContent ?? ''));
    try {
      search('story');
      await vi.waitFor(() => expect(summary().textContent).toBe('1 match'), { timeout: 2_000 });
      observer.observe(summary(), { childList: true, characterData: true, subtree: true });
      await chooseImportFile([oneVoteFile]);
      await vi.waitFor(() =>
        expect(document.getElementById('status')!.textContent).toMatch(/^Imported/),
      );
      // Past the pause before a search's result is told (SEARCH_SUMMARY_MS).
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(heard).toEqual([]);
      // Typed again (a space added), the search is the same one.
      search('story ');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(heard).toEqual([]);
    } finally {
      observer.disconnect();
      delete replies.importHistory;
    }
  });

  it('tells the same search again when the reader asks for it again with Enter', async () => {
    search('story');
    await vi.waitFor(() => expect(summary().textContent).toBe('1 match'), { timeout: 2_000 });
    const heard: string[] = [];
    const observer = new MutationObserver(() => heard.push(summary().textContent ?? ''));
    observer.observe(summary(), { childList: true, characterData: true, subtree: true });
    try {
      const box = document.getElementById('search')!;
      box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      await vi.waitFor(() => expect(heard).toEqual(['', '1 match']), { timeout: 2_000 });
    } finally {
      observer.disconnect();
    }
  });

  /** What each listHistory call asked for, the query and the reaction. */
  const asked = () =>
    sendMessage.mock.calls
      .filter(([message]) => message.call === 'listHistory')
      .map(([message]) => {
        const { query, reaction } = message.input as CallInput<'listHistory'>;
        return { query, reaction };
      });
  const noMatches = () => document.getElementById('history-no-matches')!;
  const pressed = () =>
    [...document.querySelectorAll<HTMLElement>('#filters [aria-pressed="true"]')].map(
      (chip) => chip.dataset.reaction,
    );

  // Emoji and punctuation hold no word: every vote matched, and the reader heard "1 match".
  it.each(['#', '🎉', '⚽️', ' ,. '])(
    'lists the history for %j, with no word or reaction, as for a blank search, telling nothing',
    async (query) => {
      sendMessage.mockClear();
      search(query);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(asked().every(({ query }) => query === undefined)).toBe(true);
      expect(document.querySelectorAll('li.history-entry')).toHaveLength(1);
      expect(summary().textContent).toBe('');
      expect(noMatches().hidden).toBe(true);
    },
  );

  it("finds a reaction's emoji typed alone, as its chip does", async () => {
    replies.listHistory = ({ reaction }: { reaction?: Reaction }) =>
      reaction === 'love' ? [vote] : [];
    sendMessage.mockClear();
    search('❤');
    await vi.waitFor(() => expect(summary().textContent).toBe('1 match'), { timeout: 2_000 });
    expect(asked().at(-1)).toEqual({ query: undefined, reaction: 'love' });
    // The chips are the reader's: typing presses none, and All stays pressed.
    expect(pressed()).toEqual(['']);
    search('👍🏽');
    await vi.waitFor(() => expect(summary().textContent).toBe('No matches'), { timeout: 2_000 });
    expect(asked().at(-1)).toEqual({ query: undefined, reaction: 'like' });
  });

  // A title pasted with an emoji in it ("I ❤️ NY") found only the articles given that reaction,
  // and one with two reactions' emoji nothing at all.
  it.each([
    ['I ❤️ NY', 'I   NY'],
    ['Best 👍 and 👎 of 2025', 'Best   and   of 2025'],
  ])('finds the title %j pasted, whichever reaction it was given', async (title, words) => {
    replies.listHistory = ({ query, reaction }: { query?: string; reaction?: Reaction }) =>
      query && !reaction ? [vote] : [];
    sendMessage.mockClear();
    search(title);
    await vi.waitFor(() => expect(summary().textContent).toBe('1 match'), { timeout: 2_000 });
    expect(asked().at(-1)).toEqual({ query: words, reaction: undefined });
    expect(document.querySelectorAll('li.history-entry')).toHaveLength(1);
  });

  it("shows no rows for another reaction's emoji than the chip pressed", async () => {
    document.querySelector<HTMLButtonElement>('#filters [data-reaction="love"]')!.click();
    await vi.waitFor(() => expect(summary().textContent).toBe('1 match'), { timeout: 2_000 });
    sendMessage.mockClear();
    search('😂');
    await vi.waitFor(() => expect(summary().textContent).toBe('No matches'), { timeout: 2_000 });
    expect(document.querySelectorAll('li.history-entry')).toHaveLength(0);
    expect(noMatches().hidden).toBe(false);
    expect(asked()).toEqual([]);
    expect(pressed()).toEqual(['love']);
  });

  it('tells nothing of a search cleared before its result was told', async () => {
    replies.listHistory = ({ query }: { query?: string }) => (query ? [] : [vote]);
    search('zzz');
    await vi.waitFor(() =>
      expect(document.getElementById('history-no-matches')!.hidden).toBe(false),
    );
    search('');
    await vi.waitFor(() => expect(document.querySelectorAll('li.history-entry')).toHaveLength(1));
    // Past the pause before a search's result is told (SEARCH_SUMMARY_MS).
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(summary().textContent).not.toBe('No matches');
  });
});

describe('popup search and filter, read far down the list', () => {
  /** Types `query` in the search box, as the reader does. */
  function search(query: string): void {
    const box = document.getElementById('search') as HTMLInputElement;
    box.value = query;
    box.dispatchEvent(new Event('input', { bubbles: true }));
  }

  /** How far the popup is scrolled: the list starts LIST_START below the top, unscrolled. */
  let scrolled = 0;
  const LIST_START = 300;
  /** The bottom of the search and chips, stuck to the top of the popup once scrolled past. */
  const CONTROLS_BOTTOM = 150;
  const listTop = () => LIST_START - scrolled;
  const rect = (top: number, bottom: number) => ({ top, bottom }) as DOMRect;

  beforeEach(async () => {
    replies.listHistory = Array.from({ length: PAGE_SIZE + 1 }, (_, i) => ({
      ...vote,
      key: `https://news.example/story-${i}`,
    }));
    await openPopup();
    const controls = document.getElementById('history-controls')!;
    const controlsBottom = () => Math.max(CONTROLS_BOTTOM, listTop());
    vi.spyOn(controls, 'getBoundingClientRect').mockImplementation(() =>
      rect(controlsBottom() - 120, controlsBottom()),
    );
    const list = document.getElementById('history')!;
    vi.spyOn(list, 'getBoundingClientRect').mockImplementation(() =>
      rect(listTop(), listTop() + 20_000),
    );
    vi.spyOn(window, 'scrollBy').mockImplementation(((_x: number, y: number) => {
      scrolled += y;
    }) as typeof window.scrollBy);
    vi.spyOn(window, 'scrollTo').mockImplementation(((_x: number, y: number) => {
      scrolled = y;
    }) as typeof window.scrollTo);
    // 10,000 px down the rows, as a reader who has read some hundred of them.
    scrolled = 10_000;
  });
  afterEach(() => {
    vi.restoreAllMocks();
    scrolled = 0;
    replies.listHistory = [vote];
  });

  const changes: [string, () => void][] = [
    ['a search typed', () => search('story')],
    [
      'a reaction filter chosen',
      () => document.querySelector<HTMLButtonElement>('#filters [data-reaction="love"]')!.click(),
    ],
  ];
  for (const [change, make] of changes) {
    it(`shows the first matches of ${change}, not the place the list before was read to`, async () => {
      sendMessage.mockClear();
      make();
      await vi.waitFor(() =>
        expect(sendMessage.mock.calls.some(([message]) => message.call === 'listHistory')).toBe(
          true,
        ),
      );
      await vi.waitFor(() =>
        expect(document.getElementById('history')!.hasAttribute('aria-busy')).toBe(false),
      );
      // The list starts just under the controls, as the first rows of a list read from its top.
      expect(listTop()).toBe(CONTROLS_BOTTOM);
    });
  }

  it('makes the first match the Tab stop of a new search, not a row focused before', async () => {
    const titles = () => [...document.querySelectorAll<HTMLElement>('#history a.history-title')];
    titles()[30]!.focus();
    const focused = titles()[30]!.closest('li')!.dataset.key;
    document.getElementById('search')!.focus();
    const all = replies.listHistory as Vote[];
    replies.listHistory = [all[5]!, all.find((row) => row.key === focused)!, all[40]!];
    search('story');
    await vi.waitFor(() => expect(titles()).toHaveLength(3));
    const tabStops = titles().filter((title) => title.tabIndex === 0);
    expect(tabStops).toEqual([titles()[0]]);
  });

  it('stays where the reader is when the same list is drawn again (an import)', async () => {
    replies.importHistory = importedOne();
    try {
      await chooseImportFile([oneVoteFile]);
      await vi.waitFor(() =>
        expect(document.getElementById('status')!.textContent).toMatch(/^Imported/),
      );
      await vi.waitFor(() =>
        expect(document.getElementById('history')!.hasAttribute('aria-busy')).toBe(false),
      );
      expect(scrolled).toBe(10_000);
    } finally {
      delete replies.importHistory;
    }
  });
});

/**
 * The names of the files the popup saves from now on, none written: each download link's click
 * is kept instead. The caller restores URL's object-address functions.
 */
function captureDownloads(): string[] {
  URL.createObjectURL = () => 'blob:moodmark-export';
  URL.revokeObjectURL = () => {};
  const names: string[] = [];
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    names.push(this.download);
  });
  return names;
}

describe('popup import and export in Firefox', () => {
  /** Firefox's runtime has getBrowserInfo; Chrome's has none. */
  let runtime: { getBrowserInfo?: () => Promise<unknown> };
  const beFirefox = () => (runtime.getBrowserInfo = async () => ({ name: 'Firefox' }));
  beforeAll(async () => {
    runtime = (await import('webextension-polyfill')).default.runtime;
  });
  const input = () => document.getElementById('import-file') as HTMLInputElement;
  /** A click on the file input, as the Import label gives it: false when its default is prevented. */
  const clickImport = () =>
    input().dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));

  afterEach(() => {
    delete runtime.getBrowserInfo;
    currentTab = undefined;
    createTab.mockClear();
    vi.restoreAllMocks();
  });

  it("opens in a tab to import, since Firefox's popup closes under the file dialog", async () => {
    beFirefox();
    const close = vi.spyOn(window, 'close').mockImplementation(() => {});
    await openPopup();
    await vi.waitFor(() => expect(clickImport()).toBe(false));
    expect(createTab).toHaveBeenCalledWith({ url: 'moz-extension://moodmark/popup.html#import' });
    await vi.waitFor(() => expect(close).toHaveBeenCalled());
  });

  it("opens in a tab to export, since a save dialog closes Firefox's popup and its file", async () => {
    beFirefox();
    const close = vi.spyOn(window, 'close').mockImplementation(() => {});
    const downloads = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    await openPopup();
    await new Promise((resolve) => setTimeout(resolve, 20));
    document.getElementById('export-csv')!.click();
    expect(createTab).toHaveBeenCalledWith({
      url: 'moz-extension://moodmark/popup.html#export-csv',
    });
    await vi.waitFor(() => expect(close).toHaveBeenCalled());
    expect(downloads).not.toHaveBeenCalled();
  });

  it('writes the export its tab was opened for, once, without a press', async () => {
    beFirefox();
    currentTab = { id: 3 };
    replies.exportHistory = { votes: [vote] };
    const { createObjectURL, revokeObjectURL } = URL;
    const names = captureDownloads();
    history.replaceState(null, '', '#export-json');
    try {
      await openPopup();
      await vi.waitFor(() => expect(names).toEqual([expect.stringMatching(/\.json$/)]));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(names).toHaveLength(1);
      expect(createTab).not.toHaveBeenCalled();
      // Reloaded, the tab writes no second file.
      expect(location.hash).toBe('');
    } finally {
      history.replaceState(null, '', location.pathname);
      Object.assign(URL, { createObjectURL, revokeObjectURL });
      delete replies.exportHistory;
    }
  });

  it.each([
    { where: "in Firefox's tab", browserInfo: true, tab: { id: 3 } },
    { where: "in Chrome's popup", browserInfo: false, tab: undefined },
  ])('opens the file dialog itself $where', async ({ browserInfo, tab }) => {
    if (browserInfo) beFirefox();
    currentTab = tab;
    await openPopup();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(clickImport()).toBe(true);
    expect(createTab).not.toHaveBeenCalled();
  });
});

describe('popup export', () => {
  const zone = process.env.TZ;
  const { createObjectURL, revokeObjectURL } = URL;
  afterEach(() => {
    // Assigned undefined, it would be the zone named "undefined".
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    vi.useRealTimers();
    vi.restoreAllMocks();
    delete replies.exportHistory;
  });

  it("names the file by the reader's own date, not the UTC one", async () => {
    // 10:30 on 3 December in Auckland is still 2 December in UTC.
    process.env.TZ = 'Pacific/Auckland';
    vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 11, 2, 21, 30) });
    replies.exportHistory = { votes: [vote] };
    await openPopup();
    const names = captureDownloads();
    document.getElementById('export-json')!.click();
    await vi.waitFor(() => expect(names).toEqual(['moodmark-history-2026-12-03.json']));
  });

  // Two pages: a full one, and one vote after it.
  const votes = Array.from({ length: MAX_EXPORT_PAGE + 1 }, (_, i) => ({
    ...vote,
    key: `https://news.example/story-${i}`,
  }));
  const counted = { like: 0, dislike: 0, love: votes.length, funny: 0, angry: 0, sad: 0, wow: 0 };
  it.each([
    ['known', { counts: counted, last7Days: counted, last30Days: counted }, ['99%', '100%']],
    ['not yet read', () => new Promise(() => {}), []],
    ['not read (the call failed)', undefined, []],
  ])(
    'tells a percentage of the votes written only where their number is %s',
    async (_, stats, percents) => {
      const { getHistoryStats } = replies;
      replies.getHistoryStats = stats;
      replies.exportHistory = ({ after }: CallInput<'exportHistory'>) => ({
        votes: after ? votes.slice(MAX_EXPORT_PAGE) : votes.slice(0, MAX_EXPORT_PAGE),
      });
      // Each message as it went in: the next may replace it before an observer hears of it.
      const told: string[] = [];
      const listen = new MutationObserver((records) => {
        for (const { addedNodes } of records)
          for (const node of addedNodes) told.push(node.textContent ?? '');
      });
      try {
        await openPopup();
        captureDownloads();
        listen.observe(document.getElementById('status')!, { childList: true });
        document.getElementById('export-json')!.click();
        await vi.waitFor(() => expect(told.at(-1)).toMatch(/^Exported/));
        expect(told[0]).toBe('Exporting…');
        expect(told.flatMap((text) => text.match(/\d+\s*%/g) ?? [])).toEqual(percents);
      } finally {
        listen.disconnect();
        replies.getHistoryStats = getHistoryStats;
      }
    },
  );

  it('writes one file on a double-click, not the same file twice', async () => {
    replies.exportHistory = { votes: [vote] };
    await openPopup();
    URL.createObjectURL = () => 'blob:moodmark-export';
    URL.revokeObjectURL = () => {};
    const downloads = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const button = document.getElementById('export-json')!;
    for (const detail of [1, 2]) button.dispatchEvent(new MouseEvent('click', { detail }));
    await vi.waitFor(() =>
      expect(document.getElementById('status')!.textContent).toMatch(/^Exported/),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(downloads).toHaveBeenCalledTimes(1);
  });
});

describe('popup head', () => {
  const calls = () => sendMessage.mock.calls.map(([message]) => message.call);

  it('asks for the first page on its own, before the popup script runs', async () => {
    vi.resetModules();
    sendMessage.mockClear();
    const page = window as { moodmarkFirstPage?: Promise<unknown> };
    page.moodmarkFirstPage = undefined;
    await import('../../src/popup/head');
    expect(calls()).toEqual(['listHistory']);
    await expect(page.moodmarkFirstPage).resolves.toEqual([vote]);
  });

  it('asks for the first page once, first, and the popup shows that answer', async () => {
    await openPopup();
    expect(calls()[0]).toBe('listHistory');
    expect(calls().filter((call) => call === 'listHistory')).toHaveLength(1);
    expect(document.querySelectorAll('li.history-entry')).toHaveLength(1);
  });

  it('is not needed: without it the popup asks for the first page itself', async () => {
    await openPopup({ withHead: false });
    expect(calls()[0]).toBe('listHistory');
    expect(document.querySelectorAll('li.history-entry')).toHaveLength(1);
  });
});

describe('popup entry on a tab of a private window', () => {
  const pressed = () =>
    document.querySelector<HTMLElement>('#this-page-reactions [aria-pressed="true"]')?.dataset
      .reaction;

  beforeAll(async () => {
    activeTabs = [{ id: 9, url: vote.url, title: 'Story', incognito: true, active: true }];
    Object.assign(replies, {
      getReaction: { key: vote.key, reaction: 'sad', siteDisabled: false },
      setReaction: { key: vote.key, reaction: 'wow' },
      editVote: { before: vote, after: null },
    });
    // jsdom has no CSS.escape; the key needs none.
    vi.stubGlobal('CSS', { escape: (text: string) => text });
    await openPopup();
    await vi.waitFor(() => expect(document.getElementById('this-page-body')?.hidden).toBe(false));
  });

  afterAll(() => {
    vi.unstubAllGlobals();
    activeTabs = [];
    for (const call of ['getReaction', 'setReaction', 'editVote']) delete replies[call];
  });

  it('names the tab in its reactions, for the background to keep them private', async () => {
    expect(sendMessage).toHaveBeenCalledWith({
      call: 'getReaction',
      input: { url: vote.url, tabId: 9 },
      op: expect.any(Number),
    });
    expect(pressed()).toBe('sad');
    document
      .querySelector<HTMLButtonElement>('#this-page-reactions [data-reaction="wow"]')!
      .click();
    await vi.waitFor(() => expect(pressed()).toBe('wow'));
    expect(sendMessage).toHaveBeenCalledWith({
      call: 'setReaction',
      input: { url: vote.url, tabId: 9, title: 'Story', reaction: 'wow' },
      op: expect.any(Number),
    });
  });

  it('moves between its reactions with the arrows, and leaves modified arrows alone', () => {
    const buttons = [...document.querySelectorAll<HTMLElement>('#this-page-reactions button')];
    buttons[0]!.focus();
    const press = (init: KeyboardEventInit) => {
      const event = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });
      document.activeElement!.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(press({ key: 'ArrowRight' })).toBe(true);
    expect(document.activeElement).toBe(buttons[1]);
    for (const modifier of ['altKey', 'ctrlKey', 'metaKey', 'shiftKey']) {
      expect(press({ key: 'ArrowLeft', [modifier]: true }), modifier).toBe(false);
      expect(document.activeElement, modifier).toBe(buttons[1]);
    }
  });

  it("keeps the tab's private reaction when the history's vote for it is removed", async () => {
    document.querySelector<HTMLButtonElement>('li.history-entry .history-remove')!.click();
    await vi.waitFor(() => expect(document.querySelectorAll('li.history-entry')).toHaveLength(0));
    expect(pressed()).toBe('wow');
  });
});

describe('popup import refusals', () => {
  afterAll(() => {
    uiLanguage = 'en-US';
  });

  it.each([
    ['en-US', '{]', 'Not imported: the file is not valid JSON (line 1)'],
    // Edited by hand: a comma left after the last vote deleted, found on its line.
    [
      'de-DE',
      `{"format":"moodmark-history","version":1,"votes":[\n{},\n${'{},\n'.repeat(1_232)}]}`,
      'Nicht importiert: die Datei ist kein gültiges JSON (Zeile 1.235)',
    ],
    [
      'ar',
      '{"format":"moodmark-history","version":1,"votes":[\n{},\n]}',
      'لم يتم الاستيراد: الملف ليس بتنسيق JSON صالح (السطر 3)',
    ],
    [
      'en-US',
      '{"format":"moodmark-history","version":1,"votes":[{"key":"https://news.exa',
      'Not imported: the file ends early; it may have been cut off',
    ],
    [
      'de-DE',
      '{"format":"moodmark-history"',
      'Nicht importiert: die Datei endet zu früh, vielleicht wurde sie abgeschnitten',
    ],
    [
      'ar',
      '{"format":"moodmark-history","version":1,"votes":[',
      'لم يتم الاستيراد: ينتهي الملف قبل اكتماله، وربما قُطع جزء منه',
    ],
    ['de-DE', 'reaction,title,url\r\n', 'Nicht importiert: die Datei ist kein Moodmark-Export'],
    // Moodmark's CSV export, kept as a backup: the reader is sent to the JSON one.
    [
      'en-US',
      `\uFEFF${CSV_COLUMNS.join(',')}\r\n"like","Story","https://news.example/a"`,
      'Not imported: the file is a CSV export, which is for spreadsheets: import one made with Export JSON',
    ],
    [
      'de-DE',
      `\uFEFF${CSV_COLUMNS.join(',')}\r\n`,
      'Nicht importiert: die Datei ist ein CSV-Export, der für Tabellen gedacht ist: importiere einen mit „Als JSON exportieren“ erstellten',
    ],
    [
      'ar',
      `${CSV_COLUMNS.join(',')}\r\n`,
      'لم يتم الاستيراد: الملف تصدير CSV مخصّص لجداول البيانات: استورد ملفًا أُنشئ بزر «تصدير JSON»',
    ],
    [
      'de-DE',
      `{"format":"moodmark-history","version":1,"votes":[{"title":"${'x'.repeat(10_001)}"}]}`,
      'Nicht importiert: die Datei hat einen Eintrag mit mehr als 10.000 Zeichen',
    ],
    [
      'ar',
      '{"format":"moodmark-history","version":2,"votes":[]}',
      'لم يتم الاستيراد: الملف تصدير من الإصدار \u20682\u2069، ولا يستطيع Moodmark هذا قراءته',
    ],
    [
      // A right-to-left override in the file turns round only the version, not the sentence.
      'en-US',
      '{"format":"moodmark-history","version":"\\u202e9","votes":[]}',
      'Not imported: the file is an export of version \u2068\u202e9\u2069, which this Moodmark cannot read',
    ],
  ])('in %s, says why a file was refused: %#', async (language, text, said) => {
    uiLanguage = language;
    await openPopup();
    await chooseImportFile([text]);
    await vi.waitFor(() => expect(document.getElementById('status')!.textContent).toBe(said));
  });

  it('says to save again as UTF-8 a file saved in a legacy encoding', async () => {
    uiLanguage = 'en-US';
    await openPopup();
    // "Café" in Windows-1252, as an older editor saves it: é is one byte, E9.
    const file = '{"format":"moodmark-history","version":1,"votes":[{"title":"Café"}]}';
    await chooseImportFile([Uint8Array.from(file, (character) => character.charCodeAt(0))]);
    await vi.waitFor(() =>
      expect(document.getElementById('status')!.textContent).toBe(
        'Not imported: the file is not saved as UTF-8 text: save it as UTF-8 and import it again',
      ),
    );
  });
});

describe('popup import report', () => {
  afterAll(() => {
    delete replies.importHistory;
  });

  const rejecting = { added: 18, updated: 0, unchanged: 0, rejected: 4 };
  it.each([
    [
      'en-US',
      { ...rejecting, rejectedFutureDated: 2, rejectedOtherSite: 1 },
      'Imported: 18 added, 0 updated, 0 unchanged, 4 rejected. Of those rejected: 1 invalid, ' +
        "2 dated in the future, 1 with an address on another site than the article's.",
    ],
    [
      'de-DE',
      { ...rejecting, rejectedFutureDated: 0, rejectedOtherSite: 1 },
      'Importiert: 18 neu, 0 aktualisiert, 0 unverändert, 4 abgelehnt. Grund der Ablehnung – ' +
        'ungültig: 3, Datum in der Zukunft: 0, Adresse auf einer anderen Website als der Artikel: 1.',
    ],
    [
      'ar',
      { ...rejecting, rejectedFutureDated: 4, rejectedOtherSite: 0 },
      'تم الاستيراد: أُضيف 18، وحُدِّث 0، وبقي 0 دون تغيير، ورُفض 4. أسباب الرفض – بيانات غير ' +
        'صالحة: 0، تاريخ في المستقبل: 4، عنوان على موقع غير موقع المقالة: 0.',
    ],
    // Rejected as invalid only, which "rejected" says.
    [
      'en-US',
      { ...rejecting, rejectedFutureDated: 0, rejectedOtherSite: 0 },
      'Imported: 18 added, 0 updated, 0 unchanged, 4 rejected.',
    ],
  ])(
    'in %s, says why records were rejected where not all were invalid: %#',
    async (language, report, said) => {
      uiLanguage = language;
      replies.importHistory = report;
      try {
        await openPopup();
        await chooseImportFile([oneVoteFile]);
        await vi.waitFor(() => expect(document.getElementById('status')!.textContent).toBe(said));
      } finally {
        uiLanguage = 'en-US';
      }
    },
  );

  it('writes large counts grouped, as the language writes numbers', async () => {
    replies.importHistory = {
      added: 48_213,
      updated: 0,
      unchanged: 1_200,
      rejected: 0,
      rejectedFutureDated: 0,
      rejectedOtherSite: 0,
    };
    await openPopup();
    await chooseImportFile([oneVoteFile]);
    await vi.waitFor(() =>
      expect(document.getElementById('status')!.textContent).toBe(
        'Imported: 48,213 added, 0 updated, 1,200 unchanged, 0 rejected.',
      ),
    );
  });
});

describe('popup import that stops part way', () => {
  afterAll(() => {
    delete replies.importHistory;
    uiLanguage = 'en-US';
  });

  it.each([
    [
      'en-US',
      "Import stopped (already saved: 1,500 added, 300 updated): the browser's storage is full. Free up disk space, then try again.",
    ],
    [
      'de-DE',
      'Import abgebrochen (bereits gespeichert: 1.500 neu, 300 aktualisiert): der Speicher ist voll. Gib Speicherplatz frei und versuche es dann erneut.',
    ],
    [
      'ar',
      'توقف الاستيراد (حُفظ قبل توقفه: أُضيف 1,500، وحُدِّث 300): مساحة التخزين ممتلئة. حرّر بعض المساحة ثم أعد المحاولة.',
    ],
  ])('in %s, tells what the batches before the failing one saved', async (language, said) => {
    uiLanguage = language;
    let batches = 0;
    // The first batch is merged, the second finds the storage full.
    replies.importHistory = () =>
      ++batches === 1
        ? { ...importedOne(), added: 1_500, updated: 300, unchanged: 200 }
        : undefined;
    const votes = Array.from({ length: MAX_IMPORT_BATCH + 1 }, () => vote);
    await openPopup();
    await chooseImportFile([JSON.stringify({ format: 'moodmark-history', version: 1, votes })]);
    await vi.waitFor(() => expect(document.getElementById('status')!.textContent).toBe(said));
  });
});

describe('popup opened after one was closed on an import', () => {
  afterAll(() => {
    delete replies.importHistory;
    uiLanguage = 'en-US';
  });

  it.each([
    [
      'en-US',
      'Import stopped (already saved: 2,000 added, 0 updated): the popup was closed before the import of \u2068history.json\u2069 ended. Import the file again for the rest; what is saved stays as it is.',
    ],
    [
      'de-DE',
      'Import abgebrochen (bereits gespeichert: 2.000 neu, 0 aktualisiert): das Popup wurde geschlossen, bevor der Import von \u2068history.json\u2069 fertig war. Importiere die Datei erneut für den Rest; was gespeichert ist, bleibt, wie es ist.',
    ],
    [
      'ar',
      'توقف الاستيراد (حُفظ قبل توقفه: أُضيف 2,000، وحُدِّث 0): أُغلقت النافذة المنبثقة قبل أن ينتهي استيراد \u2068history.json\u2069. استورد الملف مرة أخرى لإكمال الباقي؛ ما حُفظ يبقى كما هو.',
    ],
  ])('in %s, tells what the import saved before, once', async (language, said) => {
    uiLanguage = language;
    let batches = 0;
    // The first batch is merged; the second is never answered: the popup was closed meanwhile.
    replies.importHistory = () =>
      ++batches === 1 ? { ...importedOne(), added: MAX_IMPORT_BATCH } : new Promise(() => {});
    const votes = Array.from({ length: MAX_IMPORT_BATCH + 1 }, () => vote);
    await openPopup();
    const { Blob: NodeBlob } = await import('node:buffer');
    const file = new NodeBlob([JSON.stringify({ format: 'moodmark-history', version: 1, votes })]);
    const input = document.getElementById('import-file') as HTMLInputElement;
    Object.defineProperty(input, 'files', {
      value: [Object.assign(file, { name: 'history.json' })],
      configurable: true,
    });
    input.dispatchEvent(new Event('change'));
    await vi.waitFor(() => expect(batches).toBe(2));

    await openPopup();
    await vi.waitFor(() => expect(document.getElementById('status')!.textContent).toBe(said));
    await openPopup();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(document.getElementById('status')!.textContent).toBe('');
  });

  it('says the tab was closed in Firefox, which imports in a tab of its own', async () => {
    const { runtime } = (await import('webextension-polyfill')).default as unknown as {
      runtime: { getBrowserInfo?: () => Promise<unknown> };
    };
    runtime.getBrowserInfo = async () => ({ name: 'Firefox' });
    uiLanguage = 'en-US';
    try {
      // Left by the import tab the reader closed.
      localStorage.setItem(
        IMPORT_UNDER_WAY_KEY,
        JSON.stringify({ file: 'history.json', added: 5, updated: 1 }),
      );
      await openPopup();
      await vi.waitFor(() =>
        expect(document.getElementById('status')!.textContent).toBe(
          'Import stopped (already saved: 5 added, 1 updated): the tab importing \u2068history.json\u2069 was closed before the import ended. Import the file again for the rest; what is saved stays as it is.',
        ),
      );
    } finally {
      delete runtime.getBrowserInfo;
    }
  });
});

describe('popup in German or Arabic, when the disk is full', () => {
  const original = sendMessage.getMockImplementation()!;
  /** The background as its worker answers, over a disk too full for the write. */
  const fullDisk = createBackgroundCalls(() =>
    Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')),
  );
  beforeAll(() => {
    sendMessage.mockImplementation(async (message: CallMessage) =>
      message.call === 'editVote' ? answerMessage(fullDisk, message) : original(message),
    );
  });
  afterAll(() => {
    sendMessage.mockImplementation(original);
    uiLanguage = 'en-US';
  });

  // The background's English reason inside a German or Arabic sentence told the reader nothing.
  it.each([
    [
      'de-DE',
      'Etwas ist schiefgelaufen: der Speicher ist voll. Gib Speicherplatz frei und versuche es dann erneut.',
    ],
    ['ar', 'حدث خطأ: مساحة التخزين ممتلئة. حرّر بعض المساحة ثم أعد المحاولة.'],
  ])('in %s, says why a removal failed in its own words', async (language, text) => {
    uiLanguage = language;
    await openPopup();
    const error = document.getElementById('history-error')!;
    document.querySelector<HTMLButtonElement>('li.history-entry .history-remove')!.click();
    await vi.waitFor(() => expect(error.hidden).toBe(false));
    expect(error.textContent).toBe(text);
    expect(error.textContent).not.toMatch(
      /\b(the|browser's|storage|full|saved|free|disk|space|try|again|quota|exceeded)\b/i,
    );
  });
});

describe('popup numbers', () => {
  afterAll(() => {
    uiLanguage = 'en-US';
  });

  it("writes counts with the browser's own tag, as it writes times", async () => {
    // Egyptian Arabic writes Arabic-Indic digits; Arabic alone, Latin ones.
    uiLanguage = 'ar-EG';
    await openPopup();
    const time = document.querySelector('li.history-entry time')!.textContent!;
    expect(time).toMatch(/[٠-٩]/);
    await vi.waitFor(() =>
      expect(document.querySelector('#filters .chip')?.textContent).toBe('الكل ١'),
    );
    expect(document.getElementById('mood-7')?.getAttribute('aria-label')).toContain(
      '١ (١٠٠٪\u061C)',
    );
    // The bars' days too: not 7 beside ١.
    expect(document.getElementById('mood-7-label')?.textContent).toBe('٧ أيام');
    expect(document.getElementById('mood-30-label')?.textContent).toBe('٣٠ يومًا');
    expect(document.getElementById('mood-30')?.getAttribute('aria-label')).toMatch(
      /^آخر ٣٠ يومًا: /,
    );
  });
});

describe('popup entry in Arabic', () => {
  beforeAll(async () => {
    uiLanguage = 'ar';
    await openPopup();
  });
  afterAll(() => {
    uiLanguage = 'en-US';
  });

  it('is right to left, with Arabic headings, labels and chips', async () => {
    expect(document.documentElement.lang).toBe('ar');
    expect(document.documentElement.dir).toBe('rtl');
    expect(document.querySelector('h1')?.textContent).toBe('تفاعلاتك');
    expect(document.getElementById('search')?.getAttribute('placeholder')).toBe(
      translate('ar', 'popupSearch'),
    );
    expect(document.getElementById('export-json')?.textContent).toBe('تصدير JSON');
    expect(document.querySelector('.history-remove')?.getAttribute('title')).toBe(
      'إزالة التفاعل مع «\u2068Story\u2069»',
    );
    // Host names run left to right in their own run, whatever the sentence around them.
    for (const site of ['site-name', 'this-page-site']) {
      expect(document.getElementById(site)?.dir, site).toBe('ltr');
    }
    // A search typed in Latin letters (a site's name) runs left to right in the right-to-left page.
    expect((document.getElementById('search') as HTMLInputElement).dir).toBe('auto');
    expect(document.querySelector<HTMLElement>('.history-meta bdi')?.dir).toBe('ltr');
    // The date heading comes from Intl in Arabic: no Latin letters left.
    expect(document.querySelector('.history-day > h2')?.textContent).not.toMatch(/[A-Za-z]/);
    await vi.waitFor(() =>
      expect(document.querySelector('#filters .chip')?.textContent).toBe('الكل 1'),
    );
    expect(document.getElementById('mood-7')?.getAttribute('aria-label')).toContain('آخر 7 أيام');
  });
});

describe('popup undo', () => {
  const snackbar = () => document.getElementById('snackbar')!;
  const undoButton = () => document.getElementById('snackbar-undo')!;
  const restoreCalls = () =>
    sendMessage.mock.calls.filter(([message]) => message.call === 'restoreVote');
  const listHistoryCalls = () =>
    sendMessage.mock.calls.filter(([message]) => message.call === 'listHistory').length;
  /** Waits for the list to be read again (more listHistory calls than `before`) and drawn. */
  const waitForListReloaded = (before: number) =>
    vi.waitFor(() => {
      expect(listHistoryCalls()).toBeGreaterThan(before);
      expect(document.getElementById('history')!.hasAttribute('aria-busy')).toBe(false);
    });
  const other: Vote = {
    ...vote,
    key: 'https://news.example/other',
    url: 'https://news.example/other',
  };
  const title = (key: string) =>
    document.querySelector(`li.history-entry[data-key="${key}"] a.history-title`);
  const removeButton = (key: string) =>
    document.querySelector(`li.history-entry[data-key="${key}"] .history-remove`);
  const pressCtrlZ = (target: Element, init: KeyboardEventInit = { ctrlKey: true }) =>
    target.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'z', code: 'KeyZ', bubbles: true, ...init }),
    );

  /** Removes the first row, as the reader does from its remove button, until Undo is offered. */
  async function removeRow(): Promise<void> {
    const remove = document.querySelector<HTMLButtonElement>('li.history-entry .history-remove')!;
    remove.focus();
    remove.click();
    await vi.waitFor(() => expect(snackbar().hidden).toBe(false));
  }

  it('tells screen readers of each removal, through a region that is always there', async () => {
    const summary = document.getElementById('history-summary')!;
    await removeRow();
    const removed = document.getElementById('snackbar-text')!.textContent;
    expect(removed).not.toBe('');
    await vi.waitFor(() => expect(summary.textContent).toBe(removed));
  });

  beforeAll(() => {
    Object.assign(replies, {
      listHistory: [vote, other],
      editVote: { before: vote, after: null },
      restoreVote: { key: vote.key, reaction: vote.reaction },
    });
    // jsdom has no CSS.escape; the key needs none.
    vi.stubGlobal('CSS', { escape: (text: string) => text });
  });

  beforeEach(() => openPopup());

  afterEach(() => vi.useRealTimers());

  afterAll(() => {
    vi.unstubAllGlobals();
    for (const call of ['editVote', 'restoreVote']) delete replies[call];
    replies.listHistory = [vote];
  });

  it('is a row of the sticky footer, not a layer that would cover its buttons', async () => {
    await removeRow();
    expect(snackbar().parentElement).toBe(document.getElementById('actions'));
  });

  [
    { next: 'a second removal', removals: 1 },
    // The second finds the region emptied for the first, not yet filled again.
    { next: 'two more removals in a row', removals: 2 },
  ].forEach(({ next, removals }) => {
    it(`leaves the region empty a while before ${next}, so that it is told again`, async () => {
      replies.listHistory = [vote, other, { ...other, key: 'https://news.example/third' }];
      try {
        await openPopup();
        await removeRow();
      } finally {
        replies.listHistory = [vote, other];
      }
      const summary = document.getElementById('history-summary')!;
      await vi.waitFor(() => expect(summary.textContent).toBe('Removed'));
      const changes: [at: number, text: string][] = [];
      // Timed as the words are set: a MutationObserver's callback, later under load, was not.
      const nodeText = Object.getOwnPropertyDescriptor(Node.prototype, 'textContent')!;
      Object.defineProperty(summary, 'textContent', {
        configurable: true,
        get: () => nodeText.get!.call(summary),
        set(value: string) {
          nodeText.set!.call(summary, value);
          changes.push([performance.now(), value]);
        },
      });
      try {
        const buttons = document.querySelectorAll<HTMLButtonElement>('.history-remove');
        for (const button of [...buttons].slice(0, removals)) button.click();
        await vi.waitFor(() => expect(changes.at(-1)?.[1]).toBe('Removed'));
        const emptied = changes.find(([, text]) => text === '')!;
        const told = changes.find(([, text]) => text !== '')!;
        // Screen readers see no change in a region emptied and refilled within a frame.
        expect(told[0] - emptied[0]).toBeGreaterThanOrEqual(90);
      } finally {
        delete (summary as { textContent?: string }).textContent;
      }
    });
  });

  it('offers, on opening, to undo a removal made before, without telling "Removed" again', async () => {
    replies.lastRemoval = { vote };
    try {
      await openPopup();
      await vi.waitFor(() => expect(snackbar().hidden).toBe(false));
      // Past the announcer's pause before words go in (REPEAT_DELAY_MS).
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(document.getElementById('history-summary')!.textContent).toBe('');
      pressCtrlZ(document.body);
      await vi.waitFor(() =>
        expect(restoreCalls()).toContainEqual([
          { call: 'restoreVote', input: { vote }, op: expect.any(Number) },
        ]),
      );
    } finally {
      replies.lastRemoval = { vote: null };
    }
  });

  it('names its shortcut on the Undo button', () => {
    expect(undoButton().getAttribute('aria-keyshortcuts')).toBe('Control+Z Meta+Z');
  });

  [{ ctrlKey: true }, { metaKey: true }].forEach((modifier) => {
    it(`undoes the removal on ${JSON.stringify(modifier)} Z from the list`, async () => {
      await removeRow();
      expect(document.activeElement).toBe(removeButton(other.key));
      pressCtrlZ(document.activeElement!, modifier);
      await vi.waitFor(() =>
        expect(restoreCalls()).toContainEqual([
          { call: 'restoreVote', input: { vote }, op: expect.any(Number) },
        ]),
      );
      expect(snackbar().hidden).toBe(true);
      // The list is loaded again: focus goes back to the × of the row that came back.
      await vi.waitFor(() => expect(document.activeElement).toBe(removeButton(vote.key)));
    });
  });

  // Far down a long list, reading the rows again takes longer than notices settle: the notice of
  // the vote brought back, which the background sends as it answers, came before the row showed.
  it('reads the list once for an Undo, not again for the notice of the vote it brought back', async () => {
    await removeRow();
    const rows = [vote, other];
    replies.listHistory = async () => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      return rows;
    };
    replies.restoreVote = () => {
      for (const listener of messageListeners) {
        listener({ notice: 'voteChanged', input: { key: vote.key, reaction: vote.reaction } }, {});
      }
      return { key: vote.key, reaction: vote.reaction };
    };
    try {
      const before = listHistoryCalls();
      undoButton().click();
      await vi.waitFor(() => expect(title(vote.key)).not.toBeNull(), { timeout: 3_000 });
      // Time for a reload the notice would have asked for.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(listHistoryCalls() - before).toBe(1);
    } finally {
      replies.listHistory = rows;
      replies.restoreVote = { key: vote.key, reaction: vote.reaction };
    }
  });

  [
    { name: 'in the search box', init: { ctrlKey: true }, inSearch: true },
    { name: 'with Shift (redo)', init: { ctrlKey: true, shiftKey: true }, inSearch: false },
    { name: 'with Alt', init: { ctrlKey: true, altKey: true }, inSearch: false },
  ].forEach(({ name, init, inSearch }) => {
    it(`leaves Ctrl+Z ${name} to the browser`, async () => {
      await removeRow();
      const target = inSearch ? document.getElementById('search')! : document.body;
      expect(pressCtrlZ(target, init)).toBe(true);
      // Let a call that should not be made have its chance.
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(restoreCalls()).toEqual([]);
      expect(snackbar().hidden).toBe(false);
    });
  });

  // WCAG 2.2.1: a screen reader's user may take minutes to find Undo; no clock takes it away.
  it('keeps the offer, and Ctrl+Z, for as long as the reader does nothing else', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await removeRow();
    vi.advanceTimersByTime(15 * 60_000);
    expect(snackbar().hidden).toBe(false);
    pressCtrlZ(document.body);
    vi.useRealTimers();
    await vi.waitFor(() =>
      expect(restoreCalls()).toContainEqual([
        { call: 'restoreVote', input: { vote }, op: expect.any(Number) },
      ]),
    );
  });

  [
    {
      action: 'a search',
      run: () => {
        const search = document.getElementById('search') as HTMLInputElement;
        search.value = 'harbour';
        search.dispatchEvent(new Event('input', { bubbles: true }));
      },
    },
    {
      action: 'a reaction filter',
      run: () => document.querySelector<HTMLElement>('#filters .chip:nth-child(2)')!.click(),
    },
  ].forEach(({ action, run }) => {
    it(`takes back its offer once the reader turns to ${action}`, async () => {
      await removeRow();
      run();
      expect(snackbar().hidden).toBe(true);
      pressCtrlZ(document.body);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(restoreCalls()).toEqual([]);
    });
  });

  // Focus moves in the task that shows the Undo bar, before a ResizeObserver hears the footer
  // grow: scrolled by the footer's old height, the row focused could sit under the bar.
  it('scrolls the row focus goes to after a removal clear of the footer the Undo bar grew', async () => {
    const footer = document.getElementById('actions')!;
    Object.defineProperty(footer, 'offsetHeight', {
      configurable: true,
      get: () => (snackbar().hidden ? 60 : 110),
    });
    const paddingAtFocus: string[] = [];
    const list = document.getElementById('history')!;
    list.addEventListener('focusin', () =>
      paddingAtFocus.push(document.documentElement.style.scrollPaddingBlock),
    );
    try {
      await removeRow();
      expect(document.activeElement).toBe(removeButton(other.key));
      expect(paddingAtFocus.at(-1)).toMatch(/ 110px$/);
    } finally {
      delete (footer as { offsetHeight?: number }).offsetHeight;
    }
  });

  it('moves focus to the row before when the last row is removed', async () => {
    const remove = document.querySelector<HTMLButtonElement>(
      `li.history-entry[data-key="${other.key}"] .history-remove`,
    )!;
    remove.focus();
    remove.click();
    await vi.waitFor(() => expect(snackbar().hidden).toBe(false));
    expect(document.activeElement).toBe(removeButton(vote.key));
  });

  // As in a grid: a keyboard user removing several rows in turn presses Enter again, and a
  // screen reader names the next article to be removed, not a link to open.
  it("moves focus to the next row's remove button, so that Enter removes row after row", async () => {
    await removeRow();
    expect(document.activeElement).toBe(removeButton(other.key));
    expect(document.activeElement?.getAttribute('tabindex')).toBe('0');
  });

  it("moves focus to the next day's row when the last row of a day is removed", async () => {
    const twoDaysAgo = { ...other, updatedAt: Date.now() - 2 * 86_400_000 };
    replies.listHistory = [{ ...vote, updatedAt: Date.now() }, twoDaysAgo];
    try {
      await openPopup();
      await removeRow();
      expect(document.activeElement).toBe(removeButton(other.key));
      expect(document.querySelectorAll('#history .history-day')).toHaveLength(1);
    } finally {
      replies.listHistory = [vote, other];
    }
  });

  it('waits on Undo when no row is left, where Ctrl+Z takes the offer', async () => {
    replies.listHistory = [vote];
    try {
      await openPopup();
      await removeRow();
      expect(document.activeElement).toBe(undoButton());
      pressCtrlZ(document.activeElement!);
      await vi.waitFor(() =>
        expect(restoreCalls()).toContainEqual([
          { call: 'restoreVote', input: { vote }, op: expect.any(Number) },
        ]),
      );
    } finally {
      replies.listHistory = [vote, other];
    }
  });

  it('takes back its offer when the reader clears the whole history', async () => {
    replies.clearHistory = { removed: 1 };
    try {
      await removeRow();
      // The dialog's Remove all, as jsdom has no showModal: its value, then its close.
      const dialog = document.getElementById('confirm-clear') as HTMLDialogElement;
      dialog.returnValue = 'confirm';
      dialog.dispatchEvent(new Event('close'));
      await vi.waitFor(() => expect(document.getElementById('status')!.textContent).not.toBe(''));
      expect(snackbar().hidden).toBe(true);
      pressCtrlZ(document.body);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(restoreCalls()).toEqual([]);
    } finally {
      delete replies.clearHistory;
    }
  });

  describe('when the history changed in another popup', () => {
    const hearHistoryChanged = () => {
      for (const listener of messageListeners) {
        listener({ notice: 'historyChanged', input: {} }, {});
      }
    };
    afterEach(() => {
      replies.lastRemoval = { vote: null };
    });

    // The background forgets the removal as it clears: Undo, still offered here, put the
    // reaction back into the history the reader had just cleared in the other popup.
    it('takes back its offer once the whole history was cleared there', async () => {
      await removeRow();
      undoButton().focus();
      replies.lastRemoval = { vote: null };
      hearHistoryChanged();
      await vi.waitFor(() => expect(snackbar().hidden).toBe(true));
      // Not left on a hidden button, out of every key's reach.
      expect(document.activeElement).toBe(document.getElementById('search'));
      pressCtrlZ(document.body);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(restoreCalls()).toEqual([]);
    });

    // The offer was taken back only once notices settled and the background answered: Undo
    // pressed meanwhile (the background slow to answer) put the reaction back all the same.
    it('puts nothing back when Undo is pressed as the clear there is heard', async () => {
      await removeRow();
      undoButton().focus();
      let answer: (reply: { vote: Vote | null }) => void = () => {};
      replies.lastRemoval = () => new Promise((resolve) => (answer = resolve));
      hearHistoryChanged();
      undoButton().click();
      await new Promise((resolve) => setTimeout(resolve, 400));
      answer({ vote: null });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(restoreCalls()).toEqual([]);
      expect(snackbar().hidden).toBe(true);
      expect(document.activeElement).toBe(document.getElementById('search'));
    });

    // Nothing came back and Undo went away: without a word, a screen reader's user heard only
    // the search box, and could not tell the removal from a failure or a press not taken.
    it('says there is nothing to undo when Undo is pressed as the clear there is heard', async () => {
      await removeRow();
      undoButton().focus();
      let answer: (reply: { vote: Vote | null }) => void = () => {};
      replies.lastRemoval = () => new Promise((resolve) => (answer = resolve));
      hearHistoryChanged();
      undoButton().click();
      answer({ vote: null });
      await vi.waitFor(() =>
        expect(document.getElementById('status')!.textContent).toBe('Nothing to undo'),
      );
    });

    it('puts back a removal still kept when Undo is pressed as an import there is heard', async () => {
      await removeRow();
      replies.lastRemoval = { vote };
      hearHistoryChanged();
      undoButton().click();
      await vi.waitFor(() => expect(restoreCalls()).toHaveLength(1));
    });

    it('keeps its offer after an import there, which leaves the removal kept', async () => {
      await removeRow();
      replies.lastRemoval = { vote };
      const before = listHistoryCalls();
      hearHistoryChanged();
      await waitForListReloaded(before);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(snackbar().hidden).toBe(false);
    });
  });

  it("tells an import's progress every tenth, on a bar named for it", async () => {
    replies.importHistory = importedOne();
    const status = document.getElementById('status')!;
    const told: string[] = [];
    const listen = new MutationObserver(() => told.push(status.textContent ?? ''));
    listen.observe(status, { childList: true, characterData: true, subtree: true });
    try {
      const votes = Array.from({ length: 5_000 }, (_, i) => ({
        ...vote,
        key: `https://news.example/story-${i}`,
        title: 'A harbour story told at some length, '.repeat(8),
      }));
      const text = JSON.stringify({ format: 'moodmark-history', version: 1, votes });
      // In 64 pieces, each a step of the reading.
      const pieceLength = Math.ceil(text.length / 64);
      const pieces = Array.from({ length: 64 }, (_, i) =>
        text.slice(i * pieceLength, (i + 1) * pieceLength),
      );
      await chooseImportFile(pieces);
      await vi.waitFor(() => expect(told.at(-1)).toMatch(/^Imported/));
      const percents = told.filter((text) => /\d+\s*%/.test(text));
      expect(percents.length).toBeGreaterThanOrEqual(10);
      expect(percents.length).toBeLessThanOrEqual(22);
      expect(document.getElementById('backup-progress')!.getAttribute('aria-label')).toBe(
        'Importing…',
      );
    } finally {
      listen.disconnect();
      delete replies.importHistory;
    }
  });

  it('keeps focus on its row when an import that ended reloads the list', async () => {
    replies.importHistory = importedOne();
    try {
      const before = title(other.key) as HTMLElement;
      before.focus();
      const listedBefore = listHistoryCalls();
      await chooseImportFile([oneVoteFile]);
      await waitForListReloaded(listedBefore);
      expect(document.activeElement).toBe(title(other.key));
    } finally {
      delete replies.importHistory;
    }
  });

  it('keeps focus on its row far down the list when an import that ended reloads it', async () => {
    const votes = Array.from({ length: PAGE_SIZE * 2 }, (_, i) => ({
      ...vote,
      key: `https://news.example/story-${String(i).padStart(3, '0')}`,
      updatedAt: 10_000 - i,
    }));
    const original = sendMessage.getMockImplementation()!;
    // Pages by their cursor, as the background answers them.
    sendMessage.mockImplementation(async (message: CallMessage) => {
      if (message.call !== 'listHistory') return original(message);
      const { after, limit } = message.input as CallInput<'listHistory'>;
      const start = after ? votes.findIndex((v) => v.key === after.key) + 1 : 0;
      return { ok: true, value: votes.slice(start, start + limit) };
    });
    replies.importHistory = importedOne();
    try {
      await openPopup();
      reachListEnd();
      await vi.waitFor(() =>
        expect(document.querySelectorAll('li.history-entry')).toHaveLength(votes.length),
      );
      const far = votes[PAGE_SIZE + 5]!.key;
      const before = title(far) as HTMLElement;
      before.focus();
      const listedBefore = listHistoryCalls();
      await chooseImportFile([oneVoteFile]);
      await vi.waitFor(() =>
        expect(document.getElementById('status')!.textContent).toMatch(/^Imported/),
      );
      await waitForListReloaded(listedBefore);
      expect(document.activeElement).toBe(title(far));
    } finally {
      sendMessage.mockImplementation(original);
      delete replies.importHistory;
    }
  });

  // Focus out of the list stays where it is, and nothing else would tell that the removal was
  // undone: the region would go on saying "Removed".
  [
    { from: 'a reaction chip', undoFrom: () => '#filters button' },
    { from: 'the focused Undo', undoFrom: () => '#snackbar-undo' },
  ].forEach(({ from, undoFrom }) => {
    it(`tells screen readers the reaction it brought back, undone from ${from}`, async () => {
      await removeRow();
      const summary = document.getElementById('history-summary')!;
      await vi.waitFor(() => expect(summary.textContent).toBe('Removed'));
      const control = document.querySelector<HTMLElement>(undoFrom())!;
      control.focus();
      pressCtrlZ(control);
      await vi.waitFor(() => expect(summary.textContent).toBe('Reacted love'));
    });
  });

  // The background still keeps the removal (what failed changed nothing): without the offer the
  // reader would have to close the popup and open it again to try again.
  it('offers Undo again, focused, when bringing the row back failed', async () => {
    const restored = replies.restoreVote;
    delete replies.restoreVote;
    try {
      await removeRow();
      undoButton().focus();
      undoButton().click();
      await vi.waitFor(() => expect(document.getElementById('history-error')!.hidden).toBe(false));
      expect(snackbar().hidden).toBe(false);
      expect(document.activeElement).toBe(undoButton());
      replies.restoreVote = restored;
      undoButton().click();
      await vi.waitFor(() => expect(document.activeElement).toBe(title(vote.key)));
      expect(restoreCalls()).toHaveLength(2);
    } finally {
      replies.restoreVote = restored;
    }
  });

  it('keeps the offer of a removal made while an Undo that then failed was on its way', async () => {
    const original = sendMessage.getMockImplementation()!;
    let failRestore = () => {};
    sendMessage.mockImplementation(async (message: CallMessage) => {
      if (message.call !== 'restoreVote') return original(message);
      await new Promise<void>((resolve) => (failRestore = resolve));
      return { ok: false, error: STORAGE_FULL_ERROR, kind: 'storage-full' };
    });
    try {
      await removeRow();
      undoButton().click();
      await vi.waitFor(() => expect(restoreCalls()).toHaveLength(1));
      replies.editVote = { before: other, after: null };
      await removeRow();
      failRestore();
      await vi.waitFor(() => expect(document.getElementById('history-error')!.hidden).toBe(false));
      pressCtrlZ(document.body);
      await vi.waitFor(() => expect(restoreCalls()).toHaveLength(2));
      expect(restoreCalls()[1]![0].input).toEqual({ vote: other });
    } finally {
      sendMessage.mockImplementation(original);
      replies.editVote = { before: vote, after: null };
    }
  });

  // Cleared since in another popup, or taken back on the page: the background keeps it no more.
  it('says there is nothing to undo when the background brought nothing back', async () => {
    await removeRow();
    replies.restoreVote = { key: vote.key, reaction: null };
    replies.listHistory = [other];
    try {
      undoButton().focus();
      undoButton().click();
      await vi.waitFor(() =>
        expect(document.getElementById('status')!.textContent).toBe('Nothing to undo'),
      );
      expect(document.activeElement).toBe(document.getElementById('search'));
    } finally {
      replies.restoreVote = { key: vote.key, reaction: vote.reaction };
      replies.listHistory = [vote, other];
    }
  });

  // Reacted to again on the page since: the background keeps that reaction, and the popup told
  // it ("Reacted wow") as if Undo had brought the removed one back.
  it('says there is nothing to undo when a newer reaction stays in its place', async () => {
    await removeRow();
    replies.restoreVote = { key: vote.key, reaction: 'wow' };
    try {
      undoButton().click();
      await vi.waitFor(() =>
        expect(document.getElementById('status')!.textContent).toBe('Nothing to undo'),
      );
      expect(document.getElementById('history-summary')!.textContent).not.toBe('Reacted wow');
    } finally {
      replies.restoreVote = { key: vote.key, reaction: vote.reaction };
    }
  });

  it('puts focus on the row it brought back, after a press of the focused Undo', async () => {
    await removeRow();
    undoButton().focus();
    undoButton().click();
    await vi.waitFor(() => expect(document.activeElement).toBe(title(vote.key)));
  });
});

describe('popup site switch', () => {
  const toggle = () => document.getElementById('site-toggle') as HTMLInputElement;
  const status = () => document.getElementById('status')!;

  beforeAll(() => {
    activeTabs = [{ id: 4, url: vote.url, title: 'Story', incognito: false, active: true }];
    Object.assign(replies, {
      getSiteState: { site: 'news.example', disabled: false },
      getReaction: { key: vote.key, reaction: null, siteDisabled: false },
    });
  });
  beforeEach(async () => {
    await openPopup();
    await vi.waitFor(() => expect(document.getElementById('site-switch')!.hidden).toBe(false));
  });
  afterAll(() => {
    activeTabs = [];
    for (const call of ['getSiteState', 'getReaction', 'setSiteDisabled']) delete replies[call];
  });

  it('says which site it turned off, the name isolated from the sentence around it', async () => {
    replies.setSiteDisabled = { site: 'news.example', disabled: true };
    toggle().click();
    await vi.waitFor(() =>
      expect(status().textContent).toBe('Toolbar off for \u2068news.example\u2069'),
    );
    expect(toggle().checked).toBe(false);
  });

  it('goes back to what is stored when the switch fails', async () => {
    delete replies.setSiteDisabled;
    expect(toggle().checked).toBe(true);
    toggle().click();
    expect(toggle().checked).toBe(false);
    await vi.waitFor(() => expect(document.getElementById('history-error')!.hidden).toBe(false));
    expect(toggle().checked).toBe(true);
  });

  it('follows the tab to the page it went to while open: the switch turns off that site', async () => {
    const other = { id: 4, url: 'https://other.example/story', title: 'Other', incognito: false };
    activeTabs = [{ ...other, active: true }];
    replies.getSiteState = { site: 'other.example', disabled: false };
    try {
      for (const listener of tabListeners) listener(4, { url: other.url }, other);
      await vi.waitFor(() =>
        expect(document.getElementById('site-name')!.textContent).toBe('other.example'),
      );
      replies.setSiteDisabled = { site: 'other.example', disabled: true };
      toggle().click();
      await vi.waitFor(() => expect(status().textContent).toMatch(/^Toolbar off/));
      const switched = sendMessage.mock.calls
        .map(([message]) => message)
        .filter((message) => message.call === 'setSiteDisabled');
      expect(switched.at(-1)?.input).toEqual({ url: other.url, disabled: true });
    } finally {
      activeTabs = [{ id: 4, url: vote.url, title: 'Story', incognito: false, active: true }];
      replies.getSiteState = { site: 'news.example', disabled: false };
    }
  });

  it("takes back this page's correction once the site is turned off, and offers it again once on", async () => {
    const correct = () => document.getElementById('this-page-correct')!;
    await vi.waitFor(() => expect(document.getElementById('this-page-body')!.hidden).toBe(false));
    expect(correct().hidden).toBe(false);
    replies.setSiteDisabled = { site: 'news.example', disabled: true };
    toggle().click();
    await vi.waitFor(() => expect(status().textContent).toMatch(/^Toolbar off/));
    // The site switch is what turns the toolbar back on there, not a correction of one page.
    expect(correct().hidden).toBe(true);
    replies.setSiteDisabled = { site: 'news.example', disabled: false };
    toggle().click();
    await vi.waitFor(() => expect(status().textContent).toMatch(/^Toolbar on/));
    expect(correct().hidden).toBe(false);
  });
});

describe('popup backups and Clear all, one at a time', () => {
  const calls = () => sendMessage.mock.calls.map(([message]) => message.call);
  const { createObjectURL, revokeObjectURL } = URL;
  const original = sendMessage.getMockImplementation()!;
  const { showModal } = HTMLDialogElement.prototype;
  /** The calls held, each with what lets it answer. */
  const held = new Map<string, () => void>();

  beforeAll(() => {
    // An import and a clear whose one call waits until the test lets it end.
    sendMessage.mockImplementation(async (message: CallMessage) => {
      if (message.call !== 'importHistory' && message.call !== 'clearHistory') {
        return original(message);
      }
      await new Promise<void>((resolve) => held.set(message.call, resolve));
      return message.call === 'importHistory'
        ? {
            ok: true,
            value: {
              added: 1,
              updated: 0,
              unchanged: 0,
              rejected: 0,
              rejectedFutureDated: 0,
              rejectedOtherSite: 0,
            },
          }
        : { ok: true, value: { removed: 1 } };
    });
    replies.exportHistory = { votes: [vote] };
    Object.assign(URL, { createObjectURL: () => 'blob:moodmark-export', revokeObjectURL() {} });
    HTMLDialogElement.prototype.showModal = vi.fn();
  });
  beforeEach(async () => {
    held.clear();
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    await openPopup();
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => {
    sendMessage.mockImplementation(original);
    delete replies.exportHistory;
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    HTMLDialogElement.prototype.showModal = showModal;
  });

  const importFile = () => chooseImportFile([oneVoteFile]);
  /** Clear all, and Remove all in its dialog (jsdom has no showModal: its value, then close). */
  const clearAll = () => {
    document.getElementById('clear-all')!.click();
    const dialog = document.getElementById('confirm-clear') as HTMLDialogElement;
    dialog.returnValue = 'confirm';
    dialog.dispatchEvent(new Event('close'));
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
  const backupCalls = () =>
    calls().filter((call) => ['importHistory', 'exportHistory', 'clearHistory'].includes(call));

  it('runs an export and Clear all pressed during an import after it, in the order pressed', async () => {
    await importFile();
    await vi.waitFor(() => expect(held.has('importHistory')).toBe(true));
    document.getElementById('export-json')!.click();
    clearAll();
    await settle();
    expect(backupCalls()).toEqual(['importHistory']);
    // Said for each press that waits: the second time after a silence, to be told again.
    await vi.waitFor(() =>
      expect(document.getElementById('status')!.textContent).toBe(
        'Waiting until the one under way ends…',
      ),
    );

    held.get('importHistory')!();
    await vi.waitFor(() => expect(held.has('clearHistory')).toBe(true));
    expect(backupCalls()).toEqual(['importHistory', 'exportHistory', 'clearHistory']);
    held.get('clearHistory')!();
    await vi.waitFor(() =>
      expect(document.getElementById('status')!.textContent).toMatch(/^Removed/),
    );
  });

  it('starts an import chosen during Clear all once the clear has ended', async () => {
    clearAll();
    await vi.waitFor(() => expect(held.has('clearHistory')).toBe(true));
    await importFile();
    await settle();
    expect(backupCalls()).toEqual(['clearHistory']);

    held.get('clearHistory')!();
    await vi.waitFor(() => expect(held.has('importHistory')).toBe(true));
    held.get('importHistory')!();
    await vi.waitFor(() =>
      expect(document.getElementById('status')!.textContent).toMatch(/^Imported/),
    );
  });
});

describe('popup Clear all', () => {
  const { showModal } = HTMLDialogElement.prototype;
  const stats = replies.getHistoryStats;
  beforeAll(() => {
    HTMLDialogElement.prototype.showModal = vi.fn();
  });
  afterAll(() => {
    HTMLDialogElement.prototype.showModal = showModal;
    replies.getHistoryStats = stats;
  });

  it('names no count of reactions it could not read, rather than "0"', async () => {
    delete replies.getHistoryStats;
    await openPopup();
    await vi.waitFor(() => expect(document.getElementById('history-error')!.hidden).toBe(false));
    document.getElementById('clear-all')!.click();
    expect(document.getElementById('confirm-clear-text')!.textContent).toBe(
      'Remove all your reactions? This cannot be undone.',
    );
  });

  it('names how many reactions it removes', async () => {
    replies.getHistoryStats = stats;
    await openPopup();
    await vi.waitFor(() =>
      expect(document.querySelector('#filters .chip')?.textContent).toBe('All 1'),
    );
    document.getElementById('clear-all')!.click();
    expect(document.getElementById('confirm-clear-text')!.textContent).toBe(
      'Remove your 1 reaction? This cannot be undone.',
    );
  });

  describe('while the background clears', () => {
    const status = () => document.getElementById('status')!;
    const snackbar = () => document.getElementById('snackbar')!;
    /** Lets the clear held end: with its answer, or failing where none is given. */
    let endClear: (removed?: number) => void = () => {};
    const clearAll = () => {
      document.getElementById('clear-all')!.click();
      const dialog = document.getElementById('confirm-clear') as HTMLDialogElement;
      dialog.returnValue = 'confirm';
      dialog.dispatchEvent(new Event('close'));
    };
    const clearAsked = () =>
      sendMessage.mock.calls.some(([message]) => message.call === 'clearHistory');
    /** Removes the one row from its remove button, until Undo is offered. */
    async function removeRow(): Promise<void> {
      document.querySelector<HTMLButtonElement>('li.history-entry .history-remove')!.click();
      await vi.waitFor(() => expect(snackbar().hidden).toBe(false));
    }

    beforeAll(() => {
      replies.getHistoryStats = stats;
      replies.editVote = { before: vote, after: null };
      replies.clearHistory = () =>
        new Promise((resolve) => (endClear = (removed) => resolve(removed && { removed })));
      // jsdom has no CSS.escape; the key needs none.
      vi.stubGlobal('CSS', { escape: (text: string) => text });
    });
    afterAll(() => {
      delete replies.editVote;
      delete replies.clearHistory;
      vi.unstubAllGlobals();
    });
    beforeEach(() => openPopup());

    // 20,000 reactions take seconds to clear in Chromium: with nothing said, Clear all seemed
    // not to have been pressed.
    it('says the history is being cleared until it is', async () => {
      clearAll();
      await vi.waitFor(() => expect(clearAsked()).toBe(true));
      expect(status().textContent).toBe('Removing all reactions…');
      endClear(1);
      await vi.waitFor(() => expect(status().textContent).toBe('Removed 1 reaction.'));
    });

    // Shown while the clear runs, "Removed · Undo" reads as the undo of Clear all; pressed, it
    // put the removed reaction back into the history just cleared.
    it('takes back the offer to undo a removal as the clear starts, and makes it again if it fails', async () => {
      await removeRow();
      clearAll();
      await vi.waitFor(() => expect(clearAsked()).toBe(true));
      expect(snackbar().hidden).toBe(true);
      endClear();
      await vi.waitFor(() => expect(document.getElementById('history-error')!.hidden).toBe(false));
      // Nothing was cleared: the removal is still kept, and can still be undone.
      expect(snackbar().hidden).toBe(false);
      expect(status().textContent).toBe('');
    });
  });
});

describe("popup's reactions to this page", () => {
  const button = (reaction: string) =>
    document.querySelector<HTMLButtonElement>(
      `#this-page-reactions [data-reaction="${reaction}"]`,
    )!;
  const setReactionCalls = () =>
    sendMessage.mock.calls.filter(([message]) => message.call === 'setReaction');

  beforeAll(async () => {
    activeTabs = [{ id: 5, url: vote.url, title: 'Story', incognito: false, active: true }];
    Object.assign(replies, {
      getReaction: { key: vote.key, reaction: null, siteDisabled: false },
      setReaction: { key: vote.key, reaction: 'wow' },
    });
    await openPopup();
    await vi.waitFor(() => expect(document.getElementById('this-page-body')?.hidden).toBe(false));
  });
  afterAll(() => {
    activeTabs = [];
    for (const call of ['getReaction', 'setReaction']) delete replies[call];
  });

  it('takes a double-click as one press, not a reaction and its undoing', async () => {
    const click = (detail: number) =>
      button('wow').dispatchEvent(new MouseEvent('click', { bubbles: true, detail }));
    click(1);
    await vi.waitFor(() => expect(button('wow').getAttribute('aria-pressed')).toBe('true'));
    click(2);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(setReactionCalls()).toHaveLength(1);
    expect(button('wow').getAttribute('aria-pressed')).toBe('true');
  });

  it('tells the same reaction again when it is given again after its removal from the list', async () => {
    vi.stubGlobal('CSS', { escape: (text: string) => text });
    replies.editVote = { before: { ...vote, reaction: 'wow' }, after: null };
    try {
      await openPopup();
      await vi.waitFor(() => expect(document.getElementById('this-page-body')?.hidden).toBe(false));
      const status = document.getElementById('status')!;
      button('wow').click();
      await vi.waitFor(() => expect(status.textContent).toBe('Reacted wow'));
      // Removed in the history below: this page's reaction goes with it.
      document.querySelector<HTMLButtonElement>('li.history-entry .history-remove')!.click();
      await vi.waitFor(() => expect(button('wow').getAttribute('aria-pressed')).toBe('false'));
      const heard: string[] = [];
      const observer = new MutationObserver(() => heard.push(status.textContent ?? ''));
      observer.observe(status, { childList: true, characterData: true, subtree: true });
      try {
        button('wow').click();
        await vi.waitFor(() => expect(heard).toEqual(['', 'Reacted wow']));
      } finally {
        observer.disconnect();
      }
    } finally {
      vi.unstubAllGlobals();
      delete replies.editVote;
    }
  });

  // Firefox on macOS leaves focus where it was on a button's click: a reader reading row 60
  // reacted to this page, and the list was cut back to its first page, focus on its last row.
  it('keeps the rows read and the focus on one of them', async () => {
    vi.stubGlobal('CSS', { escape: (text: string) => text });
    const stories: Vote[] = Array.from({ length: PAGE_SIZE * 3 }, (_, i) => ({
      ...vote,
      key: `https://news.example/story-${String(i).padStart(3, '0')}`,
      url: `https://news.example/story-${i}`,
      updatedAt: 10_000 - i,
    }));
    replies.listHistory = ({ limit, after }: CallInput<'listHistory'>) =>
      stories.filter((story) => !after || story.updatedAt < after.updatedAt).slice(0, limit);
    const rows = () => document.querySelectorAll<HTMLElement>('li.history-entry');
    try {
      await openPopup();
      await vi.waitFor(() => expect(document.getElementById('this-page-body')?.hidden).toBe(false));
      reachListEnd();
      await vi.waitFor(() => expect(rows()).toHaveLength(PAGE_SIZE * 2));
      const read = rows()[60]!;
      read.querySelector<HTMLElement>('a.history-title')!.focus();
      const listed = sendMessage.mock.calls.length;
      // The reaction given is stored now, at the top of the history.
      stories.unshift({ ...vote, reaction: 'wow', updatedAt: 20_000 });
      button('wow').dispatchEvent(new MouseEvent('click', { bubbles: true, detail: 1 }));
      const listings = () =>
        sendMessage.mock.calls
          .slice(listed)
          .map(([message]) => message)
          .filter((message) => message.call === 'listHistory');
      await vi.waitFor(() => {
        expect(listings()).not.toEqual([]);
        expect(document.getElementById('history')!.hasAttribute('aria-busy')).toBe(false);
      });
      expect(rows()).toHaveLength(PAGE_SIZE * 2 + 1);
      expect(rows()[0]!.dataset.key).toBe(vote.key);
      expect(document.activeElement?.closest('li')?.dataset.key).toBe(read.dataset.key);
      // Only the first page is read for it, not the rows read again.
      const asked = listings().map(({ input }) => (input as CallInput<'listHistory'>).limit);
      expect(asked.reduce((sum, limit) => sum + limit, 0)).toBeLessThanOrEqual(PAGE_SIZE + 1);
    } finally {
      vi.unstubAllGlobals();
      replies.listHistory = [vote];
    }
  });

  it('shows the reaction an import brought for this page', async () => {
    replies.importHistory = importedOne();
    try {
      await openPopup();
      await vi.waitFor(() => expect(document.getElementById('this-page-body')?.hidden).toBe(false));
      expect(button('love').getAttribute('aria-pressed')).toBe('false');
      // The file held a vote for this page.
      replies.getReaction = { key: vote.key, reaction: 'love', siteDisabled: false };
      await chooseImportFile([oneVoteFile]);
      await vi.waitFor(() =>
        expect(document.getElementById('status')!.textContent).toMatch(/^Imported/),
      );
      await vi.waitFor(() => expect(button('love').getAttribute('aria-pressed')).toBe('true'));
    } finally {
      replies.getReaction = { key: vote.key, reaction: null, siteDisabled: false };
      delete replies.importHistory;
    }
  });
});

describe("popup's reactions to this page, in the reader's order", () => {
  afterAll(() => {
    activeTabs = [];
    storedLocal = {};
    delete replies.getReaction;
  });

  it('lists a hidden reaction the reader moved where the options page shows it', async () => {
    activeTabs = [{ id: 5, url: vote.url, title: 'Story', incognito: false, active: true }];
    replies.getReaction = { key: vote.key, reaction: null, siteDisabled: false };
    // Hidden: funny, moved to the top; sad, moved between the shown ones.
    const order = ['funny', 'wow', 'sad', 'like', 'dislike', 'love', 'angry'];
    storedLocal = {
      settings: { reactions: ['wow', 'like', 'dislike', 'love', 'angry'], order },
    };
    await openPopup();
    await vi.waitFor(() => expect(document.getElementById('this-page-body')?.hidden).toBe(false));
    const shown = [...document.querySelectorAll<HTMLElement>('#this-page-reactions button')];
    expect(shown.map((button) => button.dataset.reaction)).toEqual(order);
  });
});

describe('popup site names', () => {
  const idnVote: Vote = {
    ...vote,
    key: 'https://xn--bcher-kva.de/story',
    url: 'https://xn--bcher-kva.de/story',
    site: 'xn--bcher-kva.de',
  };
  const text = (id: string) => document.getElementById(id)!.textContent;

  beforeAll(() => {
    // The tabs API, like the background, writes an internationalized host in punycode.
    activeTabs = [{ id: 6, url: idnVote.url, title: 'Story', incognito: false, active: true }];
    Object.assign(replies, {
      listHistory: [idnVote],
      getSiteState: { site: idnVote.site, disabled: false },
      getReaction: { key: idnVote.key, reaction: null, siteDisabled: false },
      setSiteDisabled: { site: idnVote.site, disabled: true },
    });
  });
  afterAll(() => {
    activeTabs = [];
    replies.listHistory = [vote];
    for (const call of ['getSiteState', 'getReaction', 'setSiteDisabled']) delete replies[call];
  });

  it('shows an internationalized site in its own script in rows, this page and its switch', async () => {
    await openPopup();
    await vi.waitFor(() => expect(document.getElementById('site-switch')!.hidden).toBe(false));
    await vi.waitFor(() => expect(document.getElementById('this-page-body')!.hidden).toBe(false));
    expect(document.querySelector('li.history-entry .history-meta bdi')!.textContent).toBe(
      'bücher.de',
    );
    expect(text('this-page-site')).toBe('bücher.de');
    expect(text('site-name')).toBe('bücher.de');

    document.querySelector<HTMLInputElement>('#site-toggle')!.click();
    await vi.waitFor(() => expect(text('status')).toBe('Toolbar off for \u2068bücher.de\u2069'));
    expect(text('site-name')).toBe('bücher.de');
    // What goes to the background stays as the browser wrote it.
    expect(sendMessage).toHaveBeenCalledWith(
      expect.objectContaining({
        call: 'setSiteDisabled',
        input: { url: idnVote.url, disabled: true },
      }),
    );
  });
});

describe('popup history, when its next rows fail to load', () => {
  const votes = Array.from({ length: PAGE_SIZE * 2 }, (_, i) => ({
    ...vote,
    key: `https://news.example/story-${String(i).padStart(3, '0')}`,
    updatedAt: 10_000 - i,
  }));
  const original = sendMessage.getMockImplementation()!;
  /** Whether the background fails to answer for the rows past the first page. */
  let failing = true;
  /** Whether the rows past the first page were removed (in another tab) meanwhile. */
  let removedElsewhere = false;
  const retry = () => document.getElementById('history-retry') as HTMLButtonElement;
  const failure = () => document.getElementById('history-more-failed')!;
  const listHistoryCalls = () =>
    sendMessage.mock.calls.filter(([message]) => message.call === 'listHistory');
  const told = `Could not load more reactions: ${translate('en', 'errorStorageFull')}`;

  beforeAll(() => {
    // Pages by their cursor, as the background answers them.
    sendMessage.mockImplementation(async (message: CallMessage) => {
      if (message.call !== 'listHistory') return original(message);
      const { after, limit } = message.input as CallInput<'listHistory'>;
      if (after && failing) return { ok: false, error: STORAGE_FULL_ERROR, kind: 'storage-full' };
      if (after && removedElsewhere) return { ok: true, value: [] };
      const start = after ? votes.findIndex((v) => v.key === after.key) + 1 : 0;
      return { ok: true, value: votes.slice(start, start + limit) };
    });
  });
  beforeEach(async () => {
    failing = true;
    removedElsewhere = false;
    await openPopup();
    expect(failure().hidden).toBe(true);
    reachListEnd();
    await vi.waitFor(() => expect(failure().hidden).toBe(false));
  });
  afterAll(() => sendMessage.mockImplementation(original));

  it('offers to try again at the end of the list, and tells screen readers why', async () => {
    expect(failure().textContent).toContain(told);
    expect(retry().textContent).toBe('Try again');
    // A button after the list: the next Tab stop past it.
    const list = document.getElementById('history')!;
    expect(list.compareDocumentPosition(retry()) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(failure().closest('[hidden], .visually-hidden')).toBeNull();
    await vi.waitFor(() =>
      expect(document.getElementById('history-summary')!.textContent).toBe(told),
    );
    expect(document.querySelectorAll('li.history-entry')).toHaveLength(PAGE_SIZE);
  });

  it('loads the rows on Try again, and moves focus to the first of them', async () => {
    failing = false;
    retry().focus();
    retry().click();
    await vi.waitFor(() =>
      expect(document.querySelectorAll('li.history-entry')).toHaveLength(votes.length),
    );
    expect(failure().hidden).toBe(true);
    const firstNew = document.querySelector(
      `li[data-key="${votes[PAGE_SIZE]!.key}"] a.history-title`,
    );
    expect(document.activeElement).toBe(firstNew);
  });

  it('moves focus to the last row on Try again when no rows came after it', async () => {
    failing = false;
    removedElsewhere = true;
    retry().focus();
    retry().click();
    await vi.waitFor(() => expect(failure().hidden).toBe(true));
    expect(document.querySelectorAll('li.history-entry')).toHaveLength(PAGE_SIZE);
    const lastShown = document.querySelector(
      `li[data-key="${votes[PAGE_SIZE - 1]!.key}"] a.history-title`,
    );
    expect(document.activeElement).toBe(lastShown);
  });

  it('stays, with focus on Try again, when trying again fails too', async () => {
    const asked = listHistoryCalls().length;
    retry().focus();
    retry().click();
    await vi.waitFor(() => expect(listHistoryCalls()).toHaveLength(asked + 1));
    await new Promise((done) => setTimeout(done, 20));
    expect(failure().hidden).toBe(false);
    expect(document.activeElement).toBe(retry());
    expect(listHistoryCalls().at(-1)![0].input).toMatchObject({
      after: { key: votes[PAGE_SIZE - 1]!.key },
    });
  });

  it('keeps focus at the end of the list when the list is drawn again under Try again', async () => {
    // An import that ends draws the list again, as far down as it was: focus on Try again
    // went to the first row, at the top of a list the reader had read far down.
    replies.importHistory = importedOne();
    try {
      retry().focus();
      const asked = listHistoryCalls().length;
      await chooseImportFile([oneVoteFile]);
      await vi.waitFor(() => expect(listHistoryCalls().length).toBeGreaterThan(asked));
      await vi.waitFor(() => expect(failure().hidden).toBe(true));
      const lastShown = document.querySelector(
        `li[data-key="${votes[PAGE_SIZE - 1]!.key}"] a.history-title`,
      );
      expect(document.activeElement).toBe(lastShown);
    } finally {
      delete replies.importHistory;
    }
  });

  it('goes once a new search shows its first rows', async () => {
    const box = document.getElementById('search') as HTMLInputElement;
    box.value = 'story';
    box.dispatchEvent(new Event('input', { bubbles: true }));
    await vi.waitFor(() => expect(failure().hidden).toBe(true));
  });
});

describe('popup history, when its first rows fail to load', () => {
  const retry = () => document.getElementById('history-retry') as HTMLButtonElement;
  const failure = () => document.getElementById('history-more-failed')!;
  const listHistoryCalls = () =>
    sendMessage.mock.calls.filter(([message]) => message.call === 'listHistory');
  const told = `Could not load your reactions: ${translate('en', 'errorStorageFull')}`;

  beforeEach(async () => {
    // The background fails the first page: the head script's request and any asked after it.
    replies.listHistory = undefined;
    await openPopup();
  });
  afterEach(() => {
    replies.listHistory = [vote];
  });

  it('says so with a button to try again, and tells screen readers why', async () => {
    expect(document.querySelectorAll('li.history-entry')).toHaveLength(0);
    expect(failure().hidden).toBe(false);
    expect(failure().textContent).toContain(told);
    expect(retry().textContent).toBe('Try again');
    await vi.waitFor(() =>
      expect(document.getElementById('history-summary')!.textContent).toBe(told),
    );
    // Not "no reactions yet": nothing is known of the history.
    expect(document.getElementById('history-empty')!.hidden).toBe(true);
  });

  it('loads the first rows on Try again, with focus on the first of them', async () => {
    replies.listHistory = [vote];
    retry().focus();
    retry().click();
    await vi.waitFor(() => expect(document.querySelectorAll('li.history-entry')).toHaveLength(1));
    expect(failure().hidden).toBe(true);
    expect(document.activeElement).toBe(document.querySelector('a.history-title'));
    // The first page again, not one after a row.
    expect((listHistoryCalls().at(-1)![0].input as CallInput<'listHistory'>).after).toBeUndefined();
  });

  it('stays, with focus on Try again, when trying again fails too', async () => {
    const asked = listHistoryCalls().length;
    retry().focus();
    retry().click();
    await vi.waitFor(() => expect(listHistoryCalls()).toHaveLength(asked + 1));
    await new Promise((done) => setTimeout(done, 20));
    expect(failure().hidden).toBe(false);
    expect(document.activeElement).toBe(retry());
  });
});

describe('popup history holding a vote a damaged profile (or a later version) stored', () => {
  const original = sendMessage.getMockImplementation()!;
  const now = Date.UTC(2026, 11, 1, 12);
  const good = ['like', 'sad'].map((reaction, i) => ({
    key: `https://news.example/good-${i}`,
    url: `https://news.example/good-${i}`,
    title: `Good ${i}`,
    site: 'news.example',
    reaction: reaction as Reaction,
  }));
  const damagedKey = 'https://news.example/damaged';
  let db: VoteDatabase;
  let databases = 0;

  /** The real background over a fresh database holding the good votes and one damaged record. */
  async function openWithDamaged(damage: Record<string, unknown>): Promise<void> {
    db = await openVoteDatabase(`popup-damaged-${++databases}`);
    for (const [i, input] of good.entries()) await writeVote(db, input, now - 1_000 + i);
    await writeVote(db, { ...good[0]!, key: damagedKey, url: damagedKey, title: 'D' }, now);
    const stored = await db.get('votes', damagedKey);
    await db.put('votes', { ...stored!, ...damage } as Vote);
    const calls = createBackgroundCalls(
      async () => db,
      () => now,
    );
    sendMessage.mockImplementation(async (message: CallMessage) => {
      const reply = await answerMessage(calls, structuredClone(message));
      return reply as Awaited<ReturnType<typeof original>>;
    });
    await openPopup();
  }
  const shownKeys = () =>
    [...document.querySelectorAll<HTMLElement>('li.history-entry')].map((row) => row.dataset.key);

  afterEach(() => {
    sendMessage.mockImplementation(original);
    db.close();
  });

  it('lists the other votes, leaving out one whose reaction is not one of the seven, still stored', async () => {
    await openWithDamaged({ reaction: 'meh' });
    expect(shownKeys()).toEqual([good[1]!.key, good[0]!.key]);
    expect(document.getElementById('history-error')!.hidden).toBe(true);
    expect((await db.get('votes', damagedKey))?.reaction).toBe('meh');
  });

  it('lists one whose title is not text among the others, named by its link', async () => {
    await openWithDamaged({ title: null });
    expect(shownKeys()).toEqual([damagedKey, good[1]!.key, good[0]!.key]);
    expect(document.querySelector('li.history-entry .history-title')!.textContent).toBe(damagedKey);
  });
});

describe('popup counts asked for again before an earlier answer came', () => {
  const original = sendMessage.getMockImplementation()!;
  const other: Vote = {
    ...vote,
    key: 'https://news.example/other',
    url: 'https://news.example/other',
  };
  /** The counts asked for and not yet answered, oldest first: each answers when told to. */
  let pending: ((reply: unknown) => void)[] = [];
  const countsOf = (love: number) => {
    const counts = { like: 0, dislike: 0, love, funny: 0, angry: 0, sad: 0, wow: 0 };
    return { ok: true, value: { counts, last7Days: counts, last30Days: counts } };
  };
  const loveChip = () =>
    document.querySelector<HTMLElement>('#filters .chip[data-reaction="love"]')!;

  beforeAll(async () => {
    vi.stubGlobal('CSS', { escape: (text: string) => text });
    replies.listHistory = [vote, other];
    replies.editVote = (input: { key: string }) => ({
      before: input.key === vote.key ? vote : other,
      after: null,
    });
    await openPopup();
    // A background that answers the counts in whatever order the test says.
    sendMessage.mockImplementation(async (message: CallMessage) =>
      message.call === 'getHistoryStats'
        ? new Promise((answer) => pending.push(answer))
        : original(message),
    );
  });
  afterAll(() => {
    sendMessage.mockImplementation(original);
    vi.unstubAllGlobals();
    delete replies.editVote;
    replies.listHistory = [vote];
  });

  it('shows the counts of the latest request, not an older answer that came after it', async () => {
    const remove = (key: string) =>
      document.querySelector<HTMLButtonElement>(`li[data-key="${key}"] .history-remove`)!.click();
    remove(vote.key);
    await vi.waitFor(() => expect(pending).toHaveLength(1));
    remove(other.key);
    await vi.waitFor(() => expect(pending).toHaveLength(2));
    const [older, newer] = pending;
    pending = [];
    // Both removed: none left. The older request, read before the second removal, still had one.
    newer!(countsOf(0));
    await vi.waitFor(() => expect(loveChip().textContent).toBe('❤️ 0'));
    older!(countsOf(1));
    await new Promise((done) => setTimeout(done, 20));
    expect(loveChip().textContent).toBe('❤️ 0');
  });
});

describe('popup history with many rows loaded, changed at one place', () => {
  const original = sendMessage.getMockImplementation()!;
  /** Rows loaded: three pages, each read as the end of the list comes into view. */
  const LOADED = PAGE_SIZE * 3;
  /** A row far down the rows loaded. */
  const FAR = PAGE_SIZE * 2 + 20;
  const base = Date.now() - 60_000;
  const story = (i: number) => ({
    key: `https://news.example/story-${String(i).padStart(3, '0')}`,
    url: `https://news.example/story-${String(i).padStart(3, '0')}`,
    title: `Story ${i}`,
    site: 'news.example',
    reaction: 'love' as Reaction,
  });
  let db: VoteDatabase;
  let calls: ReturnType<typeof createBackgroundCalls>;
  let databases = 0;

  const rows = () => [...document.querySelectorAll<HTMLElement>('li.history-entry')];
  const shownKeys = () => rows().map((row) => row.dataset.key);
  const rowOf = (key: string) =>
    document.querySelector<HTMLElement>(`li.history-entry[data-key="${key}"]`);
  const listings = () =>
    sendMessage.mock.calls
      .map(([message]) => message)
      .filter((message) => message.call === 'listHistory');
  /** How many votes the popup asked the background for since `mark` listings. */
  const votesAskedSince = (mark: number) =>
    listings()
      .slice(mark)
      .reduce((sum, message) => sum + (message.input as CallInput<'listHistory'>).limit, 0);
  const settled = () =>
    vi.waitFor(() =>
      expect(document.getElementById('history')!.hasAttribute('aria-busy')).toBe(false),
    );

  /**
   * The real background over a fresh database of a page and a half more votes than are loaded,
   * telling the popup of each change as it tells extension pages; the popup scrolled to LOADED rows.
   */
  beforeEach(async () => {
    vi.stubGlobal('CSS', { escape: (text: string) => text });
    db = await openVoteDatabase(`popup-many-${++databases}`);
    for (let i = 0; i < LOADED + PAGE_SIZE * 1.5; i++) await writeVote(db, story(i), base - i * 10);
    calls = createBackgroundCalls(
      async () => db,
      Date.now,
      (notice) => {
        setTimeout(() => {
          for (const listener of messageListeners) listener(structuredClone(notice), {});
        });
      },
    );
    sendMessage.mockImplementation(async (message: CallMessage) => {
      const reply = await answerMessage(calls, structuredClone(message));
      return reply as Awaited<ReturnType<typeof original>>;
    });
    await openPopup();
    while (rows().length < LOADED) {
      const shown = rows().length;
      reachListEnd();
      await vi.waitFor(() => expect(rows().length).toBeGreaterThan(shown));
    }
  });

  afterEach(() => {
    sendMessage.mockImplementation(original);
    vi.unstubAllGlobals();
    db.close();
  });

  it('puts a row back in its place on Undo, reading only that place, not every row loaded', async () => {
    const keys = shownKeys();
    const removed = keys[FAR]!;
    const remove = rowOf(removed)!.querySelector<HTMLButtonElement>('.history-remove')!;
    remove.focus();
    remove.click();
    const undo = document.getElementById('snackbar-undo')!;
    await vi.waitFor(() => expect(undo.closest<HTMLElement>('#snackbar')!.hidden).toBe(false));
    await settled();
    const mark = listings().length;
    undo.focus();
    undo.click();
    await vi.waitFor(() =>
      expect(document.activeElement).toBe(rowOf(removed)?.querySelector('a.history-title')),
    );
    await vi.waitFor(() =>
      expect(document.getElementById('history-summary')!.textContent).toBe('Reacted love'),
    );
    // Time for a reload the notice of the vote brought back would start.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await settled();
    expect(shownKeys()).toEqual(keys);
    expect(votesAskedSince(mark)).toBeLessThanOrEqual(2);
  });

  it('shows a reaction given in another tab at the top, reading the first page only', async () => {
    const keys = shownKeys();
    const mark = listings().length;
    const changed = keys[FAR]!;
    await writeVote(db, { ...story(FAR), reaction: 'wow' }, Date.now());
    for (const listener of messageListeners) {
      listener({ notice: 'voteChanged', input: { key: changed, reaction: 'wow' } }, {});
    }
    await vi.waitFor(() => expect(shownKeys()[0]).toBe(changed));
    await new Promise((resolve) => setTimeout(resolve, 500));
    await settled();
    expect(rowOf(changed)!.dataset.reaction).toBe('wow');
    expect(shownKeys()).toEqual([changed, ...keys.filter((key) => key !== changed)]);
    expect(votesAskedSince(mark)).toBeLessThanOrEqual(PAGE_SIZE + 1);
  });

  it('drops a row removed in another popup, reading nothing again', async () => {
    const keys = shownKeys();
    const mark = listings().length;
    const removed = keys[FAR]!;
    await answerMessage(calls, { call: 'editVote', input: { key: removed, reaction: null } });
    await vi.waitFor(() => expect(rowOf(removed)).toBeNull());
    await new Promise((resolve) => setTimeout(resolve, 500));
    await settled();
    expect(shownKeys()).toEqual(keys.filter((key) => key !== removed));
    expect(votesAskedSince(mark)).toBe(0);
  });
});

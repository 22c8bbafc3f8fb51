import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { STORAGE_FULL_ERROR } from '../../src/background/calls';
import { translate } from '../../src/core/i18n';
import type { CallMessage, Vote } from '../../src/protocol';

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

/** Replies per call; a call not listed fails as the background answers a failure. */
const replies: Record<string, unknown> = {
  listHistory: [vote],
  lastRemoval: { vote: null },
  getHistoryStats: {
    counts: { like: 0, dislike: 0, love: 1, funny: 0, angry: 0, sad: 0, wow: 0 },
    last7Days: { like: 0, dislike: 0, love: 1, funny: 0, angry: 0, sad: 0, wow: 0 },
    last30Days: { like: 0, dislike: 0, love: 1, funny: 0, angry: 0, sad: 0, wow: 0 },
  },
};
const sendMessage = vi.fn(async ({ call }: CallMessage) =>
  call in replies ? { ok: true, value: replies[call] } : { ok: false, error: STORAGE_FULL_ERROR },
);

let uiLanguage = 'en-US';
/** The tab the popup was opened on; none unless a test says. */
let activeTabs: unknown[] = [];

vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: { sendMessage },
    tabs: {
      query: async () => activeTabs,
      sendMessage: async () => {
        throw new Error('Could not establish connection. Receiving end does not exist.');
      },
    },
    storage: { local: { get: async () => ({}) } },
    i18n: { getUILanguage: () => uiLanguage },
  },
}));

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
  document.body.innerHTML = new DOMParser().parseFromString(html, 'text/html').body.innerHTML;
  vi.stubGlobal(
    'IntersectionObserver',
    class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
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
    expect(error.textContent).toBe(`Something went wrong: ${STORAGE_FULL_ERROR}`);
    expect(document.querySelectorAll('li.history-entry')).toHaveLength(1);
    expect(sendMessage).toHaveBeenCalledWith({
      call: 'editVote',
      input: { key: vote.key, reaction: null },
      op: expect.any(Number),
    });
  });
});

describe('popup head', () => {
  const calls = () => sendMessage.mock.calls.map(([message]) => message.call);

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

  it("keeps the tab's private reaction when the history's vote for it is removed", async () => {
    document.querySelector<HTMLButtonElement>('li.history-entry .history-remove')!.click();
    await vi.waitFor(() => expect(document.querySelectorAll('li.history-entry')).toHaveLength(0));
    expect(pressed()).toBe('wow');
  });
});

describe('popup entry in Arabic', () => {
  beforeAll(async () => {
    uiLanguage = 'ar';
    await openPopup();
  });

  it('is right to left, with Arabic headings, labels and chips', async () => {
    expect(document.documentElement.lang).toBe('ar');
    expect(document.documentElement.dir).toBe('rtl');
    expect(document.querySelector('h1')?.textContent).toBe('تفاعلاتك');
    expect(document.getElementById('search')?.getAttribute('placeholder')).toBe(
      translate('ar', 'popupSearch'),
    );
    expect(document.getElementById('export-json')?.textContent).toBe('تصدير JSON');
    expect(document.querySelector('.history-remove')?.getAttribute('aria-label')).toBe(
      'إزالة التفاعل مع «Story»',
    );
    // The date heading comes from Intl in Arabic: no Latin letters left.
    expect(document.querySelector('li.history-day h2')?.textContent).not.toMatch(/[A-Za-z]/);
    await vi.waitFor(() =>
      expect(document.querySelector('#filters .chip')?.textContent).toBe('الكل 1'),
    );
    expect(document.getElementById('mood-7')?.getAttribute('aria-label')).toContain('آخر 7 أيام');
  });
});

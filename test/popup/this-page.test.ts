import { beforeEach, describe, expect, it, vi } from 'vitest';
import { translate } from '../../src/core/i18n';
import type { Reaction } from '../../src/core/reactions';
import { MAX_URL_LENGTH } from '../../src/core/vote';
import type { ArticleState, PageReport, VoteState } from '../../src/protocol';
import { showThisPage, type ThisPageOptions } from '../../src/popup/this-page';

/**
 * The popup's "this page" section over the part of popup.html it fills, with the tab, its content
 * script and the background faked: what the reader's presses send and what they see after.
 */

const article = 'https://news.example/2026/ferry';

/** The tab the popup was opened on. */
const tab = vi.hoisted(() => ({ url: '', title: 'Night ferry returns', status: 'complete' }));

/** What the tab's content script answers the popup; none runs there while this is null. */
const contentScript = vi.hoisted(() => ({ report: null as PageReport | null, asked: 0 }));

type MessageHeard = (message: unknown, sender: { tab?: { id: number }; frameId?: number }) => void;
/** Who listens to runtime.onMessage: the calls content scripts make to the background. */
const messageListeners = vi.hoisted(() => [] as MessageHeard[]);

type TabUpdated = (
  tabId: number,
  change: { url?: string; status?: string; title?: string },
  tab: object,
) => void;
/** What the popup keeps in storage.session. */
const session = vi.hoisted(() => new Map<string, unknown>());

/** Who listens to tabs.onUpdated. */
const tabListeners = vi.hoisted(() => [] as TabUpdated[]);

vi.mock('webextension-polyfill', () => ({
  default: {
    tabs: {
      query: async () => [{ id: 7, incognito: false, ...tab }],
      get: async () => ({ id: 7, incognito: false, ...tab }),
      onUpdated: { addListener: (listener: TabUpdated) => tabListeners.push(listener) },
      sendMessage: async () => {
        contentScript.asked++;
        if (contentScript.report) return contentScript.report;
        throw new Error('Could not establish connection. Receiving end does not exist.');
      },
    },
    runtime: {
      onMessage: { addListener: (listener: MessageHeard) => messageListeners.push(listener) },
    },
    storage: {
      local: { get: async () => ({}) },
      session: {
        set: async (items: Record<string, unknown>) => {
          for (const [name, value] of Object.entries(items)) session.set(name, value);
        },
        remove: async (name: string) => void session.delete(name),
      },
    },
  },
}));

/** A setReaction whose answers the test gives, one press at a time. */
function heldSetReaction() {
  const answers: ((state: VoteState) => void)[] = [];
  const setReaction = vi.fn(
    (_input: { reaction: Reaction | null }) =>
      new Promise<VoteState>((resolve) => answers.push(resolve)),
  );
  return { setReaction, answers };
}

function options(overrides: Partial<ThisPageOptions>): ThisPageOptions {
  const state: ArticleState = { key: article, reaction: null, siteDisabled: false };
  return {
    locale: 'en',
    getReaction: async () => state,
    setReaction: async (input) => ({ key: article, reaction: input.reaction }),
    getCorrection: async () => ({ toolbar: null }),
    setCorrection: async () => ({}),
    say: () => {},
    showError: (failure) => {
      throw failure;
    },
    onReacted: () => {},
    ...overrides,
  };
}

const button = (reaction: Reaction) =>
  document.querySelector<HTMLButtonElement>(`#this-page-reactions [data-reaction="${reaction}"]`)!;

const pressed = () =>
  document.querySelector<HTMLElement>('#this-page-reactions [aria-pressed="true"]')?.dataset
    .reaction ?? null;

/** The browser tells of a change to tab `tabId` (the popup's tab is 7), as tabs.onUpdated does. */
function updateTab(
  tabId: number,
  change: { url?: string; status?: string; title?: string },
  title = tab.title,
) {
  const url = change.url ?? tab.url;
  for (const listener of tabListeners)
    listener(tabId, change, { id: tabId, incognito: false, url, title });
}

const text = (id: string) => document.getElementById(id)!.textContent;

beforeEach(() => {
  tabListeners.length = 0;
  messageListeners.length = 0;
  tab.url = article;
  tab.title = 'Night ferry returns';
  tab.status = 'complete';
  contentScript.report = null;
  contentScript.asked = 0;
  session.clear();
  document.body.innerHTML = `
    <p id="this-page-unavailable" hidden></p>
    <div id="this-page-body" hidden>
      <span id="this-page-title"></span><span id="this-page-site"></span>
      <div id="this-page-reactions" role="group"></div>
      <button id="this-page-correct" type="button" hidden></button>
    </div>`;
});

describe('showThisPage', () => {
  it('takes a second press made before the first is answered as a press on what the first asked for', async () => {
    const { setReaction, answers } = heldSetReaction();
    await showThisPage(options({ setReaction }));

    // Enter twice on "like" (no double-click detail from a keyboard), the background still waking.
    button('like').click();
    button('like').click();
    await vi.waitFor(() => expect(answers).toHaveLength(1));
    answers[0]!({ key: article, reaction: 'like' });
    await vi.waitFor(() => expect(answers).toHaveLength(2));
    answers[1]!({ key: article, reaction: null });

    await vi.waitFor(() => expect(setReaction).toHaveBeenCalledTimes(2));
    expect(setReaction.mock.calls.map(([input]) => input.reaction)).toEqual(['like', null]);
    await vi.waitFor(() => expect(pressed()).toBe(null));
  });

  it('keeps each press aside in storage.session until the background answered it', async () => {
    const { setReaction, answers } = heldSetReaction();
    await showThisPage(options({ setReaction }));

    button('like').click();
    await vi.waitFor(() => expect(answers).toHaveLength(1));
    expect([...session.values()]).toEqual([
      {
        call: 'setReaction',
        input: setReaction.mock.calls[0]![0],
        op: expect.any(Number),
        private: false,
      },
    ]);
    answers[0]!({ key: article, reaction: 'like' });
    await vi.waitFor(() => expect(session.size).toBe(0));
  });

  it('sends presses one after another, so the last one pressed is the one shown', async () => {
    const { setReaction, answers } = heldSetReaction();
    await showThisPage(options({ setReaction }));

    button('like').click();
    button('love').click();
    await vi.waitFor(() => expect(answers).toHaveLength(1));
    // The second is sent only once the first is answered: the background keeps them in order.
    expect(setReaction).toHaveBeenCalledTimes(1);
    answers[0]!({ key: article, reaction: 'like' });
    await vi.waitFor(() => expect(answers).toHaveLength(2));
    answers[1]!({ key: article, reaction: 'love' });

    await vi.waitFor(() => expect(pressed()).toBe('love'));
  });

  // As the history lists its vote: by the Public Suffix List, which only the background has.
  it.each([
    ["a user's site on a host service", 'https://m.github.io/post', 'https://m.github.io/post'],
    ["a page in Google's AMP viewer", 'https://www.google.com/amp/s/news.example/a', article],
  ])("names the site of the article's key for %s", async (_, url, key) => {
    tab.url = url;
    const state: ArticleState = { key, reaction: null, siteDisabled: false };
    await showThisPage(options({ getReaction: async () => state }));
    await vi.waitFor(() => expect(text('this-page-site')).toBe(new URL(key).hostname));
  });

  it('says why it cannot act on a page whose address is too long for the history, asking nothing', async () => {
    tab.url = `${article}?q=${'a'.repeat(MAX_URL_LENGTH)}`;
    const getReaction = vi.fn(options({}).getReaction);
    await showThisPage(options({ getReaction }));

    const note = document.getElementById('this-page-unavailable')!;
    expect(note.hidden).toBe(false);
    expect(note.textContent).toBe(translate('en', 'popupUnavailableTooLong'));
    expect(document.getElementById('this-page-body')!.hidden).toBe(true);
    expect(getReaction).not.toHaveBeenCalled();
  });

  it('follows the tab to the page it moved to while open: the correction offered is of that page', async () => {
    const getReaction = vi.fn(async (ref: { url: string }) => ({
      key: ref.url,
      reaction: null,
      siteDisabled: false,
    }));
    const setCorrection = vi.fn(async (_key: string, _correction: { url: string }) => ({}));
    await showThisPage(options({ getReaction, setCorrection }));
    const front = 'https://news.example/2026/';

    updateTab(7, { url: front }, 'News front page');
    await vi.waitFor(() => expect(text('this-page-title')).toBe('News front page'));
    document.getElementById('this-page-correct')!.click();

    await vi.waitFor(() => expect(setCorrection).toHaveBeenCalledTimes(1));
    expect(setCorrection.mock.calls.map(([key, { url }]) => [key, url])).toEqual([[front, front]]);
  });

  it('shows the last page the tab went to, an answer about the one before coming late', async () => {
    const first = 'https://news.example/2026/first';
    let answerFirst = () => {};
    const getReaction = vi.fn(async (ref: { url: string }) => {
      if (ref.url === first) await new Promise<void>((resolve) => (answerFirst = resolve));
      return { key: ref.url, reaction: null, siteDisabled: false };
    });
    await showThisPage(options({ getReaction }));

    updateTab(7, { url: first }, 'First');
    await vi.waitFor(() => expect(getReaction).toHaveBeenCalledTimes(2));
    updateTab(7, { url: 'https://news.example/2026/second' }, 'Second');
    await vi.waitFor(() => expect(text('this-page-title')).toBe('Second'));
    answerFirst();
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(text('this-page-title')).toBe('Second');
    expect(document.querySelectorAll('#this-page-reactions button')).toHaveLength(7);
  });

  it('says why it cannot act on the page the tab moved to, where it cannot', async () => {
    await showThisPage(options({}));

    updateTab(7, { url: 'https://chromewebstore.google.com/detail/abc' });

    await vi.waitFor(() =>
      expect(document.getElementById('this-page-unavailable')!.hidden).toBe(false),
    );
    expect(text('this-page-unavailable')).toBe(translate('en', 'popupUnavailableStore'));
    expect(document.getElementById('this-page-body')!.hidden).toBe(true);
  });

  [
    { name: 'another tab', tabId: 8, change: { url: 'https://news.example/other' } },
    { name: 'its loading, the address the same', tabId: 7, change: { status: 'loading' } },
    { name: 'the same address', tabId: 7, change: { url: article } },
  ].forEach(({ name, tabId, change }) => {
    it(`stays on its page on a change of ${name}`, async () => {
      const getReaction = vi.fn(options({}).getReaction);
      await showThisPage(options({ getReaction }));

      updateTab(tabId, change, 'Other');
      await new Promise((resolve) => setTimeout(resolve, 20));

      expect(getReaction).toHaveBeenCalledTimes(1);
      expect(text('this-page-title')).toBe('Night ferry returns');
    });
  });

  it('shows the page its tab was still loading once loaded, as its content script describes it', async () => {
    // Opened before the page's content script ran: the tab gives its title, with the site's name.
    tab.status = 'loading';
    tab.title = 'Night ferry returns | The Harbour Ledger';
    const canonical = 'https://news.example/2026/night-ferry';
    const setReaction = vi.fn(options({}).setReaction);
    await showThisPage(options({ setReaction }));
    expect(text('this-page-title')).toBe('Night ferry returns | The Harbour Ledger');
    button('love').focus();

    tab.status = 'complete';
    contentScript.report = {
      url: article,
      declaredUrls: [canonical],
      title: 'Night ferry returns',
      toolbarShown: true,
    };
    updateTab(7, { status: 'complete' });

    await vi.waitFor(() => expect(text('this-page-title')).toBe('Night ferry returns'));
    expect(document.getElementById('this-page-correct')!.dataset.correction).toBe('hide');
    // Focus stays on the reaction the reader was on, now the loaded page's.
    expect((document.activeElement as HTMLElement).dataset.reaction).toBe('love');
    button('love').click();
    await vi.waitFor(() => expect(setReaction).toHaveBeenCalledTimes(1));
    expect(setReaction.mock.calls[0]![0]).toMatchObject({
      url: article,
      declaredUrls: [canonical],
      title: 'Night ferry returns',
      reaction: 'love',
    });
  });

  it('keeps the page’s language with a vote, and speaks the title in it', async () => {
    const setReaction = vi.fn(async (input: { reaction: Reaction | null }) => ({
      key: article,
      reaction: input.reaction,
    }));
    contentScript.report = {
      url: article,
      title: 'Die Fähre fährt',
      toolbarShown: false,
      lang: 'de',
    };
    await showThisPage(options({ setReaction }));

    expect(document.getElementById('this-page-title')!.lang).toBe('de');
    button('wow').click();
    await vi.waitFor(() => expect(setReaction).toHaveBeenCalledTimes(1));
    expect(setReaction.mock.calls[0]![0]).toMatchObject({ reaction: 'wow', lang: 'de' });
  });

  it('speaks no title language where the title shown is the page’s address', async () => {
    contentScript.report = { url: article, title: '', toolbarShown: false, lang: 'de' };
    tab.title = '';
    await showThisPage(options({}));

    expect(text('this-page-title')).toBe(article);
    expect(document.getElementById('this-page-title')!.lang).toBe('');
  });

  it('shows a reaction pressed while the page loaded once the page is drawn anew', async () => {
    tab.status = 'loading';
    let stored: Reaction | null = null;
    const getReaction = async (): Promise<ArticleState> => ({
      key: article,
      reaction: stored,
      siteDisabled: false,
    });
    const { setReaction, answers } = heldSetReaction();
    await showThisPage(options({ getReaction, setReaction }));
    button('love').click();
    await vi.waitFor(() => expect(answers).toHaveLength(1));

    tab.status = 'complete';
    contentScript.report = { url: article, title: 'Night ferry returns', toolbarShown: true };
    updateTab(7, { status: 'complete' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    stored = 'love';
    answers[0]!({ key: article, reaction: 'love' });

    await vi.waitFor(() => expect(text('this-page-title')).toBe('Night ferry returns'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(pressed()).toBe('love');
  });

  it("shows an app's next story once the app has drawn it, its title changed after its address", async () => {
    const next = 'https://news.example/2026/smokehouse';
    contentScript.report = { url: article, title: 'Night ferry returns', toolbarShown: true };
    const getReaction = vi.fn(options({}).getReaction);
    await showThisPage(options({ getReaction }));

    // The app moved to its next story and draws it a moment later, as it comes.
    contentScript.report = { url: next, title: 'Night ferry returns', toolbarShown: false };
    updateTab(7, { url: next }, 'Night ferry returns');
    await vi.waitFor(() => expect(getReaction).toHaveBeenCalledTimes(2));
    contentScript.report = { url: next, title: 'Smokehouse opens', toolbarShown: true };
    updateTab(7, { title: 'Smokehouse opens' }, 'Smokehouse opens');

    await vi.waitFor(() => expect(text('this-page-title')).toBe('Smokehouse opens'));
    expect(document.getElementById('this-page-correct')!.dataset.correction).toBe('hide');
  });

  it('offers to hide the toolbar its page placed after the section was drawn', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      contentScript.report = { url: article, title: 'Night ferry returns', toolbarShown: false };
      await showThisPage(options({}));
      const correct = document.getElementById('this-page-correct')!;
      expect(correct.dataset.correction).toBe('show');

      // The content script asks the background for the reaction, then places the toolbar.
      const call = { call: 'getReaction', input: { url: article } };
      for (const listener of messageListeners) listener(call, { tab: { id: 7 }, frameId: 0 });
      await vi.advanceTimersByTimeAsync(100);
      contentScript.report = { url: article, title: 'Night ferry returns', toolbarShown: true };
      await vi.advanceTimersByTimeAsync(1000);

      await vi.waitFor(() => expect(correct.dataset.correction).toBe('hide'));
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not ask again at its own question, heard where the popup is a tab (Firefox)', async () => {
    // Firefox's tabs.sendMessage reaches the extension's pages in the tab too: the popup opened
    // in a tab of its own hears what it asks that tab.
    await showThisPage(options({}));
    const asked = contentScript.asked;

    const question = { request: 'describePage', input: {} };
    for (const listener of messageListeners) listener(question, { tab: { id: 7 }, frameId: 0 });
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(contentScript.asked).toBe(asked);
  });

  it("draws the section once on another tab's calls", async () => {
    contentScript.report = { url: article, title: 'Night ferry returns', toolbarShown: false };
    const getReaction = vi.fn(options({}).getReaction);
    await showThisPage(options({ getReaction }));

    contentScript.report = { url: article, title: 'Night ferry returns', toolbarShown: true };
    const call = { call: 'getReaction', input: { url: article } };
    for (const listener of messageListeners) listener(call, { tab: { id: 8 }, frameId: 0 });
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(getReaction).toHaveBeenCalledTimes(1);
  });

  it('draws the section once where a title changes but not what the content script says', async () => {
    contentScript.report = { url: article, title: 'Night ferry returns', toolbarShown: true };
    const getReaction = vi.fn(options({}).getReaction);
    await showThisPage(options({ getReaction }));

    updateTab(7, { title: '(3) Night ferry returns' }, '(3) Night ferry returns');
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(getReaction).toHaveBeenCalledTimes(1);
  });

  it('shows the page as its content script describes it where the tab loaded while the section was filled', async () => {
    tab.status = 'loading';
    const getReaction = vi.fn(async () => {
      // The page loads meanwhile, its content script now running.
      tab.status = 'complete';
      contentScript.report = { url: article, title: 'Night ferry returns', toolbarShown: false };
      return { key: article, reaction: null, siteDisabled: false };
    });
    tab.title = 'news.example/2026/ferry';
    await showThisPage(options({ getReaction }));

    await vi.waitFor(() => expect(text('this-page-title')).toBe('Night ferry returns'));
    expect(document.getElementById('this-page-correct')!.dataset.correction).toBe('show');
  });

  [
    { name: 'a loaded tab', status: 'complete' },
    { name: 'a tab whose page runs no content script once loaded', status: 'loading' },
  ].forEach(({ name, status }) => {
    it(`draws the section once on ${name}`, async () => {
      tab.status = status;
      const getReaction = vi.fn(options({}).getReaction);
      await showThisPage(options({ getReaction }));

      tab.status = 'complete';
      updateTab(7, { status: 'complete' });
      await new Promise((resolve) => setTimeout(resolve, 20));

      expect(getReaction).toHaveBeenCalledTimes(1);
    });
  });

  it('offers the correction the background keeps, though storage holds none under the key yet', async () => {
    // Right after an update the background is moving corrections to today's keys: it answers
    // once the move is done, while storage (faked empty here) has none under the new key yet.
    const getCorrection = vi.fn(async (ref: { url: string }) => ({
      toolbar: ref.url === article ? ('show' as const) : null,
    }));
    await showThisPage(options({ getCorrection }));

    // No content script to ask (the tab was open before the update): the correction says the
    // toolbar shows, so hiding it is what is offered.
    const correct = document.getElementById('this-page-correct')!;
    expect(correct.hidden).toBe(false);
    expect(correct.dataset.correction).toBe('hide');
    expect(getCorrection).toHaveBeenCalledTimes(1);
  });

  [
    {
      name: "in Firefox's Reader View, where no content script runs",
      url: `about:reader?url=${encodeURIComponent(article)}`,
      report: null,
      asked: 2,
    },
    {
      name: 'where the content script answers (it sets the badge itself)',
      url: article,
      report: { url: article, title: 'Night ferry returns', toolbarShown: false },
      asked: 1,
    },
  ].forEach(({ name, url, report, asked }) => {
    it(`has the badge follow a change made in the history ${name}`, async () => {
      tab.url = url;
      contentScript.report = report;
      const getReaction = vi.fn(
        async (_ref: { url: string; tabId?: number }): Promise<ArticleState> => ({
          key: article,
          reaction: 'love',
          siteDisabled: false,
        }),
      );
      const section = await showThisPage(options({ getReaction }));

      section.voteChanged(article, null);
      await new Promise((resolve) => setTimeout(resolve, 20));

      // Asked with its tab, the background shows the reaction stored on the tab's badge.
      expect(getReaction).toHaveBeenCalledTimes(asked);
      expect(getReaction.mock.calls.at(-1)![0]).toMatchObject({ url: article, tabId: 7 });
      expect(pressed()).toBe(null);
    });
  });

  it("offers no toolbar correction in Firefox's Reader View, where no toolbar can show", async () => {
    tab.url = `about:reader?url=${encodeURIComponent(article)}`;
    await showThisPage(options({}));

    expect(document.getElementById('this-page-body')!.hidden).toBe(false);
    expect(document.getElementById('this-page-correct')!.hidden).toBe(true);
  });
});

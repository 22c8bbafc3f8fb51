import { beforeEach, describe, expect, it, vi } from 'vitest';
import { translate } from '../../src/core/i18n';
import type { Reaction } from '../../src/core/reactions';
import { MAX_URL_LENGTH } from '../../src/core/vote';
import type { ArticleState, VoteState } from '../../src/protocol';
import { showThisPage, type ThisPageOptions } from '../../src/popup/this-page';

/**
 * The popup's "this page" section over the part of popup.html it fills, with the tab, its content
 * script and the background faked: what the reader's presses send and what they see after.
 */

const article = 'https://news.example/2026/ferry';

/** The tab the popup was opened on. */
const tab = vi.hoisted(() => ({ url: '', title: 'Night ferry returns' }));

vi.mock('webextension-polyfill', () => ({
  default: {
    tabs: {
      query: async () => [{ id: 7, incognito: false, ...tab }],
      sendMessage: async () => {
        throw new Error('Could not establish connection. Receiving end does not exist.');
      },
    },
    storage: { local: { get: async () => ({}) } },
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

beforeEach(() => {
  tab.url = article;
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

  it('says why it cannot act on a page whose address is too long for the history, asking nothing', async () => {
    tab.url = `${article}?q=${'a'.repeat(MAX_URL_LENGTH)}`;
    const getReaction = vi.fn(options({}).getReaction);
    expect(await showThisPage(options({ getReaction }))).toBe(null);

    const note = document.getElementById('this-page-unavailable')!;
    expect(note.hidden).toBe(false);
    expect(note.textContent).toBe(translate('en', 'popupUnavailableTooLong'));
    expect(document.getElementById('this-page-body')!.hidden).toBe(true);
    expect(getReaction).not.toHaveBeenCalled();
  });

  it("offers no toolbar correction in Firefox's Reader View, where no toolbar can show", async () => {
    tab.url = `about:reader?url=${encodeURIComponent(article)}`;
    await showThisPage(options({}));

    expect(document.getElementById('this-page-body')!.hidden).toBe(false);
    expect(document.getElementById('this-page-correct')!.hidden).toBe(true);
  });
});

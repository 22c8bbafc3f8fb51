import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import {
  NEXT_ARTICLE_WAIT_MS,
  TOOLBAR_HOST_TAG,
  WATCH_LIMIT_MS,
} from '../../src/content/article-watcher';
import { connectToolbar, readSettings } from '../../src/content/connect-toolbar';
import { createToolbar, type ToolbarOptions } from '../../src/content/toolbar';
import { DETECTOR_MODULE_KEY, type DetectorModuleHolder } from '../../src/content/detector-handoff';
import { TOOLBAR_MODULE_KEY, type ToolbarModuleHolder } from '../../src/content/toolbar-handoff';
import { failureMessageKey } from '../../src/core/failure-kind';
import { pendingVoteProof } from '../../src/core/pending-vote-proof';
import { correctionCandidates } from '../../src/core/page-corrections';
import { placeToolbarSteps } from '../../src/core/place-toolbar';
import {
  MAX_PAGE_URL_INPUT,
  type CallMessage,
  type ContentMessage,
  type ContentRequestMessage,
} from '../../src/protocol';

/** The key the fake background gives the story. */
const STORY_KEY = 'localhost/story';

const SENTENCE =
  'The council voted on Tuesday to rebuild the old harbour wall before the winter storms arrive. ';

function articleHtml(title: string): string {
  const paragraphs = Array.from({ length: 6 }, () => `<p>${SENTENCE.repeat(3)}</p>`);
  return `<main><article><h1>${title}</h1>${paragraphs.join('')}</article></main>`;
}

/** Long enough for the first look, toolbar.js and the background's answers. */
const SETTLED_MS = 2000;

type Listener = (
  message: unknown,
  sender: unknown,
  sendResponse: (answer: unknown) => void,
) => void;

/**
 * The extension around one run of the content script: a background that answers its calls (the
 * site switch as `background.siteDisabled` says), and its notices to the script.
 */
function fakeExtension() {
  const background = {
    siteDisabled: false,
    /** Whether the reader corrected any page, and this page's correction. */
    anyCorrection: false,
    correction: null as 'show' | 'hide' | null,
    calls: [] as string[],
    attempts: 0,
    /** How long the next answers to getReaction take, one each (then at once). */
    reactionDelaysMs: [] as number[],
    /** How long the answer to getSiteState takes to arrive, worked out when asked. */
    siteStateDelayMs: 0,
    /** The page's proof key, where the answers to `proofKeyWith` carry it. */
    proofKey: undefined as string | undefined,
    proofKeyWith: [] as string[],
  };
  const listeners: Listener[] = [];
  /** What the toolbar calls on the reader's click or key press (set once it is created). */
  const reader = { choose: undefined as ToolbarOptions['choose'] | undefined };
  const runtime = {
    id: 'moodmark' as string | undefined,
    async sendMessage(message: CallMessage): Promise<unknown> {
      background.attempts++;
      // Chrome's answer to a replaced version's content script.
      if (!runtime.id) throw new Error('Extension context invalidated.');
      background.calls.push(message.call);
      const delayMs = message.call === 'getReaction' ? background.reactionDelaysMs.shift() : 0;
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
      const site = { site: 'localhost', disabled: background.siteDisabled };
      if (message.call === 'getSiteState' && background.siteStateDelayMs) {
        const value = { ...site, anyCorrection: background.anyCorrection };
        await new Promise((resolve) => setTimeout(resolve, background.siteStateDelayMs));
        return { ok: true, value };
      }
      const answers: Record<string, () => unknown> = {
        getSiteState: () => ({ ...site, anyCorrection: background.anyCorrection }),
        getCorrection: () => ({ toolbar: background.correction }),
        getReaction: () => ({ key: STORY_KEY, reaction: null, siteDisabled: site.disabled }),
        setReaction: () => ({
          key: STORY_KEY,
          reaction: (message as CallMessage<'setReaction'>).input.reaction,
        }),
        reactionShown: () => ({}),
      };
      if (message.call === 'detectorWanted') {
        (globalThis as DetectorModuleHolder)[DETECTOR_MODULE_KEY] = { placeToolbarSteps };
      }
      if (message.call === 'toolbarWanted') {
        (globalThis as ToolbarModuleHolder)[TOOLBAR_MODULE_KEY] = {
          createToolbar(doc, options) {
            reader.choose = options.choose;
            return createToolbar(doc, options);
          },
          connectToolbar,
          readSettings,
          pendingVoteProof,
        };
      }
      const value = answers[message.call]?.() ?? {};
      const { proofKey, proofKeyWith } = background;
      if (proofKey && proofKeyWith.includes(message.call)) Object.assign(value, { proofKey });
      return { ok: true, value };
    },
    onMessage: { addListener: (listener: Listener) => listeners.push(listener) },
  };
  const api = {
    runtime,
    storage: {
      local: { get: async () => ({}) },
      onChanged: { addListener() {} },
    },
    i18n: { getUILanguage: () => 'en' },
  };
  function notify(notice: ContentMessage): void {
    for (const listener of listeners) listener(notice, {}, () => {});
  }
  /** What the content script answers the popup's request for what the page is. */
  function describePage(): unknown {
    let answer: unknown;
    const request: ContentRequestMessage = { request: 'describePage', input: {} };
    for (const listener of listeners) listener(request, {}, (given) => (answer = given));
    return answer;
  }
  return { api, background, runtime, notify, describePage, reader };
}

const CONTENT_SCRIPT_KEY = Symbol.for('moodmark.contentScript');
let extension: ReturnType<typeof fakeExtension>;

/** Runs content.js in the page, as the browser does once per frame. */
async function runContentScript(): Promise<void> {
  vi.resetModules();
  await import('../../src/content/index');
}

/** The reader turns the page's site off or on (in the options, the popup, another tab). */
function switchSite({ disabled }: { disabled: boolean }): void {
  extension.background.siteDisabled = disabled;
  extension.notify({ notice: 'siteToggled', input: { site: 'localhost', disabled } });
}

/** The reader hides the toolbar on this page from the popup: stored, and open tabs told. */
function hideToolbarOnThisPage(): void {
  extension.background.anyCorrection = true;
  extension.background.correction = 'hide';
  const [key] = correctionCandidates(location.href, []);
  extension.notify({ notice: 'correctionChanged', input: { key: key! } });
}

/** The app moves on to its next article, as a single-page app does. */
function goToSecondStory(): void {
  history.pushState(null, '', '/news/second-story');
  document.body.innerHTML = articleHtml('Second');
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/**
 * The background refuses the next `count` getReaction calls (busy with an update, say), or all
 * of them as invalid (`invalid`: an address too long to keep).
 */
function refuseReactions(count: number, { invalid = false } = {}): void {
  const answer = extension.runtime.sendMessage;
  let refusals = count;
  extension.runtime.sendMessage = async (message: CallMessage) => {
    if (message.call !== 'getReaction' || refusals-- <= 0) return answer(message);
    extension.background.calls.push(message.call);
    return invalid
      ? { ok: false, error: 'url is too long', invalid }
      : { ok: false, error: 'busy' };
  };
}

/**
 * The answers to the next `count` toolbarWanted calls never come, as in Chrome when the page
 * enters the back-forward cache meanwhile; toolbar.js has run in the page or not (`ran`).
 */
function loseToolbarAnswers(count: number, { ran }: { ran: boolean }): void {
  const answer = extension.runtime.sendMessage;
  let losses = count;
  extension.runtime.sendMessage = async (message: CallMessage) => {
    if (message.call !== 'toolbarWanted' || losses-- <= 0) return answer(message);
    if (ran) void answer(message);
    else extension.background.calls.push(message.call);
    return new Promise(() => {});
  };
}

/**
 * The answers to the next `count` getReaction calls never come, as in Chrome when the page enters
 * the back-forward cache meanwhile.
 */
function loseReactionAnswers(count: number): void {
  const answer = extension.runtime.sendMessage;
  let losses = count;
  extension.runtime.sendMessage = async (message: CallMessage) => {
    if (message.call !== 'getReaction' || losses-- <= 0) return answer(message);
    extension.background.calls.push(message.call);
    return new Promise(() => {});
  };
}

function toolbarQuestions(): number {
  return extension.background.calls.filter((call) => call === 'toolbarWanted').length;
}

function reactionQuestions(): number {
  return extension.background.calls.filter((call) => call === 'getReaction').length;
}

/** The toolbar's host, which mirrors its state in the test build. */
function toolbarHost(): HTMLElement {
  return document.querySelector<HTMLElement>(TOOLBAR_HOST_TAG)!;
}

/** The tab goes to the background (hidden: true) or comes back. */
function setPageHidden(hidden: boolean): void {
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  document.dispatchEvent(new Event('visibilitychange'));
}

/** The reader leaves the page, which waits in the back-forward cache, and comes Back to it. */
function comeBackFromCache(): void {
  dispatchTrusted({ type: 'pagehide', persisted: true });
  dispatchTrusted({ type: 'pageshow', persisted: true });
}

type JsdomImpl = { isTrusted: boolean; _dispatch(event: JsdomImpl): void };

/** jsdom's implementation object behind a DOM wrapper (dispatchEvent would clear isTrusted). */
function implOf(wrapper: object): JsdomImpl {
  const symbol = Object.getOwnPropertySymbols(wrapper).find((s) => s.description === 'impl');
  return (wrapper as Record<symbol, JsdomImpl>)[symbol!]!;
}

/** Records the listeners the content script adds to the window. */
let windowListening: MockInstance<typeof window.addEventListener>;

/**
 * Hands the content script's window listeners an event as the browser dispatches it, trusted:
 * jsdom makes every event a test dispatches untrusted, as a page script's are.
 */
function dispatchTrusted(event: { type: string; persisted?: boolean }): void {
  const listeners = new Set(
    windowListening.mock.calls
      .filter(([type]) => type === event.type)
      .map(([, listener]) => listener),
  );
  for (const listener of listeners) {
    if (typeof listener === 'function') listener({ ...event, isTrusted: true } as unknown as Event);
  }
}

function toolbars(): number {
  return document.getElementsByTagName(TOOLBAR_HOST_TAG).length;
}

/** The inputs of the setReaction calls the content script sends from now on, in order. */
function recordVotesSent(): CallMessage<'setReaction'>['input'][] {
  const sent: CallMessage<'setReaction'>['input'][] = [];
  const answer = extension.runtime.sendMessage;
  extension.runtime.sendMessage = async (message: CallMessage) => {
    if (message.call === 'setReaction') sent.push((message as CallMessage<'setReaction'>).input);
    return answer(message);
  };
  return sent;
}

/**
 * The votes the content script keeps aside in `storage.local` from its next run on, as written
 * (in a normal window: it keeps none in a private one).
 */
function recordVotesKeptAside(): unknown[] {
  const kept: unknown[] = [];
  Object.assign(extension.api, {
    extension: { inIncognitoContext: false },
    storage: {
      ...extension.api.storage,
      local: {
        ...extension.api.storage.local,
        set: async (items: Record<string, unknown>) => void kept.push(...Object.values(items)),
        remove: async () => {},
      },
    },
  });
  return kept;
}

/** What the content script tells the background its badge shows from now on, in order. */
function recordBadgeShown(): CallMessage<'reactionShown'>['input'][] {
  const shown: CallMessage<'reactionShown'>['input'][] = [];
  const answer = extension.runtime.sendMessage;
  extension.runtime.sendMessage = async (message: CallMessage) => {
    if (message.call === 'reactionShown')
      shown.push((message as CallMessage<'reactionShown'>).input);
    return answer(message);
  };
  return shown;
}

describe('content script', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    history.replaceState(null, '', '/news/first-story');
    document.body.innerHTML = articleHtml('First');
    extension = fakeExtension();
    (globalThis as { browser?: unknown }).browser = extension.api;
    windowListening = vi.spyOn(window, 'addEventListener');
  });
  afterEach(() => {
    // What a run left behind stops following the page (its site is turned off), and stays off:
    // the next run is another version's.
    extension.runtime.id = 'moodmark';
    switchSite({ disabled: true });
    extension.runtime.id = undefined;
    vi.useRealTimers();
    windowListening.mockRestore();
    delete (globalThis as { browser?: unknown }).browser;
    delete (globalThis as Record<symbol, unknown>)[CONTENT_SCRIPT_KEY];
    delete (globalThis as ToolbarModuleHolder)[TOOLBAR_MODULE_KEY];
    delete (document as { hidden?: boolean }).hidden;
    delete (document as { prerendering?: boolean }).prerendering;
    document.body.innerHTML = '';
  });

  it('places the toolbar after an article', async () => {
    await runContentScript();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(toolbars()).toBe(1);
  });

  // The toolbar sits after the story's text: it speaks the story's language, not the shell's.
  // Its last paragraph's own language (a quote) is not the story's.
  it.each([
    ['de', 'de', 'ltr', '<p>'],
    ['ar-EG', 'ar', 'rtl', '<p>'],
    ['de', 'de', 'ltr', '<p lang="en">'],
  ])(
    'labels the toolbar in the article’s language (lang="%s" in an English page, ending %s)',
    async (lang, locale, dir, lastParagraph) => {
      document.documentElement.lang = 'en';
      const html = articleHtml('First').replace('<article>', `<article lang="${lang}">`);
      const last = html.lastIndexOf('<p>');
      document.body.innerHTML = html.slice(0, last) + lastParagraph + html.slice(last + 3);
      try {
        await runContentScript();
        await vi.advanceTimersByTimeAsync(SETTLED_MS);
        expect([toolbarHost().dataset.lang, toolbarHost().dataset.dir]).toEqual([locale, dir]);
      } finally {
        document.documentElement.removeAttribute('lang');
      }
    },
  );

  // A vote from the popup's "this page" section keeps it as one from the toolbar does.
  it.each([
    ['the story’s, where a toolbar is placed', '<article lang="DE-at">', 'de-AT', 1],
    ['the page’s, where none is', '<article hidden>', 'en', 0],
  ])('tells the popup the page’s language: %s', async (_, article, lang, placed) => {
    document.documentElement.lang = 'en';
    document.body.innerHTML = articleHtml('Erste').replace('<article>', article);
    try {
      await runContentScript();
      await vi.advanceTimersByTimeAsync(SETTLED_MS);
      expect(toolbars()).toBe(placed);
      expect(extension.describePage()).toMatchObject({ lang });
    } finally {
      document.documentElement.removeAttribute('lang');
    }
  });

  it('has the background run the detector for each look, and keeps none of it between looks', async () => {
    const detectorLoads = () =>
      extension.background.calls.filter((call) => call === 'detectorWanted').length;
    await runContentScript();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(toolbars()).toBe(1);
    expect(detectorLoads()).toBe(1);
    expect(DETECTOR_MODULE_KEY in globalThis).toBe(false);
    goToSecondStory();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(detectorLoads()).toBe(2);
    expect(DETECTOR_MODULE_KEY in globalThis).toBe(false);
  });

  it("asks for the page's correction only where the reader corrected some page", async () => {
    await runContentScript();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(toolbars()).toBe(1);
    expect(extension.background.calls).not.toContain('getCorrection');
  });

  it('hides the toolbar where the reader hid it on this page', async () => {
    extension.background.anyCorrection = true;
    extension.background.correction = 'hide';
    await runContentScript();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(extension.background.calls).toContain('getCorrection');
    expect(toolbars()).toBe(0);
  });

  it('follows a correction made once the page was looked at, none stored before', async () => {
    await runContentScript();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(toolbars()).toBe(1);
    hideToolbarOnThisPage();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(toolbars()).toBe(0);
  });

  it('still asks for no correction after a return from the back-forward cache, none stored', async () => {
    await runContentScript();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    comeBackFromCache();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    const before = extension.background.calls.length;
    goToSecondStory();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(extension.background.calls.slice(before)).not.toContain('getCorrection');
    expect(toolbars()).toBe(1);
  });

  it('keeps a correction whose notice overtook the answer that said none was stored', async () => {
    extension.background.siteStateDelayMs = 100;
    await runContentScript();
    await vi.advanceTimersByTimeAsync(10);
    expect(extension.background.calls).toContain('getSiteState');
    // While that answer travels.
    hideToolbarOnThisPage();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(toolbars()).toBe(0);
  });

  it('stops following the page once the reader turns its site off, and follows it again once on', async () => {
    await runContentScript();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    switchSite({ disabled: true });
    const before = extension.background.calls.length;
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(toolbars()).toBe(0);
    // The app moves on to its next article: nothing is looked at, nothing asked.
    goToSecondStory();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(extension.background.calls.slice(before)).toEqual([]);
    expect(toolbars()).toBe(0);
    switchSite({ disabled: false });
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(toolbars()).toBe(1);
  });

  /**
   * Starts the content script where the switch cannot be read (the database busy with an update)
   * but the reaction can, and says the site is off: no toolbar. The background answers again after.
   */
  async function startWithSwitchUnreadOnSiteOff(): Promise<void> {
    const answer = extension.runtime.sendMessage;
    extension.runtime.sendMessage = async (message: CallMessage) =>
      message.call === 'getSiteState' ? { ok: false, error: 'blocked' } : answer(message);
    extension.background.siteDisabled = true;
    await runContentScript();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(toolbars()).toBe(0);
    extension.runtime.sendMessage = answer;
  }

  it('shows the toolbar the background kept out, its switch unknown at start, once the site is on', async () => {
    await startWithSwitchUnreadOnSiteOff();
    switchSite({ disabled: false });
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(toolbars()).toBe(1);
  });

  it('shows the toolbar the background kept out, its switch unknown at start, on a return once the site is on', async () => {
    await startWithSwitchUnreadOnSiteOff();
    // Turned on in another tab while this page waited in the cache: its notice never came.
    extension.background.siteDisabled = false;
    comeBackFromCache();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(toolbars()).toBe(1);
  });

  it('listens for a return from the back-forward cache only once the page was hidden', async () => {
    // The load's own pageshow, heard, would keep its event's bindings in the page's heap.
    await runContentScript();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    const heard = () => windowListening.mock.calls.map(([type]) => type);
    expect(heard()).not.toContain('pageshow');
    dispatchTrusted({ type: 'pagehide', persisted: true });
    expect(heard()).toContain('pageshow');
  });

  it('shows the toolbar on a page back from the back-forward cache whose site was turned on meanwhile', async () => {
    extension.background.siteDisabled = true;
    await runContentScript();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(toolbars()).toBe(0);
    // Turned on in another tab while this page waited in the cache: its notice never came.
    extension.background.siteDisabled = false;
    comeBackFromCache();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(toolbars()).toBe(1);
  });

  it("asks the background nothing for the page's own pagehide and pageshow events", async () => {
    await runContentScript();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    const before = extension.background.attempts;
    // A page script feigns returns from the back-forward cache, in a loop.
    for (let i = 0; i < 100; i++) {
      window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
      window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    }
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(extension.background.attempts - before).toBe(0);
  });

  it('asks for toolbar.js again on a return from the cache, its answer lost as the page was frozen', async () => {
    loseToolbarAnswers(1, { ran: false });
    await runContentScript();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(toolbars()).toBe(0);
    expect(toolbarQuestions()).toBe(1);
    comeBackFromCache();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(toolbars()).toBe(1);
    expect(toolbarQuestions()).toBe(2);
  });

  it('keeps its toolbar, not looked for afresh, on a return from the cache', async () => {
    await runContentScript();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    const placed = toolbarHost();
    const before = extension.background.calls.length;
    comeBackFromCache();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(toolbarHost()).toBe(placed);
    expect(extension.background.calls.slice(before)).not.toContain('detectorWanted');
  });

  it('runs toolbar.js once on a page back from the cache where it ran, its answer lost', async () => {
    loseToolbarAnswers(1, { ran: true });
    await runContentScript();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(toolbars()).toBe(0);
    comeBackFromCache();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(toolbars()).toBe(1);
    expect(toolbarQuestions()).toBe(1);
  });

  it('asks for the reaction again on a return from the cache, its answer lost as the page was frozen', async () => {
    loseReactionAnswers(1);
    await runContentScript();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(toolbars()).toBe(0);
    expect(toolbarQuestions()).toBe(0);
    comeBackFromCache();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(toolbars()).toBe(1);
    expect(reactionQuestions()).toBe(2);
    expect(toolbarQuestions()).toBe(1);
  });

  it('places one toolbar on a page back from the cache again and again, its answers lost each time', async () => {
    loseToolbarAnswers(2, { ran: false });
    await runContentScript();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    comeBackFromCache();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(toolbars()).toBe(0);
    comeBackFromCache();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(toolbars()).toBe(1);
    expect(toolbarQuestions()).toBe(3);
    comeBackFromCache();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(toolbars()).toBe(1);
    expect(toolbarQuestions()).toBe(3);
  });

  it('keeps the toolbar placed afresh when the answer it dropped on a return from the cache comes late', async () => {
    // Held past the return from the cache, as Firefox delivers an answer that comes after it.
    const answer = extension.runtime.sendMessage;
    let release: (() => void) | undefined;
    let first = true;
    extension.runtime.sendMessage = async (message: CallMessage) => {
      if (message.call !== 'toolbarWanted' || !first) return answer(message);
      first = false;
      extension.background.calls.push(message.call);
      await new Promise<void>((done) => (release = done));
      return answer(message);
    };
    await runContentScript();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    comeBackFromCache();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(toolbars()).toBe(1);
    const host = toolbarHost();
    release!();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(toolbars()).toBe(1);
    expect(toolbarHost()).toBe(host);
  });

  it('asks nothing afresh on a return from the cache where the page hid the toolbar', async () => {
    extension.background.anyCorrection = true;
    extension.background.correction = 'hide';
    await runContentScript();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(toolbars()).toBe(0);
    const before = reactionQuestions();
    comeBackFromCache();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(toolbars()).toBe(0);
    expect(reactionQuestions() - before).toBe(0);
    expect(toolbarQuestions()).toBe(0);
  });

  it('places no toolbar on a page back from the cache, hidden meanwhile as toolbar.js loaded', async () => {
    loseToolbarAnswers(1, { ran: false });
    await runContentScript();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    dispatchTrusted({ type: 'pagehide', persisted: true });
    // Hidden from the popup in another tab while this page waited in the cache: no notice came.
    extension.background.anyCorrection = true;
    extension.background.correction = 'hide';
    dispatchTrusted({ type: 'pageshow', persisted: true });
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(toolbars()).toBe(0);
    expect(toolbarQuestions()).toBe(1);
  });

  it('asks only for the switch on a page back from the back-forward cache, its site still off', async () => {
    extension.background.siteDisabled = true;
    await runContentScript();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    const before = extension.background.calls.length;
    comeBackFromCache();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(extension.background.calls.slice(before)).toEqual(['getSiteState']);
  });

  it("takes the last article's toolbar away as soon as the app moves on to the next", async () => {
    await runContentScript();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    const first = toolbarHost();
    // The app renders the next story into the same elements: the toolbar after them stays put.
    history.pushState(null, '', '/news/second-story');
    document.querySelector('h1')!.textContent = 'Second';
    for (const paragraph of document.querySelectorAll('article p')) {
      paragraph.textContent = SENTENCE.replace('Tuesday', 'Friday').repeat(3);
    }
    window.dispatchEvent(new PopStateEvent('popstate'));
    await vi.advanceTimersByTimeAsync(0);
    expect(first.isConnected).toBe(false);
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(toolbars()).toBe(1);
    expect(toolbarHost()).not.toBe(first);
  });

  it('sends no vote from a toolbar taken out of the page (the app moved on to the next story)', async () => {
    await runContentScript();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    const choose = extension.reader.choose!;
    history.pushState(null, '', '/news/second-story');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await vi.advanceTimersByTimeAsync(0);
    await expect(choose('like')).rejects.toThrow();
    expect(extension.background.calls).not.toContain('setReaction');
  });

  it("titles a vote with its story's title, where the page's address names another story since", async () => {
    const sent = recordVotesSent();
    const openGraphTitle = document.head.appendChild(document.createElement('meta'));
    openGraphTitle.setAttribute('property', 'og:title');
    openGraphTitle.content = 'First';
    try {
      await runContentScript();
      await vi.advanceTimersByTimeAsync(SETTLED_MS);
      // Read on past the watch, the next story scrolled to: the site names it in its head.
      await vi.advanceTimersByTimeAsync(WATCH_LIMIT_MS);
      history.replaceState(null, '', '/news/second-story');
      openGraphTitle.content = 'Second';
      await extension.reader.choose!('like');
      expect(sent.map(({ url, title }) => [url, title])).toEqual([
        ['http://localhost:3000/news/first-story', 'First'],
      ]);
    } finally {
      openGraphTitle.remove();
    }
  });

  it("keys a toolbar put back for its story as placed, the head since naming the next story's", async () => {
    const sent = recordVotesSent();
    const canonical = document.head.appendChild(document.createElement('link'));
    canonical.rel = 'canonical';
    canonical.href = '/stories/1';
    const openGraphTitle = document.head.appendChild(document.createElement('meta'));
    openGraphTitle.setAttribute('property', 'og:title');
    openGraphTitle.content = 'First';
    try {
      await runContentScript();
      await vi.advanceTimersByTimeAsync(SETTLED_MS + WATCH_LIMIT_MS);
      // Past the watch, a scroll spy names the next story, head and all; then the page renders
      // the first story anew, its toolbar taken with its old nodes.
      history.replaceState(null, '', '/news/second-story');
      canonical.href = '/stories/2';
      openGraphTitle.content = 'Second';
      document.querySelector('main')!.outerHTML = articleHtml('First');
      await vi.advanceTimersByTimeAsync(SETTLED_MS);
      expect(toolbars()).toBe(1);
      await extension.reader.choose!('like');
      expect(sent.map(({ url, declaredUrls, title }) => [url, declaredUrls, title])).toEqual([
        ['http://localhost:3000/news/first-story', ['http://localhost:3000/stories/1'], 'First'],
      ]);
      // The popup's "this page" section keys the story the address names by its own canonical.
      expect(extension.describePage()).toMatchObject({
        url: 'http://localhost:3000/news/second-story',
        declaredUrls: ['http://localhost:3000/stories/2'],
      });
    } finally {
      canonical.remove();
      openGraphTitle.remove();
    }
  });

  it("sends the language of the story's text with a vote, for the history to speak its title in", async () => {
    const sent = recordVotesSent();
    document.documentElement.lang = 'en';
    document.querySelector('article')!.setAttribute('lang', 'de-at');
    try {
      await runContentScript();
      await vi.advanceTimersByTimeAsync(SETTLED_MS);
      await extension.reader.choose!('like');
      // The story's own, where the page around it declares another; as a tag's canonical form.
      expect(sent.map(({ lang }) => lang)).toEqual(['de-AT']);
      // A page's megabytes there travel with no vote (nor into storage, kept aside).
      document.querySelector('article')!.setAttribute('lang', `de-${'x'.repeat(1_000_000)}`);
      await extension.reader.choose!('wow');
      expect(sent.at(-1)?.lang).toBeUndefined();
    } finally {
      document.documentElement.removeAttribute('lang');
      document.querySelector('article')!.removeAttribute('lang');
    }
  });

  it("waits in a prerendered page for its activation, not for the page's own event", async () => {
    Object.defineProperty(document, 'prerendering', { configurable: true, value: true });
    await runContentScript();
    document.dispatchEvent(new Event('prerenderingchange'));
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(extension.background.attempts).toBe(0);
    // The reader opens the page: the browser's own event.
    Object.defineProperty(document, 'prerendering', { configurable: true, value: false });
    const activation = new Event('prerenderingchange');
    implOf(activation).isTrusted = true;
    implOf(document)._dispatch(implOf(activation));
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(toolbars()).toBe(1);
  });

  it("takes its last toolbar away on an app's own move to the next article, with another element of its name in the page", async () => {
    history.replaceState(null, '', '/app.html#!/story/1');
    await runContentScript();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    const first = toolbarHost();
    // The app moves on by itself, where a page script has put an element named as the toolbar.
    document.body.prepend(document.createElement(TOOLBAR_HOST_TAG));
    history.pushState(null, '', '/app.html#!/story/2');
    document.querySelector('h1')!.textContent = 'Second';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(first.isConnected).toBe(false);
  });

  it('stands aside once an update cut it off from the extension (Chrome keeps it running)', async () => {
    await runContentScript();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    extension.runtime.id = undefined;
    const before = extension.background.attempts;
    // The new version's script takes the toolbar's place; the app then moves on.
    document.querySelector(TOOLBAR_HOST_TAG)!.remove();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    goToSecondStory();
    await vi.advanceTimersByTimeAsync(10 * SETTLED_MS);
    expect(extension.background.attempts).toBe(before);
    expect(toolbars()).toBe(0);
  });

  // Chrome keeps the toolbar of a page whose extension was updated, turned off or removed.
  it.each([
    { cutOff: 'before the click', sent: 0 },
    { cutOff: 'as the vote is sent', sent: 1 },
  ])(
    'tells the reader at once that Moodmark is gone from the page, cut off $cutOff',
    async ({ sent }) => {
      await runContentScript();
      await vi.advanceTimersByTimeAsync(SETTLED_MS);
      const { runtime, background } = extension;
      const answer = runtime.sendMessage;
      runtime.sendMessage = async (message: CallMessage) => {
        runtime.id = undefined;
        return answer(message);
      };
      if (sent === 0) runtime.id = undefined;
      const before = background.attempts;
      let failure: unknown;
      void extension.reader.choose!('like').catch((error: unknown) => (failure = error));
      // No retry waits: the answer is there before any timer runs.
      await vi.advanceTimersByTimeAsync(0);
      expect(failure).toBeDefined();
      expect(failureMessageKey(failure)).toBe('errorExtensionGone');
      expect(background.attempts - before).toBe(sent);
    },
  );

  // Turned off or removed in another tab (chrome://extensions) or a dialog over this one: nothing
  // tells the script, but the reader's return to the page is a moment to look.
  it.each([
    {
      returned: 'to the tab',
      returnToPage() {
        setPageHidden(true);
        setPageHidden(false);
      },
    },
    {
      returned: 'to the window',
      returnToPage: () => window.dispatchEvent(new FocusEvent('focus')),
    },
  ])(
    'takes its toolbar out of the page once the reader returns $returned, the extension gone',
    async ({ returnToPage }) => {
      await runContentScript();
      await vi.advanceTimersByTimeAsync(SETTLED_MS);
      returnToPage();
      await vi.advanceTimersByTimeAsync(SETTLED_MS);
      expect(toolbars()).toBe(1);
      extension.runtime.id = undefined;
      const before = extension.background.attempts;
      returnToPage();
      await vi.advanceTimersByTimeAsync(10 * SETTLED_MS);
      expect(toolbars()).toBe(0);
      expect(extension.background.attempts).toBe(before);
    },
  );

  it('puts back no dead toolbar when a page cut off by an update comes back from the cache', async () => {
    await runContentScript();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    extension.runtime.id = undefined;
    const before = extension.background.attempts;
    // The new version's script replaced the toolbar; then the page waited in the cache.
    const anchor = document.querySelector(TOOLBAR_HOST_TAG)!.previousElementSibling!;
    document.querySelector(TOOLBAR_HOST_TAG)!.remove();
    anchor.after(document.createElement(TOOLBAR_HOST_TAG));
    comeBackFromCache();
    await vi.advanceTimersByTimeAsync(10 * SETTLED_MS);
    expect(extension.background.attempts).toBe(before);
    expect(toolbars()).toBe(1);
  });

  it('puts back no replaced toolbar when its slow reload answers after a navigation', async () => {
    await runContentScript();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    extension.background.reactionDelaysMs = [2 * SETTLED_MS];
    extension.notify({ notice: 'historyChanged', input: {} });
    // The app moves on to the next address; the story stays (a page of stories one below another).
    history.pushState(null, '', '/news/second-story');
    window.dispatchEvent(new PopStateEvent('popstate'));
    // Placed again once the story is no longer taken for one the app has yet to replace.
    await vi.advanceTimersByTimeAsync(NEXT_ARTICLE_WAIT_MS + SETTLED_MS);
    expect(toolbars()).toBe(1);
    await vi.advanceTimersByTimeAsync(5 * SETTLED_MS);
    expect(toolbars()).toBe(1);
  });

  it('takes its own toolbar away when the site is turned off, with an earlier version’s in the page', async () => {
    await runContentScript();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    document.body.prepend(document.createElement(TOOLBAR_HOST_TAG));
    switchSite({ disabled: true });
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(toolbars()).toBe(0);
  });

  // An element of the toolbar's name that went away would tell the page that Moodmark is there.
  it.each([
    {
      where: 'on a site the reader turned off',
      siteDisabled: true,
      async then() {},
    },
    {
      where: "after the app's own move between pages that are no articles",
      siteDisabled: false,
      async then() {
        history.pushState(null, '', '/news/?page=2');
        document.querySelector('main')!.append(document.createElement('p'));
      },
    },
    {
      where: 'when the site is turned off on a page that is no article',
      siteDisabled: false,
      async then() {
        switchSite({ disabled: true });
      },
    },
  ])("leaves the page's own element of the toolbar's name $where", async (scene) => {
    history.replaceState(null, '', '/news/');
    document.body.innerHTML = '<main><h1>Front page</h1><p>Today</p></main>';
    const decoy = document.body.appendChild(document.createElement(TOOLBAR_HOST_TAG));
    extension.background.siteDisabled = scene.siteDisabled;
    await runContentScript();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    await scene.then();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(decoy.isConnected).toBe(true);
  });

  it("replaces an earlier version's toolbar as it places its own", async () => {
    const earlier = document.body.appendChild(document.createElement(TOOLBAR_HOST_TAG));
    await runContentScript();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(earlier.isConnected).toBe(false);
    expect(toolbars()).toBe(1);
  });

  it('leaves a page back from the back-forward cache whose site was turned off meanwhile', async () => {
    await runContentScript();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    // Turned off in another tab while this page waited in the cache: it heard no notice.
    extension.background.siteDisabled = true;
    comeBackFromCache();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(toolbars()).toBe(0);
    const before = extension.background.calls.length;
    goToSecondStory();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(extension.background.calls.slice(before)).toEqual([]);
    expect(toolbars()).toBe(0);
  });

  it('hears of votes on the article once the reader voted, its reaction never read', async () => {
    refuseReactions(Infinity);
    await runContentScript();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(toolbarHost().dataset.loadError).toBeDefined();
    await extension.reader.choose!('like');
    // The reader changes it in the popup.
    extension.notify({ notice: 'voteChanged', input: { key: STORY_KEY, reaction: 'love' } });
    expect(toolbarHost().dataset.reaction).toBe('love');
  });

  // A toolbar whose reaction could not be read (the background slow to start, or busy) still
  // takes votes: each is kept aside as one from a toolbar that read it.
  it.each([
    ['with the answer to its first question, the site switch', ['getSiteState'], ['like', 'love']],
    ['with the answer to a vote, the votes after it', ['setReaction'], ['love']],
  ])(
    "proves the votes it keeps aside by its page's key %s, no reaction read",
    async (_name, proofKeyWith, keptAside) => {
      const proofKey = btoa('k'.repeat(32));
      Object.assign(extension.background, { proofKey, proofKeyWith });
      const kept = recordVotesKeptAside();
      refuseReactions(Infinity);
      await runContentScript();
      await vi.advanceTimersByTimeAsync(SETTLED_MS);
      expect(toolbarHost().dataset.loadError).toBeDefined();
      await extension.reader.choose!('like');
      await extension.reader.choose!('love');
      expect(kept.map((vote) => (vote as CallMessage<'setReaction'>).input.reaction)).toEqual(
        keptAside,
      );
      for (const vote of kept) {
        const { input, op, proof } = vote as CallMessage<'setReaction'> & { proof: string };
        expect(proof).toBe(pendingVoteProof(proofKey, input, op!));
      }
    },
  );

  // Both questions failed (the history slow to open as the background starts): the key came
  // with a failure, and the first vote is kept aside too, for a page left before its answer.
  it.each(['getSiteState', 'getReaction'])(
    'proves its first vote by the key that came with the failure of %s, no answer read',
    async (carrier) => {
      const proofKey = btoa('k'.repeat(32));
      const kept = recordVotesKeptAside();
      const answer = extension.runtime.sendMessage;
      extension.runtime.sendMessage = async (message: CallMessage) => {
        if (message.call !== 'getSiteState' && message.call !== 'getReaction') {
          return answer(message);
        }
        extension.background.calls.push(message.call);
        const failure = { ok: false, error: 'the history took too long to open' };
        return message.call === carrier ? { ...failure, proofKey } : failure;
      };
      await runContentScript();
      await vi.advanceTimersByTimeAsync(SETTLED_MS);
      expect(toolbarHost().dataset.loadError).toBeDefined();
      await extension.reader.choose!('like');
      expect(kept).toHaveLength(1);
      const { input, op, proof } = kept[0] as CallMessage<'setReaction'> & { proof: string };
      expect(input.reaction).toBe('like');
      expect(proof).toBe(pendingVoteProof(proofKey, input, op!));
    },
  );

  // The background refuses an address longer than it reads (MAX_PAGE_URL_INPUT): a page's
  // megabytes there cost each click seconds of reading it, and every tab a copy kept aside.
  it.each([
    ['sends and keeps aside a vote on a long address the background reads', MAX_PAGE_URL_INPUT, 1],
    ['refuses at once a vote on an address longer than it reads', MAX_PAGE_URL_INPUT + 1, 0],
  ])('%s', async (_name, length, votes) => {
    const path = '/news/first-story?edition=';
    const url = `${location.origin}${path}${'x'.repeat(length - location.origin.length - path.length)}`;
    history.replaceState(null, '', url);
    expect(location.href).toHaveLength(length);
    Object.assign(extension.background, {
      proofKey: btoa('k'.repeat(32)),
      proofKeyWith: ['getSiteState'],
    });
    const kept = recordVotesKeptAside();
    const sent = recordVotesSent();
    await runContentScript();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    const voting = extension.reader.choose!('like');
    if (votes === 0) {
      await expect(voting).rejects.toMatchObject({ invalid: true, kind: 'refused' });
    } else await voting;
    expect(sent).toHaveLength(votes);
    expect(kept).toHaveLength(votes);
  });

  it.each([
    { refusals: 3, asked: 4, loaded: true },
    // 3 s, 6 s, 12 s, 24 s, 48 s: then it waits for a notice or a vote.
    { refusals: Infinity, asked: 6, loaded: false },
  ])(
    'asks for the reaction again, waiting longer each time, after $refusals refusals',
    async ({ refusals, asked, loaded }) => {
      refuseReactions(refusals);
      await runContentScript();
      await vi.advanceTimersByTimeAsync(SETTLED_MS);
      expect(reactionQuestions()).toBe(1);
      await vi.advanceTimersByTimeAsync(3000);
      expect(reactionQuestions()).toBe(2);
      // The next wait is twice as long.
      await vi.advanceTimersByTimeAsync(3000);
      expect(reactionQuestions()).toBe(2);
      await vi.advanceTimersByTimeAsync(10 * 60_000);
      expect(reactionQuestions()).toBe(asked);
      expect(toolbarHost().dataset.loadError === undefined).toBe(loaded);
    },
  );

  it('asks for the reaction no more once the background refused the question as invalid', async () => {
    refuseReactions(Infinity, { invalid: true });
    await runContentScript();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(toolbarHost().dataset.loadError).toBe('url is too long');
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(reactionQuestions()).toBe(1);
  });

  it('clears the badge when the app moves from an article to a page that is not one', async () => {
    const badge = recordBadgeShown();
    await runContentScript();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    await extension.reader.choose!('like');
    expect(badge).toEqual([]);
    // The app moves on to its front page: no article there.
    history.pushState(null, '', '/news/');
    document.body.innerHTML = '<main><h1>Front page</h1><p>Today</p></main>';
    window.dispatchEvent(new PopStateEvent('popstate'));
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(toolbars()).toBe(0);
    expect(badge).toEqual([{ reaction: null }]);
  });

  // The background passes over an address on another site the page declares (by the Public
  // Suffix List): that article's reaction is not this page's.
  it("shows on the badge no reaction to another site's article the page declares", async () => {
    const badge = recordBadgeShown();
    history.replaceState(null, '', '/news/');
    document.body.innerHTML = '<main><h1>Front page</h1><p>Today</p></main>';
    const canonical = document.head.appendChild(document.createElement('link'));
    canonical.rel = 'canonical';
    canonical.href = 'https://other.example/story';
    try {
      await runContentScript();
      await vi.advanceTimersByTimeAsync(SETTLED_MS);
      expect(toolbars()).toBe(0);
      const asked = reactionQuestions();
      const otherKey = 'https://other.example/story';
      extension.notify({ notice: 'voteChanged', input: { key: otherKey, reaction: 'love' } });
      await vi.advanceTimersByTimeAsync(SETTLED_MS);
      expect(badge).toEqual([]);
      // One for an address the page may go by: the background, asked, shows the page's own.
      const [ownKey] = correctionCandidates(location.href, []);
      extension.notify({ notice: 'voteChanged', input: { key: ownKey!, reaction: 'sad' } });
      await vi.advanceTimersByTimeAsync(SETTLED_MS);
      expect(badge).toEqual([]);
      expect(reactionQuestions()).toBe(asked + 2);
    } finally {
      canonical.remove();
    }
  });

  // The background keys this page's correction without the address on another site it declares
  // (a syndicated copy): the reader correcting that site's article changes nothing here.
  it("keeps its toolbar when the correction of another site's article it declares changes", async () => {
    const canonical = document.head.appendChild(document.createElement('link'));
    canonical.rel = 'canonical';
    canonical.href = 'https://other.example/story';
    try {
      await runContentScript();
      await vi.advanceTimersByTimeAsync(SETTLED_MS);
      const placed = toolbarHost();
      expect(placed).toBeTruthy();
      extension.background.anyCorrection = true;
      extension.notify({ notice: 'correctionChanged', input: { key: canonical.href } });
      await vi.advanceTimersByTimeAsync(SETTLED_MS);
      expect(toolbars()).toBe(1);
      expect(toolbarHost()).toBe(placed);
      // This page's own correction still applies at once.
      hideToolbarOnThisPage();
      await vi.advanceTimersByTimeAsync(SETTLED_MS);
      expect(toolbars()).toBe(0);
    } finally {
      canonical.remove();
    }
  });

  it('asks nothing while the page is hidden, and asks for the reaction once it shows', async () => {
    refuseReactions(1);
    await runContentScript();
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    setPageHidden(true);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(reactionQuestions()).toBe(1);
    setPageHidden(false);
    await vi.advanceTimersByTimeAsync(SETTLED_MS);
    expect(reactionQuestions()).toBe(2);
    expect(toolbarHost().dataset.loadError).toBeUndefined();
  });
});

import browser from 'webextension-polyfill';
import { displayHost } from '../core/display-host';
import { reactionName, translate, type Locale, type MessageKey } from '../core/i18n';
import { sendKeepingAside, type KeptCall } from '../core/kept-call';
import { type PageCorrection, type ToolbarCorrection } from '../core/page-corrections';
import { nextReaction, REACTION_EMOJI, type Reaction } from '../core/reactions';
import { rovingFocusTarget } from '../core/roving-focus';
import { parseSettings, SETTINGS_KEY } from '../core/settings';
import {
  nextOperationId,
  parsePageReport,
  type ArticleRef,
  type ArticleState,
  type ContentRequestMessage,
  type PageReport,
  type TabRef,
  type VoteState,
} from '../protocol';
import {
  describeThisPage,
  offeredCorrection,
  type ThisPage,
  type UnavailableReason,
} from './this-page-state';

/** What the section needs from the rest of the popup. */
export interface ThisPageOptions {
  locale: Locale;
  getReaction(ref: ArticleRef & TabRef): Promise<ArticleState>;
  /** The reader's correction of the article at `ref`, as the background keeps it. */
  getCorrection(ref: ArticleRef): Promise<{ toolbar: ToolbarCorrection | null }>;
  setReaction(
    input: ArticleRef &
      TabRef & { title: string; lang?: string | undefined; reaction: Reaction | null },
  ): Promise<VoteState>;
  /** Stores the reader's correction of article `key`; every tab of it follows. */
  setCorrection(key: string, correction: PageCorrection): Promise<unknown>;
  /** Tells the reader what an action did (the popup's status line). */
  say(text: string): void;
  showError(failure: unknown): void;
  /** The reader reacted here: the history and counts show it. */
  onReacted(): void;
  /** The tab went to another address while the popup is open; the section now shows that page. */
  onPageChanged?(): void;
}

/**
 * The section's hold on the page, for the history's edits of the same article (which a private
 * window's tab, its reactions kept apart from the history, does not follow).
 */
export interface ThisPageSection {
  /** Another part of the popup changed the reaction to article `key` in the history. */
  voteChanged(key: string, reaction: Reaction | null): void;
  /** Every reaction in the history was removed. */
  historyCleared(): void;
  /** An import may have brought a reaction to the page: shows the one stored now. */
  historyImported(): Promise<void>;
  /** The reader turned the toolbar off (or on again) for the page's site with the site switch. */
  siteSwitched(disabled: boolean): void;
}

const UNAVAILABLE_MESSAGES: Record<UnavailableReason, MessageKey> = {
  browser: 'popupUnavailableBrowser',
  store: 'popupUnavailableStore',
  file: 'popupUnavailableFile',
  'too-long': 'popupUnavailableTooLong',
  unknown: 'popupUnavailableUnknown',
};

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`popup.html lacks #${id}`);
  return element as T;
}

/** What the tab's content script knows of its page; null where none runs (or answers). */
async function askContentScript(tabId: number): Promise<PageReport | null> {
  const request: ContentRequestMessage = { request: 'describePage', input: {} };
  try {
    return parsePageReport(await browser.tabs.sendMessage(tabId, request));
  } catch {
    return null;
  }
}

/**
 * How long the page may take to show what it will, in tries one after another: its content
 * script to run once the page has loaded (Firefox runs it once the page is idle after its load),
 * a toolbar to be placed once the content script asked for the page's reaction.
 */
const ASK_AGAIN_MS = 250;
const ASK_AGAIN_TRIES = 5;

/**
 * askContentScript, asked again a while, `tries` times in all, until the answer is `isNew`;
 * resolves with the last.
 */
async function askAgain(
  tabId: number,
  tries: number,
  signal: AbortSignal,
  isNew: (report: PageReport | null) => boolean,
): Promise<PageReport | null> {
  for (let asked = 1; ; asked++) {
    const report = await askContentScript(tabId);
    if (isNew(report) || asked >= tries || signal.aborted) return report;
    await new Promise((resolve) => setTimeout(resolve, ASK_AGAIN_MS));
  }
}

/** Whether two references name one article: the same address and declared addresses. */
function isSameArticle(a: ArticleRef, b: ArticleRef): boolean {
  return a.url === b.url && String(a.declaredUrls) === String(b.declaredUrls);
}

/** Whether two reports describe the page alike: the same article, title and toolbar. */
function isSameReport(a: PageReport, b: PageReport | null): boolean {
  return (
    b !== null && isSameArticle(a, b) && a.title === b.title && a.toolbarShown === b.toolbarShown
  );
}

/**
 * Fills the popup's "this page" section for the tab it was opened on (activeTab shows the
 * popup that tab's address and title), and again each time that tab goes to another address
 * while the popup is open (an app's route change, a redirect), so that nothing the section does
 * lands on a page the tab has left. Drawn from what the page's content script says (else from
 * the tab), it is drawn again where that changes: once a page still loading has loaded, an app
 * has drawn the story it moved to (the tab's title changes), or a toolbar came or went (the
 * content script's calls). Returns the section's hold on whichever page it shows.
 */
export async function showThisPage(options: ThisPageOptions): Promise<ThisPageSection> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  const tabId = tab?.id;
  let shownUrl = tab?.url;
  let shown = new AbortController();
  let section: FilledSection | null = null;
  /** The page shown was described from its loading tab: its content script had not run yet. */
  let describedWhileLoading = false;
  /** What the content script said of the page shown; null where it said nothing. */
  let shownReport: PageReport | null = null;

  /** Fills the section for `pageTab`, its content script's `report` asked for already. */
  async function show(
    pageTab: browser.Tabs.Tab | undefined,
    report: PageReport | null,
    signal: AbortSignal,
  ): Promise<void> {
    describedWhileLoading = report === null && pageTab?.status === 'loading';
    shownReport = report;
    const next = await fillThisPage(options, pageTab, report, signal);
    if (signal.aborted) return;
    section = next;
    // Loaded while the section was filled, before this could wait for it.
    if (describedWhileLoading && tabId !== undefined) {
      const now = await browser.tabs.get(tabId).catch(() => undefined);
      if (now?.status === 'complete' && !signal.aborted) {
        describedWhileLoading = false;
        showUpdated({ ...now, id: tabId }, ASK_AGAIN_TRIES);
      }
    }
  }

  /**
   * Shows the page as its content script describes it now (asked up to `tries` times), where
   * that differs from what is shown: once loaded, its article title and declared addresses, which
   * the tab's title and address lack; an app's story once drawn. The section stays as it is where
   * none answers (a page Moodmark cannot run in), and until the new one is drawn.
   */
  function showUpdated(updatedTab: browser.Tabs.Tab & { id: number }, tries: number): void {
    const { signal } = shown;
    const isNew = (report: PageReport | null) =>
      report !== null && !isSameReport(report, shownReport);
    askAgain(updatedTab.id, tries, signal, isNew)
      .then(async (report) => {
        if (report === null || signal.aborted || !isNew(report)) return;
        // The same article: its title and toolbar change in place, the reader's focus and
        // presses untouched.
        if (section?.update(report)) {
          shownReport = report;
          return;
        }
        const leaving = section;
        shown.abort();
        shown = new AbortController();
        const next = shown.signal;
        // What the reader pressed meanwhile is answered first, for the page drawn anew to show it.
        await leaving?.whenAnswered();
        if (!next.aborted) await show(updatedTab, report, next);
      })
      .catch(options.showError);
  }

  await show(tab, tabId === undefined ? null : await askContentScript(tabId), shown.signal);
  if (tabId !== undefined) {
    // changeInfo.url comes where the host permissions reach (http, https): the pages Moodmark
    // acts on. A move to a page beyond them goes unseen, as before.
    browser.tabs.onUpdated.addListener((updatedId, change, updated) => {
      if (updatedId !== tabId) return;
      if (change.url === undefined || change.url === shownUrl) {
        if (change.status === 'complete' && describedWhileLoading) {
          describedWhileLoading = false;
          showUpdated({ ...updated, id: tabId }, ASK_AGAIN_TRIES);
        } else if (change.title !== undefined) showUpdated({ ...updated, id: tabId }, 1);
        return;
      }
      shownUrl = change.url;
      describedWhileLoading = false;
      shown.abort();
      shown = new AbortController();
      const { signal } = shown;
      section = null;
      clearThisPage();
      options.onPageChanged?.();
      const moved = { ...updated, url: change.url };
      askContentScript(tabId)
        .then((report) => (signal.aborted ? undefined : show(moved, report, signal)))
        .catch(options.showError);
    });
  }
  if (tabId !== undefined) {
    // Extension pages hear content scripts' calls too. The tab's asks for its page's reaction as
    // it places a toolbar (toolbarWanted, getReaction), and tells when one leaves (reactionShown):
    // what the page shows changes a moment later. Nothing is answered here. Calls only: Firefox's
    // tabs.sendMessage reaches the extension's pages in the tab too, so a popup opened in a tab
    // hears its own describePage, which would ask again without end.
    browser.runtime.onMessage.addListener(
      (message: unknown, sender: browser.Runtime.MessageSender) => {
        const isCall = typeof (message as { call?: unknown } | null)?.call === 'string';
        if (isCall && sender.tab?.id === tabId && sender.frameId === 0) {
          showUpdated({ ...sender.tab, id: tabId }, ASK_AGAIN_TRIES);
        }
        return undefined;
      },
    );
  }
  return {
    voteChanged: (key, reaction) => section?.voteChanged(key, reaction),
    historyCleared: () => section?.historyCleared(),
    historyImported: async () => section?.historyImported(),
    siteSwitched: (disabled) => section?.siteSwitched(disabled),
  };
}

/** Empties the section, for the page the tab went to. */
function clearThisPage(): void {
  byId('this-page-unavailable').hidden = true;
  byId('this-page-body').hidden = true;
  byId('this-page-reactions').replaceChildren();
  byId('this-page-correct').hidden = true;
}

/** The section's hold on the page it shows, for showThisPage. */
interface FilledSection extends ThisPageSection {
  /** Resolves once the background has answered every press made so far. */
  whenAnswered(): Promise<void>;
  /**
   * Shows the page as `report` describes it now, in place: its title and whether its toolbar
   * shows. False, changing nothing, where it names another article (an address, a declared one).
   */
  update(report: PageReport): boolean;
}

/**
 * The site the history lists a vote under article key `key` by: the key's host, which the
 * background names by the Public Suffix List (a user's `m.github.io`, not `github.io`) and a
 * wrapper's publisher (a page in an AMP viewer). `tabSite` where the key is no address.
 */
function siteOfArticle(key: string, tabSite: string): string {
  try {
    return new URL(key).hostname;
  } catch {
    return tabSite;
  }
}

/**
 * Fills the section for the page in `tab`: the page's title and site, the reactions in the
 * reader's order with the current one pressed, and the correction of the detector the page calls
 * for; or why the popup cannot act on the page. Focuses the reactions unless the reader already
 * moved focus, so the keyboard shortcut that opens the popup lands on them. Once `signal` aborts
 * (the tab went elsewhere) it changes nothing on screen: what was pressed still completes.
 */
async function fillThisPage(
  options: ThisPageOptions,
  tab: browser.Tabs.Tab | undefined,
  report: PageReport | null,
  signal: AbortSignal,
): Promise<FilledSection | null> {
  const { locale } = options;
  const t = (key: MessageKey, ...substitutions: string[]) => translate(locale, key, substitutions);
  const tabId = tab?.id;
  const privateWindow = tab?.incognito === true;
  // Without the tab's id the background could not tell a private window's tab from another.
  const described: ThisPage =
    tabId === undefined
      ? { kind: 'unavailable', reason: 'unknown' }
      : describeThisPage(tab, report);
  if (described.kind === 'unavailable') {
    const note = byId('this-page-unavailable');
    note.textContent = t(UNAVAILABLE_MESSAGES[described.reason]);
    note.hidden = false;
    return null;
  }
  const page = described;
  // The background derives the article's key, and keeps a private window's reactions out of the
  // history, as for the in-page toolbar.
  const target = { ...page.ref, tabId };
  // The correction from the background, not storage: it answers after the update's move of
  // corrections to today's keys, while storage may not have the page's under its key yet.
  const [state, stored, corrected] = await Promise.all([
    options.getReaction(target),
    browser.storage.local.get(SETTINGS_KEY),
    options.getCorrection(page.ref),
  ]);
  if (signal.aborted) return null;
  let reaction = state.reaction;
  let correction = corrected.toolbar;
  let toolbarShown = page.toolbarShown;
  let siteDisabled = state.siteDisabled;
  // All seven, hidden ones too, where the reader put them on the options page.
  const { order } = parseSettings(stored[SETTINGS_KEY]);

  let { title, lang } = page;
  showTitle(title, lang);
  byId('this-page-site').textContent = displayHost(siteOfArticle(state.key, page.site));
  const group = byId('this-page-reactions');
  const correct = byId<HTMLButtonElement>('this-page-correct');

  const buttons = order.map((choice) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.reaction = choice;
    // Named by its tooltip alone, the emoji unspoken: an aria-label repeating the tooltip is
    // said twice, as name and description (NVDA: nvaccess/nvda#7841).
    const emoji = document.createElement('span');
    emoji.setAttribute('aria-hidden', 'true');
    emoji.textContent = REACTION_EMOJI[choice];
    button.append(emoji);
    button.title = reactionName(locale, choice);
    return button;
  });
  // Drawn again for the same page (loaded since), focus stays on the reaction it was on.
  const focusedReaction = group.contains(document.activeElement)
    ? (document.activeElement as HTMLElement).dataset.reaction
    : undefined;
  group.replaceChildren(...buttons);

  function render(): void {
    if (signal.aborted) return;
    const stop = buttons.find((b) => b.dataset.reaction === reaction) ?? buttons[0];
    for (const button of buttons) {
      button.setAttribute('aria-pressed', String(button.dataset.reaction === reaction));
      button.tabIndex = button === stop ? 0 : -1;
    }
    // A correction keeps the page's title and address on disk: none from a private window.
    const offer =
      privateWindow || page.inReaderView
        ? null
        : offeredCorrection(toolbarShown, correction, siteDisabled);
    correct.hidden = offer === null;
    if (offer) {
      correct.dataset.correction = offer;
      correct.textContent = t(offer === 'show' ? 'popupShowToolbar' : 'popupHideToolbar');
    }
  }

  /** The reaction the reader's last press asked for while presses wait for the background. */
  let asked: { reaction: Reaction | null } | null = null;
  let presses: Promise<void> = Promise.resolve();

  /**
   * One press at a time, each on what the press before it asked for: a second Enter while the
   * background wakes removes the reaction the first set, and the last press is the one shown.
   */
  function press(clicked: Reaction): void {
    const wanted = { reaction: nextReaction(asked ? asked.reaction : reaction, clicked) };
    asked = wanted;
    presses = presses.then(async () => {
      await react(wanted.reaction);
      if (asked === wanted) asked = null;
    });
  }

  async function react(wanted: Reaction | null): Promise<void> {
    const input = { ...target, title, lang, reaction: wanted };
    // Kept aside while it is on its way: a popup closed at once takes its message with it while
    // a stopped background starts (core/kept-call.ts). Its id is taken before the call's own.
    const kept: KeptCall = {
      call: 'setReaction',
      input,
      op: nextOperationId(),
      private: privateWindow,
    };
    try {
      const stored = await sendKeepingAside(browser.storage.session, kept, () =>
        options.setReaction(input),
      );
      reaction = stored.reaction;
      render();
      options.say(
        reaction ? t('announceReacted', reactionName(locale, reaction)) : t('announceRemoved'),
      );
      options.onReacted();
    } catch (failure) {
      options.showError(failure);
    }
  }

  async function applyCorrection(toolbar: ToolbarCorrection): Promise<void> {
    const value: PageCorrection = {
      toolbar,
      title,
      url: page.ref.url,
      setAt: Date.now(),
    };
    try {
      await options.setCorrection(state.key, value);
      correction = toolbar;
      toolbarShown = toolbar === 'show';
      render();
      options.say(t(toolbar === 'show' ? 'popupToolbarShownHere' : 'popupToolbarHiddenHere'));
    } catch (failure) {
      options.showError(failure);
    }
  }

  group.addEventListener(
    'click',
    (event) => {
      // The second click of a double-click (detail 2, 3…) is the same press again, as in the
      // in-page toolbar: not a removal of the reaction the first one set.
      if (event.detail > 1) return;
      const choice = (event.target as Element).closest('button')?.dataset.reaction as Reaction;
      if (choice) press(choice);
    },
    { signal },
  );
  group.addEventListener(
    'keydown',
    (event) => {
      // Modified arrows are the browser's (Alt+Left goes back) or a screen reader's.
      const next = rovingFocusTarget(event, buttons, group);
      if (!next) return;
      for (const button of buttons) button.tabIndex = button === next ? 0 : -1;
      next.focus();
    },
    { signal },
  );
  correct.addEventListener(
    'click',
    () => {
      const offer = correct.dataset.correction;
      if (offer === 'show' || offer === 'hide') void applyCorrection(offer);
    },
    { signal },
  );

  render();
  byId('this-page-body').hidden = false;
  const refocused = buttons.find((button) => button.dataset.reaction === focusedReaction);
  if (refocused) refocused.focus();
  else if (document.activeElement === document.body || !document.activeElement) {
    group.querySelector<HTMLElement>('[tabindex="0"]')?.focus();
  }
  // The history's changes leave a private window's reaction, which is not in it, as it is.
  return {
    whenAnswered: () => presses,
    update(report) {
      const now = describeThisPage(tab, report);
      if (signal.aborted || now.kind !== 'page' || !isSameArticle(now.ref, page.ref)) return false;
      ({ title, lang } = now);
      showTitle(title, lang);
      toolbarShown = now.toolbarShown;
      render();
      return true;
    },
    voteChanged(key, next) {
      if (key !== state.key || privateWindow) return;
      reaction = next;
      render();
      // No content script here to follow the change on the badge (Firefox's Reader View):
      // asked with the tab, the background shows there what is stored now.
      if (page.toolbarShown === null) options.getReaction(target).catch(() => {});
    },
    historyCleared() {
      if (privateWindow) return;
      reaction = null;
      render();
    },
    async historyImported() {
      if (privateWindow) return;
      try {
        reaction = (await options.getReaction(target)).reaction;
        render();
      } catch (failure) {
        options.showError(failure);
      }
    },
    siteSwitched(disabled) {
      siteDisabled = disabled;
      render();
    },
  };
}

/** Shows the page's title, spoken in its own language where it has one (WCAG 3.1.2). */
function showTitle(title: string, lang: string | undefined): void {
  const shown = byId('this-page-title');
  shown.textContent = title;
  if (lang) shown.lang = lang;
  else shown.removeAttribute('lang');
}

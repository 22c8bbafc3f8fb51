import browser from 'webextension-polyfill';
import {
  intlLocaleOf,
  isolate,
  localizeDocument,
  reactionName,
  resolveLocale,
  translate,
  type MessageKey,
} from '../core/i18n';
import { createAnnouncer } from '../core/announcer';
import { failureMessageKey } from '../core/failure-kind';
import { sendKeepingAside, type KeptCall } from '../core/kept-call';
import { displayHost } from '../core/display-host';
import { isNarrowed, readHistorySearch, type HistorySearch } from '../core/history-search';
import type { Reaction } from '../core/reactions';
import { formatCount, formatPercentage } from '../core/format-count';
import { emptyCounts, type ReactionCounts } from '../core/summarize-mood';
import {
  callBackground,
  MAX_HISTORY_PAGE,
  nextOperationId,
  parseContentMessage,
  type CallInput,
  type CallName,
  type CallResult,
  type ImportReport,
  type SendMessage,
  type Vote,
  type VoteState,
} from '../protocol';
import { localDay } from '../core/local-day';
import type { ExportFormat } from '../core/history-export';
import { ImportError, type ImportRefusal } from '../core/history-import';
import {
  exportHistoryFile,
  importHistoryFile,
  ImportStoppedError,
  isCsvExport,
  runNotedImport,
  takeStoppedImport,
  type ImportUnderWay,
  type Progress,
} from './backup';
import { PAGE_SIZE, takeFirstPage } from './first-page';
import { createHistoryLoader } from './history-loader';
import {
  appendHistory,
  controlBeside,
  historyPlace,
  moveHistoryRow,
  placeHistoryRow,
  refreshDayLabels,
  removeHistoryRow,
  renderHistory,
  resetTabStop,
  rowCursor,
  sameColumnIn,
  wireHistoryKeys,
} from './history-view';
import { renderFilterChips, renderMoodBar } from './mood-chart';
import { showThisPage, type ThisPageSection } from './this-page';

/** Typing pause before a search runs. */
const SEARCH_DEBOUNCE_MS = 40;
/** Typing pause before a search's result is told to screen readers (once, not per key). */
const SEARCH_SUMMARY_MS = 700;
/** Start loading the next page this far before the end of the list comes into view. */
const PRELOAD_MARGIN = '300px';
/** An object URL must outlive the download that reads it. */
const REVOKE_DOWNLOAD_URL_MS = 60_000;

const uiLanguage = browser.i18n.getUILanguage();
const locale = resolveLocale([uiLanguage]);
const intlLocale = intlLocaleOf(uiLanguage, locale);
const t = (key: MessageKey, ...substitutions: string[]) => translate(locale, key, substitutions);
/** The `One` message for exactly one, else the `Other` one, with the count as $1. */
const tCount = (
  key: 'popupExported' | 'popupConfirmClear' | 'popupRemovedCount' | 'popupMatches',
  count: number,
) => t(`${key}${count === 1 ? 'One' : 'Other'}`, formatCount(count, intlLocale));

localizeDocument(document, locale);
/** A number of days of the mood bars, written as the popup's other numbers (٧ in ar-EG). */
const days = (count: number) => formatCount(count, intlLocale);
byId('mood-7-label').textContent = t('popupMood7Label', days(7));
byId('mood-30-label').textContent = t('popupMood30Label', days(30));

const send: SendMessage = (message) => browser.runtime.sendMessage(message);
const call = <M extends CallName>(name: M, input: CallInput<M>): Promise<CallResult<M>> =>
  callBackground(send, name, input);

/**
 * {@link call} for a change to the history, kept aside while it is on its way: a popup closed at
 * once takes its message with it while a stopped background starts, and the background applies
 * what it finds kept (core/kept-call.ts). The kept copy's id is taken before the call's own.
 */
function callKept<M extends 'editVote' | 'restoreVote'>(
  name: M,
  input: CallInput<M>,
): Promise<CallResult<M>> {
  const kept = { call: name, input, op: nextOperationId() } as KeptCall;
  return sendKeepingAside(browser.storage.session, kept, () => call(name, input));
}

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`popup.html lacks #${id}`);
  return element as T;
}

const list = byId('history');
const empty = byId('history-empty');
const noMatches = byId('history-no-matches');
const errorLine = byId('history-error');
const status = byId('status');
const search = byId<HTMLInputElement>('search');
const filters = byId('filters');
const more = byId('history-more');
const moreFailed = byId('history-more-failed');
wireHistoryKeys(list);

// The search bar and the buttons stay in view over the list's ends: a row that gets keyboard
// focus is scrolled clear of them, not under them.
const stickyTop = byId('history-controls');
const stickyBottom = byId('actions');
function keepFocusClearOfStickyEnds(): void {
  const { style } = document.documentElement;
  style.scrollPaddingBlock = `${stickyTop.offsetHeight}px ${stickyBottom.offsetHeight}px`;
}
const stickyEnds = new ResizeObserver(keepFocusClearOfStickyEnds);
stickyEnds.observe(stickyTop);
stickyEnds.observe(stickyBottom);

/** Why `failure` happened, in the popup's language: never the error's own (English) words. */
const describe = (failure: unknown) => t(failureMessageKey(failure));

const announce = createAnnouncer(() => performance.now());

/**
 * Tells the reader what an action did, on the status line; the same words again (a reaction
 * given again after its removal) are told again (createAnnouncer).
 */
function say(text: string): void {
  announce(status, text);
}

const summary = byId('history-summary');
/** The search and reaction filter (as JSON) of the list last drawn from a first page. */
let shownSearch: string | undefined;
/** Whether the reader asked for the search again (Enter): its result is told, even unchanged. */
let searchAskedAgain = false;
/** Whether the region holds, or is about to hold, what a search or filter found. */
let searchTold = false;
/**
 * Tells screen readers `text` (a live region of its own, not shown) after `delayMs`, the last
 * call winning; the same words again are told again (createAnnouncer).
 */
const tell = (text: string, delayMs = 0) => {
  searchTold = false;
  announce(summary, text, delayMs);
};

/**
 * What a search or filter found, in words: the first page's rows, and whether more follow; with
 * `total`, the count known to match (a reaction filter's, which its chip shows), that count.
 */
function describeMatches(shown: number, complete: boolean, total?: number): string {
  if (shown === 0) return t('popupNoMatchesTitle');
  if (complete) return tCount('popupMatches', shown);
  // A count read before the page may be behind it: then only "more than" is sure.
  if (total !== undefined && total > shown) return tCount('popupMatches', total);
  return t('popupMatchesMore', formatCount(shown, intlLocale));
}

// --- History list -------------------------------------------------------------------------

const rowActions = {
  change(vote: Vote, reaction: Reaction) {
    void callKept('editVote', { key: vote.key, reaction }).then(({ after }) => {
      const row = list.querySelector<HTMLElement>(`li[data-key="${CSS.escape(vote.key)}"]`);
      // No vote left to change: it was removed elsewhere (another popup, the article's toolbar).
      if (!after) {
        if (row) dropRow(row, search);
        say(t('popupChangeGone'));
      } else if (after.reaction !== reaction) {
        // A newer change to the article came first (the toolbar, another window): the row shows
        // it, and the reader's choice, not made, is not told as made.
        showChangedVote(row, after);
        say(t('popupChangeOvertaken'));
      } else {
        const filtered = searchShown().reaction;
        const name = reactionName(locale, after.reaction);
        // Focus went back to the row's button before its name changed: say what it is now, and
        // why the row went, where it left the filtered list.
        tell(
          showChangedVote(row, after) && filtered
            ? t('popupReactedLeftFilter', name, reactionName(locale, filtered))
            : t('announceReacted', name),
        );
      }
      thisPage?.voteChanged(vote.key, after?.reaction ?? null);
      void refreshStats();
    }, showError);
  },
  remove(vote: Vote) {
    void callKept('editVote', { key: vote.key, reaction: null }).then(({ before, after }) => {
      const row = list.querySelector<HTMLElement>(`li[data-key="${CSS.escape(vote.key)}"]`);
      // Still stored: a newer change to the article came first, and the row shows it. Said, as
      // focus stays on the row (or goes on, where it left a filter) as if nothing was pressed.
      if (after) {
        showChangedVote(row, after);
        say(t('popupRemoveOvertaken'));
        thisPage?.voteChanged(vote.key, after.reaction);
        return;
      }
      // The record as it was stored, which may differ from the row's if it changed since.
      if (before) offerUndo(before);
      // No row left: focus on Undo, not the search box, whose Ctrl+Z would undo its typing instead.
      if (row) dropRow(row, before ? byId('snackbar-undo') : search);
      else updateEmptyStates();
      thisPage?.voteChanged(vote.key, null);
      void refreshStats();
    }, showError);
  },
};

/**
 * Removes a row. Keyboard focus in it stays in the list: on the same control of the next row
 * (past a day heading), else the one before (controlBeside); with no row left, on `fallback`.
 */
function dropRow(row: HTMLElement, fallback: HTMLElement): void {
  const hadFocus = row.contains(document.activeElement);
  const focusTarget = controlBeside(row, document.activeElement);
  removeHistoryRow(row);
  updateEmptyStates();
  if (hadFocus) (focusTarget ?? fallback).focus();
}

/**
 * Shows a vote changed since its row was drawn: where its new time places it, or, no longer a
 * match for the reaction filter, out of the list as a removed row goes. Returns whether it left.
 */
function showChangedVote(row: HTMLElement | null, vote: Vote): boolean {
  const filtered = searchShown().reaction;
  const leaves = filtered !== undefined && vote.reaction !== filtered;
  if (row && leaves) dropRow(row, search);
  else if (row) moveRow(row, vote);
  return leaves;
}

/**
 * Shows a row's vote as changed, where its new time places it in the list. Keyboard focus in it
 * follows it; where the row goes past the rows shown, focus goes on as from a removed row.
 */
function moveRow(row: HTMLElement, vote: Vote): void {
  const hadFocus = row.contains(document.activeElement);
  const focusTarget = controlBeside(row, document.activeElement);
  const moved = moveHistoryRow(
    list,
    row,
    vote,
    Date.now(),
    rowActions,
    intlLocale,
    loader.complete,
  );
  updateEmptyStates();
  if (hadFocus)
    (moved?.querySelector<HTMLElement>('.history-emoji') ?? focusTarget ?? search).focus();
}

/** The row of article `key`, if the list shows it. */
function rowOf(key: string): HTMLElement | null {
  return list.querySelector<HTMLElement>(`li[data-key="${CSS.escape(key)}"]`);
}

/**
 * Shows reactions given, changed or removed outside the list (another tab, this page's
 * section), reading only where they go, not every row loaded again: a removal, or a reaction
 * the filter does not show, drops its row; a reaction given is dated now, and read from the first
 * page. One not there (put back by another popup's Undo, far down) reads the list again.
 */
function showChanges(changes: readonly VoteState[]): Promise<void> {
  const filtered = searchShown().reaction;
  const given: VoteState[] = [];
  for (const change of changes) {
    if (isShown(change)) continue;
    const row = rowOf(change.key);
    if (change.reaction === null || (filtered !== undefined && change.reaction !== filtered)) {
      if (row) dropRow(row, search);
    } else given.push(change);
  }
  if (given.length === 0) return Promise.resolve();
  const limit = PAGE_SIZE + 1;
  return loader.showAt(undefined, limit, (votes) => {
    const found = given.map(({ key }) => votes.find((vote) => vote.key === key));
    // Fewer than asked for: every match of the search is here, and one not here matches no more.
    const readAll = votes.length < limit;
    const isPlaced = (vote: Vote | undefined, i: number) =>
      vote ? vote.reaction === given[i]!.reaction : readAll;
    if (!found.every(isPlaced)) return undefined;
    const added: Vote[] = [];
    for (const [i, vote] of found.entries()) {
      const row = rowOf(given[i]!.key);
      if (!vote) {
        if (row) dropRow(row, search);
      } else if (row) moveRow(row, vote);
      else if (placeHistoryRow(list, vote, Date.now(), rowActions, intlLocale, loader.complete)) {
        added.push(vote);
      }
    }
    updateEmptyStates();
    return added;
  });
}

/** The title link of the row of article `key`, if the list shows it. */
function rowTitle(key: string): HTMLElement | null {
  return list.querySelector(`li[data-key="${CSS.escape(key)}"] a.history-title`);
}

function updateEmptyStates(): void {
  const hasRows = list.querySelector('li.history-entry') !== null;
  const filtered = isNarrowed(searchShown());
  empty.hidden = hasRows || filtered;
  noMatches.hidden = hasRows || !filtered;
}

/**
 * Shows why `failure` happened, in an alert; the same words again (a removal that fails twice)
 * are told again, which an alert left as it is would not be (createAnnouncer).
 */
function showError(failure: unknown): void {
  errorLine.hidden = false;
  announce(errorLine, t('popupError', describe(failure)));
}

/** What Try again asks for: the next rows, or the first ones when they failed to load. */
let loadAgain = (): Promise<void> => loader.loadMore();

/** Says why rows did not load, at the end of the list, with a button to try again (`retry`). */
function offerRetry(text: string, retry: () => Promise<void>): void {
  loadAgain = retry;
  byId('history-more-failed-text').textContent = text;
  moreFailed.hidden = false;
  tell(text);
}

/**
 * Says why the next rows did not load, where the reader is: the end of the list, still in view,
 * would load them only once scrolled away from and back to.
 */
function showNextPageError(failure: unknown): void {
  offerRetry(t('popupMoreFailed', describe(failure)), () => loader.loadMore());
}

/**
 * A list that failed to load: with no rows shown, the reader can do nothing but try again, so a
 * button offers it; under rows still shown (a search that failed), the error is told above them.
 */
function showListError(failure: unknown): void {
  if (list.querySelector('li.history-entry')) showError(failure);
  else offerRetry(t('popupListFailed', describe(failure)), () => loader.reload());
}

/**
 * Hides the offer to try again, once rows came; focus on its button goes to `target` (a row near
 * where the button was), as the button goes.
 */
function hideNextPageError(target: () => HTMLElement | null | undefined): void {
  const hadFocus = moreFailed.contains(document.activeElement);
  moreFailed.hidden = true;
  if (hadFocus) (target() ?? search).focus();
}

// The loader ignores a press while the next page is on its way.
byId('history-retry').addEventListener('click', () => void loadAgain());

/**
 * The search the list shows: the box's words and the chip pressed, a reaction's emoji typed in the
 * box asking for it as its chip does (the chips stay the reader's: typing presses none).
 */
function searchShown(): HistorySearch {
  return readHistorySearch(loader.filter.query, loader.filter.reaction);
}

const loader = createHistoryLoader({
  pageSize: PAGE_SIZE,
  maxFetch: MAX_HISTORY_PAGE,
  debounceMs: SEARCH_DEBOUNCE_MS,
  fetchPage(filter, after, limit) {
    const { query, reaction, matchesNothing } = readHistorySearch(filter.query, filter.reaction);
    if (matchesNothing) return Promise.resolve([]);
    return (
      // The first page of the whole history was asked for by popup-head.js, ahead of this script.
      (!after && !query && !reaction && takeFirstPage(window)) ||
      call('listHistory', { limit: Math.min(limit, MAX_HISTORY_PAGE), after, query, reaction })
    );
  },
  showFirstPage(votes, filter, complete) {
    errorLine.hidden = true;
    // A reload under the reader's focus (an import that ended, an Undo) keeps it on its row.
    const focusedRow = document.activeElement?.closest<HTMLElement>('li.history-entry');
    const focusedKey = focusedRow?.dataset.key;
    // Where that row was, for a reload that no longer has it (removed in another tab).
    const focusedPlace = focusedRow
      ? [...list.querySelectorAll('li.history-entry')].indexOf(focusedRow)
      : -1;
    const hadRows = list.querySelector('li.history-entry') !== null;
    renderHistory(list, votes, Date.now(), rowActions, intlLocale);
    // The list drawn again as far down as it was read (keepShown): its end is where Try again
    // was. With no rows before (the first ones failed to load), Try again was at the top.
    hideNextPageError(() => {
      const titles = list.querySelectorAll<HTMLElement>('a.history-title');
      return hadRows ? titles[titles.length - 1] : titles[0];
    });
    updateEmptyStates();
    watchEnd();
    // A row kept as it was keeps focus on its control; one drawn anew, on its title.
    if (focusedKey !== undefined && !list.contains(document.activeElement)) {
      // Its row gone since: the row now in its place (the one after it), as a removal here
      // leaves focus; the last where the list ends before.
      const titles = list.querySelectorAll<HTMLElement>('a.history-title');
      const target = rowTitle(focusedKey) ?? titles[Math.min(focusedPlace, titles.length - 1)];
      (target ?? search).focus();
    }
    // The same search drawn again (an import, a reaction to this page, Clear all, a space typed)
    // is not told again: what was done is told on its own, and the count again is noise.
    const asked = readHistorySearch(filter.query, filter.reaction);
    // A query of no word and no reaction's emoji (`#`, `🎉`) shows what a blank one does.
    const shown = JSON.stringify([asked.query ?? '', asked.reaction ?? null, asked.matchesNothing]);
    const isNewSearch = shown !== shownSearch || searchAskedAgain;
    shownSearch = shown;
    searchAskedAgain = false;
    if (!isNewSearch) return;
    showListStart();
    if (!list.contains(document.activeElement)) resetTabStop(list);
    if (isNarrowed(asked)) {
      // A reaction alone (chip or emoji) matches as many as its chip counts; a search, an unknown
      // number.
      const total =
        countsKnown && asked.reaction && !asked.query && !asked.matchesNothing
          ? counts[asked.reaction]
          : undefined;
      tell(describeMatches(votes.length, complete, total), SEARCH_SUMMARY_MS);
      searchTold = true;
    } else if (searchTold) {
      // The search cleared: its result, perhaps not yet told, is no longer what the list shows.
      tell('');
    }
  },
  showNextPage(votes) {
    // Where focus goes from Try again; counting the rows before it walked all of them, each page.
    const firstAppended = appendHistory(list, votes, Date.now(), rowActions, intlLocale);
    hideNextPageError(() => {
      if (firstAppended) return firstAppended.querySelector<HTMLElement>('a.history-title');
      const titles = list.querySelectorAll<HTMLElement>('a.history-title');
      return titles[titles.length - 1];
    });
    // Rows come after removals emptied the list: "no reactions yet" goes.
    updateEmptyStates();
    watchEnd();
  },
  showError: showListError,
  showNextPageError,
  setBusy(busy) {
    if (busy) list.setAttribute('aria-busy', 'true');
    else list.removeAttribute('aria-busy');
  },
});

/**
 * Scrolls the list back to its first row, just under the search and chips, where the reader has
 * scrolled past it: a new search or filter read from a place far down the old list showed its
 * matches from as far down, and the end of its short first page in view loaded page after page.
 */
function showListStart(): void {
  const scrolledPast = list.getBoundingClientRect().top - stickyTop.getBoundingClientRect().bottom;
  if (scrolledPast < 0) window.scrollBy(0, scrolledPast);
}

// The observer only reports changes, so it is re-armed after each page: if the end of the list
// is still in view (a short page), that reports it again and the next page loads.
const endObserver = new IntersectionObserver(
  (entries) => {
    if (entries.some((entry) => entry.isIntersecting)) void loader.loadMore();
  },
  { rootMargin: PRELOAD_MARGIN },
);
function watchEnd(): void {
  endObserver.unobserve(more);
  if (!loader.complete) endObserver.observe(more);
}

// --- Filters and mood ---------------------------------------------------------------------

let counts: ReactionCounts = emptyCounts();
/** Whether `counts` are the background's, not the zeros shown until they come (or if they fail). */
let countsKnown = false;

function selectReaction(reaction: Reaction | undefined): void {
  // The removal was of a row in the list the reader has now left.
  hideSnackbar();
  renderFilterChips(filters, counts, reaction, selectReaction, locale, intlLocale);
  loader.setFilter({ reaction }, true);
}

/** The latest request for the counts: only its answer is shown. */
let statsRequest = 0;

async function refreshStats(): Promise<void> {
  const request = ++statsRequest;
  try {
    const stats = await call('getHistoryStats', {});
    // Asked again meanwhile (removals in quick succession): this answer, read before the later
    // changes, may come after the newer one and would bring back counts they took away.
    if (request !== statsRequest) return;
    counts = stats.counts;
    countsKnown = true;
    renderFilterChips(filters, counts, loader.filter.reaction, selectReaction, locale, intlLocale);
    const { last7Days, last30Days } = stats;
    renderMoodBar(byId('mood-7'), t('popupMood7Name', days(7)), last7Days, locale, intlLocale);
    renderMoodBar(byId('mood-30'), t('popupMood30Name', days(30)), last30Days, locale, intlLocale);
  } catch (failure) {
    if (request === statsRequest) showError(failure);
  }
}

/** Shows the rows that match the search typed; the removal of a row of the list left is stale. */
function searchAsTyped(): void {
  hideSnackbar();
  loader.setFilter({ query: search.value });
}
// An input method's text is searched once committed (compositionend), not as it is composed:
// its keys on the way ("t", "と", "とう" before 東京) would search, and tell "No matches", meanwhile.
search.addEventListener('input', (event) => {
  if (!(event as InputEvent).isComposing) searchAsTyped();
});
search.addEventListener('compositionend', searchAsTyped);
search.addEventListener('keydown', (event) => {
  if (event.key !== 'Enter' || event.isComposing) return;
  searchAskedAgain = true;
  loader.setFilter({ query: search.value }, true);
});

// --- Changes made elsewhere --------------------------------------------------------------

/**
 * How long the list waits after the background tells of a change before following it: the
 * popup's own change, told back too, is shown by then, and an import's batches come as one.
 */
const NOTICE_SETTLE_MS = 300;
/** Reactions the background told of since the list last followed them. */
let changesHeard: VoteState[] = [];
/** Whether it told of many changes at once (an import, Clear all) meanwhile. */
let historyChangeHeard = false;
/**
 * Whether this page is importing: the background tells of each batch it merges, and the list,
 * counts and this page, drawn again after each, would be read again as far down as shown, each
 * read holding up the next batch. The import's end draws them again, with any change since.
 */
let importRunsHere = false;
let noticeTimer: ReturnType<typeof setTimeout> | undefined;

/** Whether the list shows `change` already: its row with that reaction, or none for a removal. */
function isShown({ key, reaction }: VoteState): boolean {
  const row = list.querySelector<HTMLElement>(`li[data-key="${CSS.escape(key)}"]`);
  return row ? row.dataset.reaction === reaction : reaction === null;
}

/** Brings the list, the counts and this page up to date with the changes told meanwhile. */
async function followChangesElsewhere(): Promise<void> {
  const changes = changesHeard;
  const many = historyChangeHeard;
  changesHeard = [];
  historyChangeHeard = false;
  for (const { key, reaction } of changes) thisPage?.voteChanged(key, reaction);
  if (many) void thisPage?.historyImported();
  // Counted whatever the list shows: a vote removed far down a long history, past the rows
  // loaded, leaves the list as it is but not the chips' counts and the mood bars.
  void refreshStats();
  // A reload on its way may show them: an Undo's, told back, which far down a long list takes
  // longer than notices settle; read again after it, the rows would be read twice.
  await loader.settled;
  if (many) {
    void loader.reload({ keepShown: true });
    return;
  }
  // Each article as it was told of last.
  void showChanges([...new Map(changes.map((change) => [change.key, change])).values()]);
}

// The background tells every tab and every extension page of each change to the history
// (background/broadcast.ts): the toolbar button's popup, and a popup page open in a tab (Firefox's,
// to import), which hears it twice at once and follows it once. A reaction given or an import
// made elsewhere meanwhile shows here, as far down as the reader had read.
browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
  // Only the background sends notices: one from a tab is a content script's, and forged.
  if (sender.tab !== undefined) return undefined;
  let notice;
  try {
    notice = parseContentMessage(message);
  } catch {
    // A call between other parts of the extension, which every extension page hears.
    return undefined;
  }
  if (notice.notice === 'voteChanged') changesHeard.push(notice.input);
  else if (notice.notice === 'historyChanged') {
    if (importRunsHere) return undefined;
    historyChangeHeard = true;
    // At once, not once notices settle: Undo pressed meanwhile waits for the answer.
    if (undoable) checkUndoStillKept(undoable);
  } else return undefined;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => void followChangesElsewhere(), NOTICE_SETTLE_MS);
  return undefined;
});

// --- The day changing ---------------------------------------------------------------------

/** The local day the day headings and mood bars were last written for. */
let shownDay = localDay(Date.now());
let midnightTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * Writes the day headings and mood bars again once the local day has changed (the popup left
 * open as a tab past midnight), and waits for the next midnight: one timer a day, none ticking.
 */
function followLocalDay(): void {
  clearTimeout(midnightTimer);
  const now = Date.now();
  if (localDay(now) !== shownDay) {
    shownDay = localDay(now);
    refreshDayLabels(list, now, intlLocale);
    void refreshStats();
  }
  const midnight = new Date(now);
  midnight.setHours(24, 0, 0, 0);
  midnightTimer = setTimeout(followLocalDay, midnight.getTime() - now);
}

followLocalDay();
// A timer waits out a computer's sleep: woken past midnight, the tab looked at is brought up to date.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') followLocalDay();
});

// --- Undo ---------------------------------------------------------------------------------

const snackbar = byId('snackbar');
/**
 * The removal Undo brings back. No timer takes the offer away (WCAG 2.2.1: finding Undo with a
 * screen reader takes its time); what the reader does next does: another removal, a search or
 * filter, Clear all, closing the popup.
 */
let undoable: Vote | undefined;

/**
 * Offers to undo the removal of `vote`; `told`: the removal is told to screen readers, as it is
 * when it happens, not when the popup opens again on one made before (the reader did nothing).
 */
function offerUndo(vote: Vote, { told = true } = {}): void {
  undoable = vote;
  byId('snackbar-text').textContent = t('popupRemoved');
  snackbar.hidden = false;
  // Now, not when a ResizeObserver hears the footer grow: focus moved from the removed row in the
  // same task would be scrolled clear of the footer as it was, and stay under the bar.
  keepFocusClearOfStickyEnds();
  // A live region inside the snackbar would be shown and filled at once, which screen readers
  // often do not tell; and the same word twice would be told once.
  if (told) tell(t('popupRemoved'));
}

/** Takes back the offer to undo: it is done, or stale. */
function hideSnackbar(): void {
  snackbar.hidden = true;
  undoable = undefined;
}

/**
 * Whether the background still keeps the removal `vote` offered, asked once the whole history
 * changed elsewhere; Undo pressed before the answer waits for it.
 */
let undoKeptCheck: { vote: Vote; kept: Promise<boolean> } | undefined;

/**
 * Takes back the offer to undo the removal of `offered` where the background no longer keeps it:
 * Clear all in another popup forgot it, and Undo would put the reaction back into the history
 * just cleared. An import there keeps it, and the offer stays (as it does where no answer comes).
 */
function checkUndoStillKept(offered: Vote): void {
  const kept = call('lastRemoval', {}).then(
    ({ vote }) => vote?.key === offered.key,
    () => true,
  );
  undoKeptCheck = { vote: offered, kept };
  void kept.then((isKept) => {
    if (isKept || undoable !== offered) return;
    const hadFocus = snackbar.contains(document.activeElement);
    hideSnackbar();
    if (hadFocus) search.focus();
  });
}

/** Whether focus fell to the body (its row was replaced) or is in the hidden snackbar. */
function isFocusLost(): boolean {
  const focused = document.activeElement;
  return !focused || focused === document.body || snackbar.contains(focused);
}

function undo(): void {
  const vote = undoable;
  if (!vote) return;
  // From Undo or a row, focus goes to the row that comes back, as before its removal; from a
  // row's ×, to the × of the row that comes back, as it went from it to the next one's.
  const toRestoredRow = isFocusLost() || list.contains(document.activeElement);
  const focusedInList = list.contains(document.activeElement) ? document.activeElement : null;
  hideSnackbar();
  const check = undoKeptCheck?.vote === vote ? undoKeptCheck.kept : undefined;
  if (!check) restoreRemoved(vote, toRestoredRow, focusedInList);
  else {
    void check.then((isKept) => {
      if (isKept) restoreRemoved(vote, toRestoredRow, focusedInList);
      else {
        // Cleared elsewhere meanwhile: nothing to put back, and Undo is gone.
        say(t('popupNothingToUndo'));
        if (isFocusLost()) search.focus();
      }
    });
  }
}

/**
 * Shows `vote`, brought back, in its place: only the vote after the row shown before that place
 * is read, which is `vote` where it was put back and matches the search and filter shown. Anything
 * else (a newer vote of the article, a search it does not match) reads the list again.
 */
function showRestored(vote: Vote): Promise<void> {
  const { previous, next } = historyPlace(list, vote);
  // Past the rows loaded, it comes with their page.
  if (previous && !next && !loader.complete) return Promise.resolve();
  return loader.showAt(previous && rowCursor(previous), 1, ([found]) => {
    if (found?.key !== vote.key || found.reaction !== vote.reaction) return undefined;
    const shown = rowOf(found.key);
    if (shown) removeHistoryRow(shown);
    const placed = placeHistoryRow(
      list,
      found,
      Date.now(),
      rowActions,
      intlLocale,
      loader.complete,
    );
    updateEmptyStates();
    return placed ? [found] : [];
  });
}

/** Asks the background to put `vote` back, then focuses its row as `undo` found focus. */
function restoreRemoved(vote: Vote, toRestoredRow: boolean, focusedInList: Element | null): void {
  void callKept('restoreVote', { vote }).then(
    async (restored) => {
      thisPage?.voteChanged(restored.key, restored.reaction);
      void refreshStats();
      await (restored.reaction === vote.reaction
        ? showRestored(vote)
        : loader.reload({ keepShown: true }));
      // Told after the list's reload, whose count of matches would replace it; focus may stay
      // out of the list, where nothing else says the removal was undone.
      if (restored.reaction === vote.reaction) {
        tell(t('announceReacted', reactionName(locale, vote.reaction)));
      } else {
        // Forgotten meanwhile (a Clear all, or taken back on the page), or reacted to again
        // there, which stays: the removed reaction did not come back.
        say(t('popupNothingToUndo'));
      }
      // Not when the reader has since moved focus out of the list; the search, when the row is
      // not shown (another filter).
      const inList = list.contains(document.activeElement);
      if (!isFocusLost() && !(toRestoredRow && inList)) return;
      const row = list.querySelector(`li[data-key="${CSS.escape(restored.key)}"]`);
      ((row && sameColumnIn(row, focusedInList)) ?? search).focus();
    },
    (failure: unknown) => {
      showError(failure);
      // The background still keeps the removal: offered again, it can be tried again without
      // closing the popup. Not one refused as invalid, which would be refused again, nor over the
      // offer of a removal made since (the one the background keeps now).
      const focusLost = isFocusLost();
      if (undoable === undefined && failureMessageKey(failure) !== 'errorRefused') {
        offerUndo(vote, { told: false });
      }
      if (focusLost) (snackbar.hidden ? search : byId('snackbar-undo')).focus();
    },
  );
}

byId('snackbar-undo').addEventListener('click', undo);

/** Inputs whose own Ctrl+Z undoes typing. */
const TYPED_INPUT_TYPES = new Set(['text', 'search', 'url', 'email', 'tel', 'password', 'number']);

const isTextField = (target: EventTarget | null) =>
  target instanceof HTMLTextAreaElement ||
  (target instanceof HTMLInputElement && TYPED_INPUT_TYPES.has(target.type));

/** Z by its letter; on a layout without Latin letters (Arabic), by its place. */
const isKeyZ = (event: KeyboardEvent) =>
  /^[a-z]$/i.test(event.key) ? event.key.toLowerCase() === 'z' : event.code === 'KeyZ';

// Ctrl+Z (Cmd+Z) anywhere takes the offer: Undo itself sits past every row.
document.addEventListener('keydown', (event) => {
  if (!undoable || snackbar.hidden || !isKeyZ(event) || isTextField(event.target)) return;
  if (!(event.ctrlKey || event.metaKey) || event.shiftKey || event.altKey) return;
  event.preventDefault();
  undo();
});

// Enter held down repeats, and each repeat clicks the focused button: one press is one click.
// Held on Export, it wrote a file per repeat; on a reaction to this page, gave and took it back.
document.addEventListener('keydown', (event) => {
  if (event.repeat && event.key === 'Enter') event.preventDefault();
});

// --- Current site -------------------------------------------------------------------------

/** Stops the site switch shown, once the tab goes to another page. */
let siteSwitchShown = new AbortController();

/** Shows the switch for the site of the page in the tab; again for each page the tab goes to. */
async function showSiteSwitch(): Promise<void> {
  siteSwitchShown.abort();
  siteSwitchShown = new AbortController();
  const { signal } = siteSwitchShown;
  byId('site-switch').hidden = true;
  // activeTab lets the popup see the address of the tab it was opened on, and only that.
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  const url = tab?.url;
  // A private window's switch would write the site's name to disk, in the list of sites.
  if (!url || !/^https?:/.test(url) || tab.incognito) return;
  const toggle = byId<HTMLInputElement>('site-toggle');
  const state = await call('getSiteState', { url });
  if (signal.aborted) return;
  const siteName = byId('site-name');
  siteName.textContent = displayHost(state.site);
  // The label around the site's name, with the name itself in its own element.
  const [before = '', after = ''] = t('popupSiteSwitch', '\u0000').split('\u0000');
  byId('site-label').replaceChildren(before, siteName, after);
  toggle.checked = !state.disabled;
  toggle.addEventListener(
    'change',
    () => {
      const wantedOn = toggle.checked;
      void call('setSiteDisabled', { url, disabled: !wantedOn }).then(
        (next) => {
          say(t(next.disabled ? 'popupSiteOff' : 'popupSiteOn', isolate(displayHost(next.site))));
          // The tab went elsewhere meanwhile: the switch shown is another page's.
          if (signal.aborted) return;
          // Turned on, it names this page's site, which an entry for a domain above may have hidden.
          siteName.textContent = displayHost(next.site);
          toggle.checked = !next.disabled;
          // A correction of one page is offered only where the site's toolbar is on.
          thisPage?.siteSwitched(next.disabled);
        },
        (failure: unknown) => {
          // Nothing changed: the switch shows the site as it still is.
          if (!signal.aborted) toggle.checked = !wantedOn;
          showError(failure);
        },
      );
    },
    { signal },
  );
  byId('site-switch').hidden = false;
}

/** Shows the site switch where the page has one: nothing to switch elsewhere. */
function startSiteSwitch(): void {
  showSiteSwitch().catch(() => {
    // No address for this tab (not a web page, or no activeTab grant): nothing to switch.
  });
}

// --- This page ----------------------------------------------------------------------------

let thisPage: ThisPageSection | null = null;
/** What this page's section last stored, which the list shows once it says it reacted. */
let reactedHere: VoteState | undefined;

async function startThisPage(): Promise<void> {
  thisPage = await showThisPage({
    locale,
    getReaction: (ref) => call('getReaction', ref),
    getCorrection: (ref) => call('getCorrection', ref),
    setReaction: (input) => call('setReaction', input).then((state) => (reactedHere = state)),
    setCorrection: (key, correction) => call('setCorrection', { key, correction }),
    say,
    showError,
    onReacted() {
      // Only where it goes, the rows read staying: focus left on a row (a click moves none in
      // Firefox on macOS) stays on it.
      if (reactedHere) void showChanges([reactedHere]);
      void refreshStats();
    },
    onPageChanged: startSiteSwitch,
  });
}

// --- Export, import, clear ----------------------------------------------------------------

const progressBar = byId<HTMLProgressElement>('backup-progress');

/** The progress bar's name, for each of the messages that tell its progress. */
const EXPORTING_OR_IMPORTING = {
  popupExportProgress: 'popupExporting',
  popupImportChecking: 'popupImporting',
  popupImportProgress: 'popupImporting',
} as const;

/** A Progress that shows `message` with the percentage, and the bar, as the share grows. */
function showProgress(
  message: 'popupExportProgress' | 'popupImportChecking' | 'popupImportProgress',
): Progress {
  let shown = -1;
  let told = -1;
  progressBar.hidden = false;
  progressBar.setAttribute('aria-label', t(EXPORTING_OR_IMPORTING[message]));
  return (fraction) => {
    const percent = Math.floor(fraction * 100);
    if (percent === shown) return;
    shown = percent;
    progressBar.value = fraction;
    // The bar moves each percent; a screen reader hears each tenth, not a hundred lines in a row.
    const tenth = Math.floor(percent / 10);
    if (tenth === told) return;
    told = tenth;
    say(t(message, formatPercentage(percent, intlLocale)));
  };
}

/**
 * Shows the bar, named for an export, moving with no share: how many votes there are is not known,
 * and the reader, told "Exporting…", is told no percentage.
 */
function showExportUnmeasured(): Progress {
  progressBar.hidden = false;
  progressBar.setAttribute('aria-label', t('popupExporting'));
  // A progress bar without a value is indeterminate.
  progressBar.removeAttribute('value');
  return () => {};
}

async function download(format: ExportFormat): Promise<void> {
  say(t('popupExporting'));
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  try {
    const now = Date.now();
    const { file, count } = await exportHistoryFile(call, format, now, total, {
      // Counts not read (yet, or at all): the first page would be 100% of a total of 0.
      progress: countsKnown ? showProgress('popupExportProgress') : showExportUnmeasured(),
    });
    const url = URL.createObjectURL(file);
    const link = document.createElement('a');
    link.href = url;
    // The reader's date: past midnight is the next day's file, whatever UTC says.
    link.download = `moodmark-history-${localDay(now)}.${format}`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_DOWNLOAD_URL_MS);
    say(tCount('popupExported', count));
  } finally {
    progressBar.hidden = true;
  }
}

const importInput = byId<HTMLInputElement>('import-file');

/**
 * Export, Import and Clear all, one at a time in the order pressed: side by side they would share
 * the bar and status line, write a file from a history half imported, or clear part of an import.
 */
let turns: Promise<void> = Promise.resolve();
/** How many of them have been pressed and not ended. */
let inTurn = 0;

/**
 * Runs `task` once every export, import and clear started before it has ended; one that must wait
 * says so, or the press would seem lost.
 */
function runInTurn(task: () => Promise<void>): Promise<void> {
  if (inTurn > 0) say(t('popupWaitingTurn'));
  inTurn++;
  const run = turns.then(task).finally(() => inTurn--);
  turns = run.catch(() => {});
  return run;
}

/**
 * Firefox closes its popup when a dialog of its own takes focus, and what the popup was doing goes
 * with it: the file chosen to import never arrives (Mozilla bug 1292701), and a file saved where
 * the reader has Firefox ask where to save it fails, its blob: address gone with the popup. There,
 * Import and Export open this page in a tab, where both dialogs work.
 */
let filesOpenTab = false;
/** Firefox (the only one with getBrowserInfo), whatever page Import or Export started from. */
const filesInTab = 'getBrowserInfo' in browser.runtime;
if (filesInTab) {
  browser.tabs.getCurrent().then(
    (tab) => (filesOpenTab = tab === undefined),
    () => {},
  );
}

/** Opens this page in a tab at `hash` (what it is to do there), and closes the popup. */
function continueInTab(hash: string): void {
  const url = `${browser.runtime.getURL('popup.html')}${hash}`;
  void browser.tabs.create({ url }).then(() => window.close());
}

/** Writes the history to a file once every export, import and clear before it has ended. */
function exportInTurn(format: ExportFormat): Promise<void> {
  return runInTurn(() =>
    download(format).catch((failure: unknown) => say(t('popupExportFailed', describe(failure)))),
  );
}

for (const format of ['json', 'csv'] as const) {
  byId(`export-${format}`).addEventListener('click', (event) => {
    // A double-click's second click (detail 2, 3…) would write the same file again, after the first.
    if (event.detail > 1) return;
    if (filesOpenTab) continueInTab(`#export-${format}`);
    else void exportInTurn(format);
  });
}

/** The export this page was opened in a tab to write (see filesOpenTab), if any. */
const exportOnOpen = /^#export-(json|csv)$/.exec(location.hash)?.[1] as ExportFormat | undefined;
// Written once: the tab reloaded does not write the file again.
if (exportOnOpen) history.replaceState(null, '', location.pathname);

importInput.addEventListener('click', (event) => {
  if (!filesOpenTab) return;
  event.preventDefault();
  continueInTab('#import');
});

const IMPORT_REFUSALS: Record<ImportRefusal, MessageKey> = {
  encoding: 'popupImportEncoding',
  'not-json': 'popupImportNotJson',
  truncated: 'popupImportTruncated',
  'not-export': 'popupImportNotExport',
  version: 'popupImportVersion',
  'hostile-key': 'popupImportHostileKey',
  'too-long': 'popupImportTooLong',
  'too-many': 'popupImportTooMany',
};

/**
 * Why a file was refused, in the popup's language, limits written as its numbers are. What the
 * file named is isolated: a right-to-left override in it turns round only that.
 */
function describeRefusal({ reason, detail }: ImportError): string {
  const named = typeof detail === 'number' ? formatCount(detail, intlLocale) : isolate(detail);
  return t(IMPORT_REFUSALS[reason], named);
}

/**
 * What an import did. Why records were rejected is told only where some were not simply invalid
 * (dated in the future, or on another site than their article), which a reader would not expect.
 */
function describeImport(report: ImportReport): string {
  const count = (n: number) => formatCount(n, intlLocale);
  const done = t(
    'popupImported',
    count(report.added),
    count(report.updated),
    count(report.unchanged),
    count(report.rejected),
  );
  const { rejected, rejectedFutureDated: future, rejectedOtherSite: otherSite } = report;
  if (future + otherSite === 0) return done;
  const invalid = rejected - future - otherSite;
  return `${done} ${t('popupImportRejectedWhy', count(invalid), count(future), count(otherSite))}`;
}

/** An import that stopped part way: what was saved before, which stays, and why it stopped. */
function describeStop({ failure, report }: ImportStoppedError): string {
  // A file changed on disk between the check and the import is refused only then.
  const why = failure instanceof ImportError ? describeRefusal(failure) : describe(failure);
  return t(
    'popupImportStopped',
    formatCount(report.added, intlLocale),
    formatCount(report.updated, intlLocale),
    why,
  );
}

/** The extension pages' localStorage; null where the browser refuses it (site data turned off). */
function pageStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** An import whose page was closed before it ended (see runNotedImport): what it saved stays. */
function describeClosedImport({ file, added, updated }: ImportUnderWay): string {
  return t(
    'popupImportStopped',
    formatCount(added, intlLocale),
    formatCount(updated, intlLocale),
    t(filesInTab ? 'popupImportTabClosed' : 'popupImportClosed', isolate(file)),
  );
}

// The reader who closed the popup (or Firefox's import tab) on an import learns it stopped; where
// the note cannot be read, there is nothing to tell.
takeStoppedImport(pageStorage()).then(
  (stopped) => stopped && say(describeClosedImport(stopped)),
  () => {},
);

if (location.hash === '#import') {
  importInput.focus();
  say(t('popupImportHere'));
}

importInput.addEventListener('change', () => {
  const file = importInput.files?.[0];
  importInput.value = '';
  if (file) void runInTurn(() => importFile(file));
});

async function importFile(file: File): Promise<void> {
  say(t('popupImporting'));
  // Set once the file has been checked and its votes are being sent.
  let importing: Progress | undefined;
  importRunsHere = true;
  try {
    const report = await runNotedImport(pageStorage(), file.name, (saved) =>
      importHistoryFile(
        call,
        file,
        (fraction) => (importing ??= showProgress('popupImportProgress'))(fraction),
        { progress: showProgress('popupImportChecking'), saved },
      ),
    );
    say(describeImport(report));
  } catch (failure) {
    if (failure instanceof ImportStoppedError) say(describeStop(failure));
    else if (failure instanceof ImportError) {
      // Moodmark's own CSV export is "not a Moodmark export" only to the reader of JSON.
      const csv = failure.reason === 'not-export' && (await isCsvExport(file).catch(() => false));
      say(t('popupImportRefused', csv ? t('popupImportCsv') : describeRefusal(failure)));
    } else say(t('popupImportRefused', describe(failure)));
  } finally {
    progressBar.hidden = true;
    importRunsHere = false;
  }
  // What came in, also when an import stopped part way; as far down as the reader had read, so
  // that focus on a row far down stays on it.
  void loader.reload({ keepShown: true });
  void refreshStats();
  void thisPage?.historyImported();
}

const confirmClear = byId<HTMLDialogElement>('confirm-clear');
byId('clear-all').addEventListener('click', () => {
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  // "Remove all 0 reactions?" before Remove all would be a false reassurance.
  byId('confirm-clear-text').textContent = countsKnown
    ? tCount('popupConfirmClear', total)
    : t('popupConfirmClear');
  confirmClear.returnValue = '';
  confirmClear.showModal();
});
confirmClear.addEventListener('close', () => {
  if (confirmClear.returnValue !== 'confirm') return;
  void runInTurn(() => {
    // A long history takes seconds to clear: without a word meanwhile, the press seemed lost.
    say(t('popupClearing'));
    // Clearing cannot be undone, and forgets the removal Undo would bring back. Offered meanwhile,
    // Undo read as the undo of Clear all, and put that one reaction back in the history cleared.
    const offered = undoable;
    hideSnackbar();
    return call('clearHistory', {}).then(
      ({ removed }) => {
        say(tCount('popupRemovedCount', removed));
        thisPage?.historyCleared();
        void loader.reload();
        void refreshStats();
      },
      (failure: unknown) => {
        // The alert says why; "Removing…" left on the status line would say it still runs.
        say('');
        showError(failure);
        // Nothing was cleared: the removal is still kept, unless one made since replaced it.
        if (offered && undoable === undefined) offerUndo(offered, { told: false });
      },
    );
  });
});

// --- First render -------------------------------------------------------------------------

renderFilterChips(filters, counts, undefined, selectReaction, locale, intlLocale);
// The rows first, alone: the counts, this page's state and the site switch would share the
// worker's attention.
void loader.reload().then(() => {
  document.body.dataset.ready = '';
  startThisPage().catch(showError);
  // Its progress is told against the counts.
  const counted = refreshStats();
  if (exportOnOpen) void counted.then(() => exportInTurn(exportOnOpen));
  // A removal made before the popup last closed can still be undone for a while.
  call('lastRemoval', {}).then(({ vote }) => vote && offerUndo(vote, { told: false }), showError);
  startSiteSwitch();
});

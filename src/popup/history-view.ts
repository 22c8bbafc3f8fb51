import { displayHost } from '../core/display-host';
import { dayLabel, localDay } from '../core/local-day';
import { isolate, reactionName, resolveLocale, translate } from '../core/i18n';
import { REACTION_EMOJI, REACTIONS, type Reaction } from '../core/reactions';
import { rovingFocusTarget } from '../core/roving-focus';
import { cleanTitle } from '../core/vote';
import type { HistoryCursor, Vote } from '../protocol';
import { isBlankText } from './is-blank-text';

/** What a row's buttons ask for; the popup's entry wires them to the background. */
export interface RowActions {
  change(vote: Vote, reaction: Reaction): void;
  remove(vote: Vote): void;
}

/** What a row was drawn for: a list drawn again keeps the rows that would be drawn the same. */
interface RowDrawing {
  vote: Vote;
  actions: RowActions | undefined;
  locale: string | undefined;
  /** The local day "Today" was, for its day's words. */
  today: string;
}
const rowDrawings = new WeakMap<Element, RowDrawing>();

/**
 * Whether `row` would be drawn the same for `vote` in `context`: the same vote, actions, locale
 * and day, and still showing the reaction it was drawn with (showRowReaction changes it).
 */
function isDrawnFor(row: HTMLElement, vote: Vote, context: Omit<RowDrawing, 'vote'>): boolean {
  const drawn = rowDrawings.get(row);
  if (!drawn || row.dataset.reaction !== vote.reaction) return false;
  const { vote: was, actions, locale, today } = drawn;
  return (
    actions === context.actions &&
    locale === context.locale &&
    today === context.today &&
    was.key === vote.key &&
    was.url === vote.url &&
    was.title === vote.title &&
    was.site === vote.site &&
    was.reaction === vote.reaction &&
    was.createdAt === vote.createdAt &&
    was.updatedAt === vote.updatedAt &&
    was.lang === vote.lang
  );
}

/**
 * The rows' pickers open now, each with what closes it: the list's arrows and focus find them
 * here, not by reading every row loaded on each press.
 */
const openPickers = new Map<HTMLElement, () => void>();

// Building an Intl formatter costs far more than using one: one per locale, kept.
const clockFormats = new Map<string | undefined, Intl.DateTimeFormat>();

function formatClock(time: number, locale?: string): string {
  let format = clockFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });
    clockFormats.set(locale, format);
  }
  return format.format(time);
}

/**
 * Shows `reaction` on a row: its data attribute, emoji and the change button's name, in
 * `locale` (a language tag, as for all of this module: words in its supported language, else
 * English; times formatted by Intl for the tag).
 */
export function showRowReaction(item: HTMLElement, reaction: Reaction, locale?: string): void {
  item.dataset.reaction = reaction;
  const button = item.querySelector<HTMLButtonElement>('.history-emoji');
  if (!button) return;
  button.textContent = REACTION_EMOJI[reaction];
  const messages = resolveLocale([locale]);
  const name = reactionName(messages, reaction);
  button.setAttribute('aria-label', translate(messages, 'popupChangeReactionOf', [name]));
  for (const choice of item.querySelectorAll<HTMLButtonElement>('.history-choice')) {
    choice.setAttribute('aria-pressed', String(choice.dataset.reaction === reaction));
  }
  // The arrows move focus from title to title, and a screen reader speaks the link alone: the
  // row's reaction, site, day heading and time are heard as its description.
  const title = item.querySelector('.history-title');
  const site = item.querySelector('.history-meta bdi')?.textContent ?? '';
  const time = item.querySelector('.history-meta time')?.textContent ?? '';
  const words = [name, isolate(site), item.dataset.dayLabel ?? '', time];
  title?.setAttribute('aria-description', translate(messages, 'popupRowDescription', words));
}

/**
 * One history row: reaction (a button that opens a picker to change it), the title linking to
 * the article, site (as read: `bücher.de`, see displayHost), time of day and a remove button.
 * Every page-supplied string is set as text, never parsed as HTML.
 */
export function renderHistoryEntry(
  doc: Document,
  vote: Vote,
  actions?: RowActions,
  locale?: string,
  now = Date.now(),
): HTMLLIElement {
  const messages = resolveLocale([locale]);
  // A title that shows nothing (a page's zero-width filler) would leave a link with no face: the
  // row names its article by its link instead, as an untitled page is named.
  const name = isBlankText(vote.title) ? cleanTitle(vote.url) : vote.title;
  const item = doc.createElement('li');
  item.className = 'history-entry';
  item.dataset.key = vote.key;
  // Its day heading's words, for its description (showRowReaction).
  item.dataset.dayLabel = dayLabel(vote.updatedAt, now, locale);

  const emoji = doc.createElement('button');
  emoji.type = 'button';
  emoji.className = 'history-emoji';
  emoji.setAttribute('aria-expanded', 'false');

  const title = doc.createElement('a');
  title.className = 'history-title';
  title.href = vote.url;
  title.target = '_blank';
  title.rel = 'noopener noreferrer';
  title.textContent = name;
  title.title = name;
  // A title in another script than the popup's is cut at its own end, not the popup's.
  title.dir = 'auto';
  // Spoken in its own language's voice (an address, named by, is no language's).
  if (vote.lang && name === vote.title) title.lang = vote.lang;
  // A double-click's second click (detail 2, 3…) opens no article: it lands here when the picker
  // of the row above closed on its first, and the title rose under the pointer.
  title.addEventListener('click', (event) => {
    if (event.detail > 1) event.preventDefault();
  });

  const meta = doc.createElement('span');
  meta.className = 'history-meta';
  const time = doc.createElement('time');
  time.dateTime = new Date(vote.updatedAt).toISOString();
  time.textContent = formatClock(vote.updatedAt, locale);
  // Left to right in its own run: in a right-to-left row `[::1]` would show as `[1::]`.
  const site = doc.createElement('bdi');
  site.dir = 'ltr';
  site.textContent = displayHost(vote.site);
  meta.append(site, ' · ', time);

  const remove = doc.createElement('button');
  remove.type = 'button';
  remove.className = 'history-remove';
  const cross = doc.createElement('span');
  cross.setAttribute('aria-hidden', 'true');
  cross.textContent = '×';
  remove.append(cross);
  // Named by its tooltip alone: a tooltip of other words is said after the name, as its
  // description (NVDA: nvaccess/nvda#7841). Isolated, as a title in the other direction would
  // reorder the words around it.
  remove.title = translate(messages, 'popupRemoveReactionTo', [isolate(name)]);

  // The picker is built when first opened: most rows never need one.
  let picker: HTMLDivElement | undefined;
  const hidePicker = () => {
    if (picker) {
      picker.hidden = true;
      openPickers.delete(picker);
    }
    emoji.setAttribute('aria-expanded', 'false');
  };
  const closePicker = () => {
    hidePicker();
    emoji.focus();
  };
  /** Makes `choice` the picker's one Tab stop (a toolbar: the arrows move within it). */
  const makeTabStop = (choice: HTMLElement | null | undefined) => {
    if (!picker || !choice) return;
    for (const other of picker.querySelectorAll<HTMLElement>('.history-choice')) {
      other.tabIndex = other === choice ? 0 : -1;
    }
  };
  const buildPicker = () => {
    const group = doc.createElement('div');
    group.className = 'history-picker';
    group.setAttribute('role', 'toolbar');
    group.setAttribute('aria-label', translate(messages, 'popupChangeReaction'));
    group.hidden = true;
    for (const reaction of REACTIONS) {
      const choice = doc.createElement('button');
      choice.type = 'button';
      choice.className = 'history-choice';
      choice.dataset.reaction = reaction;
      choice.textContent = REACTION_EMOJI[reaction];
      choice.setAttribute('aria-label', reactionName(messages, reaction));
      choice.setAttribute('aria-pressed', String(item.dataset.reaction === reaction));
      choice.addEventListener('click', () => {
        closePicker();
        actions?.change(vote, reaction);
      });
      group.append(choice);
    }
    item.append(group);
    return group;
  };

  emoji.addEventListener('click', (event) => {
    // The second click of a double-click (detail 2, 3…) would close the picker the first opened.
    if (event.detail > 1) return;
    picker ??= buildPicker();
    if (!picker.hidden) return hidePicker();
    picker.hidden = false;
    openPickers.set(picker, hidePicker);
    emoji.setAttribute('aria-expanded', 'true');
    const current = picker.querySelector<HTMLElement>('[aria-pressed="true"]');
    makeTabStop(current);
    current?.focus();
  });
  // Focus gone past the picker and its button (Tab, a click elsewhere) closes it: left open, its
  // buttons would stay in the way of Tab and of the arrows through the list.
  item.addEventListener('focusout', (event) => {
    if (!picker || picker.hidden) return;
    const next = event.relatedTarget;
    if (next instanceof Node && (next === emoji || picker.contains(next))) return;
    // Gone with the window (another tab or window), focus comes back here: hidden, its button
    // would be lost, and focus come back to the page's start.
    if (!next && !doc.hasFocus()) return;
    // A press on a button that takes no focus (Safari, Firefox on macOS) is not focus leaving.
    if (!next && (emoji.matches(':active') || picker.matches(':active'))) return;
    hidePicker();
  });
  // Within the picker, the arrows, Home and End move along its buttons, as in the toolbar above.
  item.addEventListener('keydown', (event) => {
    if (!picker || picker.hidden) return;
    const choices = [...picker.querySelectorAll<HTMLElement>('.history-choice')];
    const next = rovingFocusTarget(event, choices, picker);
    if (!next) return;
    makeTabStop(next);
    next.focus();
  });
  // Escape from the open picker or its button closes the picker; the default prevented, or the
  // browser takes the Escape as its own and closes the whole popup.
  item.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !picker || picker.hidden) return;
    if (event.target !== emoji && !picker.contains(event.target as Node)) return;
    event.preventDefault();
    event.stopPropagation();
    closePicker();
  });
  remove.addEventListener('click', (event) => {
    // The second click of a double-click (detail 2, 3…) lands on the next row's ×, which has
    // moved up under the pointer once this row is gone: it must not remove that row too.
    if (event.detail > 1) return;
    actions?.remove(vote);
  });

  // The list is one Tab stop, its rows reached with the arrows (see wireHistoryKeys).
  for (const control of [emoji, title, remove]) control.tabIndex = -1;
  item.append(emoji, title, meta, remove);
  showRowReaction(item, vote.reaction, locale);
  rowDrawings.set(item, { vote, actions, locale, today: localDay(now) });
  return item;
}

/** A row's controls, in reading order: the columns the arrow keys move along and between. */
const ROW_CONTROLS = ['.history-emoji', '.history-title', '.history-remove'];
const ROW_CONTROL = ROW_CONTROLS.join(', ');
/** Each list's one Tab stop among its rows' controls. */
const tabStops = new WeakMap<Element, HTMLElement>();
/** Rows Page Down and Page Up move: about as many as the popup shows at once. */
const PAGE_KEY_ROWS = 10;

/** Makes `control` the list's one Tab stop. */
function setTabStop(list: Element, control: HTMLElement): void {
  const previous = tabStops.get(list);
  if (previous && previous !== control) previous.tabIndex = -1;
  control.tabIndex = 0;
  tabStops.set(list, control);
}

/**
 * Makes the list one Tab stop, so that Tab gets past a history of thousands of rows (and the
 * pages that load as it nears the end) to the buttons below: the control last focused in it,
 * else the first row's title. Up and Down move to the same control of the row before or after,
 * Page Up and Page Down PAGE_KEY_ROWS rows (or to the first or last), Home and End to the first
 * or last row shown; Left and Right between a row's controls (the other way round in
 * right-to-left text). Call once per list.
 */
export function wireHistoryKeys(list: HTMLElement): void {
  list.addEventListener('focusin', (event) => {
    const control = event.target;
    if (!(control instanceof HTMLElement)) return;
    // A picker left open in another row would keep its buttons as Tab stops of the list.
    for (const [picker, hide] of openPickers) {
      if (!picker.isConnected) openPickers.delete(picker);
      else if (list.contains(picker) && !picker.closest('li.history-entry')?.contains(control)) {
        hide();
      }
    }
    if (control.matches(ROW_CONTROL)) setTabStop(list, control);
  });
  list.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const control = event.target;
    if (!(control instanceof HTMLElement)) return;
    const column = ROW_CONTROLS.findIndex((selector) => control.matches(selector));
    const row = control.closest('li.history-entry');
    if (column < 0 || !row) return;
    const rtl = getComputedStyle(list).direction === 'rtl';
    // The neighbouring rows found from this one: a list of all rows, read anew for each press,
    // took about 20 ms a press with 20,000 rows loaded.
    const moves: Record<string, () => [row: Element | null | undefined, column: number]> = {
      ArrowDown: () => [rowBeside(row, 'next'), column],
      ArrowUp: () => [rowBeside(row, 'previous'), column],
      PageDown: () => [rowsAway(row, 'next', PAGE_KEY_ROWS), column],
      PageUp: () => [rowsAway(row, 'previous', PAGE_KEY_ROWS), column],
      Home: () => [list.querySelector('li.history-entry'), column],
      End: () => [lastRow(list), column],
      [rtl ? 'ArrowLeft' : 'ArrowRight']: () => [
        row,
        Math.min(column + 1, ROW_CONTROLS.length - 1),
      ],
      [rtl ? 'ArrowRight' : 'ArrowLeft']: () => [row, Math.max(column - 1, 0)],
    };
    const move = moves[event.key]?.();
    if (!move) return;
    // Handled even at an edge: the arrows would scroll the popup instead.
    event.preventDefault();
    const [targetRow, targetColumn] = move;
    targetRow?.querySelector<HTMLElement>(ROW_CONTROLS[targetColumn]!)?.focus();
  });
}

/** The row after or before `row`, across day groups (each holds at least one row). */
function rowBeside(row: Element, side: 'next' | 'previous'): Element | null | undefined {
  const next = side === 'next';
  const sibling = next ? row.nextElementSibling : row.previousElementSibling;
  if (sibling) return sibling;
  const group = row.closest('.history-day');
  const otherDay = next ? group?.nextElementSibling : group?.previousElementSibling;
  return otherDay?.querySelector(next ? 'li.history-entry' : 'li.history-entry:last-child');
}

/** The row `count` rows after or before `row`, else the last or first there is. */
function rowsAway(row: Element, side: 'next' | 'previous', count: number): Element {
  let reached = row;
  for (let moved = 0; moved < count; moved++) {
    const next = rowBeside(reached, side);
    if (!next) break;
    reached = next;
  }
  return reached;
}

/**
 * Where focus goes as `row` leaves the list: the neighbouring row's control in the column of
 * `control` (the row's focused one; a title where it is none of them), the row after it, else
 * the one before. Focus on × stays on × (a grid's way), so that a keyboard user removes row
 * after row with Enter, and a screen reader names the article the next press removes.
 */
export function controlBeside(row: Element, control: Element | null): HTMLElement | null {
  const neighbour = rowBeside(row, 'next') ?? rowBeside(row, 'previous');
  return neighbour ? sameColumnIn(neighbour, control) : null;
}

/** The control of `row` in the column of `control` (another row's); its title for any other. */
export function sameColumnIn(row: Element, control: Element | null): HTMLElement | null {
  const column = ROW_CONTROLS.find((selector) => control?.matches(selector)) ?? '.history-title';
  return row.querySelector<HTMLElement>(column);
}

/** Gives the list a Tab stop again where it has none (new rows, or the stop's row removed). */
function keepTabStop(list: Element): void {
  const stop = tabStops.get(list);
  if (stop?.tabIndex === 0 && list.contains(stop)) return;
  const first = list.querySelector<HTMLElement>('li.history-entry .history-title');
  if (first) setTabStop(list, first);
}

/**
 * Makes the first row's title the list's Tab stop again: the list of a new search or filter is
 * entered at its first match, not at a row the reader had focused in the list before, which it
 * may hold too, far down.
 */
export function resetTabStop(list: Element): void {
  const first = list.querySelector<HTMLElement>('li.history-entry .history-title');
  if (first) setTabStop(list, first);
}

/**
 * A day's group: its heading ("Today", "Yesterday", a date) over a list of the day's rows, named
 * by it. Outside the list, a heading is not counted among the rows by screen readers.
 */
function renderDayGroup(doc: Document, time: number, now: number, locale?: string): HTMLElement {
  const day = localDay(time);
  const group = doc.createElement('div');
  group.className = 'history-day';
  group.dataset.day = day;
  const heading = doc.createElement('h2');
  heading.id = `history-day-${day}`;
  heading.textContent = dayLabel(time, now, locale);
  const rows = doc.createElement('ol');
  rows.className = 'history-rows';
  rows.setAttribute('aria-labelledby', heading.id);
  group.append(heading, rows);
  return group;
}

/** The list of a day group's rows (renderDayGroup). */
function rowListOf(group: Element): HTMLOListElement {
  return group.querySelector('ol.history-rows') as HTMLOListElement;
}

/** The last row shown. */
function lastRow(list: Element): HTMLLIElement | undefined {
  return (
    list.lastElementChild?.querySelector<HTMLLIElement>('li.history-entry:last-child') ?? undefined
  );
}

/**
 * Appends `votes` (newest first, continuing what `list` already shows) as rows, each in its day's
 * group, a new one wherever the local day changes. Returns the first row appended (none for no
 * votes).
 */
export function appendHistory(
  list: HTMLElement,
  votes: readonly Vote[],
  now: number,
  actions?: RowActions,
  locale?: string,
): HTMLLIElement | undefined {
  const doc = list.ownerDocument;
  // The list always ends with a row: a group is only added together with its first row.
  let group = list.lastElementChild;
  let firstAppended: HTMLLIElement | undefined;
  for (const vote of votes) {
    if (!(group instanceof HTMLElement) || group.dataset.day !== localDay(vote.updatedAt)) {
      group = renderDayGroup(doc, vote.updatedAt, now, locale);
      list.append(group);
    }
    const row = renderHistoryEntry(doc, vote, actions, locale, now);
    rowListOf(group).append(row);
    firstAppended ??= row;
  }
  keepTabStop(list);
  return firstAppended;
}

/** Removes a row, and its day's group when it was the day's last row. */
export function removeHistoryRow(item: HTMLElement): void {
  const group = item.closest('.history-day');
  const list = group?.parentElement;
  item.remove();
  if (group && !group.querySelector('li.history-entry')) group.remove();
  if (list) keepTabStop(list);
}

/**
 * Writes the day headings ("Today", "Yesterday", a date) and the rows' descriptions that name
 * them again for `now`: shown past midnight, "Today" is yesterday.
 */
export function refreshDayLabels(list: HTMLElement, now: number, locale?: string): void {
  for (const group of list.querySelectorAll<HTMLElement>('.history-day')) {
    const [year = 0, month = 1, date = 1] = (group.dataset.day ?? '').split('-').map(Number);
    // Noon: inside the day whatever a change of clocks does to its ends.
    const noon = new Date(year, month - 1, date, 12).getTime();
    const heading = group.querySelector('h2');
    if (heading) heading.textContent = dayLabel(noon, now, locale);
  }
  for (const item of list.querySelectorAll<HTMLElement>('li.history-entry')) {
    item.dataset.dayLabel = dayLabel(rowTime(item), now, locale);
    showRowReaction(item, item.dataset.reaction as Reaction, locale);
  }
}

/** The time a row shows, to the millisecond (its `time` element's machine-readable date). */
function rowTime(item: Element): number {
  return Date.parse(item.querySelector('time')?.dateTime ?? '');
}

/** The place of a row in the list: the article's key and the time it shows (a history cursor). */
export function rowCursor(item: HTMLElement): HistoryCursor {
  return { updatedAt: rowTime(item), key: item.dataset.key ?? '' };
}

/**
 * The rows shown on either side of the place of `vote` in the list (newest first, then by key,
 * descending, as the history is read), found by halving: a walk down 20,000 rows loaded, reading
 * each one's time, was a cost of every change shown.
 */
export function historyPlace(
  list: HTMLElement,
  vote: HistoryCursor,
): { previous: HTMLElement | undefined; next: HTMLElement | undefined } {
  const rows = list.querySelectorAll<HTMLElement>('li.history-entry');
  const isAfterVote = (row: HTMLElement) => {
    const time = rowTime(row);
    return time < vote.updatedAt || (time === vote.updatedAt && (row.dataset.key ?? '') < vote.key);
  };
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (isAfterVote(rows[middle]!)) high = middle;
    else low = middle + 1;
  }
  return { previous: rows[low - 1], next: rows[low] };
}

/**
 * Draws the row of `vote` where its time places it in the list and returns it, in a day group as
 * its day needs; undefined when that place is past the rows shown while more follow (`complete`
 * false): it comes with their page.
 */
export function placeHistoryRow(
  list: HTMLElement,
  vote: Vote,
  now: number,
  actions?: RowActions,
  locale?: string,
  complete = true,
): HTMLLIElement | undefined {
  const { previous, next } = historyPlace(list, vote);
  if (!next) {
    if (!complete) return undefined;
    appendHistory(list, [vote], now, actions, locale);
    return lastRow(list);
  }
  const doc = list.ownerDocument;
  const entry = renderHistoryEntry(doc, vote, actions, locale, now);
  const day = localDay(vote.updatedAt);
  if (localDay(rowTime(next)) === day) next.before(entry);
  else if (previous && localDay(rowTime(previous)) === day) previous.after(entry);
  else {
    // The first of its day: in a group of its own, above the next row's.
    const group = renderDayGroup(doc, vote.updatedAt, now, locale);
    rowListOf(group).append(entry);
    (next.closest('.history-day') ?? next).before(group);
  }
  keepTabStop(list);
  return entry;
}

/**
 * Draws the row of `vote` again where its time now places it (a reaction changed is dated anew:
 * at the top) and returns it (placeHistoryRow).
 */
export function moveHistoryRow(
  list: HTMLElement,
  item: HTMLElement,
  vote: Vote,
  now: number,
  actions?: RowActions,
  locale?: string,
  complete = true,
): HTMLLIElement | undefined {
  removeHistoryRow(item);
  return placeHistoryRow(list, vote, now, actions, locale, complete);
}

/**
 * Makes `items` the children of `parent`, in order, moving, adding or removing only what
 * changed: the others stay in place, untouched, and keep focus.
 */
function keepOnly(parent: Element, items: readonly Element[]): void {
  const wanted = new Set<Element>(items);
  let current = parent.firstElementChild;
  const dropUnwanted = () => {
    while (current && !wanted.has(current)) {
      const next: Element | null = current.nextElementSibling;
      current.remove();
      current = next;
    }
  };
  for (const item of items) {
    dropUnwanted();
    if (item === current) current = current.nextElementSibling;
    else parent.insertBefore(item, current);
  }
  dropUnwanted();
}

/**
 * Replaces the list with `votes` (newest first). Rows and day groups shown that would be drawn
 * the same stay where they are, untouched: an Undo 2,000 rows down draws the list anew, and
 * building and laying out every row again was most of the time it took. Focus on a row kept stays.
 */
export function renderHistory(
  list: HTMLElement,
  votes: readonly Vote[],
  now: number,
  actions?: RowActions,
  locale?: string,
): void {
  const doc = list.ownerDocument;
  const shownGroups = new Map<string, HTMLElement>();
  for (const group of list.querySelectorAll<HTMLElement>(':scope > .history-day')) {
    shownGroups.set(group.dataset.day ?? '', group);
  }
  const shownRows = new Map<string, HTMLLIElement>();
  for (const row of list.querySelectorAll<HTMLLIElement>('li.history-entry')) {
    if (row.dataset.key !== undefined) shownRows.set(row.dataset.key, row);
  }
  const context = { actions, locale, today: localDay(now) };
  const days: { group: HTMLElement; rows: HTMLLIElement[] }[] = [];
  for (const vote of votes) {
    const day = localDay(vote.updatedAt);
    let current = days.at(-1);
    if (current?.group.dataset.day !== day) {
      let group = shownGroups.get(day);
      shownGroups.delete(day);
      if (group) {
        // Kept past midnight, "Today" is named for the day it now is.
        const heading = group.querySelector('h2');
        const label = dayLabel(vote.updatedAt, now, locale);
        if (heading && heading.textContent !== label) heading.textContent = label;
      } else group = renderDayGroup(doc, vote.updatedAt, now, locale);
      current = { group, rows: [] };
      days.push(current);
    }
    const shown = shownRows.get(vote.key);
    const reused = shown && isDrawnFor(shown, vote, context);
    current.rows.push(reused ? shown : renderHistoryEntry(doc, vote, actions, locale, now));
  }
  for (const { group, rows } of days) keepOnly(rowListOf(group), rows);
  keepOnly(
    list,
    days.map(({ group }) => group),
  );
  keepTabStop(list);
}

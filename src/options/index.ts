import browser from 'webextension-polyfill';
import { createAnnouncer } from '../core/announcer';
import { FOCUS_TOOLBAR_COMMAND } from '../core/commands';
import { displayHost } from '../core/display-host';
import { failureMessageKey } from '../core/failure-kind';
import { formatCount } from '../core/format-count';
import {
  intlLocaleOf,
  isolate,
  localizeDocument,
  reactionName,
  resolveLocale,
  translate,
  type MessageKey,
} from '../core/i18n';
import { CORRECTION_KEY_PREFIX, type KeyedCorrection } from '../core/page-corrections';
import { parseSiteInput } from '../core/parse-site-input';
import { isCoveredBy } from '../core/site-list';
import { changeSettings, parseSettings, SETTINGS_KEY, type Settings } from '../core/settings';
import { CallError, callBackground, type SendMessage } from '../protocol';
import { renderReactionList, shownInOrder, type ReactionListState } from './reaction-list';

const send: SendMessage = (message) => browser.runtime.sendMessage(message);
const uiLanguage = browser.i18n.getUILanguage();
const locale = resolveLocale([uiLanguage]);
/** For the numbers the page says, written as the popup writes them (٢ in ar-EG). */
const intlLocale = intlLocaleOf(uiLanguage, locale);
const t = (key: MessageKey, ...substitutions: string[]) => translate(locale, key, substitutions);

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`options.html lacks #${id}`);
  return element as T;
}

/** The parts of the page that load and save on their own. */
type Part = 'settings' | 'sites' | 'corrections' | 'shortcut';
/** Why each part failed that has not worked since, in the reader's words, the latest last. */
const errors = new Map<Part, string>();
/**
 * The parts far down the page, each with where its failure shows beside it too: the alert at the
 * top, which screen readers tell, is out of sight there in Chrome's options dialog (600 px high).
 */
const FAILURES_BESIDE: readonly [Part, string][] = [
  ['sites', 'sites-failure'],
  ['corrections', 'corrections-failure'],
];

/**
 * Shows the latest error of a part that still fails, or nothing where all work; `retell`, for a
 * new failure, tells it again where the same words show already (a Forget that fails twice).
 * A part far down shows its own beside it, as text that is not told again.
 */
function drawErrors(retell = false): void {
  const box = byId('error');
  const latest = [...errors.values()].pop();
  const text = latest === undefined ? '' : t('optionsLoadError', latest);
  if (retell || box.textContent !== text) say(box, text);
  box.hidden = latest === undefined;
  for (const [part, id] of FAILURES_BESIDE) {
    const reason = errors.get(part);
    const beside = byId(id);
    beside.textContent = reason === undefined ? '' : t('optionsLoadError', reason);
    beside.hidden = reason === undefined;
  }
}

/** The handler of an error of `part`, which shows until that part works again (clearError). */
function failed(part: Part): (error: unknown) => void {
  return (error) => {
    errors.delete(part);
    // Never the error's own (English) words inside the page's sentence.
    errors.set(part, t(failureMessageKey(error)));
    drawErrors(true);
  };
}

/** Takes away the error of `part`, which has just worked. */
function clearError(part: Part): void {
  if (errors.delete(part)) drawErrors();
}

/** Message `key` with `element` in place of its one substitution. */
function around(key: MessageKey, element: HTMLElement): (string | HTMLElement)[] {
  const [before = '', after = ''] = t(key, '\u0000').split('\u0000');
  return [before, element, after];
}

/**
 * `host` as a reader reads it (`bücher.de`, not its punycode), set apart from the text around it,
 * left to right: in a right-to-left sentence its neutral characters would move (`[::1]` shows as
 * `[1::]`, `example.com/` as `/example.com`).
 */
function isolatedHost(host: string): HTMLElement {
  const element = document.createElement('bdi');
  element.dir = 'ltr';
  element.textContent = displayHost(host);
  return element;
}

/**
 * Puts `message` in live region `region` (an empty one quiets it); a message it shows already
 * goes back in after a silence, so that it is spoken again (createAnnouncer).
 */
const say = createAnnouncer(() => performance.now());

/** The reactions as listed here: hidden ones keep the place the reader gave them (order). */
let listState: ReactionListState | undefined;
/** This page's writes of the settings, one after the other; `savesPending` counts them. */
let saving = Promise.resolve();
let savesPending = 0;

async function readSettings(): Promise<Settings> {
  return parseSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
}

/** The Web Lock every options page holds while it reads and writes the settings. */
const SETTINGS_LOCK = 'moodmark-settings';

/** Runs `write` holding SETTINGS_LOCK, where the page has Web Locks (not jsdom). */
async function withSettingsLock(write: () => Promise<void>): Promise<void> {
  const locks: LockManager | undefined = navigator.locks;
  await (locks ? locks.request(SETTINGS_LOCK, write) : write());
}

/**
 * Writes the fields in `change` (each checked as when read) over the settings as stored now,
 * not as this page last saw them: another options page may have changed the others meanwhile.
 * Read and written under one lock with the other pages' writes: two pages changing two fields at
 * once each wrote back the other's field as it had read it, before the change. Says `saved` once
 * written.
 */
function save(change: { [Field in keyof Settings]?: unknown }, saved = t('optionsSaved')): void {
  savesPending++;
  saving = saving.then(async () => {
    try {
      await withSettingsLock(async () => {
        const { [SETTINGS_KEY]: stored } = await browser.storage.local.get(SETTINGS_KEY);
        await browser.storage.local.set({ [SETTINGS_KEY]: changeSettings(stored, change) });
      });
      clearError('settings');
      say(byId('saved'), saved);
    } catch (error) {
      failed('settings')(error);
    } finally {
      savesPending--;
    }
  });
}

/**
 * Shows the settings as stored (the first time, or again on a change), after this page's own
 * writes: the notices of those arrive late and would take back a change the reader made since.
 */
async function showStoredSettings(): Promise<void> {
  let settings: Settings;
  do {
    await saving;
    settings = await readSettings();
  } while (savesPending > 0);
  clearError('settings');
  if (
    !listState ||
    shownInOrder(listState).join() !== settings.reactions.join() ||
    listState.order.join() !== settings.order.join()
  ) {
    listState = { order: settings.order, shown: new Set(settings.reactions) };
    drawReactions(listState);
  }
  drawChoices(settings);
}

function drawReactions(state: ReactionListState): void {
  const refusal = byId('reactions-refusal');
  renderReactionList(
    byId('reactions'),
    state,
    locale,
    (next, moved) => {
      listState = next;
      say(refusal, '');
      drawReactions(next);
      // Focus stays on the arrow it was on: where the reaction went is said, not seen.
      const place =
        moved &&
        [next.order.indexOf(moved) + 1, next.order.length].map((n) => formatCount(n, intlLocale));
      const saved = place && t('optionsMoved', reactionName(locale, moved), ...place);
      save({ reactions: shownInOrder(next), order: next.order }, saved);
    },
    (message) => say(refusal, message),
  );
}

const CHOICES = ['placement', 'theme'] as const;

function drawChoices(settings: Settings): void {
  for (const name of CHOICES) {
    for (const radio of document.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`)) {
      radio.checked = radio.value === settings[name];
    }
  }
}

/**
 * Saves a choice as the reader makes it, wired once from the start: where the settings could not
 * be read yet, a choice still tries to save (over the settings as stored), never a dead control.
 */
function wireChoices(): void {
  for (const name of CHOICES) {
    for (const radio of document.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`)) {
      radio.addEventListener('change', () => {
        if (radio.checked) save({ [name]: radio.value });
      });
    }
  }
}

/** The list of sites as last drawn, one per line. */
let drawnSites: string | undefined;
/**
 * Sites in the order of their names as shown: `bücher.de` under b, not x for `xn--bcher-kva`; the
 * numbers in them by value (an address's 10.0.0.9 before 10.0.0.10).
 */
const byShownName = new Intl.Collator(locale, { numeric: true }).compare;

/**
 * Draws the list of sites turned off, as the background has it now, and resolves to it. A list
 * that has not changed is left alone; where it has, focus stays on the button of the site it
 * was on, or where that site went, moves on as keepFocusInList says (the field last).
 */
async function drawSites(): Promise<string[]> {
  const list = byId('sites');
  const { sites } = await callBackground(send, 'listDisabledSites', {});
  sites.sort((a, b) => byShownName(displayHost(a), displayHost(b)));
  clearError('sites');
  releasePressesGone('site', sites);
  if (sites.join('\n') === drawnSites) return sites;
  drawnSites = sites.join('\n');
  const focus = focusInList(list);
  list.replaceChildren(
    ...sites.map((site) => {
      const item = document.createElement('li');
      item.dataset.site = site;
      const name = document.createElement('span');
      name.append(isolatedHost(site));
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.append(...around('optionsSiteRemove', isolatedHost(site)));
      remove.addEventListener('click', (click) => {
        if (!isSecondClick(click)) pressOnce(`site ${site}`, () => setSite(site, false));
      });
      item.append(name, remove);
      return item;
    }),
  );
  byId('sites-empty').hidden = sites.length > 0;
  if (focus) keepFocusInList(list, focus, (item) => item.dataset.site, byId('site-input'));
  return sites;
}

/**
 * Turns the toolbar off (`disabled`) on `site`, or on again, and says so; resolves to whether
 * that went through. A site an entry already turns off (itself, or a domain above it) is not
 * listed again: the reader is told which entry keeps it off.
 */
async function setSite(site: string, disabled: boolean): Promise<boolean> {
  const focusedAtStart = document.activeElement;
  try {
    // A list that cannot be read does not stop the switch: the background knows its entries.
    const listed = disabled
      ? (await drawSites().catch(() => [])).find((entry) => isCoveredBy(site, entry))
      : undefined;
    let state = { site: listed ?? site, disabled };
    if (!listed) {
      state = await callBackground(send, 'setSiteDisabled', { url: `https://${site}/`, disabled });
      await drawSites().catch(failed('sites'));
    }
    // Not where the reader moved on meanwhile (the background may be slow to answer).
    const focused = document.activeElement;
    if (!disabled && (focused === focusedAtStart || focused === document.body)) {
      byId('site-input').focus();
    }
    // Isolated, as in the list: in a right-to-left sentence `[::1]` would show as `[1::]`.
    const named = isolate(displayHost(state.site));
    say(byId('saved'), t(state.disabled ? 'popupSiteOff' : 'popupSiteOn', named));
    return true;
  } catch (error) {
    // The background refuses a public suffix (`co.uk`), which would turn off every site under
    // it (core/same-site.ts, isPublicSuffix): only it has the list, kept out of this page.
    if (disabled && error instanceof CallError && error.kind === 'refused') {
      refuseSite(site);
    } else {
      failed('sites')(error);
    }
    return false;
  }
}

/** Marks the field invalid and says why, focus on it: `site` is not one site but many. */
function refuseSite(site: string): void {
  const input = byId<HTMLInputElement>('site-input');
  input.setAttribute('aria-invalid', 'true');
  input.focus();
  const shown = displayHost(site);
  say(
    byId('site-error'),
    t('optionsSitePublicSuffix', isolate(shown), isolate(`example.${shown}`)),
  );
}

function wireSiteForm(): void {
  const input = byId<HTMLInputElement>('site-input');
  const error = byId('site-error');
  // Marked invalid until the reader edits it: a screen reader would go on calling the value they
  // are correcting invalid. The error is said once, when the form is sent; emptied, it is silent.
  input.addEventListener('input', () => {
    if (input.getAttribute('aria-invalid') !== 'true') return;
    input.setAttribute('aria-invalid', 'false');
    say(error, '');
  });
  byId<HTMLFormElement>('site-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const typed = input.value;
    const site = parseSiteInput(typed);
    input.setAttribute('aria-invalid', String(!site));
    if (!site) {
      // The error is a live region for a reader who pressed Enter in the field; one who
      // pressed the button is taken to the field, to fix it.
      input.focus();
      say(error, t('optionsSiteInvalid'));
      return;
    }
    say(error, '');
    // The field keeps what was typed until the site is off: a failure must not lose it.
    void setSite(site, true).then((done) => {
      if (done && input.value === typed) input.value = '';
    });
  });
}

/** Whether the list of corrected pages has been read: until it is, it is read on each return. */
let correctionsListed = false;

/**
 * The pages where the reader showed or hid the toolbar from the popup, each one removable, as the
 * background lists them: only it tells a correction it made from one written into storage.local
 * by other hands (a content script taken over), which does not apply.
 */
async function drawCorrections(): Promise<void> {
  const { corrections } = await callBackground(send, 'listCorrections', {});
  correctionsListed = true;
  releasePressesGone('correction', corrections.map(pressedIdOf));
  clearError('corrections');
  const list = byId('corrections');
  const focus = focusInList(list);
  list.replaceChildren(
    ...corrections.map((correction, index) => {
      const item = document.createElement('li');
      item.dataset.key = correction.key;
      item.dataset.toolbar = correction.toolbar;
      const link = document.createElement('a');
      link.href = correction.url;
      link.textContent = correction.title || correction.url;
      link.dir = 'auto';
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      // Under the title: titles alike ("Live updates", a site's "Home") tell pages apart by it.
      const site = document.createElement('span');
      site.className = 'help correction-site';
      site.id = `correction-site-${index}`;
      site.append(isolatedHost(hostOfKey(correction.key)));
      const page = document.createElement('span');
      page.className = 'correction-page';
      page.append(link, site);
      const what = document.createElement('span');
      what.className = 'help';
      what.textContent = t(
        correction.toolbar === 'show' ? 'optionsCorrectionShown' : 'optionsCorrectionHidden',
      );
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = t('optionsCorrectionForget');
      // Isolated, as a title in the other direction would reorder the words around it.
      const named = isolate(correction.title || correction.url);
      remove.setAttribute('aria-label', t('optionsCorrectionRemove', named));
      // Moving from button to button, a screen reader's user hears which of two titles alike.
      remove.setAttribute('aria-describedby', site.id);
      // Open tabs of the page follow the background's notice; the list redraws on the change.
      // Said, as turning a site on again is: focus moves on to the next page's button, which
      // names that page, not the one forgotten.
      remove.addEventListener('click', (click) => {
        if (isSecondClick(click)) return;
        pressOnce(`correction ${pressedIdOf(correction)}`, () =>
          callBackground(send, 'setCorrection', { key: correction.key, correction: null }).then(
            () => {
              say(byId('saved'), t('optionsCorrectionForgotten', named));
              return true;
            },
            (error: unknown) => {
              failed('corrections')(error);
              return false;
            },
          ),
        );
      });
      // Kept together: where the title takes its own line, the two go under it side by side.
      const actions = document.createElement('span');
      actions.className = 'correction-actions';
      actions.append(what, remove);
      item.append(page, actions);
      return item;
    }),
  );
  byId('corrections-empty').hidden = corrections.length > 0;
  if (focus) {
    keepFocusInList(list, focus, (item) => item.dataset.key, byId('corrections-heading'));
  }
}

/**
 * The site of the article keyed `key` as the popup and the history name it: the key's host (a
 * user's `m.github.io` stays whole, where the page's host without its `m.` is another's), or the
 * key itself if unreadable.
 */
function hostOfKey(key: string): string {
  try {
    return new URL(key).hostname;
  } catch {
    return key;
  }
}

/**
 * A listed correction as its Forget's press is kept: by its key and when it was made, since the
 * page may be corrected again before the list redraws without the one forgotten (in the popup),
 * and the correction listed then is another to forget.
 */
function pressedIdOf({ key, setAt }: KeyedCorrection): string {
  return `${key} ${setAt}`;
}

/**
 * Whether `click` is the second of a double click (or a later one of a triple): a list redraws
 * in less time than a double click takes, so it would land on the next item's button, moved up
 * into the place of the one pressed. A click from the keyboard counts none.
 */
function isSecondClick(click: MouseEvent): boolean {
  return click.detail > 1;
}

/**
 * The items whose Forget or Turn on again was pressed (`site …`, `correction …`), kept until a
 * list is drawn without them or the press fails: pressed again before, while the background's
 * worker wakes (the list perhaps redrawn meanwhile for another change) or after its answer but
 * before the change's notice redraws the list, they would do it again and say it twice.
 */
const pressedItems = new Set<string>();

/**
 * Runs `act`, what a press of item `id`'s button does, unless it was pressed before; a press
 * that failed (`act` resolving false) leaves it to be pressed again.
 */
function pressOnce(id: string, act: () => Promise<boolean>): void {
  if (pressedItems.has(id)) return;
  pressedItems.add(id);
  void act().then((done) => {
    if (!done) pressedItems.delete(id);
  });
}

/** Lets the items of `kind` a list is drawn without be pressed again, once listed anew. */
function releasePressesGone(kind: 'site' | 'correction', listed: readonly string[]): void {
  const ids = new Set(listed.map((item) => `${kind} ${item}`));
  for (const id of pressedItems) {
    if (id.startsWith(`${kind} `) && !ids.has(id)) pressedItems.delete(id);
  }
}

/** Where focus is in `list`, an item's control, before a redraw takes that control away. */
interface ListFocus {
  item: HTMLElement;
  index: number;
  control: string;
}

function focusInList(list: HTMLElement): ListFocus | undefined {
  const focused = document.activeElement;
  const item = focused && list.contains(focused) ? focused.closest('li') : null;
  if (!item) return undefined;
  return { item, index: [...list.children].indexOf(item), control: focused!.localName };
}

/**
 * After a redraw of `list` took away the control that had focus (`focus`), focuses it again in
 * its item (the same by `idOf`), or where that item went (forgotten, turned on again), the next
 * item's button, the one before's, or `fallback`: the browser would drop focus to the page's
 * body, and a reader acting on several items goes on down the list.
 */
function keepFocusInList(
  list: HTMLElement,
  focus: ListFocus,
  idOf: (item: HTMLElement) => string | undefined,
  fallback: HTMLElement,
): void {
  const items = [...list.children] as HTMLElement[];
  const same = items.find((other) => idOf(other) === idOf(focus.item));
  const target = same
    ? same.querySelector<HTMLElement>(focus.control)
    : (items[focus.index] ?? items[focus.index - 1])?.querySelector('button');
  (target ?? fallback).focus();
}

async function drawShortcut(): Promise<void> {
  const commands = await browser.commands.getAll();
  const shortcut = commands.find((command) => command.name === FOCUS_TOOLBAR_COMMAND)?.shortcut;
  const paragraph = byId('shortcut');
  clearError('shortcut');
  if (!shortcut) {
    paragraph.textContent = t('optionsKeyboardUnset');
    return;
  }
  const kbd = document.createElement('kbd');
  kbd.textContent = shortcut;
  // In a right-to-left sentence, a shortcut such as `⌥⇧R` would otherwise show as `R⇧⌥`.
  kbd.dir = 'ltr';
  paragraph.replaceChildren(...around('optionsKeyboardHelp', kbd));
}

async function start(): Promise<void> {
  localizeDocument(document, locale);
  wireChoices();
  wireSiteForm();
  // Enter held down repeats, and each repeat clicks: one press is one click. Forget and Turn on
  // again send focus on to the next item's button or the field, which the repeats would press.
  window.addEventListener('keydown', (event) => {
    if (event.repeat && event.key === 'Enter') event.preventDefault();
  });
  // A correction made in the popup, or removed here, redraws the list, asked of the background
  // again (a change it did not make lists nothing new, as it does not apply); settings changed in
  // another options page show here. Heard from the start, so that no change made while the
  // page loads is missed, and whatever part of the page fails to load.
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    if (SETTINGS_KEY in changes) showStoredSettings().catch(failed('settings'));
    if (Object.keys(changes).some((name) => name.startsWith(CORRECTION_KEY_PREFIX))) {
      drawCorrections().catch(failed('corrections'));
    }
  });
  // Look again when the reader comes back to this page: the popup turns sites off and on too,
  // and tells only the tabs; the shortcut is set in the browser's settings, where this page
  // sends the reader. Settings and corrected pages it could not read yet are read again: until
  // they are, the list of reactions is empty and no choice shows as made, and the corrected
  // pages (read again otherwise only when one changes) are missing.
  const lookAgain = () => {
    if (!listState) showStoredSettings().catch(failed('settings'));
    if (!correctionsListed) drawCorrections().catch(failed('corrections'));
    drawSites().catch(failed('sites'));
    drawShortcut().catch(failed('shortcut'));
  };
  window.addEventListener('focus', lookAgain);
  window.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') lookAgain();
  });
  // Each part loads on its own: one that fails (the background's database did not open) leaves
  // the others working.
  await Promise.all([
    showStoredSettings().catch(failed('settings')),
    drawSites().catch(failed('sites')),
    drawCorrections().catch(failed('corrections')),
    drawShortcut().catch(failed('shortcut')),
  ]);
  document.body.dataset.ready = '';
}

void start();
